import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiOrigin, isSignedFileUrl, mayFetchFile, redirectTarget, resolveFileUrl } from '../../../src/dify/fileUrls';

const BASE = 'https://dify.example.com/v1';
const SIGNED = '?timestamp=1700000000&nonce=abc&sign=xyz';

describe('Dify file URLs', () => {
  test('relative URLs resolve against the API origin, not under /v1', () => {
    assert.equal(resolveFileUrl('/files/tools/1.png' + SIGNED, BASE)?.href, `https://dify.example.com/files/tools/1.png${SIGNED}`);
    assert.equal(resolveFileUrl('https://cdn.example.com/x.png', BASE)?.href, 'https://cdn.example.com/x.png');
    assert.equal(apiOrigin('http://localhost:5001/v1'), 'http://localhost:5001');
  });

  test('only http(s) URLs with a host and no credentials resolve', () => {
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'file:///etc/passwd', 'https://user:pw@dify.example.com/files/a', 'http://']) {
      assert.equal(resolveFileUrl(bad, BASE), undefined, bad);
    }
    assert.equal(resolveFileUrl('/files/a.png', 'not a url'), undefined, 'a relative URL needs an API origin');
  });

  test('the origin rule: the API origin, or Dify’s signed file paths elsewhere', () => {
    const at = (u: string): boolean => mayFetchFile(resolveFileUrl(u, BASE) as URL, BASE);
    assert.equal(at('/files/tools/1.png'), true, 'the API origin, signed or not');
    assert.equal(at('https://dify.example.com/anything.png'), true);
    assert.equal(at(`https://files.example.com/files/tools/1.png${SIGNED}`), true, 'Dify’s FILES_URL on another host');
    assert.equal(at('https://files.example.com/files/tools/1.png'), false, 'unsigned, elsewhere');
    assert.equal(at(`https://evil.example.com/img.png${SIGNED}`), false, 'signed-looking but not a /files/ path');
    assert.equal(at('http://dify.example.com/files/a.png'), false, 'another scheme is another origin');
    assert.equal(isSignedFileUrl(new URL(`https://x.test/files/a?timestamp=1&nonce=&sign=s`)), false, 'an empty nonce is no signature');
  });

  test('redirects stay on the origin of the request they answer', () => {
    const from = new URL('https://dify.example.com/files/a');
    assert.equal(redirectTarget('/files/b', from)?.href, 'https://dify.example.com/files/b');
    assert.equal(redirectTarget('https://evil.example.com/files/b', from), undefined);
    assert.equal(redirectTarget('http://dify.example.com/files/b', from), undefined, 'a downgrade is another origin');
    assert.equal(redirectTarget(null, from), undefined);
  });
});
