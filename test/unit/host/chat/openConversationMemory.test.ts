import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { OPEN_CONVERSATION_STATE_KEY, OpenConversationMemory } from '../../../../src/host/chat/openConversationMemory';
import type { ReopenPanel } from '../../../../src/host/chat/openConversationMemory';
import type { HostMessage } from '../../../../src/protocol';
import { RESTORED_ANSWER_CODE } from '../../../../src/shared/answer';
import type { Turn } from '../../../../src/shared/chatState';
import { english } from '../messages/english';
import { FakeMemento } from '../fakeMemento';

function turn(id: string, question: string, text: string, status: Turn['answer']['status'] = 'done'): Turn {
  return { id, question, answer: { status, text, thoughts: [], files: [], citations: [], messageId: id }, feedback: null, suggestions: [], fromHistory: true };
}

/** A stand-in panel: opening "loads" the turns Dify has stored for a conversation, through `adjust`. */
class FakePanel implements ReopenPanel {
  profileId = 'p1';
  conversationId: string | undefined;
  hasView = false;
  shown: Turn[] = [];
  posted: HostMessage[] = [];
  opens: string[] = [];
  constructor(public stored: Record<string, Turn[]>) {}
  async open(id: string, _name: string | undefined, adjust: (turns: Turn[]) => Turn[]): Promise<boolean> {
    this.opens.push(id);
    const turns = this.stored[id];
    if (!turns) return false;
    this.conversationId = id;
    this.shown = adjust(turns.map((t) => ({ ...t, answer: { ...t.answer } })));
    return true;
  }
  post(m: HostMessage): void {
    this.posted.push(m);
  }
}

/** A restart: a new memory over the same workspace state and a fresh panel. */
function restart(memento: FakeMemento, stored: Record<string, Turn[]>): { memory: OpenConversationMemory; panel: FakePanel } {
  const panel = new FakePanel(stored);
  return { memory: new OpenConversationMemory(memento, panel, english), panel };
}

describe('the open conversation across restarts', () => {
  test('an opened conversation is reopened after a restart, with its history', async () => {
    const memento = new FakeMemento();
    const before = restart(memento, {});
    before.memory.opened('c1', 'Release plan');
    const { memory, panel } = restart(memento, { c1: [turn('m1', 'Hi', 'Hello')] });
    await memory.reopen();
    assert.deepEqual(panel.opens, ['c1']);
    assert.deepEqual(panel.shown.map((t) => t.answer.status), ['done']);
  });

  test('an answer still streaming at the restart: what Dify stored, marked interrupted with Refresh', async () => {
    const memento = new FakeMemento();
    const before = restart(memento, {});
    before.memory.opened('c1', 'Plan');
    before.memory.sending('And the dates?', 'c1', 'Plan');
    // Dify has the question but (still generating) no answer text yet.
    const stored = { c1: [turn('m1', 'Hi', 'Hello'), turn('m2', 'And the dates?', '')] };
    const { memory, panel } = restart(memento, stored);
    await memory.reopen();
    const last = panel.shown.at(-1) as Turn;
    assert.equal(last.answer.status, 'interrupted');
    assert.equal(last.answer.error?.code, RESTORED_ANSWER_CODE);
    assert.match(last.answer.error?.message ?? '', /reloaded.*Refresh/);
    assert.equal(memory.isRefreshable(last), true);
    assert.equal(memory.isRefreshable(panel.shown[0] as Turn), false);
    // Another restart before refreshing: still marked.
    const again = restart(memento, stored);
    await again.memory.reopen();
    assert.equal(again.panel.shown.at(-1)?.answer.status, 'interrupted');
    // Dify finished meanwhile: Refresh shows the stored answer and nothing is pending any more.
    stored.c1[1] = turn('m2', 'And the dates?', 'May 5th.');
    await again.memory.refresh();
    assert.equal(again.panel.shown.at(-1)?.answer.status, 'done');
    assert.equal(again.panel.shown.at(-1)?.answer.text, 'May 5th.');
    assert.equal(again.memory.current?.pending, undefined);
    assert.equal(again.memory.current?.conversationId, 'c1');
  });

  test('the answer finished before the restart: shown as stored, not marked', async () => {
    const memento = new FakeMemento();
    const before = restart(memento, {});
    before.memory.sending('Hi', undefined, undefined);
    before.memory.started('c1', 'Hi');
    before.memory.finished('c1', 'Hi');
    const { memory, panel } = restart(memento, { c1: [turn('m1', 'Hi', 'Hello')] });
    await memory.reopen();
    assert.equal(panel.shown[0]?.answer.status, 'done');
  });

  test('a first question with no conversation id yet goes back into the composer, never lost', async () => {
    const memento = new FakeMemento();
    restart(memento, {}).memory.sending('What does this function do?', undefined, undefined);
    const { memory, panel } = restart(memento, {});
    await memory.reopen();
    assert.deepEqual(panel.opens, []);
    assert.deepEqual(panel.posted, [], 'no webview yet: kept');
    panel.hasView = true;
    memory.ready();
    assert.deepEqual(panel.posted, [{ type: 'draft', text: 'What does this function do?' }]);
    memory.ready();
    assert.equal(panel.posted.length, 1, 'given once');
  });

  test('a question Dify never received (not in the history) goes back into the composer', async () => {
    const memento = new FakeMemento();
    const before = restart(memento, {});
    before.memory.opened('c1', 'Plan');
    before.memory.sending('Lost on the wire?', 'c1', 'Plan');
    const { memory, panel } = restart(memento, { c1: [turn('m1', 'Hi', 'Hello')] });
    panel.hasView = true;
    await memory.reopen();
    assert.deepEqual(panel.posted, [{ type: 'draft', text: 'Lost on the wire?' }]);
    assert.equal(panel.shown.at(-1)?.answer.status, 'done');
  });

  test('New chat forgets; a conversation deleted meanwhile is forgotten (its pending question kept)', async () => {
    const memento = new FakeMemento();
    const before = restart(memento, {});
    before.memory.opened('c1', 'Plan');
    before.memory.cleared();
    const a = restart(memento, { c1: [turn('m1', 'Hi', 'Hello')] });
    await a.memory.reopen();
    assert.deepEqual(a.panel.opens, []);

    a.memory.opened('gone', 'Deleted elsewhere');
    a.memory.sending('Still there?', 'gone', undefined);
    const b = restart(memento, {});
    b.panel.hasView = true;
    b.panel.open = async () => {
      b.memory.gone();
      return false;
    };
    await b.memory.reopen();
    assert.equal(b.memory.current?.conversationId, undefined);
    assert.deepEqual(b.panel.posted, [{ type: 'draft', text: 'Still there?' }]);
  });

  test('per profile: each app keeps its own; the stored shape is checked', async () => {
    const memento = new FakeMemento();
    const one = restart(memento, {});
    one.memory.opened('c1', 'One');
    one.panel.profileId = 'p2';
    one.memory.opened('c2', 'Two');
    one.panel.profileId = 'p1';
    assert.equal(one.memory.current?.conversationId, 'c1');
    one.panel.profileId = 'p2';
    assert.equal(one.memory.current?.conversationId, 'c2');
    memento.put(OPEN_CONVERSATION_STATE_KEY, { p2: { conversationId: 42, pending: { question: 7 } }, toString: 'x' });
    assert.deepEqual(one.memory.current, {});
    one.panel.profileId = 'toString';
    assert.deepEqual(one.memory.current, undefined);
    one.panel.profileId = 'constructor';
    assert.equal(one.memory.current, undefined, 'a prototype name finds nothing');
  });
});
