/**
 * The question "Ask About Selection" (and the composer's context chips) send: a template's instruction, then
 * each piece of code with where it is from and a fence it cannot close. Pure: the words around the code come
 * from the host, in the user's language.
 */
import type { CodeContext } from '../shared/codeContext';
import { fencedBlock, lineRangeLabel, lineSpan } from '../shared/codeBlock';
import type { Expansion, Placeholder } from './templates';
import { expandTemplate } from './templates';

/** The words the query puts around the code (the host localizes them). */
export interface QueryWords {
  /** Where a piece of code is from, e.g. "`src/a.ts`, lines 12-20" (`lines` is `12` or `12-20`, `single` for one line). */
  location(fileName: string, lines: string, single: boolean): string;
  /** Said after a piece of code that was cut to the size limit. */
  truncated(limit: number): string;
}

/** The values of the placeholders for code from one document (several selections: several ranges). */
export function placeholderValues(contexts: readonly CodeContext[], input: string): Record<Placeholder, string> {
  const first = contexts[0];
  return {
    selection: contexts.map((c) => fencedBlock(c.text, c.languageId)).join('\n\n'),
    languageId: first?.languageId ?? '',
    fileName: first?.fileName ?? '',
    lineRange: contexts.map((c) => lineRangeLabel(c.range)).join(', '),
    input,
  };
}

/** One piece of code as the default query shows it: where it is from, the fenced code, and a note if it was cut. */
export function codeSection(context: CodeContext, words: QueryWords, limit: number): string {
  const { first, last } = lineSpan(context.range);
  const head = words.location(context.fileName, lineRangeLabel(context.range), first === last);
  const note = context.truncated ? `\n${words.truncated(limit)}` : '';
  return `${head}\n${fencedBlock(context.text, context.languageId)}${note}`;
}

/**
 * The query for `template` about `contexts` (in document order). A template that places `${selection}` itself
 * is the whole query; otherwise the default Markdown layout follows its instruction: each piece of code under
 * its location line. `limit` is the size limit the truncation note names.
 */
export function buildQuery(template: string, contexts: readonly CodeContext[], words: QueryWords, opts: { input?: string; limit: number }): Expansion {
  const expanded = expandTemplate(template, placeholderValues(contexts, opts.input ?? ''));
  if (!expanded.ok || expanded.usesSelection || contexts.length === 0) return expanded;
  const code = contexts.map((c) => codeSection(c, words, opts.limit)).join('\n\n');
  const instruction = expanded.text.trim();
  return { ok: true, text: instruction === '' ? code : `${instruction}\n\n${code}`, usesSelection: false };
}

/** A string cut to at most `max` UTF-16 units without splitting a surrogate pair, at a line end when one is near. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // the high half of a pair: keep the pair whole by dropping it
  const nl = text.lastIndexOf('\n', end - 1);
  // A whole last line reads better, unless that would drop more than a tenth of what may be sent.
  if (nl >= 0 && end - nl <= Math.max(1, Math.floor(max / 10))) end = nl;
  return text.slice(0, end);
}

/** The total characters of code in `contexts`. */
export function totalLength(contexts: readonly CodeContext[]): number {
  return contexts.reduce((n, c) => n + c.text.length, 0);
}

/**
 * `contexts` cut to `limit` characters in all, in order: the pieces that fit are kept whole, the one that
 * crosses the limit is cut (and marked `truncated`), the rest are dropped.
 */
export function truncateContexts(contexts: readonly CodeContext[], limit: number): CodeContext[] {
  const out: CodeContext[] = [];
  let room = limit;
  for (const c of contexts) {
    if (room <= 0) break;
    if (c.text.length <= room) {
      out.push(c);
      room -= c.text.length;
    } else {
      out.push({ ...c, text: cutText(c.text, room), truncated: true });
      room = 0;
    }
  }
  return out;
}
