/** One line of `npm run doctor`: what was checked, how it went, and what to fix. */
export type CheckResult = {
  check: string;
  status: 'ok' | 'warn' | 'fail';
  /** What was found; for a failure, what to change (naming the variable). */
  detail: string;
};

export const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
export const warn = (check: string, detail: string): CheckResult => ({
  check,
  status: 'warn',
  detail,
});
export const fail = (check: string, detail: string): CheckResult => ({
  check,
  status: 'fail',
  detail,
});

/** The short reason a request failed, for a line (never a token: errors here carry none). */
export function reasonOf(err: unknown): string {
  const e = err as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
}
