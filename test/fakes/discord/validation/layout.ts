/**
 * The walk over a component tree: each component checked against the place it sits in, then by
 * its type. Layout components (rows, sections, containers, labels) recurse into their children;
 * content components (text, thumbnails, galleries, files, separators) are checked here too, the
 * interactive ones in controls.ts.
 */
import {
  allowedIn,
  SELECTS,
  TYPE,
  validateId,
  validateMedia,
  type ComponentContext,
  type Slot,
} from './components.js';
import {
  validateButton,
  validateFileUpload,
  validateSelect,
  validateTextInput,
} from './controls.js';
import {
  asRecord,
  countBetween,
  intBetween,
  length,
  lengthBetween,
  maxLength,
  type Path,
} from './form.js';

type Component = Record<string, unknown>;
type Check = (c: ComponentContext, path: Path, comp: Component) => void;

const CHECKS: Partial<Record<number, Check>> = {
  [TYPE.ACTION_ROW]: validateActionRow,
  [TYPE.BUTTON]: validateButton,
  ...Object.fromEntries(SELECTS.map((t) => [t, validateSelect])),
  [TYPE.TEXT_INPUT]: validateTextInput,
  [TYPE.SECTION]: validateSection,
  [TYPE.TEXT_DISPLAY]: validateTextDisplay,
  [TYPE.THUMBNAIL]: validateThumbnail,
  [TYPE.MEDIA_GALLERY]: validateMediaGallery,
  // "only supports attachment references using the attachment://<filename> syntax".
  [TYPE.FILE]: (c, path, comp) => validateMedia(c, [...path, 'file'], comp.file, true),
  [TYPE.SEPARATOR]: validateSeparator,
  [TYPE.CONTAINER]: validateContainer,
  [TYPE.LABEL]: validateLabel,
  [TYPE.FILE_UPLOAD]: validateFileUpload,
};

export function validateComponent(c: ComponentContext, path: Path, raw: unknown, slot: Slot) {
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
  validateId(c, path, comp.id);
  CHECKS[type]?.(c, path, comp);
}

function validateActionRow(c: ComponentContext, path: Path, comp: Component) {
  const e = c.errors;
  const children = Array.isArray(comp.components) ? comp.components : [];
  if (children.length === 0 || children.length > 5)
    e.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
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
      validateComponent(c, [...path, 'components', i], ch, 'label');
      lengthBetween(e, [...path, 'components', i, 'label'], asRecord(ch).label, 1, 45);
    } else validateComponent(c, [...path, 'components', i], ch, 'row');
  });
}

function validateSection(c: ComponentContext, path: Path, comp: Component) {
  // "One to three child components" and an accessory (button or thumbnail).
  countBetween(c.errors, [...path, 'components'], comp.components, 1, 3);
  (Array.isArray(comp.components) ? comp.components : []).forEach((ch, i) =>
    validateComponent(c, [...path, 'components', i], ch, 'section'),
  );
  if (comp.accessory === undefined || comp.accessory === null)
    c.errors.add([...path, 'accessory'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else validateComponent(c, [...path, 'accessory'], comp.accessory, 'accessory');
}

function validateTextDisplay(c: ComponentContext, path: Path, comp: Component) {
  if (typeof comp.content !== 'string' || comp.content.length === 0)
    c.errors.add([...path, 'content'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else c.textLength += length(comp.content);
}

function validateThumbnail(c: ComponentContext, path: Path, comp: Component) {
  validateMedia(c, [...path, 'media'], comp.media);
  maxLength(c.errors, [...path, 'description'], comp.description, 1024);
}

function validateMediaGallery(c: ComponentContext, path: Path, comp: Component) {
  // "1 to 10 media gallery items".
  countBetween(c.errors, [...path, 'items'], comp.items, 1, 10);
  (Array.isArray(comp.items) ? comp.items : []).forEach((item, i) => {
    validateMedia(c, [...path, 'items', i, 'media'], asRecord(item).media);
    maxLength(c.errors, [...path, 'items', i, 'description'], asRecord(item).description, 1024);
  });
}

function validateSeparator(c: ComponentContext, path: Path, comp: Component) {
  if (comp.spacing !== undefined && comp.spacing !== 1 && comp.spacing !== 2)
    c.errors.add([...path, 'spacing'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
}

function validateContainer(c: ComponentContext, path: Path, comp: Component) {
  const color = comp.accent_color;
  if (color !== undefined && color !== null)
    intBetween(c.errors, [...path, 'accent_color'], color, 0, 0xffffff);
  const children = Array.isArray(comp.components) ? comp.components : [];
  if (children.length === 0)
    c.errors.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be 1 or more in length.');
  children.forEach((ch, i) => validateComponent(c, [...path, 'components', i], ch, 'container'));
}

function validateLabel(c: ComponentContext, path: Path, comp: Component) {
  lengthBetween(c.errors, [...path, 'label'], comp.label, 1, 45);
  maxLength(c.errors, [...path, 'description'], comp.description, 100);
  if (comp.component === undefined)
    c.errors.add([...path, 'component'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else validateComponent(c, [...path, 'component'], comp.component, 'label');
}
