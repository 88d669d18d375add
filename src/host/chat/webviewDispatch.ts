import type { ChatLog } from './chatLog';
import type { WebviewMessage, WebviewMessageOf, WebviewMessageType } from '../../protocol';
import { describeInvalidMessage, isWebviewMessage } from '../../protocol';

/** One handler per webview message type: a type without one does not compile. */
export type WebviewMessageHandlers = {
  readonly [K in WebviewMessageType]: (message: WebviewMessageOf<K>) => void | Promise<void>;
};

/**
 * The one place a message from the chat webview is checked: anything that is not exactly one of the
 * protocol's messages is logged (at debug, without its content) and dropped before any handler sees it.
 * A valid one goes to its handler at once (its synchronous part runs before this returns); a handler that
 * fails is logged, never thrown back at the webview's event.
 */
export function dispatchWebviewMessage(raw: unknown, handlers: WebviewMessageHandlers, log: ChatLog): void {
  if (!isWebviewMessage(raw)) {
    log.debug(`chat: ignored a webview message (${describeInvalidMessage(raw)})`);
    return;
  }
  // The mapped type pairs each type with its handler; indexing by a union loses that pairing, hence the cast.
  const handler = handlers[raw.type] as (message: WebviewMessage) => void | Promise<void>;
  const run = async (): Promise<void> => handler(raw);
  run().catch((e: unknown) => log.error(`chat: handling ${raw.type} failed`, e));
}
