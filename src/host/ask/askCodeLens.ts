import * as vscode from 'vscode';
import { lensTargets } from '../../context/symbols';
import type { CodeRange } from '../../shared/codeContext';
import { Command } from '../commands';
import { Disposable } from '../disposables';
import { affectsLenses, readLensSettings } from './askSettings';
import type { LensSettings } from './askSettings';
import type { DocumentSymbols } from './documentSymbols';
import { LENS_SCHEMES } from './lensSchemes';
import { toVsRange } from './documentSymbols';

/** What a lens's command carries: the document and the symbol's range (its text is read at click time). */
export interface LensTarget {
  uri: string;
  range: CodeRange;
  name: string;
}

/** True for a command argument that is a {@link LensTarget} (commands can be run with anything). */
export function isLensTarget(x: unknown): x is LensTarget {
  if (typeof x !== 'object' || x === null) return false;
  const t = x as Partial<LensTarget>;
  const r = t.range;
  return typeof t.uri === 'string' && typeof t.name === 'string' && typeof r === 'object' && r !== null && [r.startLine, r.startCharacter, r.endLine, r.endCharacter].every((n) => Number.isInteger(n) && n >= 0);
}


/**
 * "Ask Dify" and "Explain" above functions, methods, classes and constructors (top-level symbols and their
 * direct children, multi-line ones, one pair per line), from the language's own symbol provider. Cheap: it
 * returns ranges only (the code is read when a lens is clicked), answers from a cache per document version
 * (one computation shared by concurrent requests), honours cancellation, and gives nothing for a document no visible editor shows.
 * activate() registers it for {@link LENS_SCHEMES} (through the forwarding provider of src/host/lazy/lazyViews.ts).
 */
export class AskCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  private settings: LensSettings = readLensSettings();
  /** Per document: the lenses of one version (a promise, so concurrent requests share one computation). */
  private readonly lenses = new Map<string, { version: number; lenses: Promise<vscode.CodeLens[]> }>();

  constructor(private readonly symbols: DocumentSymbols) {
    // Registered by activate() (src/host/lazy/lazyViews.ts), which hands each request on to this provider.
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsLenses(e)) return;
        this.settings = readLensSettings();
        this.lenses.clear();
        this.changed.fire();
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.lenses.delete(d.uri.toString());
        this.symbols.forget(d.uri);
      }),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.wanted(document)) return [];
    const key = document.uri.toString();
    // The version asked about: the document object is live, and an edit arriving while the symbols are
    // computed must not make this answer look current.
    const version = document.version;
    let entry = this.lenses.get(key);
    if (!entry || entry.version !== version) {
      entry = { version, lenses: this.compute(document, key) };
      this.lenses.set(key, entry);
    }
    const lenses = await entry.lenses;
    // A cancelled request gives nothing, but the computation stays cached for the next one.
    return token.isCancellationRequested ? [] : lenses;
  }

  private async compute(document: vscode.TextDocument, key: string): Promise<vscode.CodeLens[]> {
    const symbols = await this.symbols.get(document).catch(() => []);
    const lenses: vscode.CodeLens[] = [];
    for (const s of lensTargets(symbols)) {
      const at = new vscode.Range(s.selectionRange.startLine, 0, s.selectionRange.startLine, 0);
      const target: LensTarget = { uri: key, range: s.range, name: s.name };
      lenses.push(
        new vscode.CodeLens(at, { title: vscode.l10n.t('Ask Dify'), tooltip: vscode.l10n.t('Ask Dify about {0}', s.name), command: Command.askAboutSymbol, arguments: [target] }),
        new vscode.CodeLens(at, { title: vscode.l10n.t('Explain'), tooltip: vscode.l10n.t('Ask Dify to explain {0}', s.name), command: Command.explainSymbol, arguments: [target] }),
      );
    }
    return lenses;
  }

  /** Lenses on, the language allowed, a file or untitled document, shown in a visible editor. */
  private wanted(document: vscode.TextDocument): boolean {
    const { enabled, languages } = this.settings;
    if (!enabled || !LENS_SCHEMES.includes(document.uri.scheme)) return false;
    if (languages.length > 0 && !languages.includes(document.languageId)) return false;
    return vscode.window.visibleTextEditors.some((e) => e.document === document);
  }
}

/** The range a lens target names, as a VS Code range. */
export function lensRange(target: LensTarget): vscode.Range {
  return toVsRange(target.range);
}
