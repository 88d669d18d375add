/**
 * The building blocks of the runtime validators (the protocol's and the code context's): data that crossed
 * a trust boundary (a webview message, workspace state read back) is checked with these before use.
 */

/** True for an object literal's kind of object (not an array, a class instance or null). */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** True for a string of `min` to `max` UTF-16 code units. */
export function isBoundedString(x: unknown, max: number, min = 0): x is string {
  return typeof x === 'string' && x.length >= min && x.length <= max;
}

/**
 * True when `x`'s own keys are all in `required` or `optional` and every required one is there. Own keys
 * only, including non-enumerable and symbol ones: an own `__proto__` from JSON.parse is caught here.
 */
export function hasExactKeys(x: Record<string, unknown>, required: readonly string[], optional: readonly string[] = []): boolean {
  const own = Reflect.ownKeys(x);
  for (const k of own) {
    if (typeof k !== 'string' || (!required.includes(k) && !optional.includes(k))) return false;
  }
  return required.every((k) => Object.prototype.hasOwnProperty.call(x, k));
}
