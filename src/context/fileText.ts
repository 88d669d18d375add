/** Telling a text file from a binary one by its first bytes. Pure. */

/** The first bytes looked at. */
export const SNIFF_BYTES = 8_000;

/** True for bytes that are no text: a NUL within the first 8,000, or no valid UTF-8 there. */
export function isBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  if (head.includes(0)) return true;
  try {
    // `stream`: a character cut at the end of the sniffed part is held back, not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return false;
  } catch {
    return true;
  }
}
