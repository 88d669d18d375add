// Export as Markdown in the real extension host against the simulator: the whole conversation read from
// Dify (130 messages: two pages of 100, backwards with first_id), in order, into an untitled Markdown editor
// or a file the person picks; the conversation open in the panel through "Dify: Export Conversation"; code
// blocks and citations kept; nothing of the key in it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { HistoryMessage } from '../../../../src/dify/types';
import type { ExportOutcome } from '../../../../src/host/conversations/conversationExporter';
import type { SimEnv, SuiteProfile } from '../../support';
import { ScriptedDialogs, extensionApi, rowNode, saveUserSettings, simAdmin, simEnv, suiteProfile, treeRows } from '../../support';

const toEditor = (items: readonly vscode.QuickPickItem[]) => items.find((i) => /New Editor/.test(i.label));
const toFile = (items: readonly vscode.QuickPickItem[]) => items.find((i) => /Save to a File/.test(i.label));

/** Questions and answers as the document lists them, in its order. */
function turnsOf(markdown: string): Array<{ n: number; question: string; answer: string }> {
  const out: Array<{ n: number; question: string; answer: string }> = [];
  const re = /## Question (\d+)\n\n([\s\S]*?)\n\n## Answer \1\n\n([\s\S]*?)(?=\n\n---\n)/g;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) out.push({ n: Number(m[1]), question: m[2] as string, answer: m[3] as string });
  return out;
}

describe('Conversations tree: export as Markdown', function () {
  let api: DifyExtensionExports;
  let sim: SimEnv;
  let settings: { restore(): Promise<void> };
  let profile: SuiteProfile;
  let dialogs: ScriptedDialogs;
  let conversationId: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dify-export-'));

  /** Every message of a conversation, straight from the simulator, oldest first. */
  async function atDify(id: string): Promise<HistoryMessage[]> {
    const client = await api.profiles.getClient();
    const pages: HistoryMessage[][] = [];
    let firstId: string | undefined;
    for (;;) {
      const page = await client!.messages({ conversationId: id, limit: 50, ...(firstId ? { firstId } : {}) });
      pages.unshift(page.data);
      if (!page.hasMore) break;
      firstId = page.data[0]?.id;
    }
    return pages.flat();
  }

  before(async function () {
    sim = simEnv();
    api = await extensionApi();
    settings = saveUserSettings();
    profile = await suiteProfile(api, sim, 'it-export', 'chat');
    const seeded = (await simAdmin(sim.origin, 'POST', 'seed', { kind: 'messages', key: sim.keys.chat, user: profile.user, count: 130 })) as { conversationId: string };
    conversationId = seeded.conversationId;
    await vscode.commands.executeCommand('dify.conversations.focus');
    await api.conversations.refresh();
  });

  beforeEach(() => {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
  });

  afterEach(async () => {
    dialogs.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await profile.remove();
    await settings.restore();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the whole conversation, in order, into a new untitled Markdown editor: what Dify has, nothing of the key', async () => {
    const row = treeRows(api).find((r) => r.id === conversationId);
    assert.ok(row);
    dialogs.picks = [toEditor];
    const outcome = (await vscode.commands.executeCommand('dify.conversations.export', rowNode(row))) as ExportOutcome;
    assert.equal(outcome?.target, 'editor');
    const doc = outcome.target === 'editor' ? outcome.document : undefined;
    assert.ok(doc);
    assert.equal(doc.languageId, 'markdown');
    assert.equal(doc.isUntitled, true);
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'shown');
    const text = doc.getText();
    const stored = await atDify(conversationId);
    assert.equal(stored.length, 130);
    const turns = turnsOf(text);
    assert.deepEqual(
      turns.map((t) => [t.question, t.answer]),
      stored.map((m) => [m.query, m.answer]),
      'every question and answer, in order, exactly as stored',
    );
    assert.deepEqual(turns.map((t) => t.n), stored.map((_m, i) => i + 1));
    assert.match(text, /^# Seeded history\n/);
    assert.match(text, /- \*\*App:\*\* Sim Chatbot/);
    assert.ok(text.includes(`\`${conversationId}\``));
    for (const key of Object.values(sim.keys)) assert.ok(!text.includes(key), 'no key');
    assert.doesNotMatch(text, /Bearer|app-[A-Za-z0-9]{8}/);
    const log = ((await simAdmin(sim.origin, 'GET', 'stats')) as { log: Array<{ path: string }> }).log.filter((r) => r.path.startsWith('/v1/messages') && r.path.includes(conversationId));
    assert.ok(log.some((r) => /first_id=/.test(r.path)), 'paged backwards with first_id');
  });

  it('or saved to a file the person picks, named after the conversation and its date; Cancel writes nothing', async () => {
    const row = treeRows(api).find((r) => r.id === conversationId)!;
    dialogs.picks = [toFile];
    dialogs.saves = [undefined];
    assert.equal(await vscode.commands.executeCommand('dify.conversations.export', rowNode(row)), undefined);
    assert.match(dialogs.last('save')?.text ?? '', /\/Seeded history \d{4}-\d{2}-\d{2}\.md$/, 'the default file name');
    const target = vscode.Uri.file(path.join(tmp, 'export.md'));
    dialogs.picks = [toFile];
    dialogs.saves = [target];
    const outcome = (await vscode.commands.executeCommand('dify.conversations.export', rowNode(row))) as ExportOutcome;
    assert.equal(outcome?.target, 'file');
    const written = fs.readFileSync(target.fsPath, 'utf8');
    assert.deepEqual(turnsOf(written).map((t) => t.question), (await atDify(conversationId)).map((m) => m.query));
    assert.match(dialogs.last('info')?.text ?? '', /Exported “Seeded history” to export\.md\./);
    dialogs.picks = [];
    assert.equal(await vscode.commands.executeCommand('dify.conversations.export', rowNode(row)), undefined, 'the pick cancelled');
  });

  it('"Dify: Export Conversation" exports the one open in the panel, code blocks and citations kept', async () => {
    api.chat.newChat();
    assert.equal(await api.chat.ask('Show me some markdown', { newConversation: true }), true);
    await api.chat.whenIdle();
    assert.equal(await api.chat.ask('Which docs say so? citations please'), true);
    await api.chat.whenIdle();
    const open = api.chat.conversationId;
    assert.ok(open);
    dialogs.picks = [toEditor];
    const outcome = (await vscode.commands.executeCommand('dify.exportConversation')) as ExportOutcome;
    const text = outcome?.target === 'editor' ? outcome.document.getText() : '';
    const stored = await atDify(open);
    assert.equal(stored.length, 2);
    assert.ok(stored[0]!.answer.includes('```'), 'the markdown answer has code blocks');
    assert.ok(text.includes(stored[0]!.answer.trim()), 'the answer with its code blocks, verbatim');
    assert.ok(stored[1]!.retrieverResources.length > 0, 'the simulator cited sources');
    assert.match(text, /\*\*Sources:\*\* \[\^2-1\]/);
    assert.match(text, /\n\[\^2-1\]: \*\*/);
    api.chat.newChat();
    dialogs.picks = [toEditor];
    assert.equal(await vscode.commands.executeCommand('dify.exportConversation'), undefined);
    assert.match(dialogs.last('info')?.text ?? '', /no saved conversation yet/);
  });
});
