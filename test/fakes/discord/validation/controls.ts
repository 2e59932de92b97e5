/** The components people use: buttons, selects, text inputs and file uploads. */
import { validateCustomId, TYPE, type ComponentContext } from './components.js';
import { asRecord, countBetween, intBetween, lengthBetween, maxLength, type Path } from './form.js';

type Component = Record<string, unknown>;

export function validateButton(c: ComponentContext, path: Path, comp: Component) {
  const e = c.errors;
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
    if (!comp.sku_id) e.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    // "Non-link and non-premium buttons must have a custom_id, and cannot have a url".
    validateCustomId(c, path, comp.custom_id);
    if (comp.url !== undefined)
      e.add([...path, 'url'], 'BUTTON_COMPONENT_URL_FORBIDDEN', 'Only link buttons have a url');
  }
}

/** String, user, role, mentionable and channel selects. */
export function validateSelect(c: ComponentContext, path: Path, comp: Component) {
  const e = c.errors;
  validateCustomId(c, path, comp.custom_id);
  maxLength(e, [...path, 'placeholder'], comp.placeholder, 150);
  intBetween(e, [...path, 'min_values'], comp.min_values, 0, 25);
  intBetween(e, [...path, 'max_values'], comp.max_values, 1, 25);
  if (c.inModal && comp.disabled !== undefined)
    // "Using disabled in a modal will result in an error."
    e.add([...path, 'disabled'], 'COMPONENT_DISABLED_FORBIDDEN', 'Modals cannot be disabled');
  if (comp.type === TYPE.STRING_SELECT) {
    countBetween(e, [...path, 'options'], comp.options, 1, 25);
    (Array.isArray(comp.options) ? comp.options : []).forEach((o, i) => {
      const opt = asRecord(o);
      lengthBetween(e, [...path, 'options', i, 'label'], opt.label, 1, 100);
      lengthBetween(e, [...path, 'options', i, 'value'], opt.value, 1, 100);
      maxLength(e, [...path, 'options', i, 'description'], opt.description, 100);
    });
  }
}

export function validateTextInput(c: ComponentContext, path: Path, comp: Component) {
  const e = c.errors;
  validateCustomId(c, path, comp.custom_id);
  if (comp.style !== 1 && comp.style !== 2)
    e.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  intBetween(e, [...path, 'min_length'], comp.min_length, 0, 4000);
  intBetween(e, [...path, 'max_length'], comp.max_length, 1, 4000);
  maxLength(e, [...path, 'value'], comp.value, 4000);
  maxLength(e, [...path, 'placeholder'], comp.placeholder, 100);
}

export function validateFileUpload(c: ComponentContext, path: Path, comp: Component) {
  validateCustomId(c, path, comp.custom_id);
  intBetween(c.errors, [...path, 'min_values'], comp.min_values, 0, 10);
  intBetween(c.errors, [...path, 'max_values'], comp.max_values, 1, 10);
}
