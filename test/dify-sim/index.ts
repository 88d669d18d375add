/**
 * The Dify simulator: a node:http server on loopback that stands in for Dify's Service API
 * (as described in the project's Dify wire reference) in tests, the demo and the benchmarks. See README.md here.
 *
 * ```ts
 * const sim = await startDifySim();
 * await fetch(`${sim.baseUrl}/chat-messages`, { method: 'POST', headers: { Authorization: `Bearer ${sim.keys.chat}`, ... } });
 * sim.injectFault({ kind: 'cut', atByte: 120 });
 * await sim.close();
 * ```
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { keysOf, resetSim } from './admin';
import { SimContext } from './context';
import type { BenchAnswer, ResolvedOptions, SimFrame } from './context';
import type { Fault, FaultMatch } from './faults';
import { seedConversations, seedMessages, seedVariables } from './seed';
import type { SeedConversationOptions, SeedMessageOptions } from './seed';
import { handleRequest } from './server';
import type { SimStats } from './stats';

export type { Fault, FaultMatch } from './faults';
export type { BenchAnswer, SimFrame } from './context';
export type { SimStats, LoggedRequest } from './stats';
export type { SeedConversationOptions, SeedMessageOptions } from './seed';
export { APP_KEYS, DATASET_KEY } from './apps';
export { parseFault } from './faults';

export interface DifySimOptions {
  /** Default 0 (the OS picks). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Version-dependent behaviours from §5 of the reference (default '1.11.2'). */
  version?: '1.11.2' | 'newest';
  /** SSE data JSON: 'spaced' = json.dumps with \uXXXX escapes; 'compact' = orjson raw UTF-8. Default 'spaced'. */
  json?: 'spaced' | 'compact';
  /** Delay before each answer delta; default 0 (tests). The CLI uses ~20 for a realistic demo. */
  tokenDelayMs?: number;
  /**
   * Benchmarks: the answer text for a query and its pace (undefined: as scripted). Everything else about the
   * turn is as scripted; with `tokensPerSecond` each delta is due at the first one + i / rate (late timers are
   * caught up, not added up) instead of after `tokenDelayMs`.
   */
  benchAnswer?: (query: string) => BenchAnswer | undefined;
  /** Benchmarks: called as each answer-stream data frame has been handed to the socket (`at`: performance.now()). */
  onFrame?: (frame: SimFrame) => void;
  /** Auto-naming delay after a new conversation's first turn; default 1000. */
  autoNameDelayMs?: number;
  /** Ping cadence while streaming; default 10_000. */
  pingIntervalMs?: number;
  /** Serve https instead. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Injectable clock (ms) for deterministic timestamps in tests. */
  now?: () => number;
  /**
   * Flask debug mode: an undecodable JSON body reports "Failed to decode JSON object: <parser error>".
   * Default false: like a production Dify, the message is Werkzeug's generic BadRequest text.
   */
  flaskDebug?: boolean;
  /** Flask-RESTX's "did you mean" suffix on in-route 404 messages (on in Dify; default true). */
  help404?: boolean;
}

/** A type alias (not an interface) so it is assignable to `Record<string, string>`. */
export type DifySimKeys = {
  chat: string;
  agent: string;
  chatflow: string;
  /** 403 "The app's API service has been disabled." */
  disabled: string;
  /** 403 "The app no longer exists." */
  deleted: string;
  /** A workflow (non-chat) app: 400 not_chat_app on chat routes, /info mode 'workflow'. */
  workflow: string;
};

export interface DifySim {
  /** e.g. http://127.0.0.1:PORT */
  readonly origin: string;
  /** origin + '/v1' */
  readonly baseUrl: string;
  readonly keys: DifySimKeys;
  readonly version: '1.11.2' | 'newest';
  /** Live counters and a log of recent requests (Authorization values redacted). */
  readonly stats: SimStats;
  /** Queues a fault for the next matching request(s) (`times`, default 1). */
  injectFault(fault: Fault, match?: FaultMatch): void;
  /** Clears conversations, faults, stats and pending auto-name timers. */
  reset(): void;
  /**
   * Creates `count` conversations for (app key or kind, user), a minute apart, older than existing ones;
   * by default the two newest share a timestamp, `perSecond` ties them all the way down (see
   * SeedConversationOptions). Returns ids newest first.
   */
  seedConversations(key: string, user: string, count: number, options?: SeedConversationOptions): string[];
  /** Adds `count` turns of history to a conversation (a new one unless given). Message ids oldest first. */
  seedMessages(key: string, user: string, count: number, conversationId?: string, options?: SeedMessageOptions): { conversationId: string; messageIds: string[] };
  /** Adds `count` conversation variables (`note_1`…) after a conversation's own. Returns their ids. */
  seedVariables(key: string, user: string, conversationId: string, count: number): string[];
  close(): Promise<void>;
}

function resolve(o: DifySimOptions): ResolvedOptions {
  return {
    version: o.version ?? '1.11.2',
    json: o.json ?? 'spaced',
    tokenDelayMs: o.tokenDelayMs ?? 0,
    benchAnswer: o.benchAnswer,
    onFrame: o.onFrame,
    autoNameDelayMs: o.autoNameDelayMs ?? 1000,
    pingIntervalMs: o.pingIntervalMs ?? 10_000,
    now: o.now ?? Date.now,
    flaskDebug: o.flaskDebug ?? false,
    help404: o.help404 ?? true,
  };
}

export async function startDifySim(options: DifySimOptions = {}): Promise<DifySim> {
  const ctx = new SimContext(resolve(options));
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handleRequest(ctx, req, res).catch((e: unknown) => {
      console.error('[dify-sim] request failed:', e);
      res.destroy();
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  const sockets = new Set<Socket>();
  server.on(options.tls ? 'secureConnection' : 'connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  ctx.origin = `${options.tls ? 'https' : 'http'}://${hostPart}:${port}`;
  const keys = keysOf(ctx) as unknown as DifySimKeys;
  let closed: Promise<void> | undefined;

  return {
    origin: ctx.origin,
    baseUrl: `${ctx.origin}/v1`,
    keys,
    version: ctx.options.version,
    stats: ctx.stats,
    injectFault(fault, match) {
      ctx.faults.add(fault, match);
    },
    reset() {
      resetSim(ctx);
    },
    seedConversations(key, user, count, opts) {
      return seedConversations(ctx, key, user, count, opts);
    },
    seedMessages(key, user, count, conversationId, opts) {
      return seedMessages(ctx, key, user, count, conversationId, opts);
    },
    seedVariables(key, user, conversationId, count) {
      return seedVariables(ctx, key, user, conversationId, count);
    },
    close() {
      closed ??= new Promise<void>((ok) => {
        ctx.clearTimers();
        for (const t of ctx.tasks.values()) t.stop();
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}

