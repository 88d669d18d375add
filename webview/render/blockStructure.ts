// Which top-level blocks of a growing markdown document can no longer change. marked lexes a document into
// top-level tokens whose `raw` strings concatenate back to the source; appended text can still rewrite the
// last few of them (a paragraph becomes a setext heading or a table header, a list absorbs the next item, an
// open fence swallows everything). These rules find a cut before which nothing can change any more, so
// those blocks are rendered once and the lexer restarts at the cut.
import type { Token, Tokens } from 'marked';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** A fenced code token without its closing fence (still streaming, or cut off at the end of a container). */
export function isOpenFence(token: Tokens.Code): boolean {
  if (token.codeBlockStyle === 'indented') return false;
  const lines = token.raw.split('\n');
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const open = FENCE_OPEN.exec(lines[0] ?? '')?.[1];
  if (!open || lines.length < 2) return true;
  const close = FENCE_CLOSE.exec(lines[lines.length - 1] ?? '')?.[1];
  return !(close && close[0] === open[0] && close.length >= open.length);
}

function lastBlock(tokens: readonly Token[] | undefined): Token | undefined {
  if (!tokens) return undefined;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t && t.type !== 'space') return t;
  }
  return undefined;
}

/**
 * The code block the text ends inside while its fence is still open (possibly nested in the last list item
 * or quote), or null. It is shown as plain text until the fence closes, so a long block being streamed is
 * not re-highlighted on every update.
 */
export function streamingCode(tokens: readonly Token[]): Tokens.Code | null {
  let t = lastBlock(tokens);
  while (t) {
    if (t.type === 'code') return isOpenFence(t as Tokens.Code) ? (t as Tokens.Code) : null;
    if (t.type === 'list') t = lastBlock((t as Tokens.List).items.at(-1)?.tokens);
    else if (t.type === 'blockquote') t = lastBlock((t as Tokens.Blockquote).tokens);
    else return null;
  }
  return null;
}

/** Blocks that end themselves: nothing after them can join them once their last line is complete. */
function selfTerminated(t: Token): boolean {
  return t.type === 'heading' || t.type === 'hr' || (t.type === 'code' && t.codeBlockStyle !== 'indented' && !isOpenFence(t as Tokens.Code));
}

/**
 * How many leading tokens are final: appending text can't change them, and lexing can restart right
 * after them. A token T is final once a later block U has started and either
 * - T ends itself (heading, hr, closed fence: U starts on a later line, so T's last line is complete), or
 * - a blank line separates them (U can't be a setext underline, a table delimiter or a definition title for
 *   T) and U starts at column 0 (conservative: an indented U can't be a continuation either). After a list,
 *   U's first line must also be complete: `2` could still become `2.`, the list's next item.
 * A paragraph directly followed by another block (a table, a list, a fence interrupting it) stays open: the
 * interrupting block could turn back into paragraph text (`| a |` + `|-x` is no table).
 */
export function finalTokenCount(tokens: readonly Token[]): number {
  let count = 0;
  let prev: Token | undefined;
  let gap = '';
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j];
    if (!t) continue;
    if (t.type === 'space') {
      gap += t.raw;
      continue;
    }
    if (prev) {
      // The blank space ending the previous block (trimEnd strips exactly what `\s` matches, from the end:
      // a regex `\s*$` would retry at every space of a long run inside the block, on every update).
      const between = prev.raw.slice(prev.raw.trimEnd().length) + gap;
      const blank = /\n[ \t]*\n/.test(between);
      const firstLineDone = t.raw.includes('\n') || j < tokens.length - 1;
      if (selfTerminated(prev) || (blank && !/^[ \t]/.test(t.raw) && (prev.type !== 'list' || firstLineDone))) {
        count = j;
      }
    }
    prev = t;
    gap = '';
  }
  return count;
}
