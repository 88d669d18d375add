import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_KEY_LENGTH,
  MAX_USER_LENGTH,
  hostPortOf,
  isInsecureForKey,
  isPrivateHost,
  originOf,
  validateApiKey,
  validateBaseUrl,
  validateProfileName,
  validateUserId,
} from '../../../src/dify/validate';
import type { Validation } from '../../../src/dify/validate';
import { say } from '../host/messages/english';

/** The refusal's sentence (through the messages table, in English). */
function error(v: Validation): string {
  assert.equal(v.ok, false, `expected a refusal, got ${JSON.stringify(v)}`);
  if (v.ok) return '';
  return say(v.error);
}
/** The accepted value, with its remark's sentence. */
function ok(v: Validation): { value: string; warning?: string; suggestion?: string } {
  assert.equal(v.ok, true, `expected acceptance, got ${JSON.stringify(v)}`);
  if (!v.ok) return { value: '' };
  return { value: v.value, ...(v.warning !== undefined ? { warning: say(v.warning) } : {}), ...(v.suggestion !== undefined ? { suggestion: v.suggestion } : {}) };
}
/** The sentence shown for a validation either way: the refusal, or the remark ('' for none). */
function text(v: Validation): string {
  return v.ok ? (v.warning !== undefined ? say(v.warning) : '') : say(v.error);
}
/** One sentence: starts with a capital, ends with a period or question mark, no line breaks. */
function assertSentence(s: string): void {
  assert.match(s, /^[A-Z"].*[.?]$/s);
  assert.doesNotMatch(s, /\n/);
}

describe('validateBaseUrl', () => {
  test('accepts a normal API URL unchanged', () => {
    const v = ok(validateBaseUrl('http://localhost/v1'));
    assert.equal(v.value, 'http://localhost/v1');
    assert.equal(v.warning, undefined);
  });
  test('accepts https with a port and a sub-path', () => {
    assert.equal(ok(validateBaseUrl('https://dify.example.com:8443/dify/v1')).value, 'https://dify.example.com:8443/dify/v1');
  });
  test('trims surrounding spaces', () => {
    assert.equal(ok(validateBaseUrl('  https://api.dify.ai/v1  ')).value, 'https://api.dify.ai/v1');
  });
  test('normalises one or more trailing slashes', () => {
    assert.equal(ok(validateBaseUrl('http://localhost/v1/')).value, 'http://localhost/v1');
    assert.equal(ok(validateBaseUrl('http://localhost/v1///')).value, 'http://localhost/v1');
  });
  test('lower-cases the scheme and host (URL canonical form)', () => {
    assert.equal(ok(validateBaseUrl('HTTP://LocalHost/v1')).value, 'http://localhost/v1');
  });
  test('refuses an empty URL with an example', () => {
    const e = error(validateBaseUrl(''));
    assert.match(e, /http:\/\/localhost\/v1/);
    assertSentence(e);
    assert.equal(error(validateBaseUrl('   ')), e);
  });
  test('refuses a URL without a scheme and suggests http://', () => {
    const v = validateBaseUrl('localhost/v1');
    assert.match(error(v), /http:\/\/ or https:\/\//);
    assert.equal((v as { suggestion?: string }).suggestion, 'http://localhost/v1');
  });
  test('treats host:port without a scheme as a missing scheme, not a strange scheme', () => {
    const v = validateBaseUrl('localhost:5001/v1');
    assert.match(error(v), /Start the URL with http/);
    assert.equal((v as { suggestion?: string }).suggestion, 'http://localhost:5001/v1');
  });
  for (const url of ['ftp://example.com/v1', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'ws://localhost/v1']) {
    test(`refuses the scheme of ${url}`, () => {
      const e = error(validateBaseUrl(url));
      assert.match(e, /Only http:\/\/ and https:\/\//);
      assertSentence(e);
    });
  }
  test('refuses credentials in the URL', () => {
    const e = error(validateBaseUrl('https://user:secret@dify.example.com/v1'));
    assert.match(e, /user name and password/);
    assert.doesNotMatch(e, /secret/);
    assert.match(error(validateBaseUrl('https://user@dify.example.com/v1')), /user name and password/);
  });
  test('refuses spaces inside', () => {
    assert.match(error(validateBaseUrl('http://local host/v1')), /spaces/);
    assert.match(error(validateBaseUrl('http://localhost/v 1')), /spaces/);
  });
  test('refuses control characters', () => {
    assert.match(error(validateBaseUrl('http://localhost/v1\u0000')), /control characters/);
  });
  test('refuses a doubled /v1/v1 and suggests the fix', () => {
    const v = validateBaseUrl('http://localhost/v1/v1/');
    assert.match(error(v), /\/v1\/v1/);
    assert.equal((v as { suggestion?: string }).suggestion, 'http://localhost/v1');
  });
  test('refuses a pasted endpoint and suggests the base', () => {
    const v = validateBaseUrl('http://localhost/v1/chat-messages');
    assert.match(error(v), /endpoint/);
    assert.equal((v as { suggestion?: string }).suggestion, 'http://localhost/v1');
  });
  test('refuses a query string', () => {
    assert.match(error(validateBaseUrl('http://localhost/v1?user=x')), /query string/);
    assert.match(error(validateBaseUrl('http://localhost/v1?')), /query string/);
  });
  test('refuses a fragment', () => {
    assert.match(error(validateBaseUrl('http://localhost/v1#top')), /#/);
  });
  test('refuses something that does not parse', () => {
    assert.match(error(validateBaseUrl('http://[::1/v1')), /not a valid URL/);
    assert.match(error(validateBaseUrl('http://localhost:99999/v1')), /not a valid URL/);
  });
  test('accepts a URL without /v1 with a warning and a suggestion', () => {
    const v = ok(validateBaseUrl('http://localhost'));
    assert.equal(v.value, 'http://localhost');
    assert.match(v.warning ?? '', /usually under \/v1/);
    assert.equal(v.suggestion, 'http://localhost/v1');
    const w = ok(validateBaseUrl('http://10.0.0.5:8080/dify/'));
    assert.equal(w.suggestion, 'http://10.0.0.5:8080/dify/v1');
  });
  test('every refusal is one sentence', () => {
    for (const input of ['', 'x y', 'ftp://a', 'http://u:p@a/v1', 'http://a/v1?q', 'http://a/v1#f', 'http://a/v1/v1', 'a.com']) {
      const v = validateBaseUrl(input);
      if (!v.ok) assertSentence(say(v.error));
    }
  });
});

describe('validateApiKey', () => {
  const good = 'app-AbCdEfGhIjKlMnOpQrStUvWx';
  test('accepts an app key', () => {
    const v = ok(validateApiKey(good));
    assert.equal(v.value, good);
    assert.equal(v.warning, undefined);
  });
  test('refuses an empty key', () => {
    assert.match(error(validateApiKey('')), /starts with app-/);
    assert.match(error(validateApiKey('  ')), /starts with app-/);
  });
  test('removes spaces around the key, with a note', () => {
    const v = ok(validateApiKey(`  ${good}\n`));
    assert.equal(v.value, good);
    assert.match(v.warning ?? '', /removed/);
  });
  test('refuses spaces inside the key', () => {
    const e = error(validateApiKey('app-AbCd EfGh'));
    assert.match(e, /spaces/);
    assertSentence(e);
  });
  test('refuses a "Bearer" prefix with its own sentence', () => {
    assert.match(error(validateApiKey(`Bearer ${good}`)), /without the word "Bearer"/);
  });
  test('refuses a dataset key', () => {
    const e = error(validateApiKey('dataset-AbCdEfGhIjKlMnOpQrStUvWx'));
    assert.match(e, /Knowledge \(dataset\) API key/);
    assert.match(e, /app-/);
  });
  test(`refuses a key longer than ${MAX_KEY_LENGTH} characters`, () => {
    assert.match(error(validateApiKey(`app-${'a'.repeat(MAX_KEY_LENGTH)}`)), /too long/);
    ok(validateApiKey(`app-${'a'.repeat(MAX_KEY_LENGTH - 4)}`));
  });
  test('refuses characters that cannot go in a header', () => {
    assert.match(error(validateApiKey('app-ключ12345678')), /HTTP header/);
  });
  test('accepts a key without the app- prefix, with a warning', () => {
    const v = ok(validateApiKey('sk-abcdefabcdef'));
    assert.match(v.warning ?? '', /start with app-/);
  });
  test('no message ever repeats the key', () => {
    for (const input of [`Bearer ${good}`, `app-x y${good}`, `dataset-${good}`, `app-${'z'.repeat(600)}`, 'sk-abcdefabcdef']) {
      const v = validateApiKey(input);
      const shown = text(v);
      assert.ok(!shown.includes(good) && !shown.includes('zzzz') && !shown.includes('abcdef'), shown);
    }
  });
});

describe('validateUserId', () => {
  test('accepts an id', () => {
    assert.equal(ok(validateUserId('vscode-1234')).value, 'vscode-1234');
    assert.equal(ok(validateUserId('alice@example.com')).value, 'alice@example.com');
  });
  test('refuses an empty id', () => {
    assert.match(error(validateUserId('')), /cannot be empty/);
    assert.match(error(validateUserId(' \t ')), /cannot be empty/);
  });
  test(`refuses more than ${MAX_USER_LENGTH} characters`, () => {
    assert.match(error(validateUserId('u'.repeat(MAX_USER_LENGTH + 1))), /too long/);
    ok(validateUserId('u'.repeat(MAX_USER_LENGTH)));
  });
  test('refuses control characters', () => {
    assert.match(error(validateUserId('alice\nbob')), /control characters/);
    assert.match(error(validateUserId('alice\u0007')), /control characters/);
  });
  test('trims surrounding spaces with a note', () => {
    const v = ok(validateUserId(' alice '));
    assert.equal(v.value, 'alice');
    assert.match(v.warning ?? '', /removed/);
  });
});

describe('validateProfileName', () => {
  test('accepts and trims', () => assert.equal(ok(validateProfileName(' Code reviewer ')).value, 'Code reviewer'));
  test('refuses empty', () => assert.match(error(validateProfileName('')), /name/));
  test('refuses control characters', () => assert.match(error(validateProfileName('a\tb')), /control/));
  test('refuses a very long name', () => assert.match(error(validateProfileName('n'.repeat(101))), /too long/));
});

describe('isPrivateHost', () => {
  const privateHosts = [
    'localhost',
    'LOCALHOST',
    'dify.localhost',
    'nas.local',
    '127.0.0.1',
    '127.9.8.7',
    '10.0.0.1',
    '10.255.255.255',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.0.5',
    '[::1]',
    '::1',
    '[fc00::1]',
    '[fd12:3456::1]',
    '[fe80::1]',
    '[febf::1]',
    '[::ffff:10.0.0.1]',
    '[::ffff:a00:1]',
    '[::ffff:c0a8:101]',
  ];
  const publicHosts = [
    'api.dify.ai',
    'example.com',
    'localhost.example.com',
    'local',
    '8.8.8.8',
    '172.15.0.1',
    '172.32.0.1',
    '192.169.0.1',
    '11.0.0.1',
    '169.253.0.1',
    '1.127.0.0',
    '[2001:db8::1]',
    '[fec0::1]',
    '[::ffff:808:808]',
    '256.1.1.1',
  ];
  for (const h of privateHosts) test(`${h} is private`, () => assert.equal(isPrivateHost(h), true));
  for (const h of publicHosts) test(`${h} is public`, () => assert.equal(isPrivateHost(h), false));
});

describe('isInsecureForKey / originOf / hostPortOf', () => {
  test('https is never insecure', () => assert.equal(isInsecureForKey('https://api.dify.ai/v1'), false));
  test('http to a public host is insecure', () => assert.equal(isInsecureForKey('http://dify.example.com/v1'), true));
  test('http to loopback and private hosts is not', () => {
    assert.equal(isInsecureForKey('http://localhost/v1'), false);
    assert.equal(isInsecureForKey('http://192.168.1.20/v1'), false);
    assert.equal(isInsecureForKey('http://[::1]:5001/v1'), false);
  });
  test('an unparsable URL counts as insecure', () => assert.equal(isInsecureForKey('not a url'), true));
  test('originOf', () => {
    assert.equal(originOf('https://Example.com:443/v1'), 'https://example.com');
    assert.equal(originOf('http://127.0.0.1:5001/v1'), 'http://127.0.0.1:5001');
    assert.equal(originOf('nope'), undefined);
  });
  test('hostPortOf adds the default port', () => {
    assert.equal(hostPortOf('http://localhost/v1'), 'localhost:80');
    assert.equal(hostPortOf('https://api.dify.ai/v1'), 'api.dify.ai:443');
    assert.equal(hostPortOf('http://127.0.0.1:5001/v1'), '127.0.0.1:5001');
  });
});
