/**
 * Trimming by a set of characters in linear time. `/x+$/` looks simple but is quadratic on a long run of `x`
 * that does not end the text (the engine retries the run from each of its characters), and the texts trimmed
 * here can come from a server or a settings file.
 */

/** `text` without the characters of `chars` at its end. */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

/** `text` without the characters of `chars` at either end. */
export function trimEdgesOf(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start] as string)) start++;
  return trimEndOf(text.slice(start), chars);
}

/** `text` without any number of `suffix` at its end, compared without case. */
export function trimRepeatedSuffix(text: string, suffix: string): string {
  const lower = text.toLowerCase();
  const s = suffix.toLowerCase();
  let end = text.length;
  while (s.length > 0 && end >= s.length && lower.startsWith(s, end - s.length)) end -= s.length;
  return text.slice(0, end);
}
