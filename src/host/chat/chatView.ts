import * as vscode from 'vscode';
import { FOCUS_CHAT_VIEW } from '../commands';
import { randomBytes } from 'node:crypto';
import type { HostMessage } from '../../protocol';
import type { ChatController } from './chatController';
import { Disposable, DisposableStore } from '../disposables';
import { eventOrTimeout } from '../eventOrTimeout';

/** How long reveal() waits for the workbench to resolve a view that was never shown. */
const RESOLVE_TIMEOUT_MS = 5_000;
/** How long reveal() waits for a hidden view to become visible. */
const SHOW_TIMEOUT_MS = 3_000;

/**
 * The chat panel's webview view. It serves the page (CSP with a nonce, no network access, only dist/
 * and media/ readable) and relays messages: everything the webview sends goes, unread, to the controller,
 * which validates it; everything the controller posts goes to the webview while it exists.
 *
 * `retainContextWhenHidden` stays off: a hidden view's page is discarded, and when it comes back it
 * sends `ready` and gets the full state from the host, which never stopped streaming.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'dify.chatView';

  private view: vscode.WebviewView | undefined;
  private readonly _onDidResolve = this.register(new vscode.EventEmitter<void>());
  /** What belongs to the resolved view: cleared when it goes or another one is resolved. */
  private readonly viewSubscriptions = this.register(new DisposableStore());

  /** Registers itself as the provider of the chat view; disposing it unregisters. */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
  ) {
    super();
    this.register(
      vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, this, {
        webviewOptions: { retainContextWhenHidden: false },
      }),
    );
  }

  /** The resolved view, if any (tests reach the webview through it). */
  get webviewView(): vscode.WebviewView | undefined {
    return this.view;
  }

  /** Brings the panel into sight, resolving it first if it never was. */
  async reveal(): Promise<void> {
    const view = this.view;
    if (!view) {
      // Never shown yet: focusing it makes the workbench resolve it (a moment after the command returns).
      const resolved = eventOrTimeout(this._onDidResolve.event, RESOLVE_TIMEOUT_MS);
      await vscode.commands.executeCommand(FOCUS_CHAT_VIEW);
      await resolved;
      return;
    }
    if (view.visible) return;
    // show() returns at once; the view becomes visible a moment later. Wait for it (briefly), keeping focus
    // where the user is (e.g. the editor whose selection they asked about).
    const shown = eventOrTimeout(view.onDidChangeVisibility, SHOW_TIMEOUT_MS, () => view.visible);
    view.show(true);
    await shown;
  }

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    this.viewSubscriptions.clear();
    this.view = webviewView;
    const webview = webviewView.webview;
    webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
    webview.html = this.html(webview);
    const port = {
      post: (message: HostMessage) => {
        // Posting to a hidden view is dropped by VS Code; the next `ready` brings the full state anyway.
        void webview.postMessage(message).then(undefined, () => undefined);
      },
    };
    this._onDidResolve.fire();
    this.viewSubscriptions.add(this.controller.attach(port));
    // Nothing from the page is trusted; the controller checks each message before any handler sees it.
    this.viewSubscriptions.add(webview.onDidReceiveMessage((raw: unknown) => this.controller.receive(raw)));
    this.viewSubscriptions.add(
      webviewView.onDidDispose(() => {
        if (this.view === webviewView) {
          this.viewSubscriptions.clear();
          this.view = undefined;
        }
      }),
    );
  }

  /**
   * The page: one stylesheet and one script from dist/, both allowed by nonce; nothing may connect out.
   * The toolkit (FAST) probes features with a <style> element and reads the nonce for it from the
   * `csp-nonce` meta tag, hence that tag and the nonce in style-src.
   */
  html(webview: vscode.Webview): string {
    const nonce = randomBytes(18).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.css'));
    const csp = [
      `default-src 'none';`,
      `script-src 'nonce-${nonce}';`,
      `style-src ${webview.cspSource} 'nonce-${nonce}';`,
      `img-src ${webview.cspSource} data:;`,
      `font-src ${webview.cspSource};`,
    ].join(' ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}" nonce="${nonce}">
<title>Dify Chat</title>
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}
