// The chat panel inside the real extension host, against the Dify simulator: the controller the extension
// exports, fed through the same validated message path the webview uses, and the real webview view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ChatController } from '../../../../src/host/chat/chatController';
import type { Answer } from '../../../../src/shared/answer';
import type { ChatState, Turn } from '../../../../src/shared/chatState';
import type { CodeContext } from '../../../../src/shared/codeContext';
import type { HostMessageOf } from '../../../../src/protocol';
import { applyTurnUpdate, LIMITS } from '../../../../src/protocol';
import type { SimStats } from '../../support';
import { admin, EXTENSION_ID, nextMessage, record, releaseHeld, simEnv } from '../../support';

const extensionId = EXTENSION_ID;
const simBaseUrl = (): string => simEnv().baseUrl;
const simKeys = (): Record<string, string> => simEnv().keys;

/** Waits until the streaming turn has some text (the answer is visibly under way). */
function partialText(chat: ChatController): Promise<unknown> {
  const has = (): boolean => (chat.getState().turns.at(-1)?.answer.text.length ?? 0) > 0;
  if (has()) return Promise.resolve();
  return nextMessage(chat, 'turnUpdate', () => has());
}

function lastTurn(state: ChatState): Turn {
  const t = state.turns.at(-1);
  assert.ok(t, 'there is no turn');
  return t;
}

/** One sentence for people: non-empty, a single line, ends like a sentence, no stack trace. */
function assertOneSentence(message: string | undefined): void {
  assert.ok(message && message.trim().length > 0, 'an error sentence is shown');
  assert.doesNotMatch(message, /\n|\bat .+:\d+:\d+|Error:/, `not one clean sentence: ${message}`);
  assert.match(message, /[.!?)]$/, `does not end like a sentence: ${message}`);
}

