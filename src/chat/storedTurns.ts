/**
 * Stored conversation history (`GET /messages`) turned into the panel's turns, and the input values a
 * conversation was started with. Pure: the controller fetches, these map.
 */
import type { AgentThought, Answer, AnswerFile } from '../shared/answer';
import type { DescribeProblem } from '../dify/problems';
import type { HistoryMessage } from '../dify/types';
import type { InputValues, Turn } from '../shared/chatState';
import { copyInputValues } from '../protocol';

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
  const turn: Turn = { id: m.id, question: m.query, answer: answerFromHistory(m, describe), feedback: m.feedback, suggestions: [], fromHistory: true };
  const files = m.messageFiles.filter((f) => f.belongsTo === 'user').map(userFile);
  if (files.length > 0) turn.files = files;
  return turn;
}

/** A file the user attached, as stored (a retry sends it again by its upload id or URL). */
function userFile(f: HistoryMessage['messageFiles'][number]): AnswerFile {
  const out: AnswerFile = { id: f.id, type: f.type, url: f.url, belongsTo: 'user' };
  if (f.filename !== undefined) out.filename = f.filename;
  if (f.mimeType !== undefined) out.mimeType = f.mimeType;
  if (f.size !== undefined && f.size >= 0) out.size = f.size;
  if (f.transferMethod === 'local_file' || f.transferMethod === 'remote_url') out.transferMethod = f.transferMethod;
  if (f.uploadFileId !== undefined) out.uploadFileId = f.uploadFileId;
  return out;
}

/** Input values as stored with a message: only the string and finite number values the form can show. */
export function inputsFromHistory(inputs: Record<string, unknown>): InputValues {
  const out: InputValues = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) out[k] = v;
  }
  return copyInputValues(out);
}

/** The input values of a conversation, as its newest stored message carries them (none: empty). */
export function lastInputs(messages: readonly HistoryMessage[]): InputValues {
  const last = messages[messages.length - 1];
  return last ? inputsFromHistory(last.inputs) : {};
}
