// The "Ask Dify" / "Explain" code lenses in the real extension host: where they go (a test language whose
// symbol provider this suite registers, and VS Code's own TypeScript service), what a click sends (checked at
// the simulator), the settings, and the cost of provideCodeLenses on a 5,000-line file (printed, and written to
// test-results/bench/codelens.json for the performance report; never a pass/fail on time).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { LensTarget } from '../../../../src/host/ask/askCodeLens';
import type { SimStats } from '../../support';
import { admin, EXTENSION_ID, extensionApi, ScriptedDialogs, simEnv } from '../../support';

/** The fixture language's symbols: line numbers are 0-based, as VS Code's. */
function fixtureSymbols(): vscode.DocumentSymbol[] {
  const S = (name: string, kind: vscode.SymbolKind, start: number, end: number, children: vscode.DocumentSymbol[] = []): vscode.DocumentSymbol => {
    const s = new vscode.DocumentSymbol(name, '', kind, new vscode.Range(start, 0, end, 80), new vscode.Range(start, 6, start, 6 + name.length));
    s.children = children;
    return s;
  };
  return [
    S('Outer', vscode.SymbolKind.Class, 0, 20, [
      S('constructor', vscode.SymbolKind.Constructor, 1, 3),
      S('run', vscode.SymbolKind.Method, 4, 9, [S('helper', vscode.SymbolKind.Function, 5, 8)]),
      S('Inner', vscode.SymbolKind.Class, 10, 16, [S('deep', vscode.SymbolKind.Method, 11, 14)]),
      S('short', vscode.SymbolKind.Method, 18, 18),
    ]),
    S('main', vscode.SymbolKind.Function, 22, 26),
    S('CONST', vscode.SymbolKind.Constant, 28, 28),
  ];
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('dify').update(key, value, vscode.ConfigurationTarget.Global);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

describe('Code lenses', function () {
  let api: DifyExtensionExports;
  let dir: string;
  let registration: vscode.Disposable;
  const token = new vscode.CancellationTokenSource().token;

  async function openFile(name: string, content: string): Promise<vscode.TextEditor> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: false });
  }

  const lensesOf = (doc: vscode.TextDocument): Promise<vscode.CodeLens[]> => Promise.resolve(api.ask.lenses.provideCodeLenses(doc, token));

  before(async function () {
    api = await extensionApi();
    const sim = simEnv();
    await api.profiles.seedDevProfile(sim.baseUrl, sim.keys.chat);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    dir = path.join(folder.uri.fsPath, 'lens');
    fs.mkdirSync(dir, { recursive: true });
    registration = vscode.languages.registerDocumentSymbolProvider({ pattern: '**/*.lensfixture' }, { provideDocumentSymbols: () => fixtureSymbols() });
  });

  after(() => registration.dispose());

  afterEach(async () => {
    await setSetting('codeLens.enabled', undefined);
    await setSetting('codeLens.languages', undefined);
  });

  it('top-level symbols and their direct children, multi-line ones only, one pair per line', async function () {
    const editor = await openFile('nested.lensfixture', Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n'));
    const lenses = await lensesOf(editor.document);
    const byLine = new Map<number, string[]>();
    for (const l of lenses) byLine.set(l.range.start.line, [...(byLine.get(l.range.start.line) ?? []), l.command?.title ?? '']);
    assert.deepEqual([...byLine.keys()], [0, 1, 4, 10, 22], 'Outer, its constructor, run and Inner, and main (no helper, deep, short, CONST)');
    for (const titles of byLine.values()) assert.deepEqual(titles, ['Ask Dify', 'Explain']);
    assert.equal(await lensesOf(editor.document), lenses, 'the same document version is answered from the cache');
  });

  it('a click sends that symbol’s code, or the selection inside it; "Explain" sends at once, "Ask Dify" opens the pick', async function () {
    const content = ['class Box {', '  constructor() {', '    this.v = 1;', '  }', '  get() {', '    return this.v;', '  }', '}', ''].join('\n');
    const editor = await openFile('box.js', content);
    const lenses = await (async () => {
      // VS Code's JavaScript service starts on first use: ask until it has symbols (bounded, no sleeps in between).
      for (let i = 0; i < 200; i++) {
        const got = await lensesOf(editor.document);
        if (got.length > 0) return got;
        await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', editor.document.uri);
      }
      return [];
    })();
    assert.ok(lenses.length > 0, 'the JavaScript service gave symbols');
    const explainGet = lenses.find((l) => l.command?.title === 'Explain' && (l.command.arguments?.[0] as LensTarget).name === 'get');
    assert.ok(explainGet?.command, 'a lens above get()');
    await admin('POST', 'reset');
    api.chat.newChat();
    await vscode.commands.executeCommand(explainGet.command.command, ...(explainGet.command.arguments ?? []));
    await api.chat.whenIdle();
    const stats = await admin<SimStats>('GET', 'stats');
    const body = JSON.parse(stats.log.filter((e) => e.path.endsWith('/chat-messages')).at(-1)?.body ?? '{}') as { query: string };
    assert.match(body.query, /^Explain what this code does[^\n]*\n\n`lens\/box\.js`, lines 5-7:\n```javascript\n {2}get\(\) \{\n {4}return this\.v;\n {2}\}\n```$/);

    editor.selections = [new vscode.Selection(5, 4, 5, 18)];
    const dialogs = new ScriptedDialogs(api.connection.prompter).install();
    try {
      const askGet = lenses.find((l) => l.command?.title === 'Ask Dify' && (l.command.arguments?.[0] as LensTarget).name === 'get');
      assert.ok(askGet?.command);
      dialogs.picks.push((items) => items.find((i) => i.label === 'Optimize'));
      await vscode.commands.executeCommand(askGet.command.command, ...(askGet.command.arguments ?? []));
      await api.chat.whenIdle();
      assert.equal(dialogs.last('pick')?.kind, 'pick', 'Ask Dify opened the template pick');
      const after = await admin<SimStats>('GET', 'stats');
      const q = JSON.parse(after.log.filter((e) => e.path.endsWith('/chat-messages')).at(-1)?.body ?? '{}') as { query: string };
      assert.match(q.query, /^Make this code faster[^\n]*\n\n`lens\/box\.js`, line 6:\n```javascript\nreturn this\.v;\n```$/, 'the selection inside the symbol is sent');
    } finally {
      dialogs.restore();
    }
  });

  it('the settings turn them off, or limit them to chosen languages; no symbol provider, no lenses and no error', async function () {
    const editor = await openFile('settings.lensfixture', 'x\n'.repeat(30));
    assert.ok((await lensesOf(editor.document)).length > 0);
    await setSetting('codeLens.enabled', false);
    assert.deepEqual(await lensesOf(editor.document), []);
    await setSetting('codeLens.enabled', undefined);
    await setSetting('codeLens.languages', ['python']);
    assert.deepEqual(await lensesOf(editor.document), [], 'not one of the chosen languages');
    await setSetting('codeLens.languages', [editor.document.languageId]);
    assert.ok((await lensesOf(editor.document)).length > 0);
    const plain = await openFile('plain.txt', 'no symbols here\n');
    assert.deepEqual(await lensesOf(plain.document), []);
  });

  it('measures provideCodeLenses on a 5,000-line TypeScript file (median; cached, and uncached after each edit)', async function () {
    this.timeout(300_000);
    const lines: string[] = [];
    for (let c = 0; c < 100; c++) {
      lines.push(`export class Service${c} {`);
      for (let m = 0; m < 12; m++) lines.push(`  method${m}(a: number): number {`, `    const b = a * ${m};`, `    return b + ${c};`, '  }');
      lines.push('}');
    }
    while (lines.length < 5000) lines.push(`// filler ${lines.length}`);
    const editor = await openFile('big.ts', lines.join('\n'));
    const doc = editor.document;
    for (let i = 0; i < 600 && (await lensesOf(doc)).length === 0; i++) {
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    }
    const first = await lensesOf(doc);
    assert.equal(first.length, 2 * (100 + 100 * 12), 'a pair above every class and every method');
    const uncached: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < 9; i++) {
      // The edit's change event: only then does the document (in this extension host) have its new version.
      const changed = new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeTextDocument((e) => {
          if (e.document === doc) {
            sub.dispose();
            resolve();
          }
        });
      });
      await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount - 1, 0), ' '));
      await changed;
      let t = performance.now();
      const computed = await lensesOf(doc);
      uncached.push(performance.now() - t);
      t = performance.now();
      const again = await lensesOf(doc);
      cached.push(performance.now() - t);
      assert.equal(again, computed, 'the second call for the same version is answered from the cache');
    }
    // Right after a computation VS Code itself is busy taking the new lenses (thousands of them): measured
    // apart, so the cache's own cost is the settled figure.
    const settled: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await lensesOf(doc);
      settled.push(performance.now() - t);
    }
    const figures = {
      lines: doc.lineCount,
      lenses: first.length,
      runs: uncached.length,
      uncachedMedianMs: median(uncached),
      cachedMedianMs: median(settled),
      cachedRightAfterEditMedianMs: median(cached),
    };
    console.log(
      `provideCodeLenses on ${figures.lines} lines (${figures.lenses} lenses): uncached (after an edit, TypeScript's symbols included) median ${figures.uncachedMedianMs.toFixed(1)} ms; ` +
        `cached median ${figures.cachedMedianMs.toFixed(3)} ms (${figures.cachedRightAfterEditMedianMs.toFixed(1)} ms right after an edit, while VS Code takes the new lenses)`,
    );
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
    if (root) {
      fs.mkdirSync(path.join(root, 'test-results', 'bench'), { recursive: true });
      fs.writeFileSync(path.join(root, 'test-results', 'bench', 'codelens.json'), JSON.stringify(figures, null, 2));
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
