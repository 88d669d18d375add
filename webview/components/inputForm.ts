// The app's input form (user_input_form: text-input, paragraph, select, number). Required fields are
// enforced before sending; values belong to the conversation (the host keeps them) and are read-only
// once it has started.
import type { InputFieldView, InputValue, InputValues } from '../../src/shared/chatState';
import { h, replaceChildren, setHidden } from '../dom';
import { Tag } from '../elements';
import type { ValueElement } from '../elements';
import { t } from '../l10n';

interface Control {
  field: InputFieldView;
  /** What goes in the form row. */
  root: HTMLElement;
  read(): string;
  focus(): void;
}

/** Reads a field's value from its text; undefined when empty (or not a number for number fields). */
export function parseFieldValue(field: InputFieldView, text: string): InputValue | undefined {
  if (field.type === 'number') {
    const t = text.trim();
    if (t === '') return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  return text === '' ? undefined : text;
}

/** The labels of required fields that have no value. */
export function missingRequired(fields: readonly InputFieldView[], values: InputValues): string[] {
  return fields.filter((f) => f.required && (values[f.variable] === undefined || String(values[f.variable]).trim() === '')).map((f) => f.label || f.variable);
}

/** Initial values: what the conversation has, else each field's default. */
export function initialValues(fields: readonly InputFieldView[], values: InputValues): InputValues {
  const out: InputValues = {};
  for (const f of fields) {
    const v = Object.prototype.hasOwnProperty.call(values, f.variable) ? values[f.variable] : f.default;
    if (v !== undefined && v !== '') out[f.variable] = v;
  }
  return out;
}

export class InputFormView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly error: HTMLElement;
  private controls: Control[] = [];
  private fields: InputFieldView[] = [];
  private locked = false;
  private key = '';

  constructor(private readonly onChange: (values: InputValues) => void) {
    this.body = h('div', { class: 'input-fields' });
    this.error = h('div', { class: 'input-error', role: 'status' });
    this.el = h('section', { class: 'input-form', 'aria-label': t('App inputs') }, this.body, this.error);
    this.el.hidden = true;
    this.error.hidden = true;
  }

  get hasFields(): boolean {
    return this.fields.length > 0;
  }

  /** Rebuilds the form when the fields, the lock or the conversation's values change. */
  set(fields: InputFieldView[], values: InputValues, locked: boolean): void {
    const key = JSON.stringify([fields, values, locked]);
    if (key === this.key) return;
    this.key = key;
    this.fields = fields;
    this.locked = locked;
    setHidden(this.el, fields.length === 0);
    this.showError('');
    const initial = initialValues(fields, values);
    if (locked) {
      this.controls = [];
      const rows = fields.map((f) => h('div', { class: 'input-row' }, h('dt', {}, f.label || f.variable), h('dd', {}, initial[f.variable] === undefined ? '—' : String(initial[f.variable]))));
      replaceChildren(this.body, h('details', { class: 'section' }, h('summary', { class: 'section-summary' }, t('Inputs of this conversation')), h('dl', { class: 'input-summary' }, ...rows)));
      return;
    }
    this.controls = fields.map((f) => this.control(f, initial[f.variable]));
    replaceChildren(this.body, h('div', { class: 'input-title' }, t('Before you start')), ...this.controls.map((c) => h('div', { class: 'input-row' }, c.root)));
  }

  values(): InputValues {
    if (this.locked) return {};
    const out: InputValues = {};
    for (const c of this.controls) {
      const v = parseFieldValue(c.field, c.read());
      if (v !== undefined) out[c.field.variable] = v;
    }
    return out;
  }

  /** Checks required fields; shows which are missing and focuses the first. True when the form may be sent. */
  validate(): boolean {
    if (this.locked || this.fields.length === 0) return true;
    const missing = missingRequired(this.fields, this.values());
    const badNumber = this.controls.find((c) => c.field.type === 'number' && c.read().trim() !== '' && parseFieldValue(c.field, c.read()) === undefined);
    if (missing.length === 0 && !badNumber) {
      this.showError('');
      return true;
    }
    this.showError(badNumber ? t('{0} must be a number.', badNumber.field.label || badNumber.field.variable) : t('Fill in {0} before sending.', missing.join(', ')));
    const first = badNumber ?? this.controls.find((c) => missing.includes(c.field.label || c.field.variable));
    first?.focus();
    return false;
  }

  /** The label the form shows for a variable (the variable itself when no field has it). */
  labelOf(variable: string): string {
    const field = this.fields.find((f) => f.variable === variable);
    return field ? field.label || field.variable : variable;
  }

  /** Shows why the values cannot be sent, at the field it is about (focused), or at the form. */
  refuse(variable: string | undefined, message: string): void {
    this.showError(message);
    this.controls.find((c) => c.field.variable === variable)?.focus();
  }

  private showError(message: string): void {
    this.error.textContent = message;
    setHidden(this.error, message === '');
  }

  private control(f: InputFieldView, value: InputValue | undefined): Control {
    const name = f.label || f.variable;
    const label = `${name}${f.required ? ' *' : ''}`;
    const required = f.required ? 'true' : undefined;
    if (f.type === 'select') {
      const dropdown = h(Tag.dropdown, { 'aria-label': name, 'aria-required': required, position: 'below' }) as ValueElement;
      const options = f.required ? (f.options ?? []) : ['', ...(f.options ?? [])];
      for (const o of options) dropdown.appendChild(h(Tag.option, { value: o, selected: String(value ?? '') === o }, o === '' ? '(none)' : o));
      dropdown.addEventListener('change', () => this.changed());
      const root = h('div', { class: 'dropdown-field' }, h('span', { class: 'field-label', 'aria-hidden': 'true' }, label), dropdown);
      return { field: f, root, read: () => dropdown.value ?? '', focus: () => dropdown.focus() };
    }
    const tag = f.type === 'paragraph' ? Tag.textArea : Tag.textField;
    const attrs =
      f.type === 'paragraph'
        ? { rows: 3, resize: 'vertical', maxlength: f.maxLength || undefined, 'aria-required': required }
        : { maxlength: f.type === 'text-input' && f.maxLength ? f.maxLength : undefined, inputmode: f.type === 'number' ? 'decimal' : undefined, 'aria-required': required };
    const el = h(tag, attrs, label) as ValueElement;
    if (value !== undefined) el.setAttribute('value', String(value));
    el.addEventListener('input', () => this.changed());
    el.addEventListener('change', () => this.changed());
    // Until the toolkit upgrades the element, its value is still only the attribute.
    return { field: f, root: el, read: () => el.value ?? el.getAttribute('value') ?? '', focus: () => el.focus() };
  }

  private changed(): void {
    this.showError('');
    this.onChange(this.values());
  }
}
