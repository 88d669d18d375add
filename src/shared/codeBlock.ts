/**
 * Code as a question carries it: line ranges for people (1-based, inclusive) and Markdown code fences that the
 * code cannot close early. Pure: no vscode; the host hands in ranges and text.
 */
import type { CodeRange } from './codeContext';

/**
 * The last line a range really covers, 0-based. A selection that ends at column 0 of a line (the usual result of
 * selecting whole lines with the keyboard or a triple-click) does not include that line.
 */
export function lastIncludedLine(range: CodeRange): number {
  return range.endCharacter === 0 && range.endLine > range.startLine ? range.endLine - 1 : range.endLine;
}

/** The lines a range covers, 1-based and inclusive: `{ first: 12, last: 20 }`. */
export function lineSpan(range: CodeRange): { first: number; last: number } {
  return { first: range.startLine + 1, last: lastIncludedLine(range) + 1 };
}

/** `12` for one line, `12-20` for several (1-based, inclusive). */
export function lineRangeLabel(range: CodeRange): string {
  const { first, last } = lineSpan(range);
  return first === last ? String(first) : `${first}-${last}`;
}

/** The longest run of `ch` in `text`. */
function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ch) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  return longest;
}

/**
 * A backtick fence longer than any run of backticks inside `code` (at least three), so that code holding ```
 * (a Markdown file, a template literal, a test of a Markdown parser) cannot end the block early. Tildes inside
 * never close a backtick fence.
 */
export function fenceFor(code: string): string {
  return '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
}

/** A fence info string from a VS Code language id: kept when it is a plain word, else none. */
export function fenceLanguage(languageId: string): string {
  return /^[A-Za-z0-9_+#.-]{1,64}$/.test(languageId) ? languageId : '';
}

/**
 * `code` as a fenced Markdown block tagged with its language. Line endings become `\n` (the block is Markdown
 * text); one trailing line ending is dropped, as the fence supplies it.
 */
export function fencedBlock(code: string, languageId: string): string {
  const body = code.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const fence = fenceFor(body);
  return `${fence}${fenceLanguage(languageId)}\n${body}\n${fence}`;
}
