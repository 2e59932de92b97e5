/**
 * Message and modal validation, as Discord answers it: 400 with code 50035 "Invalid Form Body"
 * and an `errors` tree that names the field ("Reference" > "Error Messages"), e.g.
 * `{ "content": { "_errors": [{ "code": "BASE_TYPE_MAX_LENGTH", "message": "..." }] } }`.
 *
 * Rules come from "Message" > "Create Message" (content, embeds, flags), "Message" > "Embed
 * Limits", "Component Reference" (every component's limits and allowed parents, Components V2)
 * and "Receiving and Responding" (callback flags, modals).
 */

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

type ErrorEntry = { code: string; message: string };
export type ErrorTree = {
  _errors?: ErrorEntry[];
  [key: string]: ErrorTree | ErrorEntry[] | undefined;
};
type Path = (string | number)[];

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

/** Characters as Discord counts them (code points, not UTF-16 units). */
const length = (s: string) => [...s].length;

function maxLength(errors: FormErrors, path: Path, value: unknown, max: number) {
  if (typeof value === 'string' && length(value) > max)
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

function lengthBetween(errors: FormErrors, path: Path, value: unknown, min: number, max: number) {
  if (typeof value !== 'string' || length(value) < min || length(value) > max)
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

function countBetween(errors: FormErrors, path: Path, value: unknown, min: number, max: number) {
  const n = Array.isArray(value) ? value.length : 0;
  if (n < min || n > max)
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

function intBetween(errors: FormErrors, path: Path, value: unknown, min: number, max: number) {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    errors.add(
      path,
      'NUMBER_TYPE_MAX',
      `int value should be greater than or equal to ${min} and less than or equal to ${max}.`,
    );
}

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

// ---- Embeds ("Message" > "Embed Limits") -------------------------------------------------

/** Embed text as counted toward the 6000 total: trimmed, as Discord trims it. */
const trimmedLength = (v: unknown) => (typeof v === 'string' ? length(v.trim()) : 0);

function validateEmbeds(errors: FormErrors, path: Path, embeds: unknown) {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.add(path, 'BASE_TYPE_LIST', 'Must be an array.');
    return;
  }
  if (embeds.length > 10)
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((raw, i) => {
    const e = asRecord(raw);
    const at = [...path, i];
    const trimmedMax = (p: Path, v: unknown, max: number) => {
      if (trimmedLength(v) > max)
        errors.add(p, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    };
    trimmedMax([...at, 'title'], e.title, 256);
    trimmedMax([...at, 'description'], e.description, 4096);
    const footer = asRecord(e.footer);
    const author = asRecord(e.author);
    trimmedMax([...at, 'footer', 'text'], footer.text, 2048);
    trimmedMax([...at, 'author', 'name'], author.name, 256);
    total +=
      trimmedLength(e.title) +
      trimmedLength(e.description) +
      trimmedLength(footer.text) +
      trimmedLength(author.name);
    const fields = e.fields;
    if (Array.isArray(fields)) {
      if (fields.length > 25)
        errors.add([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      fields.forEach((rawField, j) => {
        const f = asRecord(rawField);
        for (const [key, max] of [
          ['name', 256],
          ['value', 1024],
        ] as const) {
          if (trimmedLength(f[key]) === 0)
            errors.add([...at, 'fields', j, key], 'BASE_TYPE_REQUIRED', 'This field is required');
          else trimmedMax([...at, 'fields', j, key], f[key], max);
        }
        total += trimmedLength(f.name) + trimmedLength(f.value);
      });
    }
  });
  // "the combined sum of characters in all title, description, field.name, field.value,
  // footer.text, and author.name fields across all embeds ... must not exceed 6000".
  if (total > 6000)
    errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

// ---- Components ("Component Reference") ----------------------------------------------------

const TYPE = {
  ACTION_ROW: 1,
  BUTTON: 2,
  STRING_SELECT: 3,
  TEXT_INPUT: 4,
  USER_SELECT: 5,
  ROLE_SELECT: 6,
  MENTIONABLE_SELECT: 7,
  CHANNEL_SELECT: 8,
  SECTION: 9,
  TEXT_DISPLAY: 10,
  THUMBNAIL: 11,
  MEDIA_GALLERY: 12,
  FILE: 13,
  SEPARATOR: 14,
  CONTAINER: 17,
  LABEL: 18,
  FILE_UPLOAD: 19,
  RADIO_GROUP: 21,
  CHECKBOX_GROUP: 22,
  CHECKBOX: 23,
} as const;

const SELECTS: number[] = [
  TYPE.STRING_SELECT,
  TYPE.USER_SELECT,
  TYPE.ROLE_SELECT,
  TYPE.MENTIONABLE_SELECT,
  TYPE.CHANNEL_SELECT,
];

/** Where a component sits: it decides which types are allowed there. */
type Slot = 'message' | 'row' | 'section' | 'accessory' | 'container' | 'modal' | 'label';

/**
 * Allowed children per slot. Top level of a V2 message: "must be one of (1, 9, 10, 12, 13, 14,
 * 17)" (Discord's own UNION_TYPE_CHOICES answer); of a legacy message: action rows only
 * ("Legacy Message Component Behavior"). Container children, section children and accessory,
 * label children and modal top level: as listed on each component's reference entry.
 */
function allowedIn(slot: Slot, v2: boolean): number[] {
  switch (slot) {
    case 'message':
      return v2
        ? [
            TYPE.ACTION_ROW,
            TYPE.SECTION,
            TYPE.TEXT_DISPLAY,
            TYPE.MEDIA_GALLERY,
            TYPE.FILE,
            TYPE.SEPARATOR,
            TYPE.CONTAINER,
          ]
        : [TYPE.ACTION_ROW];
    case 'container':
      return [
        TYPE.ACTION_ROW,
        TYPE.TEXT_DISPLAY,
        TYPE.SECTION,
        TYPE.MEDIA_GALLERY,
        TYPE.SEPARATOR,
        TYPE.FILE,
      ];
    case 'row':
      return [TYPE.BUTTON, ...SELECTS];
    case 'section':
      return [TYPE.TEXT_DISPLAY];
    case 'accessory':
      return [TYPE.BUTTON, TYPE.THUMBNAIL];
    case 'modal':
      return [TYPE.LABEL, TYPE.TEXT_DISPLAY, TYPE.ACTION_ROW];
    case 'label':
      return [
        TYPE.TEXT_INPUT,
        ...SELECTS,
        TYPE.FILE_UPLOAD,
        TYPE.RADIO_GROUP,
        TYPE.CHECKBOX_GROUP,
        TYPE.CHECKBOX,
      ];
  }
}

type ComponentContext = {
  errors: FormErrors;
  v2: boolean;
  inModal: boolean;
  customIds: Set<string>;
  ids: Set<number>;
  count: number;
  textLength: number;
};

const isMediaUrl = (url: unknown) =>
  typeof url === 'string' && /^(https?:\/\/|attachment:\/\/)/i.test(url);

function validateMedia(c: ComponentContext, path: Path, media: unknown, attachmentOnly = false) {
  const url = asRecord(media).url;
  const attachment = typeof url === 'string' && /^attachment:\/\//i.test(url);
  if (attachmentOnly ? !attachment : !isMediaUrl(url))
    c.errors.add(
      [...path, 'url'],
      'UNFURLED_MEDIA_ITEM_URL_INVALID',
      attachmentOnly
        ? 'Only attachment:// references are supported here'
        : 'Scheme must be one of (http, https, attachment)',
    );
}

function validateCustomId(c: ComponentContext, path: Path, customId: unknown) {
  lengthBetween(c.errors, [...path, 'custom_id'], customId, 1, 100);
  if (typeof customId === 'string') {
    // "Multiple components on the same message must not share the same custom_id."
    if (c.customIds.has(customId))
      c.errors.add(
        [...path, 'custom_id'],
        'COMPONENT_CUSTOM_ID_DUPLICATED',
        'Component custom id cannot be duplicated',
      );
    c.customIds.add(customId);
  }
}

function validateComponent(c: ComponentContext, path: Path, raw: unknown, slot: Slot) {
  const comp = asRecord(raw);
  const type = comp.type;
  c.count += 1;
  const allowed = allowedIn(slot, c.v2);
  if (typeof type !== 'number' || !allowed.includes(type)) {
    c.errors.add(
      [...path, 'type'],
      'UNION_TYPE_CHOICES',
      `Value of field "type" must be one of (${allowed.join(', ')}).`,
    );
    return;
  }
  if (comp.id !== undefined && comp.id !== 0) {
    if (typeof comp.id !== 'number' || !Number.isInteger(comp.id))
      c.errors.add([...path, 'id'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
    else if (c.ids.has(comp.id))
      // "The id must be unique within the message".
      c.errors.add([...path, 'id'], 'COMPONENT_ID_DUPLICATED', 'Component id must be unique');
    else c.ids.add(comp.id);
  }
  const e = c.errors;
  switch (type) {
    case TYPE.ACTION_ROW: {
      const children = Array.isArray(comp.components) ? comp.components : [];
      if (children.length === 0 || children.length > 5)
        e.add(
          [...path, 'components'],
          'BASE_TYPE_BAD_LENGTH',
          'Must be between 1 and 5 in length.',
        );
      const childSlot: Slot = c.inModal ? 'label' : 'row';
      const types = children.map((ch) => asRecord(ch).type);
      // "Up to 5 buttons, or a single select" (in a modal: a single text input).
      const single = types.some((t) => t !== TYPE.BUTTON);
      if (single && children.length > 1)
        e.add(
          [...path, 'components'],
          'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          'The specified component exceeds the maximum width',
        );
      children.forEach((ch, i) => {
        if (c.inModal) {
          // Deprecated modal form: a row holding one text input, which then needs a label.
          validateComponent(c, [...path, 'components', i], ch, childSlot);
          lengthBetween(e, [...path, 'components', i, 'label'], asRecord(ch).label, 1, 45);
        } else validateComponent(c, [...path, 'components', i], ch, 'row');
      });
      return;
    }
    case TYPE.BUTTON: {
      const style = comp.style;
      maxLength(e, [...path, 'label'], comp.label, 80);
      if (typeof style !== 'number' || style < 1 || style > 6) {
        e.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
        return;
      }
      if (style === 5) {
        // "Link buttons must have a url, and cannot have a custom_id".
        if (typeof comp.url !== 'string' || !comp.url)
          e.add([...path, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
        else maxLength(e, [...path, 'url'], comp.url, 512);
        if (comp.custom_id !== undefined)
          e.add(
            [...path, 'custom_id'],
            'BUTTON_COMPONENT_CUSTOM_ID_FORBIDDEN',
            'A link button cannot have a custom_id',
          );
      } else if (style === 6) {
        if (!comp.sku_id)
          e.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
      } else {
        // "Non-link and non-premium buttons must have a custom_id, and cannot have a url".
        validateCustomId(c, path, comp.custom_id);
        if (comp.url !== undefined)
          e.add([...path, 'url'], 'BUTTON_COMPONENT_URL_FORBIDDEN', 'Only link buttons have a url');
      }
      return;
    }
    case TYPE.STRING_SELECT:
    case TYPE.USER_SELECT:
    case TYPE.ROLE_SELECT:
    case TYPE.MENTIONABLE_SELECT:
    case TYPE.CHANNEL_SELECT: {
      validateCustomId(c, path, comp.custom_id);
      maxLength(e, [...path, 'placeholder'], comp.placeholder, 150);
      intBetween(e, [...path, 'min_values'], comp.min_values, 0, 25);
      intBetween(e, [...path, 'max_values'], comp.max_values, 1, 25);
      if (c.inModal && comp.disabled !== undefined)
        // "Using disabled in a modal will result in an error."
        e.add([...path, 'disabled'], 'COMPONENT_DISABLED_FORBIDDEN', 'Modals cannot be disabled');
      if (type === TYPE.STRING_SELECT) {
        countBetween(e, [...path, 'options'], comp.options, 1, 25);
        (Array.isArray(comp.options) ? comp.options : []).forEach((o, i) => {
          const opt = asRecord(o);
          lengthBetween(e, [...path, 'options', i, 'label'], opt.label, 1, 100);
          lengthBetween(e, [...path, 'options', i, 'value'], opt.value, 1, 100);
          maxLength(e, [...path, 'options', i, 'description'], opt.description, 100);
        });
      }
      return;
    }
    case TYPE.TEXT_INPUT: {
      validateCustomId(c, path, comp.custom_id);
      if (comp.style !== 1 && comp.style !== 2)
        e.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
      intBetween(e, [...path, 'min_length'], comp.min_length, 0, 4000);
      intBetween(e, [...path, 'max_length'], comp.max_length, 1, 4000);
      maxLength(e, [...path, 'value'], comp.value, 4000);
      maxLength(e, [...path, 'placeholder'], comp.placeholder, 100);
      return;
    }
    case TYPE.SECTION: {
      // "One to three child components" and an accessory (button or thumbnail).
      countBetween(e, [...path, 'components'], comp.components, 1, 3);
      (Array.isArray(comp.components) ? comp.components : []).forEach((ch, i) =>
        validateComponent(c, [...path, 'components', i], ch, 'section'),
      );
      if (comp.accessory === undefined || comp.accessory === null)
        e.add([...path, 'accessory'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else validateComponent(c, [...path, 'accessory'], comp.accessory, 'accessory');
      return;
    }
    case TYPE.TEXT_DISPLAY: {
      if (typeof comp.content !== 'string' || comp.content.length === 0)
        e.add([...path, 'content'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else c.textLength += length(comp.content);
      return;
    }
    case TYPE.THUMBNAIL: {
      validateMedia(c, [...path, 'media'], comp.media);
      maxLength(e, [...path, 'description'], comp.description, 1024);
      return;
    }
    case TYPE.MEDIA_GALLERY: {
      // "1 to 10 media gallery items".
      countBetween(e, [...path, 'items'], comp.items, 1, 10);
      (Array.isArray(comp.items) ? comp.items : []).forEach((item, i) => {
        validateMedia(c, [...path, 'items', i, 'media'], asRecord(item).media);
        maxLength(e, [...path, 'items', i, 'description'], asRecord(item).description, 1024);
      });
      return;
    }
    case TYPE.FILE: {
      // "only supports attachment references using the attachment://<filename> syntax".
      validateMedia(c, [...path, 'file'], comp.file, true);
      return;
    }
    case TYPE.SEPARATOR: {
      if (comp.spacing !== undefined && comp.spacing !== 1 && comp.spacing !== 2)
        e.add([...path, 'spacing'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
      return;
    }
    case TYPE.CONTAINER: {
      const color = comp.accent_color;
      if (color !== undefined && color !== null)
        intBetween(e, [...path, 'accent_color'], color, 0, 0xffffff);
      const children = Array.isArray(comp.components) ? comp.components : [];
      if (children.length === 0)
        e.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be 1 or more in length.');
      children.forEach((ch, i) =>
        validateComponent(c, [...path, 'components', i], ch, 'container'),
      );
      return;
    }
    case TYPE.LABEL: {
      lengthBetween(e, [...path, 'label'], comp.label, 1, 45);
      maxLength(e, [...path, 'description'], comp.description, 100);
      if (comp.component === undefined)
        e.add([...path, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
      else validateComponent(c, [...path, 'component'], comp.component, 'label');
      return;
    }
    case TYPE.FILE_UPLOAD: {
      validateCustomId(c, path, comp.custom_id);
      intBetween(e, [...path, 'min_values'], comp.min_values, 0, 10);
      intBetween(e, [...path, 'max_values'], comp.max_values, 1, 10);
      return;
    }
    default:
      return;
  }
}

// ---- Messages -------------------------------------------------------------------------------

export type PreviousMessage = { flags: number; content: string; embeds: unknown[] };

/** A refusal: the HTTP status and the body Discord answers with. */
export type Refusal = { status: number; body: unknown };

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
export function validateMessage(
  raw: unknown,
  options: {
    kind: WriteKind;
    prefix?: Path;
    previous?: PreviousMessage;
    /** Files sent with the request (multipart), which count as content. */
    files?: number;
  },
): Refusal | null {
  const body = asRecord(raw);
  const prefix = options.prefix ?? [];
  const errors = new FormErrors();
  const at = (...p: Path) => [...prefix, ...p];

  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string')
      errors.add(at('content'), 'BASE_TYPE_STRING', 'Must be a string.');
    // "Message contents (up to 2000 characters)".
    else maxLength(errors, at('content'), body.content, 2000);
  }
  validateEmbeds(errors, at('embeds'), body.embeds);

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
  const v2 = (flags & F.IS_COMPONENTS_V2) !== 0;

  if (v2) {
    // "When the flag IS_COMPONENTS_V2 is set, the message can only contain components.
    // Providing content, embeds, sticker_ids, poll ... will fail with a 400". An edit that
    // turns a message into V2 must clear what the message still holds.
    const fields: [string, unknown][] = [
      ['content', body.content === undefined ? options.previous?.content : body.content],
      ['embeds', body.embeds === undefined ? options.previous?.embeds : body.embeds],
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

  if (body.components !== undefined && body.components !== null) {
    if (!Array.isArray(body.components)) {
      errors.add(at('components'), 'BASE_TYPE_LIST', 'Must be an array.');
    } else {
      const c: ComponentContext = {
        errors,
        v2,
        inModal: false,
        customIds: new Set(),
        ids: new Set(),
        count: 0,
        textLength: 0,
      };
      // "Legacy messages allow up to 5 action rows as top-level components".
      if (!v2 && body.components.length > 5)
        errors.add(at('components'), 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
      body.components.forEach((comp, i) =>
        validateComponent(c, at('components', i), comp, 'message'),
      );
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
  }

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
  const c: ComponentContext = {
    errors,
    v2: true,
    inModal: true,
    customIds: new Set(),
    ids: new Set(),
    count: 0,
    textLength: 0,
  };
  (Array.isArray(data.components) ? data.components : []).forEach((comp, i) =>
    validateComponent(c, [...prefix, 'components', i], comp, 'modal'),
  );
  return errors.empty ? null : { status: 400, body: errors.body() };
}

/**
 * Assigns sequential `id`s to components that have none, as Discord does ("The id field ... is
 * generated sequentially if left empty"), skipping ids already used in the message.
 */
export function assignComponentIds(components: unknown[]): void {
  const used = new Set<number>();
  const all: Record<string, unknown>[] = [];
  const walk = (raw: unknown) => {
    const comp = asRecord(raw);
    if (typeof comp.type !== 'number') return;
    all.push(comp);
    if (typeof comp.id === 'number' && comp.id !== 0) used.add(comp.id);
    for (const child of Array.isArray(comp.components) ? comp.components : []) walk(child);
    if (comp.accessory) walk(comp.accessory);
    if (comp.component) walk(comp.component);
  };
  components.forEach(walk);
  let next = 1;
  for (const comp of all) {
    if (typeof comp.id === 'number' && comp.id !== 0) continue;
    while (used.has(next)) next += 1;
    comp.id = next;
    used.add(next);
  }
}

/** Finds a component by custom_id anywhere in a message's components. */
export function findComponent(
  components: unknown,
  customId: string,
): Record<string, unknown> | undefined {
  for (const raw of Array.isArray(components) ? components : []) {
    const comp = asRecord(raw);
    if (comp.custom_id === customId) return comp;
    const inner =
      findComponent(comp.components, customId) ??
      (comp.accessory ? findComponent([comp.accessory], customId) : undefined);
    if (inner) return inner;
  }
  return undefined;
}
