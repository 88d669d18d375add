import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAT_VIEW_POLICY, chatPageHtml, chatWebviewOptions, contentSecurityPolicy } from '../../../../src/host/chat/chatPage';

const SOURCE = 'https://*.vscode-cdn.net';

describe("the chat view's page and its policy", () => {
  test('the shipped policy, exactly: nothing connects out, scripts only by nonce, styles, images and fonts from the webview, audio from data: and blob: only', () => {
    assert.equal(
      contentSecurityPolicy(CHAT_VIEW_POLICY, { nonce: 'bm9uY2U+Lw==', cspSource: SOURCE }),
      `default-src 'none'; script-src 'nonce-bm9uY2U+Lw=='; style-src ${SOURCE} 'nonce-bm9uY2U+Lw=='; img-src ${SOURCE} data:; font-src ${SOURCE}; media-src data: blob:;`,
    );
    assert.deepEqual(CHAT_VIEW_POLICY['media-src'], ['data:', 'blob:'], 'media from no origin: the webview source is not in it');
    assert.equal('connect-src' in CHAT_VIEW_POLICY, false, 'no connect-src: default-src none forbids every fetch');
  });

  test('one more directive is one more entry (audio for the files issue)', () => {
    const withAudio = { ...CHAT_VIEW_POLICY, 'media-src': ['data:', 'blob:'] } as const;
    assert.equal(
      contentSecurityPolicy(withAudio, { nonce: 'abc', cspSource: SOURCE }),
      `default-src 'none'; script-src 'nonce-abc'; style-src ${SOURCE} 'nonce-abc'; img-src ${SOURCE} data:; font-src ${SOURCE}; media-src data: blob:;`,
    );
  });

  test("a web extension's source list is kept, with the characters that would end a directive encoded", () => {
    const source = `https://host.example/ext;a,b/ ${SOURCE}`;
    assert.equal(contentSecurityPolicy({ 'img-src': ['webview'] }, { nonce: 'abc', cspSource: source }), `img-src https://host.example/ext%3Ba%2Cb/ ${SOURCE};`);
  });

  test('a nonce that is not base64 is refused (it could close its quote)', () => {
    for (const nonce of ["abc' 'unsafe-inline", 'abc;', '', 'a b', 'abc"']) {
      assert.throws(() => contentSecurityPolicy(CHAT_VIEW_POLICY, { nonce, cspSource: SOURCE }), TypeError, nonce);
    }
  });

  test('the page: the policy in its meta tag, the nonce for the toolkit, one stylesheet and one script by nonce, a root', () => {
    const html = chatPageHtml({ nonce: 'Tk9OQ0U', cspSource: SOURCE, scriptUri: 'https://x.example/dist/webview.js', styleUri: 'https://x.example/dist/webview.css?a=1&b=2' });
    const csp = contentSecurityPolicy(CHAT_VIEW_POLICY, { nonce: 'Tk9OQ0U', cspSource: SOURCE });
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp}">`), html);
    assert.ok(html.includes('<meta property="csp-nonce" content="Tk9OQ0U">'));
    assert.ok(html.includes('<link rel="stylesheet" href="https://x.example/dist/webview.css?a=1&amp;b=2" nonce="Tk9OQ0U">'));
    assert.ok(html.includes('<script nonce="Tk9OQ0U" src="https://x.example/dist/webview.js"></script>'));
    assert.ok(html.includes('<div id="root"></div>'));
    assert.equal(html.match(/<script/g)?.length, 1, 'one script');
    assert.equal(html.match(/<meta http-equiv/g)?.length, 1, 'one policy');
    assert.ok(html.indexOf('http-equiv="Content-Security-Policy"') < html.indexOf('<link'), 'the policy comes before anything it governs');
  });

  test('the webview options: scripts on, command URIs and forms off, only dist/ and media/', () => {
    assert.deepEqual(chatWebviewOptions((f) => `/ext/${f}`), {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: ['/ext/dist', '/ext/media'],
    });
  });
});
