import * as vscode from 'vscode';
import type { SymbolNode } from '../../context/symbols';
import type { CodeRange } from '../../shared/codeContext';

/** A VS Code range as the core's 0-based {@link CodeRange}. */
export function toCodeRange(r: vscode.Range): CodeRange {
  return { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character };
}

/** A core range as a VS Code range. */
export function toVsRange(r: CodeRange): vscode.Range {
  return new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter);
}

function kindName(kind: vscode.SymbolKind): string {
  return (vscode.SymbolKind[kind] ?? '').toLowerCase();
}

function fromDocumentSymbol(s: vscode.DocumentSymbol): SymbolNode {
  return { name: s.name, kind: kindName(s.kind), range: toCodeRange(s.range), selectionRange: toCodeRange(s.selectionRange), children: s.children.map(fromDocumentSymbol) };
}

function fromSymbolInformation(s: vscode.SymbolInformation): SymbolNode {
  const range = toCodeRange(s.location.range);
  return { name: s.name, kind: kindName(s.kind), range, selectionRange: { ...range, endLine: range.startLine, endCharacter: range.startCharacter }, children: [] };
}

/**
 * The document's symbols from its language's symbol provider, as {@link SymbolNode}s; none when the language
 * has no provider (no error). Remembered per document version, so lenses and questions ask once per edit.
 */
export class DocumentSymbols {
  private readonly cache = new Map<string, { version: number; symbols: Promise<SymbolNode[]> }>();

  get(document: vscode.TextDocument): Promise<SymbolNode[]> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.symbols;
    const symbols = this.fetch(document.uri);
    this.cache.set(key, { version: document.version, symbols });
    // A failed lookup must not stick: the next request for this version asks again.
    symbols.catch(() => this.cache.delete(key));
    return symbols;
  }

  /** Forgets a closed document. */
  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  private async fetch(uri: vscode.Uri): Promise<SymbolNode[]> {
    const raw = await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>('vscode.executeDocumentSymbolProvider', uri);
    if (!Array.isArray(raw)) return [];
    return raw.map((s) => ('children' in s ? fromDocumentSymbol(s) : fromSymbolInformation(s)));
  }
}
