/**
 * Components ("Component Reference"): their types, which types each place may hold, the checks
 * every component shares (custom ids, ids, media URLs), and walks over a component tree.
 */
import { asRecord, lengthBetween, type FormErrors, type Path } from './form.js';

export const TYPE = {
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

export const SELECTS: number[] = [
  TYPE.STRING_SELECT,
  TYPE.USER_SELECT,
  TYPE.ROLE_SELECT,
  TYPE.MENTIONABLE_SELECT,
  TYPE.CHANNEL_SELECT,
];

/** Where a component sits: it decides which types are allowed there. */
export type Slot = 'message' | 'row' | 'section' | 'accessory' | 'container' | 'modal' | 'label';

/**
 * Allowed children per slot. Top level of a V2 message: "must be one of (1, 9, 10, 12, 13, 14,
 * 17)" (Discord's own UNION_TYPE_CHOICES answer); of a legacy message: action rows only
 * ("Legacy Message Component Behavior"). Container children, section children and accessory,
 * label children and modal top level: as listed on each component's reference entry.
 */
export function allowedIn(slot: Slot, v2: boolean): number[] {
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

/** What the walk over one message's (or modal's) components has seen so far. */
export type ComponentContext = {
  errors: FormErrors;
  v2: boolean;
  inModal: boolean;
  customIds: Set<string>;
  ids: Set<number>;
  count: number;
  textLength: number;
};

export function componentContext(errors: FormErrors, v2: boolean, inModal: boolean) {
  const c: ComponentContext = {
    errors,
    v2,
    inModal,
    customIds: new Set(),
    ids: new Set(),
    count: 0,
    textLength: 0,
  };
  return c;
}

const isMediaUrl = (url: unknown) =>
  typeof url === 'string' && /^(https?:\/\/|attachment:\/\/)/i.test(url);

export function validateMedia(
  c: ComponentContext,
  path: Path,
  media: unknown,
  attachmentOnly = false,
) {
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

export function validateCustomId(c: ComponentContext, path: Path, customId: unknown) {
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

/** A component's optional numeric `id`: an integer, unique within the message. */
export function validateId(c: ComponentContext, path: Path, id: unknown) {
  if (id === undefined || id === 0) return;
  if (typeof id !== 'number' || !Number.isInteger(id))
    c.errors.add([...path, 'id'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
  else if (c.ids.has(id))
    // "The id must be unique within the message".
    c.errors.add([...path, 'id'], 'COMPONENT_ID_DUPLICATED', 'Component id must be unique');
  else c.ids.add(id);
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
