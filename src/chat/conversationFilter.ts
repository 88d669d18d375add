/**
 * The Conversations view's filter: which conversations a typed text keeps, by name. Case, width and accents of
 * composed characters are ignored (NFKC, then lower case), and every word typed must appear, in any order. Pure.
 */

/** The text as the filter compares it. */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

/** The words of a filter text (none: the filter is off). */
export function filterTerms(filter: string): string[] {
  return foldForMatch(filter).split(/\s+/).filter((w) => w !== '');
}

/** True when `name` holds every term (no terms: everything matches). */
export function matchesTerms(name: string, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const folded = foldForMatch(name);
  return terms.every((t) => folded.includes(t));
}

/** The items whose name (as `nameOf` gives it: the label shown) matches `filter`, in their order. */
export function applyFilter<T>(items: readonly T[], filter: string, nameOf: (item: T) => string): T[] {
  const terms = filterTerms(filter);
  return terms.length === 0 ? [...items] : items.filter((item) => matchesTerms(nameOf(item), terms));
}
