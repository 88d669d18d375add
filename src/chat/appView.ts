/**
 * The app as the panel shows it before the first question: its name, opening statement, suggestions and
 * input form (from `GET /info` and `GET /parameters`), and the form's rules (required fields, defaults).
 * Pure: the controller fetches, these map.
 */
import type { AppInfo, AppParameters, InputField } from '../dify/types';
import type { AppView, InputFieldType, InputFieldView, InputValues } from '../shared/chatState';
import { INPUT_FIELD_TYPES } from '../shared/chatState';
import { copyInputValues } from '../protocol';

function isRenderedType(t: string): t is InputFieldType {
  return (INPUT_FIELD_TYPES as readonly string[]).includes(t);
}

/** The fields of `user_input_form` the panel renders (text-input, paragraph, select, number). */
export function inputFieldsFrom(fields: readonly InputField[]): InputFieldView[] {
  const out: InputFieldView[] = [];
  for (const f of fields) {
    if (!isRenderedType(f.type)) continue;
    const view: InputFieldView = { type: f.type, label: f.label, variable: f.variable, required: f.required };
    if (f.default !== undefined && f.default !== null && f.default !== '') {
      // Dify stores a number field's default as text; send it as the number it is.
      const n = typeof f.default === 'string' && f.type === 'number' ? Number(f.default) : f.default;
      view.default = typeof n === 'number' && !Number.isFinite(n) ? f.default : n;
    }
    if (f.maxLength !== undefined && f.maxLength > 0) view.maxLength = f.maxLength;
    if (f.options) view.options = f.options;
    out.push(view);
  }
  return out;
}

/** What the welcome shows, from /info and /parameters. */
export function appViewFrom(info: AppInfo, params: AppParameters): AppView {
  return {
    name: info.name,
    description: info.description,
    mode: info.mode,
    openingStatement: params.openingStatement,
    suggestedQuestions: params.suggestedQuestions.filter((q) => q.trim() !== ''),
    suggestedAfterAnswer: params.suggestedQuestionsAfterAnswer,
    inputForm: inputFieldsFrom(params.userInputForm),
    uploads: params.fileUpload,
    speech: { enabled: params.textToSpeech.enabled, autoPlay: params.textToSpeech.enabled && params.textToSpeech.autoPlay, ...(params.textToSpeech.voice ? { voice: params.textToSpeech.voice } : {}) },
  };
}

/** Labels of required fields without a value (Dify checks again, but a sentence here saves a round trip). */
export function missingInputs(fields: readonly InputFieldView[], values: InputValues): string[] {
  return fields
    .filter((f) => f.required && (values[f.variable] === undefined || String(values[f.variable]).trim() === ''))
    .map((f) => f.label || f.variable);
}

/**
 * The conversation's values with the form's defaults filled in where a field has none: what a question
 * sends, and (from no values) what a new conversation starts with.
 */
export function inputsWithDefaults(fields: readonly InputFieldView[], values: InputValues = {}): InputValues {
  const out: InputValues = copyInputValues(values);
  for (const f of fields) {
    if (out[f.variable] === undefined && f.default !== undefined) out[f.variable] = f.default;
  }
  return out;
}
