/**
 * The admin API under /__sim/ (outside /v1), for tests in another process (an extension host):
 *   GET  /__sim/info     origin, base URL, version, app keys
 *   GET  /__sim/stats    the live counters and request log
 *   POST /__sim/faults   {"fault": Fault | "cut:120", "match"?: {"method", "path" (prefix) | "pathRegex", "times"}}
 *   DELETE /__sim/faults clears queued faults
 *   POST /__sim/reset    clears conversations, faults, stats
 *   POST /__sim/release  lets streams paused by a `hold` fault go on to their end
 *   POST /__sim/seed     {"key": key or kind, "user", "count", "ties"?, "perSecond"?, "variables"?}, or {"kind": "messages", "key", "user", "count",
 *                        "conversationId"?}, or {"kind": "variables", "key", "user", "count", "conversationId"}
 * Plain JSON in and out; errors are {"error": "..."} with 400/404.
 */
import { createApps } from './apps';
import type { ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { FaultSyntaxError, parseFault, validateFault } from './faults';
import type { Fault, FaultMatch } from './faults';
import { seedConversations, seedMessages, seedVariables } from './seed';
import type { SeedConversationOptions } from './seed';
import { resetStats } from './stats';

function reply(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Clears conversations, faults, stats and pending timers (auto-naming). */
export function resetSim(ctx: SimContext): void {
  ctx.store.clear();
  ctx.faults.clear();
  ctx.clearTimers();
  resetStats(ctx.stats);
  const fresh = createApps();
  for (const app of ctx.apps) {
    const initial = fresh.find((a) => a.kind === app.kind);
    if (initial) app.speech = initial.speech;
  }
}

export function keysOf(ctx: SimContext): Record<string, string> {
  return Object.fromEntries(ctx.apps.map((a) => [a.kind, a.key]));
}

function toMatch(raw: unknown): FaultMatch {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object') throw new FaultSyntaxError('match must be an object');
  const r = raw as Record<string, unknown>;
  const m: FaultMatch = {};
  if (typeof r['method'] === 'string') m.method = r['method'];
  if (typeof r['times'] === 'number') m.times = r['times'];
  if (typeof r['path'] === 'string') m.path = r['path'];
  if (typeof r['pathRegex'] === 'string') m.path = new RegExp(r['pathRegex']);
  return m;
}

export async function handleAdmin(ctx: SimContext, method: string, url: URL, body: Buffer, res: ServerResponse): Promise<void> {
  let input: Record<string, unknown> = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return reply(res, 400, { error: 'body must be JSON' });
    }
  }
  const op = `${method} ${url.pathname}`;
  try {
    switch (op) {
      case 'GET /__sim/info':
        return reply(res, 200, { origin: ctx.origin, baseUrl: `${ctx.origin}/v1`, version: ctx.options.version, keys: keysOf(ctx) });
      case 'GET /__sim/stats':
        return reply(res, 200, ctx.stats);
      case 'POST /__sim/faults': {
        const f = input['fault'];
        const fault = typeof f === 'string' ? parseFault(f) : (f as Fault);
        if (!fault || typeof fault !== 'object') throw new FaultSyntaxError('fault is required');
        validateFault(fault);
        ctx.faults.add(fault, toMatch(input['match']));
        return reply(res, 200, { queued: ctx.faults.pending });
      }
      case 'DELETE /__sim/faults':
        ctx.faults.clear();
        return reply(res, 200, { queued: 0 });
      case 'POST /__sim/speech': {
        // An app's text_to_speech, e.g. {"key": "chat", "autoPlay": true}; a reset restores it.
        const app = ctx.apps.find((a) => a.kind === String(input['key'] ?? 'chat'));
        if (!app) throw new FaultSyntaxError('no such app');
        app.speech = {
          enabled: typeof input['enabled'] === 'boolean' ? input['enabled'] : app.speech.enabled,
          voice: typeof input['voice'] === 'string' ? input['voice'] : app.speech.voice,
          autoPlay: typeof input['autoPlay'] === 'boolean' ? input['autoPlay'] : app.speech.autoPlay,
        };
        return reply(res, 200, { speech: app.speech });
      }
      case 'POST /__sim/release':
        return reply(res, 200, { released: ctx.releaseHeld() });
      case 'POST /__sim/reset':
        resetSim(ctx);
        return reply(res, 200, { ok: true });
      case 'POST /__sim/seed': {
        const key = String(input['key'] ?? 'chat');
        const user = String(input['user'] ?? '');
        const count = Number(input['count'] ?? 0);
        if (!user || !Number.isInteger(count) || count < 0) throw new FaultSyntaxError('seed needs user and a count >= 0');
        const cid = typeof input['conversationId'] === 'string' ? input['conversationId'] : undefined;
        if (input['kind'] === 'messages') return reply(res, 200, seedMessages(ctx, key, user, count, cid));
        if (input['kind'] === 'variables') {
          if (cid === undefined) throw new FaultSyntaxError('seeding variables needs a conversationId');
          return reply(res, 200, { ids: seedVariables(ctx, key, user, cid, count) });
        }
        const opts: SeedConversationOptions = {};
        if (typeof input['ties'] === 'number') opts.ties = input['ties'];
        if (typeof input['perSecond'] === 'number') opts.perSecond = input['perSecond'];
        if (typeof input['variables'] === 'boolean') opts.variables = input['variables'];
        return reply(res, 200, { ids: seedConversations(ctx, key, user, count, opts) });
      }
      default:
        return reply(res, 404, { error: `no admin route ${op}` });
    }
  } catch (e) {
    return reply(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
