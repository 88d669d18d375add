// Splits an answer into markdown and reasoning segments before any markdown parsing. Reasoning models behind
// Dify stream `<think>…</think>` (deepseek-style, Dify's "tagged" reasoning format); older Dify versions and
// some prompts wrap it in `<details><summary>…</summary>…</details>`. Both span many markdown blocks, which
// a block-by-block HTML pass can't nest, so they are cut out here and rendered as collapsible sections whose
// bodies are markdown documents of their own.
//
// The splitter is incremental (an answer only grows while it streams): complete lines are scanned once. Its
// result depends only on the text, never on how it arrived, so a fresh split of a prefix equals the split
// the streaming view computed for it.

export type SegmentKind = 'md' | 'think' | 'details';

export interface Segment {
  kind: SegmentKind;
  /** Offset of the segment in the text (its opening tag, for think/details): its identity across updates. */
  start: number;
  /** The markdown inside. */
  text: string;
  /** No more text will be added to this segment (its closing tag arrived, or a later segment began). */
  closed: boolean;
  /** details: the summary text (plain text). */
  summary: string;
  /** details: the source tag had an `open` attribute. */
  open: boolean;
}

interface OpenSegment {
  kind: SegmentKind;
  start: number;
  bodyStart: number;
  summary: string;
  open: boolean;
  /** details: whether the `<summary>` question is settled (until then the body is held back while streaming). */
  resolved: boolean;
  /** details: where the summary's text starts (just after `<summary…>`), or -1 until that tag was read. */
  summaryContent: number;
  /** details: where the search for `</summary>` resumes (it is not before here). */
  summarySearch: number;
}

// The expressions below see server text, so none can backtrack over more than a bounded span: the attributes of
// an opener are capped (MAX_OPENER_ATTRS characters; a longer `<details …>` is text), fences are matched per line,
// and the summary is found with indexOf from where the last look stopped (see resolveSummary).

/** Longest attribute text of a `<details …>` opener (real ones are `open` or a class name). */
const MAX_OPENER_ATTRS = 200;
/** A reasoning block opens at the start of a line (up to 3 spaces of indent), outside fenced code. */
const OPENER = new RegExp(String.raw`^ {0,3}(?:<think>|<details(?:\s[^>]{0,${MAX_OPENER_ATTRS - 1}})?>)`, 'i');
/** A trailing partial opener, held back while streaming so `<thi` never flashes as text. */
const PARTIAL_OPENER = new RegExp(String.raw`^ {0,3}(?:<t(?:h(?:i(?:nk?)?)?)?|<d(?:e(?:t(?:a(?:i(?:ls?)?)?)?)?)?|<details\s[^>]{0,${MAX_OPENER_ATTRS - 1}})$`, 'i');
/** The run is the whole run (the lookahead): a line that cannot match fails at once instead of retrying each shorter run. */
const FENCE_OPEN = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
/** `<summary>` or `<summary …>`, right at the start of a details body (after blank space). */
const SUMMARY_OPEN = new RegExp(String.raw`^<summary(?:\s[^>]{0,${MAX_OPENER_ATTRS - 1}})?>`, 'i');
const SUMMARY_CLOSE = '</summary>';

function closingTag(kind: SegmentKind): string {
  return kind === 'think' ? '</think>' : '</details>';
}

/** Length of the longest proper prefix of `tag` (at least 2 chars) that `text` ends with. */
function partialSuffix(text: string, tag: string): number {
  for (let k = Math.min(tag.length - 1, text.length); k >= 2; k--) {
    if (text.endsWith(tag.slice(0, k))) return k;
  }
  return 0;
}

/** A summary's text without its tags: each `<…>` is dropped (a `<` with no `>` after it stays), one pass. */
export function plainSummary(html: string): string {
  let out = '';
  let i = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', i)) {
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break; // no tag can close after here
    out += html.slice(i, lt);
    i = gt + 1;
  }
  out += html.slice(i);
  return out.replace(/\s+/g, ' ').trim();
}

/** Index of the first character at or after `from` that `\s` does not match (or the length). */
function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] as string)) i++;
  return i;
}

/** Incremental splitter; `update` accepts any text (a text that does not extend the last one starts over). */
export class Segmenter {
  private text = '';
  private done: Segment[] = [];
  private cur: OpenSegment = mdSegment(0);
  /** md: start of the next line to scan; think/details: where the search for the closing tag resumes. */
  private pos = 0;
  /** The fenced code block the markdown scan is inside, if any (no opener is recognised there). */
  private fence: { ch: string; len: number } | null = null;

  update(text: string, complete: boolean): Segment[] {
    if (!text.startsWith(this.text)) {
      this.done = [];
      this.cur = mdSegment(0);
      this.pos = 0;
      this.fence = null;
    }
    this.text = text;
    while (this.cur.kind === 'md' ? this.scanMarkdown() : this.scanBlock()) {
      // a segment closed and another began: keep scanning from there
    }
    return [...this.done, this.current(complete)];
  }

