/**
 * What the Conversations view shows when it has no rows, as the value of the `dify.conversations.state`
 * context key that package.json's `viewsWelcome` entries read (each state has its own sentence and buttons).
 * No vscode import, so the mapping is unit-tested.
 */
import { isDifyError } from '../../dify/errors';

export type TreeState =
  /** Nothing loaded yet (the first load is on its way). */
  | 'loading'
  /** Conversations (or pins) are shown. */
  | 'ready'
  /** Loaded, and this user has no conversation with the app yet. */
  | 'empty'
  /** No key for the active app (the older `!dify.hasApiKey` welcome shows). */
  | 'noKey'
  /** Dify did not answer: refused, reset, DNS, timed out. */
  | 'unreachable'
  /** The server's certificate was not accepted. */
  | 'tls'
  /** Dify rejected the key (401). */
  | 'rejected'
  /** The app is disabled, deleted or its API is off (403). */
  | 'forbidden'
  /** Anything else (a server error, an answer that is not Dify's, a key that was not sent). */
  | 'failed';

/** The state a failed first load leaves the view in. */
export function failureState(e: unknown): TreeState {
  if (!isDifyError(e)) return 'failed';
  switch (e.kind) {
    case 'network':
    case 'timeout':
      return 'unreachable';
    case 'tls':
      return 'tls';
    case 'auth':
      return 'rejected';
    case 'forbidden':
      return 'forbidden';
    case 'notFound':
    case 'badRequest':
    case 'rateLimited':
    case 'server':
    case 'interrupted':
    case 'streamError':
    case 'tooLarge':
    case 'notDify':
    case 'aborted':
      return 'failed';
  }
}

/** The state after a load: rows (or pins) shown, or nothing yet. */
export function loadedState(rows: number): TreeState {
  return rows > 0 ? 'ready' : 'empty';
}
