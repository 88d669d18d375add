import * as vscode from 'vscode';
import { ContextKey, setContext } from '../commands';
import { Disposable, toDisposable } from '../disposables';
import type { IDisposable } from '../disposables';
import type { HostMessage } from '../../protocol';
import type { ChatViewPort } from './chatControllerOptions';

/**
 * Where the chat controller's messages go: the webview view while one is resolved, and every listener (the Apply
 * feature, the tests) whether or not one is. It keeps the `dify.chat.streaming` context key in step with them.
 */
export class ChatOutbox extends Disposable {
  private readonly posted = this.register(new vscode.EventEmitter<HostMessage>());
  /** Every host -> webview message, whether or not a view is showing. */
  readonly onDidPost = this.posted.event;
  private port: ChatViewPort | undefined;
  private streaming = false;

  get hasView(): boolean {
    return this.port !== undefined;
  }

  /** A webview view was resolved; messages go to it from now on. */
  attach(port: ChatViewPort): IDisposable {
    this.port = port;
    return toDisposable(() => {
      if (this.port === port) this.port = undefined;
    });
  }

  post(message: HostMessage): void {
    // The context key drives the Stop title button and the command's enablement; a full state can end a
    // stream too (New chat discards the answer in flight without a separate busy message).
    if (message.type === 'busy' || message.type === 'state') {
      const busy = message.type === 'busy' ? message.busy : message.state.busy;
      if (busy !== this.streaming) {
        this.streaming = busy;
        void setContext(ContextKey.chatStreaming, busy);
      }
    }
    this.posted.fire(message);
    this.port?.post(message);
  }

  override dispose(): void {
    void setContext(ContextKey.chatStreaming, false);
    super.dispose();
  }
}
