import * as vscode from 'vscode';
import { enclosingSymbol } from '../../context/symbols';
import type { CodeContext, CodeContextOrigin } from '../../shared/codeContext';
import type { DocumentSymbols } from './documentSymbols';
import { toCodeRange } from './documentSymbols';

/**
 * The name a question gives a document: workspace-relative for a file, the untitled document's name, a
 * notebook cell as "notebook.ipynb, cell 3", any other document (a git diff, an output copied to an editor)
 * by its path and scheme.
 */
export function documentName(document: vscode.TextDocument): string {
  const uri = document.uri;
  if (uri.scheme === 'file') return vscode.workspace.asRelativePath(uri, false);
  if (uri.scheme === 'untitled') return uri.path || vscode.l10n.t('Untitled');
  if (uri.scheme === 'vscode-notebook-cell') {
    for (const notebook of vscode.workspace.notebookDocuments) {
      const cell = notebook.getCells().find((c) => c.document === document);
      if (cell) return vscode.l10n.t('{0}, cell {1}', vscode.workspace.asRelativePath(notebook.uri, false), cell.index + 1);
    }
  }
  const base = uri.path.split('/').filter(Boolean).pop() ?? uri.toString();
  return `${base} (${uri.scheme})`;
}

/** The code of `range` in `document`, as a turn carries it. */
export function codeContextOf(document: vscode.TextDocument, range: vscode.Range, origin: CodeContextOrigin): CodeContext {
  return {
    uri: document.uri.toString(),
    fileName: documentName(document),
    languageId: document.languageId,
    range: toCodeRange(range),
    text: document.getText(range),
    origin,
  };
}

/**
 * A symbol's range from the start of its first line when only indentation precedes it there (language services
 * start a method at its name), so its code keeps its indentation and whole lines are replaced when applied back.
 */
export function wholeLines(document: vscode.TextDocument, range: vscode.Range): vscode.Range {
  const first = document.lineAt(range.start.line);
  const before = first.text.slice(0, range.start.character);
  return before.trim() === '' ? new vscode.Range(range.start.line, 0, range.end.line, range.end.character) : range;
}

/** Why there is no code to ask about. */
export type NoCode = { none: 'emptyDocument' | 'emptyLine' };

/**
 * What a question about this editor is about: its non-empty selections in document order; with none, the
 * function, method or class under the cursor; outside any, the cursor's line; an empty document has nothing.
 */
export async function editorContexts(editor: vscode.TextEditor, symbols: DocumentSymbols): Promise<CodeContext[] | NoCode> {
  const document = editor.document;
  if (document.getText().trim() === '') return { none: 'emptyDocument' };
  const selected = editor.selections.filter((s) => !s.isEmpty).sort((a, b) => a.start.compareTo(b.start));
  if (selected.length > 0) return selected.map((s) => codeContextOf(document, s, 'selection'));
  const cursor = editor.selection.active;
  const symbol = enclosingSymbol(await symbols.get(document).catch(() => []), toCodeRange(new vscode.Range(cursor, cursor)));
  if (symbol) {
    const r = symbol.range;
    return [codeContextOf(document, wholeLines(document, new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter)), 'symbol')];
  }
  const line = document.lineAt(cursor.line);
  if (line.isEmptyOrWhitespace) return { none: 'emptyLine' };
  return [codeContextOf(document, line.range, 'selection')];
}

/**
 * What a lens click is about: the selection when it lies inside the symbol (someone selected part of it
 * first), otherwise the symbol's whole range, read now (the lens holds only its range).
 */
export function symbolContexts(document: vscode.TextDocument, symbolRange: vscode.Range): CodeContext[] {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const inside = editor?.selections.filter((s) => !s.isEmpty && symbolRange.contains(s)).sort((a, b) => a.start.compareTo(b.start)) ?? [];
  if (inside.length > 0) return inside.map((s) => codeContextOf(document, s, 'selection'));
  return [codeContextOf(document, wholeLines(document, symbolRange), 'symbol')];
}
