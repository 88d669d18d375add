import * as vscode from 'vscode';
import { FOCUS_CHAT_VIEW } from '../commands';
import { randomBytes } from 'node:crypto';
import type { HostMessage } from '../../protocol';
import type { ChatController } from './chatController';
import { Disposable, DisposableStore } from '../disposables';
import { eventOrTimeout } from '../eventOrTimeout';
import { chatPageHtml, chatWebviewOptions } from './chatPage';

/** How long reveal() waits for the workbench to resolve a view that was never shown. */
const RESOLVE_TIMEOUT_MS = 5_000;
/** How long reveal() waits for a hidden view to become visible. */
const SHOW_TIMEOUT_MS = 3_000;

/**
 * The chat panel's webview view. It serves the page of chatPage.ts (its CSP with a nonce, no network
 * access; only dist/ and media/ readable; no command URIs, no forms) and relays messages: everything the webview sends goes, unread, to the controller,
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

  /**
   * activate() registers the chat view's provider at once (src/host/lazy/lazyViews.ts, with
   * `retainContextWhenHidden: false`) and hands the view to this object, built when the view is first resolved.
   */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly controller: ChatController,
  ) {
    super();
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
    const options = chatWebviewOptions((folder) => vscode.Uri.joinPath(this.extensionUri, folder));
    webview.options = { ...options, localResourceRoots: [...options.localResourceRoots] };
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

  /** The page (chatPage.ts) with a fresh nonce and this webview's URIs. */
  html(webview: vscode.Webview): string {
    return chatPageHtml({
      nonce: randomBytes(18).toString('base64'),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.css')).toString(),
      language: vscode.env.language,
      ...(vscode.l10n.bundle ? { bundle: vscode.l10n.bundle } : {}),
    });
  }
}
