/**
 * Deterministic "model token" splitting for the answer deltas: words with their leading space, long words
 * in pieces, one or two CJK characters at a time, digits in groups, punctuation alone, newlines alone.
 * Splits always fall on code point boundaries (a surrogate pair is never cut), but may fall inside an
 * emoji ZWJ sequence, as real tokenizers do. Same text + same seed = same deltas.
 */

/** FNV-1a, 32 bit. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]/u;
const PIECES = /(\n+)|([ \t]*[A-Za-z]+)|([ \t]*\d{1,3})|([ \t]*[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef])|([ \t]+)|([\s\S])/gu;

export function splitTokens(text: string, seed: number): string[] {
  const rand = prng(seed);
  const raw: string[] = [];
  for (const m of text.matchAll(PIECES)) {
    const piece = m[0];
    if (m[2] !== undefined && piece.length > 7) {
      // Long words arrive in sub-word pieces of 2-5 characters.
      let i = 0;
      while (i < piece.length) {
        const n = 2 + Math.floor(rand() * 4);
        raw.push(piece.slice(i, i + n));
        i += n;
      }
    } else {
      raw.push(piece);
    }
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let tok = raw[i] as string;
    // Sometimes two tokens come in one chunk; CJK characters pair up more often.
    const next = raw[i + 1];
    const pairChance = CJK.test(tok) ? 0.45 : 0.2;
    if (next !== undefined && !tok.includes('\n') && !next.includes('\n') && rand() < pairChance) {
      tok += next;
      i++;
    }
    out.push(tok);
  }
  return out;
}
