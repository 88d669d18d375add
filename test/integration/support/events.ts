// Waiting for what the extension does, by its events (no sleeps): the next event, the next host message.
import type * as vscode from 'vscode';
import type { ChatController } from '../../../src/host/chat/chatController';
import type { HostMessage, HostMessageOf, HostMessageType } from '../../../src/protocol';

/** Resolves with the next firing of `event` (mocha's timeout bounds the wait). */
export function nextEvent<T>(event: vscode.Event<T>): Promise<T> {
  return new Promise((resolve) => {
    const d = event((e) => {
      d.dispose();
      resolve(e);
    });
  });
}

/** Resolves with the first message of `type` (posted after this call) that satisfies `pred`. */
export function nextMessage<K extends HostMessageType>(
  chat: ChatController,
  type: K,
  pred: (m: HostMessageOf<K>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<HostMessageOf<K>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no ${type} message within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = chat.onDidPostMessage((m: HostMessage) => {
      if (m.type === type && pred(m as HostMessageOf<K>)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(m as HostMessageOf<K>);
      }
    });
  });
}

/** Records every message the controller posts until disposed. */
export function record(chat: ChatController): { messages: HostMessage[]; dispose(): void } {
  const messages: HostMessage[] = [];
  const sub = chat.onDidPostMessage((m) => messages.push(m));
  return { messages, dispose: () => sub.dispose() };
}
