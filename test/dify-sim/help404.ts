/**
 * Flask-RESTX's 404 "help" (RESTX_ERROR_404_HELP, on in Dify): a 404 raised inside a route gets
 * " You have requested this URI [/v1/...] but did you mean /v1/... ?" appended when the request path is
 * close (difflib, cutoff 0.6) to registered rules. The rules here are the Service API's; the real app has
 * more (console, web), so the exact list of suggestions may differ from a real server.
 */

/** difflib.SequenceMatcher(None, a, b).ratio() (no junk; autojunk never triggers for strings < 200). */
export function ratio(a: string, b: string): number {
  const b2j = new Map<string, number[]>();
  for (let j = 0; j < b.length; j++) {
    const c = b[j] as string;
    const list = b2j.get(c) ?? [];
    list.push(j);
    b2j.set(c, list);
  }
  const longest = (alo: number, ahi: number, blo: number, bhi: number): [number, number, number] => {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i] as string) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = next;
    }
    return [besti, bestj, bestsize];
  };
  let matches = 0;
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (k === 0) continue;
    matches += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  const total = a.length + b.length;
  return total ? (2 * matches) / total : 1;
}

/** difflib.get_close_matches(word, possibilities, n=3, cutoff=0.6): best first, ties by larger string. */
export function closeMatches(word: string, possibilities: string[], n = 3, cutoff = 0.6): string[] {
  const scored = possibilities.map((x) => [ratio(word, x), x] as const).filter(([s]) => s >= cutoff);
  scored.sort((p, q) => (q[0] !== p[0] ? q[0] - p[0] : q[1] < p[1] ? -1 : q[1] > p[1] ? 1 : 0));
  return scored.slice(0, n).map(([, x]) => x);
}

/** `Api._help_on_404(message)` for the given Flask rule strings. */
export function helpOn404(message: string, path: string, rules: string[]): string {
  // RE_RULES = "(<.*>)" is greedy: everything from the first "<" to the last ">" goes.
  const byStripped = new Map<string, string>();
  for (const r of rules) byStripped.set(r.replace(/<.*>/, ''), r);
  const close = closeMatches(path, [...byStripped.keys()]);
  if (close.length === 0) return message;
  const prefix = message ? `${message.replace(/\.+$/, '')}. ` : '';
  return `${prefix}You have requested this URI [${path}] but did you mean ${close.map((m) => byStripped.get(m)).join(' or ')} ?`;
}
