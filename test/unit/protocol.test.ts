import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyTurnUpdate, copyInputValues, describeInvalidMessage, isOpenableHref, isWebviewMessage, LIMITS, sendOverLimit, sendRefusal, toLanguageTag, WEBVIEW_MESSAGE_TYPES } from '../../src/protocol';
import type { WebviewMessage, WebviewMessageType } from '../../src/protocol';
import { emptyAnswer } from '../../src/shared/answer';

/** One valid example of every webview -> host message type. */
const VALID: { [K in WebviewMessageType]: Extract<WebviewMessage, { type: K }> } = {
  ready: { type: 'ready' },
  send: { type: 'send', text: 'What is Dify?', inputs: { topic: 'x', count: 3 } },
  stop: { type: 'stop' },
  retry: { type: 'retry', turnId: 't-1' },
  newChat: { type: 'newChat' },
  feedback: { type: 'feedback', turnId: 't-1', rating: 'like' },
  copy: { type: 'copy', text: 'some text' },
  insertCode: { type: 'insertCode', code: 'const a = 1;', language: 'ts' },
  openCode: { type: 'openCode', code: 'print(1)', language: 'python' },
  openLink: { type: 'openLink', href: 'https://dify.ai/docs' },
  inputsChanged: { type: 'inputsChanged', inputs: { a: 'b' } },
  setKey: { type: 'setKey' },
  loadOlder: { type: 'loadOlder' },
  unqueue: { type: 'unqueue', id: 'q-1' },
  removeChip: { type: 'removeChip', id: 'c-1' },
  pickFile: { type: 'pickFile' },
  sendTruncated: { type: 'sendTruncated', text: 'Why?', inputs: {} },
  applyCode: { type: 'applyCode', turnId: 't-1', code: 'x = 1', language: 'python' },
  attachPick: { type: 'attachPick' },
  attachData: { type: 'attachData', name: 'shot.png', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
  attachUrl: { type: 'attachUrl', url: 'https://example.com/cat.png' },
  removeAttachment: { type: 'removeAttachment', id: 'a-1' },
  retryAttachment: { type: 'retryAttachment', id: 'a-1' },
  loadFile: { type: 'loadFile', turnId: 't-1', fileId: 'f-1' },
  saveFile: { type: 'saveFile', turnId: 't-1', fileId: 'f-1' },
  readAloud: { type: 'readAloud', turnId: 't-1' },
};

/** Payload keys per type, to build "missing field" and "wrong type" variants. */
const FIELDS: Record<WebviewMessageType, string[]> = Object.fromEntries(
  Object.entries(VALID).map(([type, msg]) => [type, Object.keys(msg).filter((k) => k !== 'type')]),
) as Record<WebviewMessageType, string[]>;

describe('isWebviewMessage', () => {
  test('the valid example of every type passes (and every type has one)', () => {
    assert.deepEqual(Object.keys(VALID).sort(), [...WEBVIEW_MESSAGE_TYPES].sort());
    for (const msg of Object.values(VALID)) assert.equal(isWebviewMessage(msg), true, JSON.stringify(msg));
  });

  test('the same messages pass after a JSON round trip (as VS Code delivers them)', () => {
    for (const msg of Object.values(VALID)) assert.equal(isWebviewMessage(JSON.parse(JSON.stringify(msg))), true);
  });

  test('non-objects and unknown types are rejected', () => {
    for (const x of [undefined, null, 0, 'ready', true, [], [{ type: 'ready' }], {}, { type: 'nope' }, { type: 42 }, { type: 'executeCommand', command: 'workbench.action.quit' }, { type: 'toString' }, { type: '__proto__' }, { type: 'constructor' }, { type: 'hasOwnProperty' }]) {
      assert.equal(isWebviewMessage(x), false, JSON.stringify(x));
    }
  });

  test('every message with one field missing is rejected', () => {
    for (const [type, fields] of Object.entries(FIELDS)) {
      for (const f of fields) {
        const msg: Record<string, unknown> = { ...VALID[type as WebviewMessageType] };
        delete msg[f];
        assert.equal(isWebviewMessage(msg), false, `${type} without ${f}`);
      }
    }
  });

  test('every message with a field of the wrong type is rejected', () => {
    const wrong = [undefined, null, 1, true, {}, [], 'x'.repeat(3)];
    for (const [type, fields] of Object.entries(FIELDS)) {
      for (const f of fields) {
        const good = (VALID[type as WebviewMessageType] as unknown as Record<string, unknown>)[f];
        for (const w of wrong) {
          if (typeof w === typeof good && w !== null && good !== null && !Array.isArray(w) && typeof w !== 'object') continue;
          if (f === 'rating' && w === null) continue; // null is a valid rating (revoke)
          if (f === 'inputs' && typeof w === 'object' && w !== null && !Array.isArray(w)) continue; // {} is valid inputs
          const msg = { ...VALID[type as WebviewMessageType], [f]: w };
          assert.equal(isWebviewMessage(msg), false, `${type}.${f} = ${JSON.stringify(w)}`);
        }
      }
    }
  });

  test('extra keys are rejected, for every type', () => {
    for (const msg of Object.values(VALID)) {
      assert.equal(isWebviewMessage({ ...msg, command: 'workbench.action.quit' }), false, msg.type);
      assert.equal(isWebviewMessage({ ...msg, extra: 1 }), false, msg.type);
    }
  });

  test('overlong strings are rejected', () => {
    assert.equal(isWebviewMessage({ type: 'send', text: 'a'.repeat(LIMITS.question), inputs: {} }), true);
    assert.equal(isWebviewMessage({ type: 'send', text: 'a'.repeat(LIMITS.question + 1), inputs: {} }), false);
    assert.equal(isWebviewMessage({ type: 'retry', turnId: 'a'.repeat(LIMITS.id + 1) }), false);
    assert.equal(isWebviewMessage({ type: 'feedback', turnId: 'a'.repeat(LIMITS.id + 1), rating: 'like' }), false);
    assert.equal(isWebviewMessage({ type: 'copy', text: 'a'.repeat(LIMITS.text + 1) }), false);
    assert.equal(isWebviewMessage({ type: 'insertCode', code: 'x', language: 'a'.repeat(LIMITS.language + 1) }), false);
    assert.equal(isWebviewMessage({ type: 'openCode', code: 'a'.repeat(LIMITS.text + 1), language: 'ts' }), false);
    assert.equal(isWebviewMessage({ type: 'openLink', href: `https://a.b/${'a'.repeat(LIMITS.href)}` }), false);
    assert.equal(isWebviewMessage({ type: 'send', text: 'q', inputs: { a: 'x'.repeat(LIMITS.inputValue + 1) } }), false);
    assert.equal(isWebviewMessage({ type: 'send', text: 'q', inputs: { ['a'.repeat(LIMITS.inputKey + 1)]: 'x' } }), false);
    const many = Object.fromEntries(Array.from({ length: LIMITS.inputKeys + 1 }, (_, i) => [`k${i}`, i]));
    assert.equal(isWebviewMessage({ type: 'inputsChanged', inputs: many }), false);
  });

  test('empty and blank strings are rejected where they mean nothing', () => {
    assert.equal(isWebviewMessage({ type: 'send', text: '', inputs: {} }), false);
    assert.equal(isWebviewMessage({ type: 'send', text: ' \n\t', inputs: {} }), false);
    assert.equal(isWebviewMessage({ type: 'retry', turnId: '' }), false);
    assert.equal(isWebviewMessage({ type: 'openLink', href: '' }), false);
  });

  test('enums are enforced', () => {
    for (const rating of ['LIKE', 'love', '', 1, undefined]) {
      assert.equal(isWebviewMessage({ type: 'feedback', turnId: 't', rating }), false, String(rating));
    }
    assert.equal(isWebviewMessage({ type: 'feedback', turnId: 't', rating: null }), true);
    assert.equal(isWebviewMessage({ type: 'feedback', turnId: 't', rating: 'dislike' }), true);
  });

  test('links: only http(s) and mailto', () => {
    for (const href of ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'vscode://x', 'data:text/html,x', ' https://x', '//evil.example']) {
      assert.equal(isWebviewMessage({ type: 'openLink', href }), false, href);
    }
    for (const href of ['http://x.y', 'https://x.y/a?b#c', 'mailto:a@b.c', 'HTTPS://X.Y']) {
      assert.equal(isWebviewMessage({ type: 'openLink', href }), true, href);
    }
  });

  test('code languages are tags, not arbitrary text', () => {
    for (const language of ['ts', 'c++', 'c#', 'objective-c', 'shell-session', '']) {
      assert.equal(isWebviewMessage({ type: 'insertCode', code: 'x', language }), true, language);
    }
    for (const language of ['ts;rm -rf', '../x', 'a b', '<script>']) {
      assert.equal(isWebviewMessage({ type: 'openCode', code: 'x', language }), false, language);
    }
  });

  test('input values: strings and finite numbers only, variable-name keys', () => {
    const send = (inputs: unknown) => isWebviewMessage({ type: 'send', text: 'q', inputs });
    assert.equal(send({ a: 1, b_2: 'x', _c: -0.5 }), true);
    for (const bad of [{ a: NaN }, { a: Infinity }, { a: null }, { a: true }, { a: ['x'] }, { a: { b: 1 } }, { '1a': 'x' }, { 'a-b': 'x' }, { '': 'x' }, { 'a b': 'x' }, [], null, 'x']) {
      assert.equal(send(bad), false, JSON.stringify(bad));
    }
  });

  test('prototype-pollution shapes are rejected', () => {
    // JSON.parse makes "__proto__" an own key, exactly like a message crossing from the webview.
    const shapes = [
      '{"type":"ready","__proto__":{"polluted":true}}',
      '{"type":"send","text":"q","inputs":{"__proto__":{"polluted":true}}}',
      '{"type":"send","text":"q","inputs":{"__proto__":"x"}}',
      '{"type":"inputsChanged","inputs":{"constructor":"x"}}',
      '{"type":"inputsChanged","inputs":{"prototype":"x"}}',
      '{"type":"inputsChanged","inputs":{"constructor":{"prototype":{"polluted":true}}}}',
      '{"type":"feedback","turnId":"t","rating":"like","__proto__":null}',
    ];
    for (const s of shapes) assert.equal(isWebviewMessage(JSON.parse(s)), false, s);
    // An object whose prototype is not Object.prototype (or null) is not a plain message.
    assert.equal(isWebviewMessage(Object.assign(Object.create({ injected: true }), { type: 'ready' })), false);
    class Fake {
      type = 'ready';
    }
    assert.equal(isWebviewMessage(new Fake()), false);
    assert.equal(isWebviewMessage(Object.assign(Object.create(null), { type: 'ready' })), true);
    // Non-enumerable and symbol keys count as extra keys too.
    const hidden = { type: 'ready' };
    Object.defineProperty(hidden, 'command', { value: 'x', enumerable: false });
    assert.equal(isWebviewMessage(hidden), false);
    assert.equal(isWebviewMessage({ type: 'ready', [Symbol('s')]: 1 }), false);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  test('describeInvalidMessage never echoes the value', () => {
    assert.equal(describeInvalidMessage(null), 'not a plain object');
    assert.equal(describeInvalidMessage({ type: 'send', text: 'secret-ish' }), 'malformed send message');
    assert.match(describeInvalidMessage({ type: 'x'.repeat(500) }), /^unknown type "x{40}"$/);
  });
});

describe('the rules the webview shares with the host', () => {
  test('isOpenableHref: exactly the links openLink accepts (http, https, mailto, any case)', () => {
    for (const href of ['http://x.y', 'https://x.y/a?b#c', 'mailto:a@b.c', 'HTTPS://X.Y']) {
      assert.equal(isOpenableHref(href), true, href);
      assert.equal(isWebviewMessage({ type: 'openLink', href }), true, href);
    }
    for (const href of ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'data:text/html,x', ' https://x', '//evil.example', '']) {
      assert.equal(isOpenableHref(href), false, href);
      assert.equal(isWebviewMessage({ type: 'openLink', href }), false, href);
    }
  });

  test('isOpenableHref: a mailto with other fields is openable (the host opens it without them); a hidden "?" is not', () => {
    assert.equal(isOpenableHref('mailto:a@b.c?cc=x@y.z&subject=s'), true);
    assert.equal(isOpenableHref('mailto:a@b.c%3Fcc=x@y.z'), false);
    assert.equal(isWebviewMessage({ type: 'openLink', href: 'mailto:a@b.c%3Fcc=x@y.z' }), false);
    assert.equal(isOpenableHref('http://'), false, 'no host');
  });

  test('sendRefusal: why a question cannot go out, exactly when the send validator would refuse it', () => {
    const long = 'q'.repeat(LIMITS.question + 1);
    const many = Object.fromEntries(Array.from({ length: LIMITS.inputKeys + 1 }, (_, i) => [`k${i}`, i]));
    const cases: Array<[string, Record<string, unknown>, ReturnType<typeof sendRefusal>]> = [
      ['q', {}, undefined],
      ['q'.repeat(LIMITS.question), { a: 'x'.repeat(LIMITS.inputValue), n: 2 }, undefined],
      [long, {}, { reason: 'questionTooLong', max: LIMITS.question }],
      ['q', many, { reason: 'tooManyInputs', max: LIMITS.inputKeys }],
      ['q', { topic: 'ok', background: 'x'.repeat(LIMITS.inputValue + 1) }, { reason: 'inputTooLong', key: 'background', max: LIMITS.inputValue }],
      ['q', { 'due-date': 'x' }, { reason: 'inputNotSendable', key: 'due-date' }],
      ['q', { ['a'.repeat(LIMITS.inputKey + 1)]: 'x' }, { reason: 'inputNotSendable', key: 'a'.repeat(LIMITS.inputKey + 1) }],
      ['q', { constructor: 'x' }, { reason: 'inputNotSendable', key: 'constructor' }],
      ['q', { a: Number.NaN }, { reason: 'inputNotSendable', key: 'a' }],
      ['q', { a: { b: 1 } }, { reason: 'inputNotSendable', key: 'a' }],
      [long, { 'a-b': 'x' }, { reason: 'inputNotSendable', key: 'a-b' }],
    ];
    for (const [text, inputs, expected] of cases) {
      assert.deepEqual(sendRefusal(text, inputs), expected, JSON.stringify([text.length, Object.keys(inputs).length, expected]));
      assert.equal(isWebviewMessage({ type: 'send', text, inputs }), expected === undefined, 'the validator agrees');
    }
  });

  test('sendOverLimit: the size limit a send broke, only when it is a send in every other way', () => {
    const long = 'q'.repeat(LIMITS.question + 1);
    assert.deepEqual(sendOverLimit({ type: 'send', text: long, inputs: {} }), { reason: 'questionTooLong', max: LIMITS.question });
    assert.deepEqual(sendOverLimit({ type: 'send', text: 'q', inputs: { a: 'x'.repeat(LIMITS.inputValue + 1) } }), { reason: 'inputTooLong', key: 'a', max: LIMITS.inputValue });
    for (const raw of [
      { type: 'send', text: 'q', inputs: {} },
      { type: 'send', text: long, inputs: {}, command: 'x' },
      { type: 'send', text: 42, inputs: {} },
      { type: 'send', text: ' '.repeat(LIMITS.question + 1), inputs: {} },
      { type: 'send', text: long, inputs: [] },
      { type: 'send', text: long },
      { type: 'copy', text: long },
      JSON.parse(`{"type":"send","text":"${long}","inputs":{"__proto__":{"polluted":true}}}`) as unknown,
      { type: 'send', text: long, inputs: { 'a-b': 'x' } },
      null,
      'send',
    ]) {
      assert.equal(sendOverLimit(raw), undefined, JSON.stringify(raw).slice(0, 80));
    }
  });

  test('toLanguageTag: a fence info string becomes a tag insertCode/openCode accept', () => {
    assert.equal(toLanguageTag('ts'), 'ts');
    assert.equal(toLanguageTag('c++'), 'c++');
    assert.equal(toLanguageTag('objective-c'), 'objective-c');
    assert.equal(toLanguageTag('ts;rm -rf'), 'tsrm-rf', 'disallowed characters are dropped');
    assert.equal(toLanguageTag('<script>'), 'script');
    assert.equal(toLanguageTag(''), '');
    assert.equal(toLanguageTag('a'.repeat(LIMITS.language + 10)).length, LIMITS.language, 'bounded');
    for (const info of ['ts;rm -rf', '../x', 'a b', '<script>', 'ü'.repeat(5), 'x'.repeat(500), 'shell-session']) {
      assert.equal(isWebviewMessage({ type: 'insertCode', code: 'x', language: toLanguageTag(info) }), true, info);
    }
  });
});

describe('copyInputValues', () => {
  test('copies onto a null-prototype object', () => {
    const copy = copyInputValues({ a: 1, b: 'x' });
    assert.equal(Object.getPrototypeOf(copy), null);
    assert.deepEqual({ ...copy }, { a: 1, b: 'x' });
    assert.equal(JSON.stringify(copy), '{"a":1,"b":"x"}');
  });
});

describe('applyTurnUpdate', () => {
  test('appends, patches and unsets', () => {
    const a = { ...emptyAnswer(), text: 'Hello', taskId: 't' };
    const b = applyTurnUpdate(a, { patch: { status: 'streaming' }, append: ', world', unset: ['taskId'] });
    assert.equal(b.text, 'Hello, world');
    assert.equal(b.status, 'streaming');
    assert.equal('taskId' in b, false);
    assert.equal(a.text, 'Hello', 'the input is not mutated');
    const c = applyTurnUpdate(b, { patch: { text: 'Replaced' } });
    assert.equal(c.text, 'Replaced');
  });
});

describe('the file messages', () => {
  const data = (over: Record<string, unknown>): unknown => ({ ...VALID.attachData, ...over });

  test('attachData: a plain file name, a media type (or none) and base64 bytes within the cap', () => {
    assert.equal(isWebviewMessage(data({ mimeType: '' })), true, 'a browser may give no type');
    for (const name of ['', '../etc/passwd', 'a\\b.png', 'a/b.png', 'a\u0000.png', 'x'.repeat(LIMITS.fileName + 1)]) {
      assert.equal(isWebviewMessage(data({ name })), false, JSON.stringify(name));
    }
    for (const mimeType of ['image/png; charset=x', 'text/html\n', 'image', 'a'.repeat(LIMITS.mimeType + 1)]) {
      assert.equal(isWebviewMessage(data({ mimeType })), false, JSON.stringify(mimeType));
    }
    for (const bytes of ['', 'abc', 'ab c', 'a===', '<svg>', 'data:image/png;base64,AAAA']) {
      assert.equal(isWebviewMessage(data({ data: bytes })), false, JSON.stringify(bytes));
    }
    assert.equal(isWebviewMessage(data({ data: 'A'.repeat(LIMITS.attachmentBase64) })), true, 'up to the cap');
    assert.equal(isWebviewMessage(data({ data: 'A'.repeat(LIMITS.attachmentBase64 + 4) })), false, 'not past it');
    assert.ok(LIMITS.attachmentBase64 >= (15 * 1024 * 1024 * 4) / 3, 'the cap carries 15 MB');
  });

  test('attachUrl: http(s) links only', () => {
    for (const url of ['javascript:alert(1)', 'mailto:a@b.c', 'file:///etc/passwd', 'data:image/png;base64,AAAA', 'ftp://x.y/z', '']) {
      assert.equal(isWebviewMessage({ type: 'attachUrl', url }), false, url);
    }
    assert.equal(isWebviewMessage({ type: 'attachUrl', url: 'http://localhost:8080/a.png' }), true);
  });

  test('loadFile, saveFile and readAloud name a turn and a file by id, never a URL to fetch', () => {
    assert.equal(isWebviewMessage({ type: 'loadFile', turnId: 't', fileId: '' }), false);
    assert.equal(isWebviewMessage({ type: 'saveFile', turnId: 't', fileId: 'f', url: 'https://evil.example.com' }), false);
    assert.equal(isWebviewMessage({ type: 'readAloud', turnId: 'x'.repeat(LIMITS.id + 1) }), false);
  });
});
