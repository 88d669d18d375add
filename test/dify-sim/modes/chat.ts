/**
 * `chat` (Chatbot) apps, easy-UI pipeline: `message`×N → `message_end` (`files: null`).
 * 1.11.2 quirk: when the message has any file (even one the user attached), the text chunks are named
 * `message_file` instead of `message` (same keys, no url). Newest Dify does that for assistant files only.
 */
import type { Step, Turn } from '../turn';
import { streamAnswer } from './answer';

export function* chatSteps(t: Turn): Generator<Step> {
  const fileQuirk = !t.ctx.newest && t.message.files.length > 0;
  const event = fileQuirk ? 'message_file' : 'message';
  const delta = (tok: string) =>
    t.frame(event, { task_id: t.taskId, id: t.message.id, answer: tok, from_variable_selector: null }, true);
  if (t.script.failure !== undefined) {
    const outcome = yield* streamAnswer(t, t.script.answer, delta, '');
    if (outcome !== 'stopped') {
      yield t.errorFrame('completion_request_error', 400, t.script.failure);
      return;
    }
  } else {
    yield* streamAnswer(t, t.script.answer, delta, '');
  }
  yield t.frame('message_end', { task_id: t.taskId, id: t.message.id, metadata: t.metadata(), files: null });
}
