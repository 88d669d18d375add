import * as vscode from 'vscode';
import { FOCUS_CHAT_VIEW } from './commands';
import { randomBytes } from 'node:crypto';
import type { HostMessage } from '../protocol';
import { describeInvalidMessage, isWebviewMessage } from '../protocol';
import type { ChatController, ChatLog } from './chatController';

/**
 * The chat panel's webview view. It serves the page (CSP with a nonce, no network access, only dist/
 * and media/ readable) and relays messages: everything the webview sends goes to the controller, which
 * validates it; everything the controller posts goes to the webview while it exists.
 *
 * `retainContextWhenHidden` stays off: a hidden view's page is discarded, and when it comes back it
 * sends `ready` and gets the full state from the host, which never stopped streaming.
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewType = 'dify.chatView';

  private view: vscode.WebviewView | undefined;
  private readonly _onDidResolve = new vscode.EventEmitter<void>();
  private viewDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [this._onDidResolve];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
    private readonly log: ChatLog,
  ) {}

  /** Registers the provider; the returned disposable unregisters it. */
  register(): vscode.Disposable {
    const registration = vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, this, {
      webviewOptions: { retainContextWhenHidden: false },
    });
    this.disposables.push(registration);
    return this;
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
      const resolved = this.nextResolve();
      await vscode.commands.executeCommand(FOCUS_CHAT_VIEW);
      await resolved;
      return;
    }
    if (view.visible) return;
    // show() returns at once; the view becomes visible a moment later. Wait for it (briefly), keeping focus
    // where the user is (e.g. the editor whose selection they asked about).
    const shown = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const sub = view.onDidChangeVisibility(() => {
        if (view.visible) done();
      });
      const timer = setTimeout(done, 3_000);
    });
    view.show(true);
    await shown;
  }

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    this.disposeView();
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
    this.viewDisposables.push(
      this.controller.attach(port),
      webview.onDidReceiveMessage((raw: unknown) => {
        // Nothing from the page is trusted: malformed messages are dropped here, before any handler.
        if (isWebviewMessage(raw)) this.controller.receive(raw);
        else this.log.debug(`chat view: ignored a message (${describeInvalidMessage(raw)})`);
      }),
      webviewView.onDidDispose(() => {
        if (this.view === webviewView) {
          this.disposeView();
          this.view = undefined;
        }
      }),
    );
  }

  /** Resolves when the view is next resolved (or after a few seconds, so a caller never hangs). */
  private nextResolve(): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const sub = this._onDidResolve.event(done);
      const timer = setTimeout(done, 5_000);
    });
  }

  dispose(): void {
    this.disposeView();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private disposeView(): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
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
