// The conversation open in the panel across an extension host restart, in the real extension host: a second
// chat controller built over the same workspace state is what a restarted host builds (the first one is left
// running, as Dify keeps generating when the client goes). It reopens the conversation from Dify with its
// history; an answer that was streaming shows what Dify has stored, marked interrupted with Refresh, and
// Refresh shows the answer once Dify has finished; a first question without a conversation id yet goes back
// into the composer.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import { ChatController } from '../../../../src/host/chat/chatController';
import { OPEN_CONVERSATION_STATE_KEY } from '../../../../src/host/chat/openConversationMemory';
import type { HostMessage } from '../../../../src/protocol';
import type { ChatState } from '../../../../src/shared/chatState';
import type { SimEnv, SuiteProfile } from '../../support';
import { extensionApi, injectFault, nextMessage, releaseHeld, saveUserSettings, simEnv, suiteProfile } from '../../support';

describe('The open conversation after an extension host restart', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let profile: SuiteProfile;
  const restarted: ChatController[] = [];

  const workspaceState = (): vscode.Memento => {
    const state = api.connection.storage?.workspaceState;
    assert.ok(state, 'a development run hands out its storage');
    return state;
  };

  /** What a restarted extension host builds: a controller over the same workspace state. Resolves once it has reopened `id`. */
  async function restart(id?: string): Promise<ChatController> {
    const c = new ChatController(api.profiles, { log: api.connection.log, memory: workspaceState() });
    restarted.push(c);
    if (id !== undefined && c.conversationId !== id) await nextMessage(c, 'state', (m) => m.state.conversation.id === id);
    return c;
  }

  const lastTurn = (s: ChatState) => {
    const t = s.turns.at(-1);
    assert.ok(t);
    return t;
  };

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    profile = await suiteProfile(api, sim, 'it-restore', 'chat');
    const ready = () => api.chat.getState().connection.status === 'ready';
    if (!ready()) await nextMessage(api.chat, 'state', () => ready());
    api.chat.newChat();
  });

  afterEach(() => {
    for (const c of restarted.splice(0)) c.dispose();
  });

  after(async () => {
    await api.chat.stop();
    await api.chat.whenIdle();
    api.chat.newChat();
    await profile.remove();
    await settings.restore();
  });

  it('remembers the open conversation per profile in workspace state, and reopens it with its history', async () => {
    assert.equal(await api.chat.ask('Remember me across a restart'), true);
    await api.chat.whenIdle();
    const id = api.chat.conversationId;
    assert.ok(id);
    const stored = workspaceState().get(OPEN_CONVERSATION_STATE_KEY) as Record<string, { conversationId?: string; pending?: unknown }>;
    assert.equal(stored[profile.id]?.conversationId, id);
    assert.equal(stored[profile.id]?.pending, undefined, 'the answer ended: nothing pending');
    const after = await restart(id);
    const state = after.getState();
    assert.equal(state.conversation.id, id);
    assert.deepEqual(
      state.turns.map((t) => [t.question, t.answer.status, t.answer.text]),
      api.chat.getState().turns.map((t) => [t.question, 'done', t.answer.text]),
      'the history, from Dify',
    );
    assert.equal(state.inputsLocked, true);
  });

  it('an answer streaming at the restart: what Dify stored, marked interrupted with Refresh; Refresh shows it once Dify finished', async () => {
    const id = api.chat.conversationId;
    assert.ok(id);
    // `hold` pauses the answer after a few frames (Dify stores it when it ends).
    assert.equal(await api.chat.ask('Write a long answer /fault hold:3'), true);
    const partial = () => (lastTurn(api.chat.getState()).answer.text.length > 0 ? true : undefined);
    if (!partial()) await nextMessage(api.chat, 'turnUpdate', () => partial() === true);
    const after = await restart(id);
    const turn = lastTurn(after.getState());
    assert.equal(turn.question, 'Write a long answer /fault hold:3');
    assert.equal(turn.answer.status, 'interrupted');
    assert.equal(turn.answer.error?.code, 'reloaded');
    assert.match(turn.answer.error?.message ?? '', /reloaded.*Refresh/);
    assert.equal(turn.answer.text, '', 'Dify has stored nothing of it yet');

    // Dify finishes (the first host is still connected, as Dify goes on without a client).
    await releaseHeld();
    await api.chat.whenIdle();
    const full = lastTurn(api.chat.getState()).answer.text;
    const refreshed = nextMessage(after, 'state', (m) => lastTurn(m.state).answer.status === 'done');
    // What the panel's Refresh button sends (it is the Retry message; the host knows the turn was restored).
    after.receive({ type: 'retry', turnId: turn.id });
    const now = lastTurn((await refreshed).state);
    assert.equal(now.answer.text, full);
    assert.equal(after.getState().turns.length, 2, 'Refresh asked nothing again');
  });

  it('a first question whose conversation has no id yet goes back into the composer', async () => {
    api.chat.newChat();
    // The answer's first frame (which names the conversation) is held back for long enough to restart.
    await injectFault(sim.origin, 'delay:30000', '^/v1/chat-messages$');
    assert.equal(await api.chat.ask('A question that must not be lost'), true);
    assert.equal(api.chat.conversationId, undefined);
    const after = await restart();
    const posted: HostMessage[] = [];
    after.attach({ post: (m) => posted.push(m) });
    after.receive({ type: 'ready' });
    assert.deepEqual(
      posted.filter((m) => m.type === 'draft'),
      [{ type: 'draft', text: 'A question that must not be lost' }],
    );
    assert.equal(after.conversationId, undefined);
    api.chat.newChat();
  });

  it('New chat forgets: a restart then opens nothing', async () => {
    api.chat.newChat();
    const after = await restart();
    assert.equal(after.conversationId, undefined);
    assert.equal(after.getState().turns.length, 0);
    const stored = workspaceState().get(OPEN_CONVERSATION_STATE_KEY) as Record<string, object>;
    assert.deepEqual(stored[profile.id], {});
  });
});
