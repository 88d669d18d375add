// Context chips in the real extension host: Add Selection to Chat, Add File to Chat and the `@` pick put code
// above the message box; the question that is sent carries it (read at send time) after the typed words, in
// order, checked at the simulator; limits, a deleted file and a binary one each say what happened.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ChatController } from '../../../../src/host/chat/chatController';
import type { SimStats } from '../../support';
import { admin, extensionApi, nextMessage, ScriptedDialogs, simEnv } from '../../support';

async function lastQuery(): Promise<string> {
  const stats = await admin<SimStats>('GET', 'stats');
  const last = stats.log.filter((e) => e.method === 'POST' && e.path.endsWith('/chat-messages')).at(-1);
  assert.ok(last, 'the simulator received no chat message');
  return (JSON.parse(last.body) as { query: string }).query;
}

describe('Context chips', function () {
  let api: DifyExtensionExports;
  let chat: ChatController;
  let dialogs: ScriptedDialogs;
  let dir: string;

  function file(name: string, content: string | Uint8Array): vscode.Uri {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return vscode.Uri.file(p);
  }

  async function sendFromPanel(text: string): Promise<void> {
    chat.receive({ type: 'send', text, inputs: {} });
    await nextMessage(chat, 'busy', (m) => !m.busy, 30_000).catch(() => undefined);
    await chat.whenIdle();
  }

  before(async function () {
    api = await extensionApi();
    chat = api.chat;
    const sim = simEnv();
    await api.profiles.seedDevProfile(sim.baseUrl, sim.keys.chat);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    dir = path.join(folder.uri.fsPath, 'chips');
    fs.mkdirSync(dir, { recursive: true });
  });

  beforeEach(async function () {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
    await admin('POST', 'reset');
    chat.newChat();
    for (const c of chat.getState().chips) chat.receive({ type: 'removeChip', id: c.id });
    await vscode.workspace.getConfiguration('dify').update('chat.maxContextCharacters', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(() => dialogs.restore());

  it('a selection and a file become chips (the same range twice is one); the question carries their code after the words, in order, and the chips go', async function () {
    const a = file('a.ts', 'const a = 1;\nconst b = 2;\nconst c = 3;\n');
    const b = file('b.py', 'print("hi")\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(a));
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    await vscode.commands.executeCommand('dify.addSelectionToChat');
    await vscode.commands.executeCommand('dify.addSelectionToChat');
    await vscode.commands.executeCommand('dify.addFileToChat', b, [b]);
    assert.deepEqual(chat.getState().chips.map((c) => c.label), ['chips/a.ts · lines 2–3', 'chips/b.py']);
    assert.equal(chat.getState().chips[0]?.preview, 'const b = 2;\nconst c = 3;\n');

    // Read at send time: the file changed after its chip was added.
    fs.writeFileSync(b.fsPath, 'print("changed")\n');
    const cleared = nextMessage(chat, 'chips', (m) => m.chips.length === 0);
    await sendFromPanel('Compare these');
    await cleared;
    assert.equal(
      await lastQuery(),
      'Compare these\n\n`chips/a.ts`, lines 2-3:\n```typescript\nconst b = 2;\nconst c = 3;\n```\n\n`chips/b.py`, line 1:\n```python\nprint("changed")\n```',
    );
    const turn = chat.getState().turns.at(-1);
    assert.equal(turn?.instruction, 'Compare these');
    assert.deepEqual(turn?.context?.map((c) => [c.fileName, c.origin]), [['chips/a.ts', 'chip'], ['chips/b.py', 'file']]);
  });

  it('`@` opens the workspace’s files, open editors first; a file chosen becomes a chip, Escape adds none', async function () {
    file('mention.md', '# Notes\n');
    const other = file('other.ts', 'export {};\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(other), { preview: false });
    const open = file('open.ts', 'export {};\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(open), { preview: false });
    dialogs.picks.push((items) => items.find((i) => i.label === 'mention.md'));
    const picked = nextMessage(chat, 'filePicked');
    chat.receive({ type: 'pickFile' });
    assert.deepEqual(await picked, { type: 'filePicked', added: true });
    const pick = dialogs.last('pick');
    const actions = pick?.actions ?? [];
    assert.equal(actions[0], 'open.ts', 'the active editor comes first');
    assert.ok(actions.indexOf('other.ts') > 0 && actions.indexOf('other.ts') < actions.indexOf('mention.md'), 'another open editor before the files that are not open');
    assert.ok(actions.includes('mention.md'));
    assert.ok(chat.getState().chips.some((c) => c.label === 'chips/mention.md'));
    const escaped = nextMessage(chat, 'filePicked');
    chat.receive({ type: 'pickFile' });
    assert.deepEqual(await escaped, { type: 'filePicked', added: false });
  });

  it('over the size limit nothing is sent: the panel names the largest; "send cut" sends them cut, marked', async function () {
    await vscode.workspace.getConfiguration('dify').update('chat.maxContextCharacters', 100, vscode.ConfigurationTarget.Global);
    const big = file('big.ts', Array.from({ length: 30 }, (_, i) => `const n${i} = ${i};`).join('\n'));
    await vscode.commands.executeCommand('dify.addFileToChat', big);
    const stats = await admin<SimStats>('GET', 'stats');
    const before = stats.log.length;
    const refused = nextMessage(chat, 'chipsTooLarge');
    const draft = nextMessage(chat, 'draft');
    chat.receive({ type: 'send', text: 'Review', inputs: {} });
    assert.match((await refused).message, /more than the 100 a question sends \(largest: chips\/big\.ts \(\d+\)\)/);
    assert.equal((await draft).text, 'Review', 'the question is back in the box');
    assert.equal((await admin<SimStats>('GET', 'stats')).log.length, before, 'nothing was sent');
    assert.equal(chat.getState().chips.length, 1, 'the chip stays');
    chat.receive({ type: 'sendTruncated', text: 'Review', inputs: {} });
    await nextMessage(chat, 'chips', (m) => m.chips.length === 0);
    await chat.whenIdle();
    assert.match(await lastQuery(), /^Review\n\n`chips\/big\.ts`, lines 1-30:\n```typescript\n[\s\S]*\n```\n\(The code was cut to its first 100 characters\.\)$/);
  });

  it('a binary file is refused with a sentence; a file deleted before sending is left out, said so, and the rest goes', async function () {
    const bin = file('image.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    await vscode.commands.executeCommand('dify.addFileToChat', bin);
    assert.match(dialogs.last('error')?.text ?? '', /^chips\/image\.png is not a text file \(it looks binary\), so it was not added to the chat\.$/);
    assert.equal(chat.getState().chips.length, 0);
    const keep = file('keep.ts', 'export const keep = 1;\n');
    const gone = file('gone.ts', 'export const gone = 1;\n');
    await vscode.commands.executeCommand('dify.addFileToChat', keep, [keep, gone]);
    fs.rmSync(gone.fsPath);
    const notice = nextMessage(chat, 'notice', (m) => /gone\.ts is gone/.test(m.message));
    await sendFromPanel('What is kept?');
    await notice;
    assert.match(await lastQuery(), /^What is kept\?\n\n`chips\/keep\.ts`, line 1:\n```typescript\nexport const keep = 1;\n```$/);
  });

  it('chips stay when the question cannot go yet (an answer streaming)', async function () {
    const f = file('wait.ts', 'export const wait = 1;\n');
    await vscode.commands.executeCommand('dify.addFileToChat', f);
    const streaming = nextMessage(chat, 'turnUpdate', () => (chat.getState().turns.at(-1)?.answer.text.length ?? 0) > 0);
    void chat.ask('/fault hold:2 a long story');
    await streaming;
    const draft = nextMessage(chat, 'draft');
    chat.receive({ type: 'send', text: 'Now this', inputs: {} });
    assert.equal((await draft).text, 'Now this');
    assert.equal(chat.getState().chips.length, 1, 'the chip is kept');
    await admin('POST', 'release');
    await chat.stop();
    await chat.whenIdle();
  });
});
