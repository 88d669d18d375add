import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isolateWebviewsInHtml } from '../../ui/lib/webviewOrigin';

// The configuration code-server 4.100.3 writes into its workbench page (trimmed), attribute-encoded as it is served.
const SETTINGS = {
  remoteAuthority: 'remote',
  serverBasePath: '.',
  webviewEndpoint: 'stable-409c64e0/static/out/vs/workbench/contrib/webview/browser/pre',
  userDataPath: '/tmp/x/user-data',
  productConfiguration: { codeServerVersion: '4.100.3', rootEndpoint: '.', proxyEndpointTemplate: './proxy/{{port}}/' },
};
const encode = (o: unknown): string => JSON.stringify(o).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const page = (settings: unknown): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8" />\n<meta id="vscode-workbench-web-configuration" data-settings="${encode(settings)}">\n<meta id="other" data-settings="{}"></head><body></body></html>`;

function settingsOf(html: string): Record<string, unknown> {
  const m = /<meta id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
  assert.ok(m, 'the meta element is still there');
  return JSON.parse((m[1] ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<string, unknown>;
}

describe('isolateWebviewsInHtml: webviews served from their own site in the UI harness', () => {
  const url = new URL('http://127.0.0.1:43307/?folder=%2Ftmp%2Fw&payload=%5B%5D');

  test('the webview endpoint becomes a per-webview *.localhost template on the same port and path', () => {
    const out = settingsOf(isolateWebviewsInHtml(page(SETTINGS), url));
    assert.equal(out['webviewEndpoint'], undefined, 'the same-origin endpoint is gone (it would win over the template)');
    const product = out['productConfiguration'] as Record<string, unknown>;
    assert.equal(product['webviewContentExternalBaseUrlTemplate'], 'http://{{uuid}}.localhost:43307/stable-409c64e0/static/out/vs/workbench/contrib/webview/browser/pre/');
  });

  test('every other setting and the rest of the page are kept as they were', () => {
    const html = page(SETTINGS);
    const rewritten = isolateWebviewsInHtml(html, url);
    const out = settingsOf(rewritten);
    const { webviewEndpoint: _dropped, productConfiguration, ...rest } = SETTINGS;
    for (const [k, v] of Object.entries(rest)) assert.deepEqual(out[k], v, k);
    assert.deepEqual({ ...(out['productConfiguration'] as object), webviewContentExternalBaseUrlTemplate: undefined }, { ...productConfiguration, webviewContentExternalBaseUrlTemplate: undefined });
    const outside = (h: string): string => h.replace(/<meta id="vscode-workbench-web-configuration"[^>]*>/, '');
    assert.equal(outside(rewritten), outside(html));
  });

  test('values holding quotes and ampersands survive the attribute round trip', () => {
    const tricky = { ...SETTINGS, userDataPath: `/tmp/a "b" & 'c' <d>` };
    assert.equal(settingsOf(isolateWebviewsInHtml(page(tricky), url).replace(/&lt;/g, '<').replace(/&gt;/g, '>'))['userDataPath'], `/tmp/a "b" & 'c' <d>`);
  });

  test('a page served under a base path keeps that path; a page without the configuration is an error that says so', () => {
    const under = settingsOf(isolateWebviewsInHtml(page({ ...SETTINGS, webviewEndpoint: '/ide/static/pre/' }), new URL('http://127.0.0.1:9000/ide/')));
    assert.equal((under['productConfiguration'] as Record<string, unknown>)['webviewContentExternalBaseUrlTemplate'], 'http://{{uuid}}.localhost:9000/ide/static/pre/');
    assert.throws(() => isolateWebviewsInHtml('<html></html>', url), /no configuration meta element/);
    assert.throws(() => isolateWebviewsInHtml(page({ remoteAuthority: 'remote' }), url), /no webviewEndpoint/);
  });
});
