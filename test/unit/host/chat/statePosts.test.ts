import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NEWEST_TEXT_CHARS, splitNewest, stateMessages } from '../../../../src/host/chat/statePosts';
import { emptyAnswer } from '../../../../src/shared/answer';
import type { ChatState, Turn } from '../../../../src/shared/chatState';

const turn = (id: string, chars: number): Turn => ({ id, question: id, answer: { ...emptyAnswer(), status: 'done', text: 'x'.repeat(chars) }, feedback: null, suggestions: [] });

function state(turns: Turn[]): ChatState {
  return {
    connection: { status: 'ready', profileName: 'Local' },
    conversation: { id: 'c', hasOlder: true, loadingOlder: false },
    turns,
    busy: false,
    inputs: {},
    inputsLocked: true,
    queue: [],
    chips: [],
    attachments: [],
    settings: { fontSize: 13 },
  };
}

describe('statePosts: a conversation shown afresh goes newest turns first', () => {
  test('splitNewest: the newest turns holding at least the budget of text, at least one turn', () => {
    const turns = ['a', 'b', 'c', 'd'].map((id) => turn(id, 10));
    assert.deepEqual(splitNewest(turns, 15), { older: turns.slice(0, 2), newest: turns.slice(2) });
    assert.deepEqual(splitNewest(turns, 20), { older: turns.slice(0, 2), newest: turns.slice(2) }, 'exactly the budget is enough');
    assert.deepEqual(splitNewest(turns, 0), { older: turns.slice(0, 3), newest: turns.slice(3) }, 'never an empty state');
    assert.deepEqual(splitNewest(turns, 1000), { older: [], newest: turns });
    assert.deepEqual(splitNewest([], 10), { older: [], newest: [] });
  });

  test('stateMessages: one state, or the newest turns then one olderTurns with the rest, in order', () => {
    const turns = Array.from({ length: 20 }, (_, i) => turn(`t${i}`, 8 * 1024));
    const s = state(turns);
    assert.deepEqual(stateMessages(s, false), [{ type: 'state', state: s }]);
    const [first, second, ...rest] = stateMessages(s, true);
    assert.equal(rest.length, 0);
    assert.ok(first?.type === 'state' && second?.type === 'olderTurns');
    const newest = first.state.turns;
    assert.equal(newest.at(-1)?.id, 't19');
    assert.ok(newest.reduce((n, t) => n + t.answer.text.length, 0) >= NEWEST_TEXT_CHARS);
    assert.equal(newest.length, Math.ceil(NEWEST_TEXT_CHARS / (8 * 1024)), 'just enough of the newest turns for the budget');
    assert.deepEqual([...second.turns, ...newest], turns, 'together: every turn, in order');
    assert.deepEqual(second.conversation, s.conversation);
    assert.deepEqual({ ...first.state, turns: [] }, { ...s, turns: [] }, 'the rest of the state is as it was');
    const small = state([turn('s0', NEWEST_TEXT_CHARS / 4), turn('s1', NEWEST_TEXT_CHARS / 4)]);
    assert.deepEqual(stateMessages(small, true), [{ type: 'state', state: small }], 'a short conversation goes whole');
  });
});
