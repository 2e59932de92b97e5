/**
 * Message and modal validation, as Discord answers it (400 50035 "Invalid Form Body" naming
 * the field, see validation/form.ts). Rules come from "Message" > "Create Message" (content,
 * embeds, flags), "Message" > "Embed Limits", "Component Reference" (every component's limits
 * and allowed parents, Components V2) and "Receiving and Responding" (callback flags, modals).
 */
import { componentContext } from './validation/components.js';
import { validateEmbeds } from './validation/embeds.js';
import {
  asRecord,
  countBetween,
  FormErrors,
  lengthBetween,
  maxLength,
  type Path,
  type Refusal,
} from './validation/form.js';
import { validateComponent } from './validation/layout.js';

export type { Refusal } from './validation/form.js';

export const MESSAGE_FLAGS = {
  SUPPRESS_EMBEDS: 1 << 2,
  EPHEMERAL: 1 << 6,
  LOADING: 1 << 7,
  SUPPRESS_NOTIFICATIONS: 1 << 12,
  IS_VOICE_MESSAGE: 1 << 13,
  IS_COMPONENTS_V2: 1 << 15,
};

const F = MESSAGE_FLAGS;

/**
 * Flags a write may set. "Create Message": only SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS,
 * IS_VOICE_MESSAGE and IS_COMPONENTS_V2. "Interaction Callback Data Structure" adds EPHEMERAL;
 * a DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE may only carry EPHEMERAL (IS_COMPONENTS_V2 goes on the
 * edit of the original response). Follow-ups are webhook executions with EPHEMERAL allowed.
 */
const ALLOWED_FLAGS = {
  create: F.SUPPRESS_EMBEDS | F.SUPPRESS_NOTIFICATIONS | F.IS_VOICE_MESSAGE | F.IS_COMPONENTS_V2,
  callback:
    F.SUPPRESS_EMBEDS |
    F.EPHEMERAL |
    F.IS_COMPONENTS_V2 |
    F.IS_VOICE_MESSAGE |
    F.SUPPRESS_NOTIFICATIONS,
  deferred: F.EPHEMERAL,
  followup:
    F.SUPPRESS_EMBEDS |
    F.EPHEMERAL |
    F.IS_COMPONENTS_V2 |
    F.IS_VOICE_MESSAGE |
    F.SUPPRESS_NOTIFICATIONS,
} as const;

export type WriteKind = keyof typeof ALLOWED_FLAGS | 'edit';

export type PreviousMessage = { flags: number; content: string; embeds: unknown[] };

type MessageOptions = {
  kind: WriteKind;
  prefix?: Path;
  previous?: PreviousMessage;
  /** Files sent with the request (multipart), which count as content. */
  files?: number;
};

const present = (v: unknown) =>
  v !== undefined &&
  v !== null &&
  !(typeof v === 'string' && v === '') &&
  !(Array.isArray(v) && v.length === 0);

/**
 * Validates a message body written by the bot (create, edit, interaction callback data,
 * webhook edit, follow-up). `prefix` places the errors (`['data']` for callbacks). For an edit,
 * `previous` is the message as it stands.
 */
export function validateMessage(raw: unknown, options: MessageOptions): Refusal | null {
  const body = asRecord(raw);
  const errors = new FormErrors();
  const at = (...p: Path) => [...(options.prefix ?? []), ...p];

  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string')
      errors.add(at('content'), 'BASE_TYPE_STRING', 'Must be a string.');
    // "Message contents (up to 2000 characters)".
    else maxLength(errors, at('content'), body.content, 2000);
  }
  validateEmbeds(errors, at('embeds'), body.embeds);
  const v2 = validateFlags(errors, at, body, options);
  if (v2) refuseLegacyFields(errors, at, body, options.previous);
  validateComponents(errors, at, body.components, v2);
  if (!errors.empty) return { status: 400, body: errors.body() };

  // "At least one of content, embeds, sticker_ids, components, files[n], poll ... is required."
  const needsContent =
    options.kind === 'create' || options.kind === 'followup' || options.kind === 'callback';
  if (
    needsContent &&
    !present(body.content) &&
    !present(body.embeds) &&
    !present(body.components) &&
    !present(body.sticker_ids) &&
    !present(body.poll) &&
    !(options.files ?? 0)
  )
    return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
  return null;
}

