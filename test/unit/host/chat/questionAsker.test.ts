import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QuestionAsker } from '../../../../src/host/chat/questionAsker';
import type { ChatSession, SendOptions } from '../../../../src/chat/session';
import { english } from '../messages/english';
import type { HostMessage } from '../../../../src/protocol';

/** A session stand-in: busy or not, inputs locked or not, the inputs set. */
function fake() {
  const state = { busy: false, inputsLocked: false, inputs: {} as Record<string, string | number> };
  const session = {
    get busy() {
      return state.busy;
    },
    get inputsLocked() {
      return state.inputsLocked;
    },
    setInputs: (v: Record<string, string | number>) => {
      state.inputs = v;
      return true;
    },
  } as unknown as ChatSession;
  const sent: Array<{ question: string; options: SendOptions; newChatBefore: boolean }> = [];
  const posted: HostMessage[] = [];
  const notices: string[] = [];
  let newChats = 0;
  let lastNewChat = -1;
  const asker: QuestionAsker = new QuestionAsker({
    session,
    t: english,
    send: (question, options) => {
      sent.push({ question, options, newChatBefore: lastNewChat === sent.length });
      state.busy = true;
      return true;
    },
    newChat: () => {
      newChats++;
      lastNewChat = sent.length;
      // The controller's New Chat drains the queue too: the asker must not send ahead of the question it is sending.
      asker.drain();
    },
    inputsFor: (values) => ({ topic: 'default', ...values }),
    post: (m) => posted.push(m),
    notice: (_level, message) => notices.push(message),
  });
  return { asker, state, sent, posted, notices, newChats: () => newChats };
}

describe('QuestionAsker', () => {
  test('idle: sent at once, with its context and words', () => {
    const f = fake();
    assert.equal(f.asker.ask({ question: 'Q', instruction: 'I', context: [] }), true);
    assert.deepEqual(f.sent.map((s) => s.question), ['Q']);
    assert.deepEqual(f.posted, [], 'nothing queued');
  });
  test('busy: queued and listed; sent in order as each answer ends', () => {
    const f = fake();
    f.state.busy = true;
    f.asker.ask({ question: 'one' });
    f.asker.ask({ question: 'two' });
    assert.equal(f.sent.length, 0);
    const lists = f.posted.flatMap((m) => (m.type === 'queue' ? [m.queue.map((q) => q.question)] : []));
    assert.deepEqual(lists, [['one'], ['one', 'two']]);
    f.state.busy = false;
    f.asker.drain();
    assert.deepEqual(f.sent.map((s) => s.question), ['one']);
    f.asker.drain();
    assert.deepEqual(f.sent.map((s) => s.question), ['one'], 'still busy with "one"');
    f.state.busy = false;
    f.asker.drain();
    assert.deepEqual(f.sent.map((s) => s.question), ['one', 'two']);
  });
  test('a queued question needing a new conversation starts it just before it goes, and the New Chat does not send the next one first', () => {
    const f = fake();
    f.state.busy = true;
    f.asker.ask({ question: 'fresh', newConversation: true, inputs: { code: 'x' } });
    f.asker.ask({ question: 'after' });
    f.state.busy = false;
    f.asker.drain();
    assert.deepEqual(f.sent.map((s) => [s.question, s.newChatBefore]), [['fresh', true]]);
    assert.deepEqual(f.state.inputs, { topic: 'default', code: 'x' });
    assert.equal(f.newChats(), 1);
  });
  test('a question taken back is not sent', () => {
    const f = fake();
    f.state.busy = true;
    f.asker.ask({ question: 'keep' });
    f.asker.ask({ question: 'drop' });
    const dropId = f.asker.queued.find((q) => q.question === 'drop')?.id;
    assert.ok(dropId);
    f.asker.unqueue(dropId);
    f.state.busy = false;
    f.asker.drain();
    f.state.busy = false;
    f.asker.drain();
    assert.deepEqual(f.sent.map((s) => s.question), ['keep']);
  });
});
