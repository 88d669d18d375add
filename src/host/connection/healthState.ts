/**
 * The active app's connection health as plain data, and the rules that move it: what a quiet check, an
 * error or real traffic says about the connection. No vscode import and no sentences (the host words them),
 * so the transitions are unit-tested in Node. Not the chat panel's `ConnectionStatus` (src/protocol.ts),
 * which says whether the panel could load the app.
 */
import type { DifyErrorKind } from '../../dify/errors';
import { isChatAppMode } from '../../dify/types';

/** What the status bar shows about the active app. */
export type HealthStatus =
  | 'checking'
  | 'connected'
  | 'noKey'
  | 'unreachable'
  | 'rejected'
  | 'needsConfirmation'
  | 'keyringError'
  | 'invalidUrl'
  | 'notChatApp'
  | 'unknown';

/** The health of the active app's connection. */
export interface HealthState {
  status: HealthStatus;
  /** One sentence for the tooltip. */
  detail?: string;
}

/** What one request reported (the part of the client's request event that tells about health). */
export interface TrafficOutcome {
  status?: number;
  errorKind?: string;
}

/** Error kinds that mean the request never reached Dify. */
const NOT_REACHED: ReadonlySet<string> = new Set(['network', 'tls', 'timeout', 'notDify'] satisfies DifyErrorKind[]);
/** Error kinds that mean Dify refused the key or the app. */
const REFUSED: ReadonlySet<string> = new Set(['auth', 'forbidden'] satisfies DifyErrorKind[]);

/** Whether two states would show the same thing (a repeat is not a change). */
export function sameHealth(a: HealthState, b: HealthState): boolean {
  return a.status === b.status && a.detail === b.detail;
}

/**
 * What a request of real traffic says about the connection, or undefined when it says nothing new. A
 * request that worked means "connected" (unless the app is known not to be a chat app); one that did not
 * reach Dify means "unreachable"; a refused key or app means "rejected". Other failures (a bad question, a
 * busy server) say nothing about the connection.
 */
export function statusAfterTraffic(current: HealthStatus, e: TrafficOutcome): 'connected' | 'unreachable' | 'rejected' | undefined {
  if (e.errorKind === undefined && e.status !== undefined && e.status < 400) {
    return current === 'connected' || current === 'notChatApp' ? undefined : 'connected';
  }
  if (e.errorKind === undefined) return undefined;
  if (NOT_REACHED.has(e.errorKind)) return 'unreachable';
  if (REFUSED.has(e.errorKind)) return 'rejected';
  return undefined;
}

/** The status a failed quiet check leads to, from the error's kind (undefined: not one of Dify's errors). */
export function statusForErrorKind(kind: string | undefined): 'rejected' | 'unreachable' | 'unknown' {
  if (kind === undefined) return 'unknown';
  if (REFUSED.has(kind)) return 'rejected';
  // A missing route after a check that reached the server still means the app cannot be reached there.
  if (NOT_REACHED.has(kind) || kind === ('notFound' satisfies DifyErrorKind)) return 'unreachable';
  return 'unknown';
}

/** The status for an app `/info` described: a chat app is connected, any other mode is not usable here. */
export function statusForAppMode(mode: string): 'connected' | 'notChatApp' {
  return isChatAppMode(mode) ? 'connected' : 'notChatApp';
}