type At = (...p: Path) => Path;

/** The flags this kind of write may set; returns whether the message ends up Components V2. */
function validateFlags(
  errors: FormErrors,
  at: At,
  body: Record<string, unknown>,
  options: MessageOptions,
): boolean {
  const requested =
    body.flags === undefined || body.flags === null ? undefined : Number(body.flags);
  if (options.kind !== 'edit' && requested !== undefined) {
    const disallowed = requested & ~ALLOWED_FLAGS[options.kind];
    if (disallowed)
      errors.add(
        at('flags'),
        'MESSAGE_FLAGS_INVALID',
        `Flags ${disallowed} cannot be set on this message`,
      );
  }
  const previousFlags = options.previous?.flags ?? 0;
  if (
    options.kind === 'edit' &&
    previousFlags & F.IS_COMPONENTS_V2 &&
    requested !== undefined &&
    !(requested & F.IS_COMPONENTS_V2)
  ) {
    // "Once a message has been sent with this flag, it can't be removed from that message."
    errors.add(
      at('flags'),
      'MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG',
      'The IS_COMPONENTS_V2 flag cannot be removed from a message',
    );
  }
  const flags = requested ?? (options.kind === 'edit' ? previousFlags : 0);
  return (flags & F.IS_COMPONENTS_V2) !== 0;
}

/**
 * "When the flag IS_COMPONENTS_V2 is set, the message can only contain components. Providing
 * content, embeds, sticker_ids, poll ... will fail with a 400". An edit that turns a message
 * into V2 must clear what the message still holds.
 */
function refuseLegacyFields(
  errors: FormErrors,
  at: At,
  body: Record<string, unknown>,
  previous: PreviousMessage | undefined,
) {
  const fields: [string, unknown][] = [
    ['content', body.content === undefined ? previous?.content : body.content],
    ['embeds', body.embeds === undefined ? previous?.embeds : body.embeds],
    ['sticker_ids', body.sticker_ids],
    ['poll', body.poll],
  ];
  for (const [field, value] of fields)
    if (present(value))
      errors.add(
        at(field),
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        `The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
      );
}

/** A message's components: each by its place, then the message-wide counts. */
function validateComponents(errors: FormErrors, at: At, components: unknown, v2: boolean) {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.add(at('components'), 'BASE_TYPE_LIST', 'Must be an array.');
    return;
  }
  const c = componentContext(errors, v2, false);
  // "Legacy messages allow up to 5 action rows as top-level components".
  if (!v2 && components.length > 5)
    errors.add(at('components'), 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  components.forEach((comp, i) => validateComponent(c, at('components', i), comp, 'message'));
  // "Messages allow up to 40 total components" (counted through every level).
  if (v2 && c.count > 40)
    errors.add(
      at('components'),
      'MESSAGE_TOTAL_COMPONENTS_EXCEEDED',
      'Must be 40 or fewer in total components.',
    );
  // Text displays share a 4000 character budget per message.
  if (c.textLength > 4000)
    errors.add(
      at('components'),
      'MESSAGE_COMPONENTS_TEXT_TOO_LONG',
      'The total length of text components must be 4000 or fewer characters.',
    );
}

/**
 * A modal ("Receiving and Responding" > "Modal"): custom_id up to 100 characters, title up to
 * 45, 1 to 5 components (labels, text displays, or the deprecated rows of one text input).
 */
export function validateModal(raw: unknown, prefix: Path = ['data']): Refusal | null {
  const data = asRecord(raw);
  const errors = new FormErrors();
  lengthBetween(errors, [...prefix, 'custom_id'], data.custom_id, 1, 100);
  lengthBetween(errors, [...prefix, 'title'], data.title, 1, 45);
  countBetween(errors, [...prefix, 'components'], data.components, 1, 5);
  const c = componentContext(errors, true, true);
  (Array.isArray(data.components) ? data.components : []).forEach((comp, i) =>
    validateComponent(c, [...prefix, 'components', i], comp, 'modal'),
  );
  return errors.empty ? null : { status: 400, body: errors.body() };
}