  private scanMarkdown(): boolean {
    const t = this.text;
    for (;;) {
      const nl = t.indexOf('\n', this.pos);
      const line = t.slice(this.pos, nl < 0 ? t.length : nl);
      if (!this.fence) {
        const m = OPENER.exec(line);
        if (m) {
          this.closeCurrent(this.pos);
          const tag = m[0].trim();
          const isThink = tag.toLowerCase() === '<think>';
          const bodyStart = this.pos + m[0].length;
          this.cur = {
            kind: isThink ? 'think' : 'details',
            start: this.pos,
            bodyStart,
            summary: '',
            open: !isThink && /\sopen(?:[\s=>]|$)/i.test(tag),
            resolved: isThink,
            summaryContent: -1,
            summarySearch: -1,
          };
          this.pos = bodyStart;
          return true;
        }
      }
      if (nl < 0) return false;
      this.fence = nextFence(this.fence, line);
      this.pos = nl + 1;
    }
  }

  private scanBlock(): boolean {
    const t = this.text;
    const cur = this.cur;
    const close = closingTag(cur.kind);
    if (!cur.resolved) this.resolveSummary();
    const idx = t.indexOf(close, Math.max(this.pos, cur.bodyStart));
    if (idx < 0) {
      this.pos = Math.max(cur.bodyStart, t.length - close.length + 1);
      return false;
    }
    if (!cur.resolved) cur.resolved = true; // closed before a summary completed: there is none
    this.closeCurrent(idx);
    const next = idx + close.length;
    this.cur = mdSegment(next);
    this.pos = next;
    this.fence = null;
    return true;
  }

  /**
   * details: settles whether the body starts with `<summary>…</summary>` once the text says so. While it
   * streams this runs on every update, so it never rescans: the opening tag is read once, and the search for
   * the closing tag resumes where the last one stopped.
   */
  private resolveSummary(): void {
    const cur = this.cur;
    const t = this.text;
    if (cur.summaryContent < 0) {
      // summarySearch marks how far the leading blank space was already skipped.
      const at = skipSpace(t, Math.max(cur.bodyStart, cur.summarySearch));
      cur.summarySearch = at;
      const rest = t.slice(at, at + MAX_OPENER_ATTRS + 9);
      const open = SUMMARY_OPEN.exec(rest);
      if (!open) {
        const lower = rest.toLowerCase();
        // Can't tell yet: nothing but space so far, or a `<summary` whose tag is still arriving.
        const arriving = at + rest.length === t.length;
        if (!(arriving && (lower === '' || '<summary'.startsWith(lower) || /^<summary(?:\s|$)/.test(lower)))) cur.resolved = true;
        return;
      }
      cur.summaryContent = at + open[0].length;
      cur.summarySearch = cur.summaryContent;
    }
    const close = indexOfIgnoreCase(t, SUMMARY_CLOSE, cur.summarySearch);
    if (close < 0) {
      // The closing tag may be arriving split across updates: resume just before the end.
      cur.summarySearch = Math.max(cur.summarySearch, t.length - SUMMARY_CLOSE.length + 1);
      return;
    }
    cur.summary = plainSummary(t.slice(cur.summaryContent, close));
    cur.bodyStart = close + SUMMARY_CLOSE.length;
    cur.resolved = true;
  }

  private closeCurrent(end: number): void {
    const c = this.cur;
    this.done.push({
      kind: c.kind,
      start: c.start,
      text: this.text.slice(c.bodyStart, end),
      closed: true,
      summary: c.summary,
      open: c.open,
    });
  }

  private current(complete: boolean): Segment {
    const c = this.cur;
    let end = this.text.length;
    let bodyStart = c.bodyStart;
    if (!complete) {
      if (c.kind === 'md') {
        if (!this.fence && PARTIAL_OPENER.test(this.text.slice(this.pos))) end = this.pos;
      } else if (!c.resolved) {
        end = bodyStart; // summary still arriving
      } else {
        end -= partialSuffix(this.text.slice(bodyStart), closingTag(c.kind));
      }
    }
    if (end < bodyStart) bodyStart = end;
    return { kind: c.kind, start: c.start, text: this.text.slice(bodyStart, end), closed: false, summary: c.summary, open: c.open };
  }
}

function mdSegment(at: number): OpenSegment {
  return { kind: 'md', start: at, bodyStart: at, summary: '', open: false, resolved: true, summaryContent: -1, summarySearch: -1 };
}

/** `text.indexOf(needle, from)` ignoring ASCII case; `needle` is lower case. One pass. */
function indexOfIgnoreCase(text: string, needle: string, from: number): number {
  const first = needle[0] as string;
  const upper = first.toUpperCase();
  for (let i = Math.max(0, from); i + needle.length <= text.length; i++) {
    const c = text[i];
    if (c !== first && c !== upper) continue;
    if (text.slice(i, i + needle.length).toLowerCase() === needle) return i;
  }
  return -1;
}

function nextFence(fence: { ch: string; len: number } | null, line: string): { ch: string; len: number } | null {
  if (fence) {
    const m = FENCE_CLOSE.exec(line);
    return m?.[1] && m[1][0] === fence.ch && m[1].length >= fence.len ? null : fence;
  }
  const m = FENCE_OPEN.exec(line);
  if (!m?.[1]) return null;
  const ch = m[1][0] ?? '`';
  if (ch === '`' && (m[2] ?? '').includes('`')) return null; // not a fence: a backtick info string is inline code
  return { ch, len: m[1].length };
}

/** One-shot split of a whole text (identical to what a streaming Segmenter returns for it). */
export function splitSegments(text: string, complete: boolean): Segment[] {
  return new Segmenter().update(text, complete);
}
