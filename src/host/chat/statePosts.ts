// How a full state goes to the panel when it shows a conversation afresh (opened from the tree, reopened after a
// restart, a webview that appeared again): the newest turns first, in a small `state`, and the older ones after
// it in one `olderTurns`. The panel paints the answer the reader looks at from the small message while the
// larger one is still on its way (a long history's full state is megabytes, and the workbench carries it through
// a socket and two frames before the panel sees any of it).
import type { HostMessage } from '../../protocol';
import type { ChatState, Turn } from '../../shared/chatState';
import { FIRST_PAINT_TEXT_CHARS } from '../../shared/firstPaint';

/** Answer text (characters) the first message carries, newest turn first: what the panel renders at once. */
export const NEWEST_TEXT_CHARS = FIRST_PAINT_TEXT_CHARS;

/** The newest turns holding at least `chars` of answer text (at least one turn), and the older ones before them. */
export function splitNewest(turns: readonly Turn[], chars = NEWEST_TEXT_CHARS): { older: Turn[]; newest: Turn[] } {
  let at = turns.length;
  let sum = 0;
  while (at > 0 && (at === turns.length || sum < chars)) {
    at--;
    sum += (turns[at] as Turn).answer.text.length;
  }
  return { older: turns.slice(0, at), newest: turns.slice(at) };
}

/** The messages for `state`: one `state`, or with `newestFirst` its newest turns and then the older ones. */
export function stateMessages(state: ChatState, newestFirst: boolean): HostMessage[] {
  if (!newestFirst) return [{ type: 'state', state }];
  const { older, newest } = splitNewest(state.turns);
  if (older.length === 0) return [{ type: 'state', state }];
  return [
    { type: 'state', state: { ...state, turns: newest } },
    { type: 'olderTurns', turns: older, conversation: { ...state.conversation } },
  ];
}
