// The chat view as VS Code holds it: the page it serves is chatPage.ts's, under the policy that ships, and
// the webview may run its script but no command URI or form, and read nothing beyond dist/ and media/.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHAT_VIEW_POLICY, chatPageHtml, contentSecurityPolicy } from '../../../../src/host/chat/chatPage';
import { EXTENSION_ID, extensionApi } from '../../support';

describe('Chat view (the resolved webview)', function () {
  let webview: vscode.Webview;
  let extensionUri: vscode.Uri;

  before(async function () {
    const api = await extensionApi();
    await api.chatView.reveal();
    const view = api.chatView.webviewView;
    assert.ok(view, 'the chat view was resolved');
    webview = view.webview;
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    extensionUri = ext.extensionUri;
  });

  it('has the webview options that ship: scripts on, command URIs off, forms off, only dist/ and media/ readable', function () {
    const options = webview.options;
    assert.equal(options.enableScripts, true);
    assert.equal(options.enableCommandUris, false);
    assert.equal(options.enableForms, false);
    assert.deepEqual(
      (options.localResourceRoots ?? []).map((u) => u.toString()),
      [vscode.Uri.joinPath(extensionUri, 'dist').toString(), vscode.Uri.joinPath(extensionUri, 'media').toString()],
    );
  });

  it("serves chatPage.ts's page under CHAT_VIEW_POLICY, with a fresh nonce and this webview's source", function () {
    const html = webview.html;
    const nonce = /<meta property="csp-nonce" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(nonce, 'the page carries its nonce');
    assert.match(nonce, /^[A-Za-z0-9+/]{24}$/, '18 random bytes, base64');
    const csp = contentSecurityPolicy(CHAT_VIEW_POLICY, { nonce, cspSource: webview.cspSource });
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp}">`), html);
    assert.ok(csp.startsWith(`default-src 'none'; script-src 'nonce-${nonce}';`), csp);
    assert.doesNotMatch(csp, /connect-src|unsafe-|\*(?!\.vscode-cdn)/, 'nothing connects out, nothing inline or eval');
    assert.equal(
      html,
      chatPageHtml({
        nonce,
        cspSource: webview.cspSource,
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
        styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.css')).toString(),
      }),
    );
  });
});
