import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openableLink, openableWebLink } from '../../../src/shared/links';

describe('openableLink: the links the panel may open (the webview renders them, the host checks again)', () => {
  test('http(s) with a host name, normalized by WHATWG URL', () => {
    assert.equal(openableLink('https://dify.ai/docs'), 'https://dify.ai/docs');
    assert.equal(openableLink('HTTPS://X.Y/a?b#c'), 'https://x.y/a?b#c');
    assert.equal(openableLink('http://e.org'), 'http://e.org/');
    assert.equal(openableLink('http://'), null);
    assert.equal(openableLink('https:///path'), 'https://path/', 'URL finds the host after extra slashes');
  });

  test('every other scheme, and anything that is not an absolute URL, is not a link', () => {
    for (const href of ['javascript:alert(1)', 'command:workbench.action.quit', 'vscode://file/etc/passwd', 'file:///etc/passwd', 'data:text/html,x', 'blob:https://x/y', 'ftp://x.y/', './x', '//evil.example', '?q=1', '', 'mailto']) {
      assert.equal(openableLink(href), null, href);
    }
  });

  test('mailto keeps only its first subject and body, values as encoded; cc, bcc, to, attach and the fragment go', () => {
    assert.equal(openableLink('mailto:a@b.example'), 'mailto:a@b.example');
    assert.equal(
      openableLink('mailto:a@b.example?cc=spy@evil.example&subject=Hi%20there&bcc=x@evil.example&body=1+1%3D2&attach=/etc/passwd&to=y@evil.example&in-reply-to=z#frag'),
      'mailto:a@b.example?subject=Hi%20there&body=1+1%3D2',
    );
    assert.equal(openableLink('mailto:a@b.example?SUBJECT=first&subject=second&Body=b'), 'mailto:a@b.example?subject=first&body=b', 'names in any case, the first of each');
    assert.equal(openableLink('mailto:a@b.example?%73ubject=encoded&%63c=spy'), 'mailto:a@b.example?subject=encoded', 'encoded names are read decoded');
    assert.equal(openableLink('mailto:a@b.example?cc=spy@evil.example'), 'mailto:a@b.example', 'nothing left: no "?"');
    assert.equal(openableLink('mailto:a@b.example?subject'), 'mailto:a@b.example?subject=');
    assert.equal(openableLink('mailto:a@b.example?%E0%A4%A=x&subject=s'), 'mailto:a@b.example?subject=s', 'a name that does not decode is dropped');
    assert.equal(openableLink('mailto:a@b.example,c@d.example?subject=s'), 'mailto:a@b.example,c@d.example?subject=s', 'the address list is the link');
    assert.equal(openableLink('mailto:?body=x'), 'mailto:?body=x');
  });

  test('a mailto whose address hides an encoded "?" is not a link (a client that decodes first would read cc from it)', () => {
    assert.equal(openableLink('mailto:a@b.example%3Fcc=spy@evil.example'), null);
    assert.equal(openableLink('mailto:a@b.example%3fcc=spy@evil.example&subject=s'), null);
  });

  test('the result is a fixed point: checking again on the host changes nothing', () => {
    for (const href of ['https://x.y/a%20b?c=d', 'mailto:a@b.example?cc=x&subject=s&body=b', 'HTTP://X.Y']) {
      const once = openableLink(href);
      assert.ok(once !== null, href);
      assert.equal(openableLink(once), once, href);
    }
  });
});

describe('openableWebLink: what must be a web address (an answer file)', () => {
  test('http(s) only; mailto and the rest are not links', () => {
    assert.equal(openableWebLink(' https://files.example/a.png '), 'https://files.example/a.png');
    for (const href of ['mailto:a@b.example', 'javascript:x', 'data:image/png;base64,AAAA', '/files/a.png', 'file:///a.png']) {
      assert.equal(openableWebLink(href), null, href);
    }
  });
});
