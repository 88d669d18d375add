/**
 * Byte-exact JSON encoders for the two serialisers Dify uses on the wire:
 *
 * - `dumpsSpaced`: Python's stdlib `json.dumps(obj)` with its defaults: separators `", "` and `": "`,
 *   `ensure_ascii=True` (every non-ASCII code unit becomes a lowercase `\uXXXX`, so an emoji is a surrogate
 *   pair of escapes), Python float repr (`1.0`, `1e-05`). Used by Flask-RESTX for every JSON route and the
 *   error envelope, and by the SSE writer of the 1.11.2 tree.
 * - `dumpsCompact`: orjson, as newer Dify uses for SSE: no spaces, raw UTF-8, ryu float formatting.
 *
 * JS numbers cannot tell `1` from `1.0`, so a value that Python holds as a float but that happens to be
 * integral must be wrapped with {@link pyFloat}; every non-integral number is a float anyway.
 * Key order is the object's insertion order, which is how the simulator reproduces Dify's key orders.
 */

/** A number that Python would serialise as a float even when integral (`1.0`, `0.0`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export function pyFloat(value: number): PyFloat {
  return new PyFloat(value);
}

export type PyJson = null | boolean | number | string | PyFloat | PyJson[] | { [key: string]: PyJson | undefined };

/** Shortest round-trip digits and the decimal point position (value = 0.DIGITS × 10^decpt). */
function shortestDigits(x: number): { digits: string; decpt: number } {
  const [mant = '0', exp = '0'] = Math.abs(x).toExponential().split('e');
  return { digits: mant.replace('.', ''), decpt: Number(exp) + 1 };
}

function fixed(digits: string, decpt: number): string {
  if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** Python `repr(float)`: fixed notation when -4 < decpt <= 16, else `d.ddde±XX`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  const { digits, decpt } = shortestDigits(x);
  if (decpt > -4 && decpt <= 16) return sign + fixed(digits, decpt);
  const e = decpt - 1;
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** orjson (ryu) float formatting: fixed when -5 < decpt <= 16, else `d.ddde-7` / `1e16` (no `+`). */
export function orjsonFloat(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0.0`;
  const { digits, decpt } = shortestDigits(x);
  if (decpt > -5 && decpt <= 16) return sign + fixed(digits, decpt);
  const e = decpt - 1;
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mant}e${e}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

// JSON string escaping is about control characters, so these patterns must name them.
// eslint-disable-next-line no-control-regex
const NEEDS_ASCII_ESCAPE = /[\\"\u0000-\u001f\u007f-\uffff]/g;
// eslint-disable-next-line no-control-regex
const NEEDS_RAW_ESCAPE = /[\\"\u0000-\u001f]/g;

/** `json.dumps` string encoding with ensure_ascii: everything outside space..tilde is escaped per UTF-16 unit. */
export function pyAsciiString(s: string): string {
  return `"${s.replace(NEEDS_ASCII_ESCAPE, (ch) => SHORT_ESCAPES[ch] ?? hex4(ch.charCodeAt(0)))}"`;
}

/** orjson string encoding: raw UTF-8, only `"`, `\` and C0 controls escaped. */
export function rawUtf8String(s: string): string {
  return `"${s.replace(NEEDS_RAW_ESCAPE, (ch) => SHORT_ESCAPES[ch] ?? hex4(ch.charCodeAt(0)))}"`;
}

interface Style {
  item: string;
  key: string;
  str: (s: string) => string;
  float: (x: number) => string;
}

const SPACED: Style = { item: ', ', key: ': ', str: pyAsciiString, float: pyFloatRepr };
const SPACED_UNICODE: Style = { item: ', ', key: ': ', str: rawUtf8String, float: pyFloatRepr };
const COMPACT: Style = { item: ',', key: ':', str: rawUtf8String, float: orjsonFloat };

function encode(value: PyJson | undefined, style: Style): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return style.str(value);
  if (typeof value === 'number') {
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value === 0 ? 0 : value) : style.float(value);
  }
  if (value instanceof PyFloat) return style.float(value.value);
  if (Array.isArray(value)) return `[${value.map((v) => encode(v, style)).join(style.item)}]`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    // `undefined` means "key absent" (as with JSON.stringify); Python has no undefined, null is emitted.
    if (v === undefined) continue;
    parts.push(`${style.str(k)}${style.key}${encode(v, style)}`);
  }
  return `{${parts.join(style.item)}}`;
}

/** Python `json.dumps(value)` (no trailing newline). */
export function dumpsSpaced(value: PyJson | undefined): string {
  return encode(value, SPACED);
}

/** Python `json.dumps(value, ensure_ascii=False)` (how Dify stores agent tool inputs and observations). */
export function dumpsSpacedUnicode(value: PyJson | undefined): string {
  return encode(value, SPACED_UNICODE);
}

/** orjson `dumps(value)` decoded as a JS string (its bytes are this string in UTF-8). */
export function dumpsCompact(value: PyJson | undefined): string {
  return encode(value, COMPACT);
}

/** Python `repr()` of a str: single quotes unless the text has `'` and no `"`. */
export function pyReprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python `repr()` of a JSON-decoded value (dict, list, str, int, float, bool, None). */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pyReprString(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloatRepr(value);
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyReprString(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Python `str()` of a JSON-decoded value: strings as-is, everything else as its repr. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python truthiness of a JSON-decoded value. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

/** Python's type name for a JSON-decoded value, as pydantic prints it in `input_type=`. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}
