// Apply in the real extension host: an answer's code block back into the code it was asked about, through
// VS Code's diff editor (Accept / Reject), with the target followed through edits, CRLF files, an edited
// proposal, a stale target, a read-only document and a question about no code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ChatController } from '../../../../src/host/chat/chatController';
import { PROPOSAL_SCHEME } from '../../../../src/host/apply/proposalFileSystem';
import { admin, extensionApi, ScriptedDialogs, simEnv } from '../../support';

const SOURCE = ['export class Cart {', '  total(): number {', '    return 0;', '  }', '}', ''].join('\n');

/** The code block the simulator gives back with a comment added (what its Apply button carries). */
function lastBlock(chat: ChatController): { code: string; turnId: string } {
  const turn = chat.getState().turns.at(-1);
  assert.ok(turn, 'there is a turn');
  const code = /with a comment added:\n\n`{3,}[\w#+.-]*\n([\s\S]*?)\n`{3,}/.exec(turn.answer.text)?.[1];
  assert.ok(code !== undefined, 'the answer has a code block');
  return { code, turnId: turn.id };
}

function activeDiff(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

describe('Apply', function () {
  let api: DifyExtensionExports;
  let chat: ChatController;
  let dialogs: ScriptedDialogs;
  let dir: string;

  async function open(name: string, content: string, selection?: [number, number, number, number]): Promise<vscode.TextEditor> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
    if (selection) editor.selection = new vscode.Selection(...selection);
    return editor;
  }

  async function askExplain(): Promise<{ code: string; turnId: string }> {
    assert.equal(await vscode.commands.executeCommand<boolean>('dify.askExplain'), true);
    await chat.whenIdle();
    return lastBlock(chat);
  }

  before(async function () {
    api = await extensionApi();
    chat = api.chat;
    const sim = simEnv();
    await api.profiles.seedDevProfile(sim.baseUrl, sim.keys.chat);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    dir = path.join(folder.uri.fsPath, 'apply');
    fs.mkdirSync(dir, { recursive: true });
  });

  beforeEach(async function () {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
    await admin('POST', 'reset');
    chat.newChat();
  });

  afterEach(async function () {
    dialogs.restore();
    for (const uri of api.apply.service.open) await api.apply.service.reject(uri);
  });

  it('Apply on a question about a selection: a diff of the file with the code in place; Accept changes just that range, and one Undo restores it', async function () {
    const editor = await open('cart.ts', SOURCE, [1, 0, 4, 0]);
    const { code, turnId } = await askExplain();
    assert.match(code, /^ {2}\/\/ Reviewed by the Dify simulator\n {2}total\(\): number \{/);
    const proposal = await api.apply.service.apply(turnId, code);
    assert.ok(proposal, 'a diff opened');
    const diff = activeDiff();
    assert.equal(diff?.original.toString(), editor.document.uri.toString());
    assert.equal(diff?.modified.scheme, PROPOSAL_SCHEME);
    const expected = ['export class Cart {', '  // Reviewed by the Dify simulator', '  total(): number {', '    return 0;', '  }', '}', ''].join('\n');
    assert.equal((await vscode.workspace.openTextDocument(proposal)).getText(), expected, 'the code in place of the selection, at its indentation');
    assert.equal(await api.apply.service.accept(), true);
    assert.equal(editor.document.getText(), expected);
    assert.equal(activeDiff(), undefined, 'the diff closed');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE, 'one Undo restores the file');
  });

  it('CRLF files keep their line endings; edits above the target since the question move it', async function () {
    const crlf = SOURCE.replace(/\n/g, '\r\n');
    const editor = await open('crlf.ts', crlf, [2, 0, 3, 0]);
    const { turnId } = await askExplain();
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '// a header line\r\n'));
    const proposal = await api.apply.service.apply(turnId, 'return this.items.length;');
    assert.ok(proposal);
    assert.equal(await api.apply.service.accept(proposal), true);
    const text = editor.document.getText();
    assert.equal(text, ['// a header line', 'export class Cart {', '  total(): number {', '    return this.items.length;', '  }', '}', ''].join('\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
  });

  it('a document closed since the question is reopened: the diff is of that file, and Accept changes it', async function () {
    const editor = await open('closed.ts', SOURCE, [1, 0, 4, 0]);
    const uri = editor.document.uri;
    const { code, turnId } = await askExplain();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString()), 'no editor shows the file');
    const proposal = await api.apply.service.apply(turnId, code);
    assert.ok(proposal, 'a diff opened');
    assert.equal(activeDiff()?.original.toString(), uri.toString());
    assert.equal(await api.apply.service.accept(proposal), true);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.match(document.getText(), /^export class Cart \{\n {2}\/\/ Reviewed by the Dify simulator\n {2}total\(\): number \{/);
    await document.save();
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /Reviewed by the Dify simulator/);
  });

  it('the proposal side is editable: Accept applies what it holds; Reject changes nothing', async function () {
    const editor = await open('edit.ts', SOURCE, [2, 0, 3, 0]);
    const { turnId } = await askExplain();
    const proposal = await api.apply.service.apply(turnId, 'return 1;');
    assert.ok(proposal);
    const proposed = await vscode.workspace.openTextDocument(proposal);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(proposal, proposed.lineAt(2).range, '    return 42; // edited in the diff');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    assert.equal(await api.apply.service.accept(proposal), true);
    assert.equal(editor.document.lineAt(2).text, '    return 42; // edited in the diff');

    const before = editor.document.getText();
    editor.selection = new vscode.Selection(1, 0, 4, 0);
    // The question's code changed (the edit above was accepted): the current selection is taken instead.
    dialogs.warns.push('Apply to Selection');
    const second = await api.apply.service.apply(turnId, 'gone();');
    assert.ok(second);
    assert.equal(await api.apply.service.reject(second), true);
    assert.equal(editor.document.getText(), before, 'Reject changed nothing');
    assert.equal(api.apply.service.open.length, 0);
  });

  it('a target changed since the question is said in one sentence, with the current selection offered instead', async function () {
    const editor = await open('stale.ts', SOURCE, [2, 0, 3, 0]);
    const { turnId } = await askExplain();
    assert.ok(api.apply.service.targets.get(turnId), 'the question\'s code is followed');
    await editor.edit((e) => e.insert(new vscode.Position(2, 4), 'void 0; '));
    assert.equal(api.apply.service.targets.get(turnId)?.tracked.touched, true, 'the edit inside it was seen');
    dialogs.warns.push(undefined);
    assert.equal(await api.apply.service.apply(turnId, 'return 7;'), undefined);
    assert.match(dialogs.last('warn')?.text ?? '', /^The code at apply\/stale\.ts, line 3 changed since the question/);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    dialogs.warns.push('Apply to Selection');
    const proposal = await api.apply.service.apply(turnId, '// replaced first line');
    assert.ok(proposal);
    assert.equal((await vscode.workspace.openTextDocument(proposal)).lineAt(0).text, '// replaced first line');
  });

  it('a read-only document (an output, a diff) is refused with a sentence', async function () {
    const scheme = 'dify-apply-test';
    const provider = vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => 'alpha\nbeta\n' });
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(`${scheme}:/out/log.txt`));
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(1, 0, 2, 0);
      const { turnId } = await askExplain();
      assert.equal(await api.apply.service.apply(turnId, 'gamma'), undefined);
      assert.match(dialogs.last('error')?.text ?? '', /is read-only \(a diff or an output\), so the code cannot be applied there/);
    } finally {
      provider.dispose();
    }
  });

  it('a question about no code: the active editor’s selection; with none, insert at the cursor or replace the document; several diffs at once', async function () {
    const editor = await open('typed.ts', SOURCE, [0, 0, 1, 0]);
    await chat.ask('Write a header comment');
    await chat.whenIdle();
    const turnId = chat.getState().turns.at(-1)?.id ?? '';
    const first = await api.apply.service.apply(turnId, '// header');
    assert.ok(first);
    assert.equal((await vscode.workspace.openTextDocument(first)).lineAt(0).text, '// header');
    const again = await vscode.window.showTextDocument(editor.document, { preview: false });
    again.selection = new vscode.Selection(5, 0, 5, 0);
    dialogs.picks.push((items) => items.find((i) => i.label === 'Insert at the cursor'));
    const second = await api.apply.service.apply(turnId, '// end of file');
    assert.ok(second);
    assert.equal(api.apply.service.open.length, 2, 'two Apply diffs open at once');
    assert.equal((await vscode.workspace.openTextDocument(second)).lineAt(5).text, '// end of file');
    assert.deepEqual(dialogs.last('pick')?.actions, ['Insert at the cursor', 'Replace the whole document']);
  });
});
