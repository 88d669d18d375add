import * as vscode from 'vscode';
import type { ContextChip } from '../../chat/contextChips';
import { isBinary } from '../../context/fileText';
import type { CodeContext } from '../../shared/codeContext';

/** What reading a chip's code at send time found. */
export type ChipText = { ok: true; context: CodeContext } | { ok: false; reason: 'missing' | 'binary' };

/** The lines of `range` in `text` (0-based, end exclusive at the character). */
function slice(text: string, range: NonNullable<ContextChip['range']>): string {
  const lines = text.split('\n');
  const start = lines.slice(0, range.startLine).reduce((n, l) => n + l.length + 1, 0) + range.startCharacter;
  const end = lines.slice(0, range.endLine).reduce((n, l) => n + l.length + 1, 0) + range.endCharacter;
  return text.slice(start, Math.min(end, text.length));
}

/** The range of all of `text`; a final line break ends the last line rather than starting an empty one. */
export function wholeText(text: string): NonNullable<ContextChip['range']> {
  const lines = text.split('\n');
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const last = lines.at(-1) ?? '';
  return { startLine: 0, startCharacter: 0, endLine: lines.length - 1, endCharacter: last.endsWith('\r') ? last.length - 1 : last.length };
}

/**
 * A chip's code as it is now: from the open document (unsaved changes included), or from disk. A file that is
 * gone or binary gives a reason instead (the sender says so, and drops the chip).
 */
export async function readChip(chip: ContextChip): Promise<ChipText> {
  const uri = vscode.Uri.parse(chip.uri);
  // An open document is the truth only while it holds unsaved changes (or has no file): a saved one may be a
  // copy VS Code keeps after the file changed or went, so the disk is read.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === chip.uri && (d.isDirty || d.isUntitled || d.uri.scheme !== 'file'));
  let text: string;
  let languageId = chip.languageId;
  if (open) {
    text = open.getText();
    languageId = open.languageId;
  } else {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return { ok: false, reason: 'missing' };
    }
    if (isBinary(bytes)) return { ok: false, reason: 'binary' };
    text = new TextDecoder().decode(bytes);
  }
  const range = chip.range ?? wholeText(text);
  const code = chip.range ? slice(text, chip.range) : text;
  return { ok: true, context: { uri: chip.uri, fileName: chip.fileName, languageId, range, text: code, origin: chip.range ? 'chip' : 'file' } };
}
