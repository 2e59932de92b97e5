/**
 * Discord's answer to a bad body: 400 with code 50035 "Invalid Form Body" and an `errors` tree
 * that names the field ("Reference" > "Error Messages"), e.g.
 * `{ "content": { "_errors": [{ "code": "BASE_TYPE_MAX_LENGTH", "message": "..." }] } }`,
 * and the field checks that fill it.
 */

type ErrorEntry = { code: string; message: string };
export type ErrorTree = {
  _errors?: ErrorEntry[];
  [key: string]: ErrorTree | ErrorEntry[] | undefined;
};
export type Path = (string | number)[];

export class FormErrors {
  readonly tree: ErrorTree = {};
  private count = 0;

  add(path: Path, code: string, message: string) {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as ErrorTree;
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  get empty() {
    return this.count === 0;
  }

  /** The body Discord answers with. */
  body() {
    return { message: 'Invalid Form Body', code: 50035, errors: this.tree };
  }
}

/** A refusal: the HTTP status and the body Discord answers with. */
export type Refusal = { status: number; body: unknown };

/** Characters as Discord counts them (code points, not UTF-16 units). */
export const length = (s: string) => [...s].length;

export function maxLength(errors: FormErrors, path: Path, value: unknown, max: number) {
  if (typeof value === 'string' && length(value) > max)
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

export function lengthBetween(
  errors: FormErrors,
  path: Path,
  value: unknown,
  min: number,
  max: number,
) {
  if (typeof value !== 'string' || length(value) < min || length(value) > max)
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

export function countBetween(
  errors: FormErrors,
  path: Path,
  value: unknown,
  min: number,
  max: number,
) {
  const n = Array.isArray(value) ? value.length : 0;
  if (n < min || n > max)
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

export function intBetween(
  errors: FormErrors,
  path: Path,
  value: unknown,
  min: number,
  max: number,
) {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    errors.add(
      path,
      'NUMBER_TYPE_MAX',
      `int value should be greater than or equal to ${min} and less than or equal to ${max}.`,
    );
}

export const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
