/**
 * Small readers for unknown JSON, shared by every wire reader. Reading is defensive: a value of the wrong
 * type reads as empty (or undefined) rather than throwing, except where a route's promise is broken, which
 * throws {@link WireShapeError}.
 */

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/**
 * Thrown by the readers when a response is not the shape the route promises; the client reports it as
 * `notDify`. Its message is a technical detail for logs (e.g. `app info: no string "name"`).
 */
export class WireShapeError extends Error {
  override readonly name = 'WireShapeError';
}

/** True for a JSON object (not an array, not null). */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `v` as an object, or a {@link WireShapeError} naming `what` (e.g. `app info`). */
export function object(v: unknown, what: string): Json {
  if (!isObject(v)) throw new WireShapeError(`${what}: not a JSON object`);
  return v;
}

/** A string field; `null`/absent → `''`; numbers are stringified (older servers). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Like {@link str}, but absent stays undefined. */
export function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** A number field (numeric strings too); anything else → 0. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(+v) ? +v : 0;
}

/** Like {@link num}, but absent stays undefined. */
export function optNum(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(+v) ? +v : undefined;
}

/** Like {@link optNum}, but an explicit `null` stays null. */
export function nullableNum(v: unknown): number | null | undefined {
  return v === null ? null : optNum(v);
}

/** The string `o[key]`, or a {@link WireShapeError}. */
export function requiredStr(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new WireShapeError(`${what}: no string "${key}"`);
  return v;
}

/** An array field; anything else → `[]`. */
export function array(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** An object field; anything else → `{}`. */
export function record(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}

/** The strings of an array field. */
export function strings(v: unknown): string[] {
  return array(v).filter((x): x is string => typeof x === 'string');
}
