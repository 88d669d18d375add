// "Ask About Selection" in the real extension host against the simulator: real documents in the test
// workspace, the commands as the palette and the context menu run them, the dialogs answered by script, and
// each query checked where it lands (the simulator's request log).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ChatController } from '../../../../src/host/chat/chatController';
import { codeContextOf, documentName } from '../../../../src/host/ask/editorContext';
import type { SimStats } from '../../support';
import { admin, extensionApi, nextMessage, ScriptedDialogs, simEnv } from '../../support';

const SOURCE = ['export function add(a: number, b: number): number {', '  return a + b;', '}', '', 'export const x = 1;', ''].join('\n');

/** The query of the last chat message the simulator received. */
async function lastQuery(): Promise<{ query: string; inputs: Record<string, unknown>; conversation_id?: string }> {
  const stats = await admin<SimStats>('GET', 'stats');
  const chats = stats.log.filter((e) => e.method === 'POST' && e.path.endsWith('/chat-messages'));
  const last = chats.at(-1);
  assert.ok(last, 'the simulator received no chat message');
  return JSON.parse(last.body) as { query: string; inputs: Record<string, unknown>; conversation_id?: string };
}

async function chatMessages(): Promise<number> {
  const stats = await admin<SimStats>('GET', 'stats');
  return stats.log.filter((e) => e.method === 'POST' && e.path.endsWith('/chat-messages')).length;
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dify').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Ask About Selection', function () {
  let api: DifyExtensionExports;
  let chat: ChatController;
  let dialogs: ScriptedDialogs;
  let dir: string;

  async function open(name: string, content: string, selections: Array<[number, number, number, number]> = []): Promise<vscode.TextEditor> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    if (selections.length) editor.selections = selections.map(([a, b, c, d]) => new vscode.Selection(a, b, c, d));
    return editor;
  }

  async function askAndWait(command: string): Promise<boolean> {
    const sent = await vscode.commands.executeCommand<boolean>(command);
    await chat.whenIdle();
    return sent;
  }

  before(async function () {
    api = await extensionApi();
    chat = api.chat;
    const sim = simEnv();
    await api.profiles.seedDevProfile(sim.baseUrl, sim.keys.chat);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration workspace has a folder');
    dir = path.join(folder.uri.fsPath, 'ask');
    fs.mkdirSync(dir, { recursive: true });
  });

  beforeEach(async function () {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
    await chat.stop();
    await chat.whenIdle();
    await admin('POST', 'reset');
    chat.newChat();
    for (const k of ['ask.templates', 'ask.inputs', 'ask.codeInQuery', 'ask.conversation', 'ask.maxCharacters']) await setSetting(k, undefined);
  });

  afterEach(() => dialogs.restore());

  it('each built-in template of the context menu sends its instruction, the file and lines, and the fenced code', async function () {
    await open('add.ts', SOURCE, [[0, 0, 3, 0]]);
    const code = SOURCE.split('\n').slice(0, 3).join('\n');
    const instructions: Record<string, RegExp> = {
      'dify.askExplain': /^Explain what this code does/,
      'dify.askFindBugs': /^Find the bugs in this code/,
      'dify.askWriteTests': /^Write unit tests for this code/,
      'dify.askAddDocs': /^Add documentation comments/,
      'dify.askOptimize': /^Make this code faster or simpler/,
    };
    for (const [command, instruction] of Object.entries(instructions)) {
      assert.equal(await askAndWait(command), true, command);
      const { query } = await lastQuery();
      assert.match(query, instruction, command);
      assert.ok(query.endsWith(`\n\n\`ask/add.ts\`, lines 1-3:\n\`\`\`typescript\n${code}\n\`\`\``), `${command}: ${query}`);
      const turn = chat.getState().turns.at(-1);
      assert.equal(turn?.question, query, 'the panel shows the query as sent');
      assert.deepEqual(turn?.context?.map((c) => [c.fileName, c.origin, c.range.startLine, c.range.endLine, c.text]), [['ask/add.ts', 'selection', 0, 3, `${code}\n`]]);
      assert.match(turn?.instruction ?? '', instruction);
    }
  });

  it('the pick offers the templates, remembers the last choice and focuses it next time', async function () {
    await open('pick.ts', SOURCE, [[0, 0, 1, 0]]);
    dialogs.picks.push((items) => items.find((i) => i.label === 'Write Tests'));
    assert.equal(await askAndWait('dify.askAboutSelection'), true);
    const first = dialogs.last('pick');
    assert.deepEqual(first?.actions, ['Explain', 'Find Bugs', 'Write Tests', 'Add Documentation', 'Optimize', 'Custom Question…']);
    assert.match((await lastQuery()).query, /^Write unit tests/);
    dialogs.picks.push(() => undefined);
    assert.equal(await askAndWait('dify.askAboutSelection'), false, 'Escape sends nothing');
    assert.equal(dialogs.last('pick')?.active, 'Write Tests', 'the last choice is focused when the pick opens again');
  });

  it('Custom Question… sends the typed words, then the code; Escape in the input box sends nothing', async function () {
    await open('custom.ts', SOURCE, [[4, 0, 4, 19]]);
    const before = await chatMessages();
    dialogs.picks.push((items) => items.find((i) => i.label === 'Custom Question…'));
    dialogs.inputs.push(undefined);
    assert.equal(await askAndWait('dify.askAboutSelection'), false);
    assert.equal(await chatMessages(), before);
    dialogs.picks.push((items) => items.find((i) => i.label === 'Custom Question…'));
    dialogs.inputs.push('这个常量有什么用？');
    assert.equal(await askAndWait('dify.askAboutSelection'), true);
    assert.equal((await lastQuery()).query, '这个常量有什么用？\n\n`ask/custom.ts`, line 5:\n```typescript\nexport const x = 1;\n```');
  });

  it("a template of the user's settings replaces a built-in by its label; an unknown placeholder is one sentence and nothing is sent", async function () {
    await open('tpl.ts', SOURCE, [[0, 0, 3, 0]]);
    await setSetting('ask.templates', [{ label: 'Explain', template: 'In one sentence, what does ${fileName} ${lineRange} do?\n${selection}' }, { label: 'Broken', template: 'Look at ${code}' }]);
    assert.equal(await askAndWait('dify.askExplain'), true);
    assert.equal((await lastQuery()).query, `In one sentence, what does ask/tpl.ts 1-3 do?\n\`\`\`typescript\n${SOURCE.split('\n').slice(0, 3).join('\n')}\n\`\`\``);
    const before = await chatMessages();
    dialogs.picks.push((items) => items.find((i) => i.label === 'Broken'));
    assert.equal(await askAndWait('dify.askAboutSelection'), false);
    assert.equal(await chatMessages(), before, 'nothing was sent');
    assert.match(dialogs.last('error')?.text ?? '', /^The template “Broken” uses \$\{code\}, which is not a placeholder, so nothing was sent; use \$\{selection\}/);
  });

  it("a trusted workspace's templates count too, and win over the user's with the same label", async function () {
    await open('ws.ts', SOURCE, [[0, 0, 1, 0]]);
    const config = vscode.workspace.getConfiguration('dify');
    await setSetting('ask.templates', [{ label: 'Review', template: 'User review.' }]);
    await config.update('ask.templates', [{ label: 'Review', template: 'Team review: ${fileName}.' }], vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(vscode.workspace.isTrusted, true, 'the test workspace is trusted');
      dialogs.picks.push((items) => items.find((i) => i.label === 'Review'));
      assert.equal(await askAndWait('dify.askAboutSelection'), true);
      assert.deepEqual(dialogs.last('pick')?.actions.slice(-2), ['Review', 'Custom Question…']);
      assert.match((await lastQuery()).query, /^Team review: ask\/ws\.ts\.\n\n`ask\/ws\.ts`, line 1:/);
    } finally {
      await config.update('ask.templates', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('no selection: the function under the cursor; outside any: the line; an empty line or document: a sentence', async function () {
    const editor = await open('cursor.ts', SOURCE, [[1, 4, 1, 4]]);
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.equal(await askAndWait('dify.askExplain'), true);
    const symbolTurn = chat.getState().turns.at(-1);
    assert.equal(symbolTurn?.context?.[0]?.origin, 'symbol');
    assert.match((await lastQuery()).query, /`ask\/cursor\.ts`, lines 1-3:\n```typescript\nexport function add/);
    editor.selections = [new vscode.Selection(4, 3, 4, 3)];
    assert.equal(await askAndWait('dify.askExplain'), true);
    assert.match((await lastQuery()).query, /`ask\/cursor\.ts`, line 5:\n```typescript\nexport const x = 1;\n```$/);
    editor.selections = [new vscode.Selection(3, 0, 3, 0)];
    assert.equal(await askAndWait('dify.askExplain'), false);
    assert.match(dialogs.last('info')?.text ?? '', /cursor is on an empty line/);
    await open('empty.ts', '  \n');
    assert.equal(await askAndWait('dify.askExplain'), false);
    assert.equal(dialogs.last('info')?.text, 'This document is empty, so there is no code to ask Dify about.');
  });

  it('several selections go as several blocks, in document order', async function () {
    await open('multi.ts', SOURCE, [[4, 0, 4, 19], [0, 16, 0, 19]]);
    assert.equal(await askAndWait('dify.askExplain'), true);
    const { query } = await lastQuery();
    assert.ok(query.endsWith('`ask/multi.ts`, line 1:\n```typescript\nadd\n```\n\n`ask/multi.ts`, line 5:\n```typescript\nexport const x = 1;\n```'), query);
  });

  it('over the size limit: a modal; Send Truncated sends the first part, marked, its fence closed; Cancel sends nothing', async function () {
    await setSetting('ask.maxCharacters', 100);
    const long = Array.from({ length: 40 }, (_, i) => `const v${i} = ${i};`).join('\n');
    await open('long.ts', long, [[0, 0, 40, 0]]);
    const before = await chatMessages();
    dialogs.confirms.push(undefined);
    assert.equal(await askAndWait('dify.askExplain'), false);
    assert.equal(await chatMessages(), before, 'Cancel sends nothing');
    assert.match(dialogs.last('confirm')?.text ?? '', /more than the 100 a question sends/);
    dialogs.confirms.push('Send Truncated');
    assert.equal(await askAndWait('dify.askExplain'), true);
    const { query } = await lastQuery();
    assert.match(query, /\n```typescript\n(const v\d+ = \d+;\n)+```\n\(The code was cut to its first 100 characters\.\)$/);
    assert.equal(chat.getState().turns.at(-1)?.context?.[0]?.truncated, true);
  });

  it('untitled documents and CRLF files work, with the right line numbers', async function () {
    const untitled = await vscode.workspace.openTextDocument({ content: 'print(1)\nprint(2)\n', language: 'python' });
    const editor = await vscode.window.showTextDocument(untitled);
    editor.selections = [new vscode.Selection(1, 0, 2, 0)];
    assert.equal(await askAndWait('dify.askExplain'), true);
    assert.match((await lastQuery()).query, new RegExp(`\`${untitled.uri.path}\`, line 2:\\n\`\`\`python\\nprint\\(2\\)\\n\`\`\`$`));
    await open('crlf.ts', 'const a = 1;\r\nconst b = 2;\r\nconst c = 3;\r\n', [[1, 0, 3, 0]]);
    assert.equal(await askAndWait('dify.askExplain'), true);
    assert.match((await lastQuery()).query, /`ask\/crlf\.ts`, lines 2-3:\n```typescript\nconst b = 2;\nconst c = 3;\n```$/);
  });

  it('a notebook cell is named by its notebook and number; a document of another scheme (an output, a diff) works too', async function () {
    const nbFile = path.join(dir, 'nb.ipynb');
    const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: [source] });
    fs.writeFileSync(nbFile, JSON.stringify({ cells: [cell('x = 1'), cell('print(x + 1)')], metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }));
    const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.file(nbFile));
    const second = notebook.cellAt(1).document;
    assert.equal(documentName(second), 'ask/nb.ipynb, cell 2');
    assert.equal(await api.ask.ask.run({ contexts: [codeContextOf(second, new vscode.Range(0, 0, 0, 12), 'selection')], template: 'explain' }), true);
    await chat.whenIdle();
    assert.match((await lastQuery()).query, /\n\n`ask\/nb\.ipynb, cell 2`, line 1:\n```python\nprint\(x \+ 1\)\n```$/);

    const scheme = 'dify-ask-test';
    const provider = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => 'line one\nline two\n' });
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${scheme}:/logs/output.log`));
      const editor = await vscode.window.showTextDocument(doc);
      editor.selections = [new vscode.Selection(1, 0, 1, 8)];
      assert.equal(await askAndWait('dify.askExplain'), true);
      assert.match((await lastQuery()).query, new RegExp(`\n\n\`output\\.log \\(${scheme}\\)\`, line 2:\n\`\`\`${doc.languageId}\nline two\n\`\`\`$`));
    } finally {
      provider.dispose();
    }
  });

  it('an answer still streaming: the question waits in the queue and goes when that answer ends', async function () {
    await open('queue.ts', SOURCE, [[0, 0, 3, 0]]);
    const held = nextMessage(chat, 'turnUpdate', () => (chat.getState().turns.at(-1)?.answer.text.length ?? 0) > 0);
    void chat.ask('/fault hold:2 tell me a long story');
    await held;
    const queued = nextMessage(chat, 'queue', (m) => m.queue.length === 1);
    assert.equal(await vscode.commands.executeCommand<boolean>('dify.askExplain'), true);
    const q = await queued;
    assert.match(q.queue[0]?.question ?? '', /^Explain what this code does/);
    assert.deepEqual(q.queue[0]?.files, ['ask/queue.ts']);
    assert.equal(chat.getState().queue.length, 1);
    const emptied = nextMessage(chat, 'queue', (m) => m.queue.length === 0);
    await admin('POST', 'release');
    await emptied;
    await chat.whenIdle();
    assert.match((await lastQuery()).query, /^Explain what this code does/);
    assert.equal(chat.getState().turns.length, 2);
  });

  it('an app whose inputs take the code: they are filled; a started conversation gives way to a new one, and the panel says so', async function () {
    await setSetting('ask.inputs', { code: '${selection}', language: '${languageId}' });
    await setSetting('ask.codeInQuery', false);
    await open('inputs.ts', SOURCE, [[4, 0, 4, 19]]);
    await chat.ask('hello');
    await chat.whenIdle();
    const firstConversation = chat.conversationId;
    assert.ok(firstConversation);
    const notice = nextMessage(chat, 'notice', (m) => /new conversation was started/.test(m.message));
    assert.equal(await askAndWait('dify.askExplain'), true);
    await notice;
    const sent = await lastQuery();
    assert.equal(sent.query, 'Explain what this code does and how it works.');
    assert.deepEqual({ code: sent.inputs['code'], language: sent.inputs['language'] }, { code: '```typescript\nexport const x = 1;\n```', language: 'typescript' });
    assert.equal(sent.conversation_id, undefined, 'a new conversation');
    assert.notEqual(chat.conversationId, firstConversation);
  });

  it('dify.ask.conversation "new" starts a new conversation for each question about code', async function () {
    await open('newconv.ts', SOURCE, [[0, 0, 1, 0]]);
    await chat.ask('hello');
    await chat.whenIdle();
    await setSetting('ask.conversation', 'new');
    assert.equal(await askAndWait('dify.askExplain'), true);
    assert.equal((await lastQuery()).conversation_id, undefined);
    assert.equal(chat.getState().turns.length, 1);
  });

  it('no key: the key prompt comes first, then the question goes out without asking again', async function () {
    await open('nokey.ts', SOURCE, [[0, 0, 1, 0]]);
    const sim = simEnv();
    await api.profiles.clearKey('simulator');
    try {
      dialogs.inputs.push(sim.keys.chat);
      assert.equal(await askAndWait('dify.askExplain'), true);
      assert.equal(dialogs.shown[0]?.kind, 'input', 'the key was asked for first');
      assert.match((await lastQuery()).query, /^Explain what this code does/);
      assert.equal(dialogs.shown.filter((s) => s.kind === 'input').length, 1, 'asked once');
    } finally {
      await api.profiles.storeKey('simulator', sim.keys.chat, sim.baseUrl);
    }
  });
});
