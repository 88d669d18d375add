/**
 * `BaseAppGenerator._prepare_user_inputs` / `_validate_inputs`: the app's form is checked on every turn;
 * unknown keys are dropped; every form variable appears in the result (null when absent and optional).
 */
import type { SimApp } from './apps';
import { errors } from './httpError';
import { pyRepr } from './pyjson';
import type { PyJson } from './pyjson';

export function validateInputs(app: SimApp, given: Record<string, unknown>): Record<string, PyJson> {
  const out: Record<string, PyJson> = {};
  for (const def of app.inputs) {
    const v = given[def.variable];
    const name = def.variable;
    if (v === undefined || v === null) {
      if (def.required) throw errors.invalidParam(`${name} is required in input form`);
      out[name] = null;
      continue;
    }
    if (def.type !== 'number' && typeof v !== 'string') {
      throw errors.invalidParam(`(type '${def.type}') ${name} in input form must be a string`);
    }
    if (def.type === 'number') {
      if (typeof v === 'string') {
        if (!v.trim()) {
          out[name] = null;
          continue;
        }
        const s = v.trim();
        const n = s.includes('.') ? Number(s) : /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
        if (Number.isNaN(n)) throw errors.invalidParam(`${name} in input form must be a valid number`);
        out[name] = n;
        continue;
      }
      if (typeof v !== 'number') throw errors.invalidParam(`${name} in input form must be a valid number`);
      out[name] = v;
      continue;
    }
    const s = v as string;
    if (def.type === 'select' && !(def.options ?? []).includes(s)) {
      throw errors.invalidParam(`${name} in input form must be one of the following: ${pyRepr(def.options ?? [])}`);
    }
    if ((def.type === 'text-input' || def.type === 'paragraph') && def.maxLength && Array.from(s).length > def.maxLength) {
      throw errors.invalidParam(`${name} in input form must be less than ${def.maxLength} characters`);
    }
    out[name] = s.replaceAll('\u0000', '');
  }
  return out;
}

/** `user_input_form` as `/parameters` sends it: `[{"text-input": {...}}, ...]`. */
export function userInputForm(app: SimApp): PyJson[] {
  return app.inputs.map((d) => {
    const body: Record<string, PyJson> = { variable: d.variable, label: d.label, type: d.type, required: d.required };
    if (d.maxLength !== undefined) body['max_length'] = d.maxLength;
    body['options'] = d.options ?? [];
    body['default'] = d.default ?? '';
    return { [d.type]: body };
  });
}
