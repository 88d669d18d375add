// The encoders against byte strings produced by CPython 3 (json.dumps / repr) and orjson's rules.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatValidationError } from './pydantic';
import { dumpsCompact, dumpsSpaced, dumpsSpacedUnicode, pyFloat, pyFloatRepr, orjsonFloat, pyRepr } from './pyjson';

describe('dumpsSpaced (Python json.dumps)', () => {
  test('matches CPython byte for byte: separators, ensure_ascii, surrogate pairs, control chars, floats', () => {
    const value = {
      a: 'é😀\n"\\\t\u0001\u007f/<>&',
      n: [1, pyFloat(2), 0.5, 0.00001, pyFloat(1e16), pyFloat(-0), null, true, false],
      nested: { k: [] },
    };
    assert.equal(
      dumpsSpaced(value),
      '{"a": "\\u00e9\\ud83d\\ude00\\n\\"\\\\\\t\\u0001\\u007f/<>&", "n": [1, 2.0, 0.5, 1e-05, 1e+16, -0.0, null, true, false], "nested": {"k": []}}',
    );
  });

  test('an error envelope with non-ASCII text', () => {
    assert.equal(
      dumpsSpaced({ code: 'not_found', message: '中文 ✅', status: 404 }),
      '{"code": "not_found", "message": "\\u4e2d\\u6587 \\u2705", "status": 404}',
    );
  });

  test('keeps insertion order and leaves out undefined values', () => {
    assert.equal(dumpsSpaced({ z: 1, a: undefined, m: 'x' }), '{"z": 1, "m": "x"}');
  });
});

describe('dumpsCompact (orjson)', () => {
  test('no spaces, raw UTF-8, only quote, backslash and C0 controls escaped', () => {
    assert.equal(dumpsCompact({ a: 'é😀\n"\u007f', b: [1, pyFloat(2), null] }), '{"a":"é😀\\n\\"\u007f","b":[1,2.0,null]}');
  });

  test('ensure_ascii=False json.dumps keeps spaces and raw text', () => {
    assert.equal(dumpsSpacedUnicode({ x: '中文😀' }), '{"x": "中文😀"}');
  });
});

describe('float formatting', () => {
  test('Python repr switches to exponent form below 1e-4 and from 1e16', () => {
    const cases: Array<[number, string]> = [
      [1, '1.0'],
      [0.1, '0.1'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1e15, '1000000000000000.0'],
      [1e16, '1e+16'],
      [123.456, '123.456'],
      [1.5e-7, '1.5e-07'],
      [2.5e20, '2.5e+20'],
      [-0.5, '-0.5'],
    ];
    for (const [x, want] of cases) assert.equal(pyFloatRepr(x), want, String(x));
  });

  test('orjson uses ryu forms', () => {
    assert.equal(orjsonFloat(1), '1.0');
    assert.equal(orjsonFloat(1e16), '1e16');
    assert.equal(orjsonFloat(1.5e-7), '1.5e-7');
  });
});

describe('pyRepr and pydantic messages', () => {
  test('repr of a dict matches CPython', () => {
    assert.equal(pyRepr({ user: 'u', q: "it's", n: null, b: true, l: [1, 2.5] }), `{'user': 'u', 'q': "it's", 'n': None, 'b': True, 'l': [1, 2.5]}`);
  });

  test('validation error text, with long input values truncated to 25...24 characters', () => {
    const input = { user: 'someone', inputs: {}, extra: 'x'.repeat(40) };
    const text = formatValidationError('ChatRequestPayload', [{ loc: ['query'], msg: 'Field required', type: 'missing', input }]);
    const repr = pyRepr(input);
    assert.equal(
      text,
      '1 validation error for ChatRequestPayload\nquery\n' +
        `  Field required [type=missing, input_value=${repr.slice(0, 25)}...${repr.slice(-24)}, input_type=dict]\n` +
        '    For further information visit https://errors.pydantic.dev/2.11/v/missing',
    );
  });
});
