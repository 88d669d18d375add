/**
 * Request-body JSON decoding the way Dify's Flask sees it: `request.get_json()` with the flask-orjson
 * provider. Success gives the value; failure gives orjson's error text (`<what>: line L column C (char N)`),
 * which only reaches the client when Flask runs in debug mode (see `envelope.ts`).
 */

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

function where(text: string, pos: number): string {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line} column ${column} (char ${pos})`;
}

/** Finds where strict JSON parsing fails: the index and whether it was the end of the input. */
function firstError(s: string): { pos: number; eof: boolean } {
  let i = 0;
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i] as string)) i++;
  };
  const fail = (): never => {
    throw { pos: Math.min(i, s.length), eof: i >= s.length };
  };
  const value = (): void => {
    ws();
    const c = s[i];
    if (c === undefined) fail();
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (s[i] !== '"') fail();
        string();
        ws();
        if (s[i] !== ':') fail();
        i++;
        value();
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === '}') { i++; return; }
        fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') { i++; return; }
      for (;;) {
        value();
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === ']') { i++; return; }
        fail();
      }
    }
    if (c === '"') return string();
    for (const lit of ['true', 'false', 'null']) {
      if (s.startsWith(lit, i)) { i += lit.length; return; }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
    if (m && m[0].length > 0 && m[0] !== '-') { i += m[0].length; return; }
    fail();
  };
  const string = (): void => {
    i++;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === '"') { i++; return; }
      if (c === '\\') {
        const n = s[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) { i += 2; fail(); }
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else { i++; fail(); }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail();
      i++;
    }
    fail();
  };
  try {
    value();
    ws();
    if (i < s.length) fail();
  } catch (e) {
    return e as { pos: number; eof: boolean };
  }
  return { pos: s.length, eof: true };
}

/** Decodes a request body as orjson would; bytes that are not UTF-8 are an error too. */
export function parseJsonBody(body: Buffer): JsonParse {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, error: `str is not valid UTF-8: surrogates not allowed: ${where('', 0)}` };
  }
  if (text.length === 0) return { ok: false, error: `Input is a zero-length, empty document: ${where(text, 0)}` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const { pos, eof } = firstError(text);
    return { ok: false, error: `${eof ? 'unexpected end of data' : 'unexpected character'}: ${where(text, pos)}` };
  }
}
