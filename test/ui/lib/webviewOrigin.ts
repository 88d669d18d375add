// Serves the workbench's webviews from their own site, as VS Code desktop (vscode-webview://) and vscode.dev
// (<hash>.vscode-cdn.net) do. code-server serves them from the workbench's own origin, so Chromium runs them in
// the workbench page's renderer process, on its main thread. With `isolateWebviews` the UI harness rewrites the
// workbench page's configuration as it loads: the webview content comes from http://<hash>.localhost:<port>/...
// (Chromium resolves *.localhost to loopback and treats it as a secure context; the same code-server answers),
// which is another site than 127.0.0.1, so each webview gets an out-of-process iframe with its own renderer.
// The webview's own check accepts it: its hostname starts with the hash of the parent origin.
import type { Page } from 'playwright-core';
import type { ChromiumFeatures } from '../../harness/browser';

const CONFIG_META = /(<meta id="vscode-workbench-web-configuration" data-settings=")([^"]*)(")/;

function decodeAttr(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function encodeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The workbench page's HTML with its webviews moved to `http://{{uuid}}.localhost:<port>/<same path>`. */
export function isolateWebviewsInHtml(html: string, workbenchUrl: URL): string {
  const m = CONFIG_META.exec(html);
  if (!m) throw new Error('isolateWebviews: the workbench page has no configuration meta element');
  const settings = JSON.parse(decodeAttr(m[2] ?? '')) as Record<string, unknown>;
  const endpoint = settings['webviewEndpoint'];
  if (typeof endpoint !== 'string') throw new Error('isolateWebviews: the workbench configuration has no webviewEndpoint');
  const at = new URL(endpoint.replace(/\/?$/, '/'), workbenchUrl);
  delete settings['webviewEndpoint'];
  const product = (settings['productConfiguration'] ?? {}) as Record<string, unknown>;
  product['webviewContentExternalBaseUrlTemplate'] = `${at.protocol}//{{uuid}}.localhost${at.port ? `:${at.port}` : ''}${at.pathname}`;
  settings['productConfiguration'] = product;
  return html.replace(CONFIG_META, (_all, a: string, _b: string, c: string) => `${a}${encodeAttr(JSON.stringify(settings))}${c}`);
}

/**
 * The Chromium features the isolated page needs (launchChromium merges them with Playwright's own list):
 * - Local Network Access off: a document answered by the harness (not read from the network) counts as a public
 *   one, which would then block its WebSocket to the loopback code-server;
 * - third-party storage partitioning as Chromium (and Electron) ship it, on: Playwright turns it off, and then a
 *   webview on another site than the workbench, a third-party frame, may not register its service worker.
 */
export const ISOLATED_WEBVIEW_FEATURES: ChromiumFeatures = { disable: ['LocalNetworkAccessChecks'], keep: ['ThirdPartyStoragePartitioning'] };

/**
 * Rewrites the loads of the workbench page (its path is `/`) until the returned function unroutes: the harness
 * unroutes after the first, so a later Reload Window serves the webviews from the workbench's origin again.
 */
export async function isolateWebviews(page: Page): Promise<() => Promise<void>> {
  const isWorkbench = (u: URL): boolean => u.pathname === '/';
  await page.route(isWorkbench, async (route) => {
    if (!route.request().isNavigationRequest()) return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers() };
    // The body is rewritten: neither its encoding nor its length still holds.
    delete headers['content-encoding'];
    delete headers['content-length'];
    const csp = headers['content-security-policy'];
    if (csp !== undefined) {
      if (!/frame-src /.test(csp)) throw new Error(`isolateWebviews: the workbench's CSP has no frame-src to extend: ${csp}`);
      headers['content-security-policy'] = csp.replace(/frame-src /, 'frame-src http://*.localhost:* ');
    }
    const body = isolateWebviewsInHtml(await response.text(), new URL(route.request().url()));
    await route.fulfill({ status: response.status(), headers, body });
  });
  return () => page.unroute(isWorkbench);
}
