/**
 * The server's own words that the client hands out, with the client's key removed first.
 *
 * A server (or a proxy in front of it) may echo the key it was sent: in an error message, a failed node's
 * error, a stored answer's error, even a conversation's name. Those texts reach the panel, the tree, the
 * log and the history, so the client removes its key (literally, whatever its shape, and also split by
 * whitespace or zero-width characters: see `redact.ts`) from each of them before anyone else sees them.
 * Everything else passes unchanged, and text deltas (nearly every event) are not looked at at all.
 */
import type { DifyEvent } from './events';
import type { Conversation, HistoryMessage } from './types';

/** Removes the key (and key-shaped text) from one text. */
export type Scrub = (text: string) => string;

/** `text` scrubbed, and `undefined` kept. */
function opt(text: string | undefined, scrub: Scrub): string | undefined {
  return text === undefined || text === '' ? text : scrub(text);
}

/**
 * The event with its server texts scrubbed: an error frame's message, and the errors of failed nodes,
 * iterations, loops, agent log lines and the run. Returns the event itself when it carries none.
 */
export function scrubEvent(ev: DifyEvent, scrub: Scrub): DifyEvent {
  switch (ev.event) {
    case 'error':
      return ev.message === '' ? ev : { ...ev, message: scrub(ev.message) };
    case 'node_finished':
    case 'node_retry':
    case 'iteration_started':
    case 'iteration_next':
    case 'iteration_completed':
    case 'loop_started':
    case 'loop_next':
    case 'loop_completed':
    case 'workflow_finished':
    case 'agent_log':
      return ev.data.error === undefined ? ev : ({ ...ev, data: { ...ev.data, error: opt(ev.data.error, scrub) } } as DifyEvent);
    case 'message':
    case 'agent_message':
    case 'message_file':
    case 'message_replace':
    case 'message_end':
    case 'agent_thought':
    case 'tts_message':
    case 'tts_message_end':
    case 'workflow_started':
    case 'node_started':
    case 'ping':
      return ev;
  }
}

/** A conversation with its name and introduction scrubbed. */
export function scrubConversation(c: Conversation, scrub: Scrub): Conversation {
  return { ...c, name: scrub(c.name), introduction: scrub(c.introduction) };
}

/** A stored message with its error scrubbed. */
export function scrubHistoryMessage(m: HistoryMessage, scrub: Scrub): HistoryMessage {
  return m.error === null || m.error === '' ? m : { ...m, error: scrub(m.error) };
}
