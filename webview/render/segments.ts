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
}

/** A reasoning block opens at the start of a line (up to 3 spaces of indent), outside fenced code. */
const OPENER = /^ {0,3}(?:<think>|<details(?:\s[^>]*)?>)/i;
/** A trailing partial opener, held back while streaming so `<thi` never flashes as text. */
const PARTIAL_OPENER = /^ {0,3}(?:<t(?:h(?:i(?:nk?)?)?)?|<d(?:e(?:t(?:a(?:i(?:ls?)?)?)?)?)?|<details\s[^>]*)$/i;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const SUMMARY = /^\s*<summary(?:\s[^>]*)?>([\s\S]*?)<\/summary>/i;

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

function plainSummary(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
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

  /** details: settles whether the body starts with `<summary>…</summary>` once the text says so. */
  private resolveSummary(): void {
    const cur = this.cur;
    const body = this.text.slice(cur.bodyStart);
    const m = SUMMARY.exec(body);
    if (m) {
      cur.summary = plainSummary(m[1] ?? '');
      cur.bodyStart += m[0].length;
      cur.resolved = true;
      return;
    }
    const rest = body.replace(/^\s+/, '').toLowerCase();
    if (rest === '' || '<summary'.startsWith(rest) || /^<summary(?:[\s>]|$)/.test(rest)) return; // can't tell yet
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
  return { kind: 'md', start: at, bodyStart: at, summary: '', open: false, resolved: true };
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
