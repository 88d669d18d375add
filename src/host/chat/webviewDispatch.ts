import type { ChatLog } from './chatLog';
import type { Translate } from '../messages/translate';
import type { HostMessage, SendRefusal, WebviewMessage, WebviewMessageOf, WebviewMessageType } from '../../protocol';
import { describeInvalidMessage, isWebviewMessage, sendOverLimit } from '../../protocol';

/** One handler per webview message type: a type without one does not compile. */
export type WebviewMessageHandlers = {
  readonly [K in WebviewMessageType]: (message: WebviewMessageOf<K>) => void | Promise<void>;
};

/** How the host answers the panel directly (a refused `send`). */
export type ReplyToPanel = (message: HostMessage) => void;

/**
 * The one place a message from the chat webview is checked: anything that is not exactly one of the
 * protocol's messages is logged (at debug, without its content) and dropped before any handler sees it.
 * A `send` refused only for a size limit an honest panel can reach (too long a question or input) is
 * answered too: its question goes back to the composer and the panel says why, so nothing vanishes.
 * A valid one goes to its handler at once (its synchronous part runs before this returns); a handler that
 * fails is logged, never thrown back at the webview's event.
 */
export function dispatchWebviewMessage(raw: unknown, handlers: WebviewMessageHandlers, log: ChatLog, reply: ReplyToPanel, t: Translate): void {
  if (!isWebviewMessage(raw)) {
    log.debug(`chat: ignored a webview message (${describeInvalidMessage(raw)})`);
    const over = sendOverLimit(raw);
    if (over) {
      reply({ type: 'draft', text: (raw as WebviewMessageOf<'send'>).text });
      reply({ type: 'notice', level: 'error', message: refusalSentence(over, t) });
    }
    return;
  }
  // The mapped type pairs each type with its handler; indexing by a union loses that pairing, hence the cast.
  const handler = handlers[raw.type] as (message: WebviewMessage) => void | Promise<void>;
  const run = async (): Promise<void> => handler(raw);
  run().catch((e: unknown) => log.error(`chat: handling ${raw.type} failed`, e));
}

// Grouped as in English; Chinese groups digits the same way (100,000).
const count = (n: number): string => n.toLocaleString('en-US');

/** Why the host refused a `send`, in one sentence (the panel names fields by label; the host knows only their variables). */
export function refusalSentence(refusal: Exclude<SendRefusal, { reason: 'inputNotSendable' }>, t: Translate): string {
  switch (refusal.reason) {
    case 'questionTooLong':
      return t('The question is too long to send (over {0} characters); shorten it and send it again.', count(refusal.max));
    case 'tooManyInputs':
      return t("The app's form has more than {0} inputs, more than a question can carry.", count(refusal.max));
    case 'inputTooLong':
      return t('The input {0} is too long to send (over {1} characters); shorten it and send again.', refusal.key, count(refusal.max));
  }
}
