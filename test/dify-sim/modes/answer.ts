/**
 * Streams an answer text as token deltas, honouring stop (checked before every delta, like Dify's queue
 * listener) and output moderation (a `message_replace` that swaps the whole answer and ends the text).
 */
import { hashString, splitTokens } from '../tokens';
import type { Step, Turn } from '../turn';

export type AnswerOutcome = 'done' | 'stopped' | 'replaced';

export function* streamAnswer(
  t: Turn,
  text: string,
  deltaFrame: (token: string) => Step,
  replaceReason: string,
): Generator<Step, AnswerOutcome> {
  const tokens = splitTokens(text, hashString(t.message.query) ^ t.conversation.messages.length);
  const moderation = t.script.moderation;
  for (let i = 0; i < tokens.length; i++) {
    if (t.stopped) return 'stopped';
    if (moderation && i === moderation.afterTokens) {
      t.answer = moderation.replacement;
      yield t.frame('message_replace', { task_id: t.taskId, answer: moderation.replacement, reason: replaceReason });
      return 'replaced';
    }
    const tok = tokens[i] as string;
    t.addDelta(tok);
    yield deltaFrame(tok);
  }
  if (moderation && tokens.length <= moderation.afterTokens && !t.stopped) {
    t.answer = moderation.replacement;
    yield t.frame('message_replace', { task_id: t.taskId, answer: moderation.replacement, reason: replaceReason });
    return 'replaced';
  }
  return t.stopped ? 'stopped' : 'done';
}
