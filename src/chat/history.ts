/**
 * Conversation history (`GET /messages`) and app parameters, turned into what the panel shows.
 * Pure: the controller fetches, these map.
 */
import type { AgentThought, Answer, AnswerFile } from './answer';
import type { DescribeProblem } from '../dify/problems';
import type { AppInfo, AppParameters, HistoryMessage, InputField } from '../dify/types';
import type { AppView, InputFieldType, InputFieldView, InputValues, Turn } from '../protocol';
import { copyInputValues, INPUT_FIELD_TYPES } from '../protocol';

/**
 * The answer of a stored message: done (or failed, with Dify's stored error).
 * @param describe words the failure when Dify stored no error text.
 */
export function answerFromHistory(m: HistoryMessage, describe: DescribeProblem): Answer {
  const thoughts: AgentThought[] = m.agentThoughts.map((t) => ({
    id: t.id,
    position: t.position,
    thought: t.thought,
    tool: t.tool,
    toolInput: t.toolInput,
    observation: t.observation,
    files: t.files,
  }));
  const files: AnswerFile[] = m.messageFiles
    .filter((f) => f.belongsTo === 'assistant' && f.url)
    .map((f) => ({ id: f.id, type: f.type, url: f.url, belongsTo: f.belongsTo }));
  const answer: Answer = {
    status: m.status === 'error' ? 'failed' : 'done',
    text: m.answer,
    conversationId: m.conversationId,
    messageId: m.id,
    thoughts,
    files,
    citations: m.retrieverResources,
  };
  if (m.status === 'error') answer.error = { kind: 'server', message: m.error?.trim() ? m.error : describe({ id: 'answer.failedInHistory' }) };
  return answer;
}

/** One stored message as a turn; the message id doubles as the turn id. `describe` as for {@link answerFromHistory}. */
export function turnFromHistory(m: HistoryMessage, describe: DescribeProblem): Turn {
  return { id: m.id, question: m.query, answer: answerFromHistory(m, describe), feedback: m.feedback, suggestions: [], fromHistory: true };
}

/** Input values as stored with a message: only the string and finite number values the form can show. */
export function inputsFromHistory(inputs: Record<string, unknown>): InputValues {
  const out: InputValues = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return copyInputValues(out);
}

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
  };
}

/** Labels of required fields without a value (Dify checks again, but a sentence here saves a round trip). */
export function missingInputs(fields: readonly InputFieldView[], values: InputValues): string[] {
  return fields
    .filter((f) => f.required && (values[f.variable] === undefined || String(values[f.variable]).trim() === ''))
    .map((f) => f.label || f.variable);
}

/** The values to send: the conversation's values for the form's fields, with defaults filled in. */
export function inputsToSend(fields: readonly InputFieldView[], values: InputValues): InputValues {
  const out: InputValues = copyInputValues(values);
  for (const f of fields) {
    if (out[f.variable] === undefined && f.default !== undefined) out[f.variable] = f.default;
  }
  return out;
}