describe('Chat panel (extension host + simulator)', function () {
  let api: DifyExtensionExports;
  let chat: ChatController;

  async function useApp(kind: 'chat' | 'agent' | 'chatflow', name: string): Promise<void> {
    const ready = (): boolean => chat.getState().connection.status === 'ready' && chat.getState().app?.name === name;
    await api.profiles.seedDevProfile(simBaseUrl(), simKeys()[kind] as string);
    if (!ready()) await nextMessage(chat, 'state', () => ready());
    chat.newChat();
  }

  before(async function () {
    const ext = vscode.extensions.getExtension<DifyExtensionExports>(extensionId);
    assert.ok(ext);
    api = await ext.activate();
    // activate() builds no feature; ready() builds them all (as test/integration/support's extensionApi() does).
    await api.ready();
    chat = api.chat;
    assert.ok(chat, 'activate() exports the chat controller');
    await useApp('chat', 'Sim Chatbot');
  });

  beforeEach(async function () {
    await chat.stop();
    await chat.whenIdle();
    await admin('POST', 'reset');
    chat.newChat();
  });

  it('sends a question, streams the answer to done, and the text equals GET /messages; the next question continues the conversation', async function () {
    const rec = record(chat);
    const renamed = new Promise<{ id: string; name?: string }>((resolve) => {
      const sub = chat.onDidChangeConversations((e) => {
        if (e.kind === 'renamed') {
          sub.dispose();
          resolve(e);
        }
      });
    });
    const created = new Promise<string>((resolve) => {
      const sub = chat.onDidChangeConversations((e) => {
        if (e.kind === 'created') {
          sub.dispose();
          resolve(e.id);
        }
      });
    });
    assert.equal(await chat.ask('Hello from the integration test, what can you do?'), true);
    assert.equal(chat.busy, true);
    await chat.whenIdle();
    const state = chat.getState();
    const turn = lastTurn(state);
    assert.equal(turn.answer.status, 'done');
    assert.ok(turn.answer.text.length > 20);
    assert.ok(turn.answer.messageId);
    const conversationId = state.conversation.id;
    assert.ok(conversationId, 'the first answer named the conversation');
    assert.equal(await created, conversationId);

    // The stored answer is exactly what streamed.
    const client = await api.profiles.getClient();
    assert.ok(client);
    const page = await client.messages({ conversationId });
    assert.equal(page.data.length, 1);
    assert.equal(page.data[0]?.answer, turn.answer.text);
    assert.equal(page.data[0]?.query, 'Hello from the integration test, what can you do?');

    // What the webview was told adds up to the same answer: turnAdded, then the coalesced updates.
    const added = rec.messages.find((m): m is HostMessageOf<'turnAdded'> => m.type === 'turnAdded');
    assert.ok(added);
    let rebuilt: Answer = added.turn.answer;
    const updates = rec.messages.filter((m): m is HostMessageOf<'turnUpdate'> => m.type === 'turnUpdate' && m.turnId === turn.id);
    for (const u of updates) rebuilt = applyTurnUpdate(rebuilt, u);
    assert.equal(rebuilt.text, turn.answer.text);
    assert.equal(rebuilt.status, 'done');
    assert.deepEqual(rebuilt.usage, turn.answer.usage);

    // Dify names the conversation about a second later; the panel picks the name up.
    const e = await renamed;
    assert.equal(e.id, conversationId);
    assert.ok(e.name && e.name !== 'Hello from the integ\u2026', `auto-generated name: ${e.name}`);
    assert.equal(chat.getState().conversation.name, e.name);

    // Follow-up suggestions (the chat app enables them) arrive for the latest answer.
    const withSuggestions = (): boolean => lastTurn(chat.getState()).suggestions.length > 0;
    if (!withSuggestions()) await nextMessage(chat, 'turnMeta', () => withSuggestions());
    assert.ok(lastTurn(chat.getState()).suggestions.length > 0);

    // The second question continues the same conversation.
    assert.equal(await chat.ask('And one more thing?'), true);
    await chat.whenIdle();
    const after = chat.getState();
    assert.equal(after.conversation.id, conversationId);
    assert.equal(after.turns.length, 2);
    assert.equal(lastTurn(after).answer.status, 'done');
    assert.equal((await client.messages({ conversationId })).data.length, 2);
    rec.dispose();
  });

  it('Stop (the dify.stop command) aborts the request, calls the stop route with the task id and keeps the partial answer, marked stopped', async function () {
    // `hold` pauses the stream after a few frames until the task is stopped or the client leaves.
    assert.equal(await chat.ask('Write a long answer please /fault hold:4'), true);
    await partialText(chat);
    const partial = lastTurn(chat.getState()).answer;
    assert.ok(partial.taskId, 'the task id is known from the stream');
    await vscode.commands.executeCommand('dify.stop');
    await chat.whenIdle();
    const turn = lastTurn(chat.getState());
    assert.equal(turn.answer.status, 'stopped');
    assert.ok(turn.answer.text.length > 0 && turn.answer.text.startsWith(partial.text), 'the partial text stays');
    assert.equal(chat.busy, false);
    // The stop call may still be in flight when the stream has ended locally; dify.stop resolves after it.
    const stats = await admin<SimStats>('GET', 'stats');
    assert.equal(stats.stops, 1, 'the simulator saw one stop call');
    const stop = stats.log.find((r) => r.method === 'POST' && r.path.endsWith('/stop'));
    assert.ok(stop?.path.includes(partial.taskId), `stop route called with the task id: ${stop?.path}`);
  });

  it('New chat while an answer streams stops it (stop route called) and starts empty; the next question opens a new conversation', async function () {
    assert.equal(await chat.ask('Write a long answer /fault hold:3'), true);
    await partialText(chat);
    const first = chat.getState().conversation.id;
    assert.ok(first);
    const state = nextMessage(chat, 'state');
    await vscode.commands.executeCommand('dify.newChat');
    const fresh = (await state).state;
    assert.equal(fresh.busy, false);
    assert.equal(fresh.turns.length, 0);
    assert.equal(fresh.conversation.id, undefined);
    for (let i = 0; i < 200 && (await admin<SimStats>('GET', 'stats')).stops < 1; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal((await admin<SimStats>('GET', 'stats')).stops, 1, 'the abandoned answer was stopped at Dify too');
    assert.equal(await chat.ask('A fresh start'), true);
    await chat.whenIdle();
    const now = chat.getState();
    assert.equal(now.turns.length, 1);
    assert.ok(now.conversation.id && now.conversation.id !== first);
  });

  it('an HTTP error shows one sentence inline; Retry sends the question again, visibly, as a new turn that completes', async function () {
    await admin('POST', 'faults', { fault: '500', match: { method: 'POST', path: '/chat-messages', times: 1 } });
    assert.equal(await chat.ask('Will this work?'), true);
    await chat.whenIdle();
    const failed = lastTurn(chat.getState());
    assert.equal(failed.answer.status, 'failed');
    assert.equal(failed.question, 'Will this work?', 'the question is not lost');
    assertOneSentence(failed.answer.error?.message);

    const added = nextMessage(chat, 'turnAdded');
    // Exactly what the webview's Retry button sends, through the same validation.
    chat.receive({ type: 'retry', turnId: failed.id });
    const retry = (await added).turn;
    assert.equal(retry.question, 'Will this work?');
    assert.equal(retry.retryOf, failed.id);
    await chat.whenIdle();
    const state = chat.getState();
    assert.deepEqual(state.turns.map((t) => t.answer.status), ['failed', 'done']);
  });

  it('an error frame inside the stream fails the turn with a sentence and keeps the text so far', async function () {
    assert.equal(await chat.ask('Tell me something /fault error:3'), true);
    await chat.whenIdle();
    const turn = lastTurn(chat.getState());
    assert.equal(turn.answer.status, 'failed');
    assert.ok(turn.answer.error?.message);
  });

  it('a stream cut mid-answer is interrupted: partial text kept, one sentence, Retry works', async function () {
    // Queued for one request only, so the retry gets through.
    await admin('POST', 'faults', { fault: 'cut:900', match: { method: 'POST', path: '/chat-messages', times: 1 } });
    assert.equal(await chat.ask('Write a long answer'), true);
    await chat.whenIdle();
    const turn = lastTurn(chat.getState());
    assert.equal(turn.answer.status, 'interrupted');
    assert.ok(turn.answer.text.length > 0);
    assertOneSentence(turn.answer.error?.message);
    const added = nextMessage(chat, 'turnAdded');
    chat.receive({ type: 'retry', turnId: turn.id });
    await added;
    await chat.whenIdle();
    assert.equal(lastTurn(chat.getState()).answer.status, 'done');
  });

  it('a panel that reloads mid-answer gets the full state (ready handshake) and the stream continues', async function () {
    // The stream is held after 4 frames, so "mid-answer" does not depend on how fast this machine is.
    assert.equal(await chat.ask('Tell me about streaming /fault hold:4'), true);
    await partialText(chat);
    const rec = record(chat);
    const state = nextMessage(chat, 'state');
    // A reloaded webview's first message.
    chat.receive({ type: 'ready' });
    const snapshot = (await state).state;
    assert.equal(snapshot.busy, true);
    const streaming = lastTurn(snapshot);
    assert.equal(streaming.answer.status, 'streaming');
    assert.ok(streaming.answer.text.length > 0, 'the partial text is in the snapshot');
    await releaseHeld();
    await chat.whenIdle();
    rec.dispose();
    const final = lastTurn(chat.getState()).answer;
    assert.equal(final.status, 'done');
    assert.ok(final.text.length > streaming.answer.text.length && final.text.startsWith(streaming.answer.text), 'the stream continued');
    // The snapshot plus the updates after it rebuild the final answer exactly.
    let rebuilt = streaming.answer;
    const after = rec.messages.slice(rec.messages.findIndex((m) => m.type === 'state') + 1);
    for (const m of after) if (m.type === 'turnUpdate' && m.turnId === streaming.id) rebuilt = applyTurnUpdate(rebuilt, m);
    assert.equal(rebuilt.text, final.text);
    assert.equal(rebuilt.status, 'done');
  });

  it('the real view: hidden and shown again mid-answer, the webview asks for the state and the answer completes', async function () {
    const firstState = nextMessage(chat, 'state', () => true, 30_000);
    await vscode.commands.executeCommand('dify.chatView.focus');
    if (!api.chatView.webviewView) await firstState;
    assert.ok(api.chatView.webviewView, 'the chat view was resolved');

    assert.equal(await chat.ask('Tell me about panels /fault hold:4'), true);
    await partialText(chat);
    await vscode.commands.executeCommand('workbench.view.explorer');
    assert.equal(api.chatView.webviewView?.visible, false);
    assert.equal(chat.busy, true, 'the stream keeps running while the panel is hidden');
    // Showing it again reloads the page (retainContextWhenHidden is off): it sends ready, the host answers with state.
    const again = nextMessage(chat, 'state', () => true, 30_000);
    await vscode.commands.executeCommand('dify.chatView.focus');
    const snapshot = (await again).state;
    assert.ok(lastTurn(snapshot).answer.text.length > 0);
    assert.equal(snapshot.busy, true, 'still streaming when the panel came back');
    await releaseHeld();
    await chat.whenIdle();
    assert.equal(lastTurn(chat.getState()).answer.status, 'done');
  });

  it('ignores malformed webview messages (nothing runs, nothing changes)', async function () {
    const rec = record(chat);
    for (const bad of [
      { type: 'send', text: 42, inputs: {} },
      { type: 'send', text: 'x', inputs: {}, command: 'workbench.action.quit' },
      { type: 'executeCommand', command: 'workbench.action.quit' },
      JSON.parse('{"type":"send","text":"x","inputs":{"__proto__":{"polluted":true}}}') as unknown,
      { type: 'openLink', href: 'command:workbench.action.quit' },
      { type: 'retry', turnId: 'x'.repeat(500) },
      null,
      'ready',
    ]) {
      chat.receive(bad);
    }
    // A valid message afterwards is handled, proving the channel still works; the bad ones left no trace.
    const state = nextMessage(chat, 'state');
    chat.receive({ type: 'ready' });
    await state;
    rec.dispose();
    assert.deepEqual(rec.messages.map((m) => m.type), ['state']);
    assert.equal(chat.getState().turns.length, 0);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('a send over a size limit is answered, not dropped: the question goes back to the composer, one sentence says why, nothing is sent', async function () {
    const rec = record(chat);
    const long = 'q'.repeat(LIMITS.question + 1);
    chat.receive({ type: 'send', text: long, inputs: {} });
    chat.receive({ type: 'send', text: 'A short question', inputs: { background: 'b'.repeat(LIMITS.inputValue + 1) } });
    rec.dispose();
    assert.deepEqual(rec.messages, [
      { type: 'draft', text: long },
      { type: 'notice', level: 'error', message: 'The question is too long to send (over 100,000 characters); shorten it and send it again.' },
      { type: 'draft', text: 'A short question' },
      { type: 'notice', level: 'error', message: 'The input background is too long to send (over 100,000 characters); shorten it and send again.' },
    ]);
    assert.equal(chat.getState().turns.length, 0);
    assert.equal(chat.busy, false);
    const stats = await admin<SimStats>('GET', 'stats');
    assert.equal(stats.log.filter((r) => r.method === 'POST' && /\/chat-messages$/.test(r.path)).length, 0, 'nothing reached Dify');
  });

  it('code actions: insert at the cursor of the last active editor, open in a new editor, copy to the clipboard', async function () {
    const doc = await vscode.workspace.openTextDocument({ content: 'before\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const inserted = nextMessage(chat, 'notice');
    chat.receive({ type: 'insertCode', code: 'const x = 1;', language: 'ts' });
    assert.match((await inserted).message, /^Inserted into /);
    assert.equal(doc.getText(), 'before\nconst x = 1;');

    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const sub = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.getText() === 'print(1)') {
          sub.dispose();
          resolve(d);
        }
      });
    });
    chat.receive({ type: 'openCode', code: 'print(1)', language: 'py' });
    const d = await opened;
    assert.equal(d.isUntitled, true);
    assert.equal(d.languageId, 'python', 'the fence tag maps to the VS Code language');

    const copied = nextMessage(chat, 'notice', (m) => m.message === 'Copied.');
    chat.receive({ type: 'copy', text: 'copied from the panel' });
    await copied;
    assert.equal(await vscode.env.clipboard.readText(), 'copied from the panel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('ask() (for "Ask Dify about selection") reveals the panel and sends', async function () {
    await vscode.commands.executeCommand('workbench.view.explorer');
    assert.notEqual(api.chatView.webviewView?.visible, true);
    assert.equal(await chat.ask('Explain this selection', { newConversation: true }), true);
    assert.equal(api.chatView.webviewView?.visible, true, 'the chat view is showing');
    await chat.whenIdle();
    assert.equal(lastTurn(chat.getState()).answer.status, 'done');
    assert.equal(chat.getState().turns.length, 1, 'in a new conversation');
  });

  it('ask() with code context: the turn keeps it, the webview gets it (turnAdded, state), Retry carries it', async function () {
    const context: CodeContext[] = [
      {
        uri: 'untitled:Untitled-1',
        fileName: 'Untitled-1',
        languageId: 'typescript',
        range: { startLine: 0, startCharacter: 0, endLine: 1, endCharacter: 12 },
        text: 'let x = 1;\nconsole.log(x);',
        origin: 'selection',
      },
    ];
    await admin('POST', 'faults', { fault: '500', match: { method: 'POST', path: '/chat-messages', times: 1 } });
    const added = nextMessage(chat, 'turnAdded');
    assert.equal(await chat.ask('What does this do?', { context }), true);
    assert.deepEqual((await added).turn.context, context);
    await chat.whenIdle();
    const failed = lastTurn(chat.getState());
    assert.equal(failed.answer.status, 'failed');
    assert.equal(failed.question, 'What does this do?');
    assert.deepEqual(failed.context, context, 'the turn keeps its context');

    // A panel that (re)appears gets it in the full state.
    const state = nextMessage(chat, 'state');
    chat.receive({ type: 'ready' });
    assert.deepEqual(lastTurn((await state).state).context, context);

    const retried = nextMessage(chat, 'turnAdded');
    chat.receive({ type: 'retry', turnId: failed.id });
    const retry = (await retried).turn;
    assert.equal(retry.retryOf, failed.id);
    assert.equal(retry.question, 'What does this do?');
    assert.deepEqual(retry.context, context, 'Retry carries the context to the new turn');
    await chat.whenIdle();
    const done = lastTurn(chat.getState());
    assert.equal(done.answer.status, 'done');
    assert.deepEqual(done.context, context);
  });

  it('ask() refuses an invalid code context before anything happens', async function () {
    const rec = record(chat);
    const valid: CodeContext = { uri: 'file:///x.ts', fileName: 'x.ts', languageId: 'typescript', range: { startLine: 0, startCharacter: 0, endLine: 1, endCharacter: 0 }, text: '', origin: 'selection' };
    // A range that ends before it starts; an origin that does not exist.
    await assert.rejects(chat.ask('About this code', { context: [{ ...valid, range: { startLine: 2, startCharacter: 0, endLine: 1, endCharacter: 0 } }] }), TypeError);
    await assert.rejects(chat.ask('About this code', { context: [{ ...valid, origin: 'clipboard' } as unknown as CodeContext] }), TypeError);
    rec.dispose();
    assert.deepEqual(rec.messages, [], 'nothing was posted');
    assert.equal(chat.getState().turns.length, 0, 'no turn was added');
    assert.equal(chat.busy, false);
  });

  it('like, then clicking like again revokes (rating null) — both reach Dify', async function () {
    assert.equal(await chat.ask('Rate me'), true);
    await chat.whenIdle();
    const turn = lastTurn(chat.getState());
    const conversationId = chat.getState().conversation.id as string;
    const client = await api.profiles.getClient();
    assert.ok(client);
    const feedbackPosts = async (): Promise<number> => (await admin<SimStats>('GET', 'stats')).log.filter((r) => r.method === 'POST' && r.path.includes('/feedbacks')).length;

    chat.receive({ type: 'feedback', turnId: turn.id, rating: 'like' });
    for (let i = 0; i < 200 && (await feedbackPosts()) < 1; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal((await client.messages({ conversationId })).data[0]?.feedback, 'like');
    assert.equal(lastTurn(chat.getState()).feedback, 'like');

    chat.receive({ type: 'feedback', turnId: turn.id, rating: null });
    for (let i = 0; i < 200 && (await feedbackPosts()) < 2; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal((await client.messages({ conversationId })).data[0]?.feedback, null);
    assert.equal(lastTurn(chat.getState()).feedback, null);
  });

  it('openConversation loads history (newest page) and Load earlier pages backwards', async function () {
    // The simulator seeds messages for the user id the extension sends; read it from a request it made.
    assert.equal(await chat.ask('Who am I?'), true);
    await chat.whenIdle();
    const stats = await admin<SimStats>('GET', 'stats');
    const post = stats.log.find((r) => r.method === 'POST' && /\/chat-messages$/.test(r.path));
    const user = (JSON.parse(post?.body ?? '{}') as { user?: string }).user;
    assert.ok(user, 'the chat request carried a user id');
    const seeded = await admin<{ conversationId: string; messageIds: string[] }>('POST', 'seed', { kind: 'messages', key: simKeys()['chat'], user, count: 25 });

    await chat.openConversation(seeded.conversationId);
    let state = chat.getState();
    assert.equal(state.conversation.id, seeded.conversationId);
    assert.equal(state.turns.length, 20);
    assert.equal(state.conversation.hasOlder, true);
    assert.deepEqual(state.turns.map((t) => t.answer.messageId), seeded.messageIds.slice(5));
    assert.ok(state.turns.every((t) => t.answer.status === 'done' && t.fromHistory));
    assert.equal(state.inputsLocked, true);

    // The older page goes to the panel on its own (the turns it shows stay), in front of them.
    const loaded = nextMessage(chat, 'olderTurns');
    chat.receive({ type: 'loadOlder' });
    const older = await loaded;
    assert.deepEqual(older.turns.map((t) => t.answer.messageId), seeded.messageIds.slice(0, 5));
    assert.equal(older.conversation.hasOlder, false);
    state = chat.getState();
    assert.equal(state.conversation.hasOlder, false);
    assert.deepEqual(state.turns.map((t) => t.answer.messageId), seeded.messageIds);

    // Continuing the opened conversation sends its id.
    assert.equal(await chat.ask('Continue this one'), true);
    await chat.whenIdle();
    assert.equal(chat.getState().conversation.id, seeded.conversationId);
    assert.equal(lastTurn(chat.getState()).answer.status, 'done');
  });

  describe('other app modes', function () {
    after(async function () {
      await useApp('chat', 'Sim Chatbot');
    });

    it('chatflow: required inputs are enforced before sending; workflow steps and citations arrive', async function () {
      await useApp('chatflow', 'Sim Chatflow');
      const app = chat.getState().app;
      assert.ok(app);
      assert.deepEqual(app.inputForm.map((f) => [f.variable, f.type, f.required]), [
        ['topic', 'text-input', true],
        ['background', 'paragraph', false],
        ['tone', 'select', false],
        ['max_items', 'number', false],
      ]);
      const notice = nextMessage(chat, 'notice');
      const draft = nextMessage(chat, 'draft');
      assert.equal(await chat.ask('Summarise the docs'), false, 'not sent without the required Topic');
      assert.match((await notice).message, /Topic/);
      assert.equal((await draft).text, 'Summarise the docs', 'the question waits in the composer');
      assert.equal(chat.getState().turns.length, 0);

      chat.receive({ type: 'inputsChanged', inputs: { topic: 'VS Code extensions', tone: 'Formal' } });
      assert.equal(await chat.ask('Summarise the docs'), true);
      await chat.whenIdle();
      const state = chat.getState();
      const answer = lastTurn(state).answer;
      assert.equal(answer.status, 'done');
      assert.ok(answer.workflow && answer.workflow.steps.length >= 2, 'workflow steps were traced');
      assert.ok(answer.workflow.steps.every((s) => s.status === 'succeeded'));
      assert.ok(answer.citations.length > 0, 'citations arrived');
      assert.equal(state.inputsLocked, true);
      assert.equal(state.inputs['topic'], 'VS Code extensions');
      const stats = await admin<SimStats>('GET', 'stats');
      const post = stats.log.find((r) => r.method === 'POST' && /\/chat-messages$/.test(r.path));
      const sent = JSON.parse(post?.body ?? '{}') as { inputs?: Record<string, unknown> };
      assert.equal(sent.inputs?.['topic'], 'VS Code extensions');
      assert.equal(sent.inputs?.['tone'], 'Formal');
    });

    it('agent: thoughts and tool calls (tool, input, observation) arrive with the answer', async function () {
      await useApp('agent', 'Sim Agent');
      assert.equal(await chat.ask('What time is it?'), true);
      await chat.whenIdle();
      const answer = lastTurn(chat.getState()).answer;
      assert.equal(answer.status, 'done');
      const tool = answer.thoughts.find((t) => t.tool);
      assert.ok(tool, 'a tool call was recorded');
      assert.ok(tool.toolInput.length > 0);
      assert.ok(tool.observation.length > 0);
    });
  });
});
