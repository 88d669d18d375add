/**
 * Putting an answer's code block back into a document: the block adapted to where it goes (the document's line
 * endings, the target's indentation), the proposed document, and the one edit that turns the current document
 * into what the user accepted. Pure: offsets and text in, text out.
 */

/** The document's line ending: CRLF when its first line break is one, else LF. */
export function eolOf(text: string): '\n' | '\r\n' {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** The leading whitespace of the first line of `text` that is not blank. */
export function indentOf(text: string): string {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() !== '') return /^[ \t]*/.exec(line)?.[0] ?? '';
  }
  return '';
}

/** The longest leading whitespace all non-blank lines share. */
function commonIndent(lines: readonly string[]): string {
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (common === undefined) common = indent;
    else {
      let i = 0;
      while (i < common.length && i < indent.length && common[i] === indent[i]) i++;
      common = common.slice(0, i);
    }
  }
  return common ?? '';
}

/**
 * `block` as it should stand at the target: its own common indentation replaced by `indent` (the target's),
 * blank lines left empty, and line endings made `eol`.
 */
export function adaptBlock(block: string, indent: string, eol: string): string {
  const lines = block.replace(/\r\n?/g, '\n').split('\n');
  const common = commonIndent(lines);
  return lines.map((line) => (line.trim() === '' ? '' : indent + line.slice(common.length))).join(eol);
}

/**
 * The document with `[start, end)` replaced by the block adapted to it. When the replaced text ended with a line
 * break (whole lines were selected), the block is given one too, so the lines after it stay on their own lines.
 */
export function proposeReplacement(document: string, start: number, end: number, block: string): string {
  const eol = eolOf(document);
  const target = document.slice(start, end);
  const lineStart = document.lastIndexOf('\n', start - 1) + 1;
  const linePrefix = document.slice(lineStart, start);
  const prefixIsIndent = linePrefix.trim() === '';
  // The indentation the block's lines take: the target's own (whole lines, or a selection after the line's
  // indentation); an empty target's line's; mid-line, the line's.
  let indent: string;
  if (!prefixIsIndent) indent = /^[ \t]*/.exec(linePrefix)?.[0] ?? '';
  else if ((linePrefix + target).trim() === '') indent = linePrefix;
  else indent = indentOf(linePrefix + target);
  let text = adaptBlock(block, indent, eol);
  // The first line already stands after what precedes it on its line: drop the part of the indentation it has.
  const covered = prefixIsIndent ? Math.min(linePrefix.length, indent.length) : indent.length;
  if (text.startsWith(indent.slice(0, covered))) text = text.slice(covered);
  if (/\r?\n$/.test(target) && !text.endsWith(eol)) text += eol;
  return document.slice(0, start) + text + document.slice(end);
}

/** The one edit that turns `current` into `proposed`: the span they differ in (common prefix and suffix kept). */
export function minimalEdit(current: string, proposed: string): { start: number; end: number; text: string } {
  let prefix = 0;
  const max = Math.min(current.length, proposed.length);
  while (prefix < max && current.charCodeAt(prefix) === proposed.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && current.charCodeAt(current.length - 1 - suffix) === proposed.charCodeAt(proposed.length - 1 - suffix)) suffix++;
  return { start: prefix, end: current.length - suffix, text: proposed.slice(prefix, proposed.length - suffix) };
}

/** True when `now` is still the text a question was about (line endings aside). */
export function sameCode(now: string, then: string): boolean {
  return now.replace(/\r\n?/g, '\n') === then.replace(/\r\n?/g, '\n');
}
