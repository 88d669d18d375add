/**
 * Faults: what a real network, proxy or Dify can do to a request. They are chosen per request in four
 * ways: queued from a test (`injectFault`), queued over HTTP (`POST /__sim/faults`), the request header
 * `X-Dify-Sim-Fault: cut:120`, or a `/fault cut:120` directive inside a chat query.
 *
 * Text form (header and directive), one fault:
 *   refuse | delay:MS | drip:MS | cut:BYTES | html502 | 429[:SECS] | rateLimit[:SECS] | 500 | server500
 *   error[:AFTER_FRAMES[:CODE[:STATUS]]] | errorFrame[...] | eof[:AFTER_FRAMES] | eofWithoutEnd[...]
 *   hold[:AFTER_FRAMES] | park[:AFTER_FRAMES] | status:STATUS:CODE[:MESSAGE]
 */

export type Fault =
  | { kind: 'refuse' }
  | { kind: 'delay'; ms: number }
  | { kind: 'drip'; ms: number }
  | { kind: 'cut'; atByte: number }
  | { kind: 'html502' }
  | { kind: 'errorFrame'; afterFrames?: number; code?: string; status?: number; message?: string }
  | { kind: 'eofWithoutEnd'; afterFrames?: number }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'server500' }
  | { kind: 'status'; status: number; code: string; message: string }
  /** Pause the stream after N data frames until the task is stopped or the client leaves (pings continue). */
  | { kind: 'hold'; afterFrames?: number }
  /**
   * Pause the task after N data frames until it is stopped or released; unlike `hold`, the client leaving does
   * not end the pause (the model upstream is still busy), so "the client went while Dify was answering" can be
   * looked at for as long as a test needs.
   */
  | { kind: 'park'; afterFrames?: number };

export interface FaultMatch {
  method?: string;
  /** A string is a path prefix, with or without the `/v1` base (`'/chat-messages'`); a RegExp tests the path. */
  path?: RegExp | string;
  times?: number;
}

/** Faults that only make sense on an answer stream; unless told otherwise they wait for a chat POST. */
const STREAM_ONLY: ReadonlySet<Fault['kind']> = new Set(['errorFrame', 'eofWithoutEnd', 'hold', 'park']);

interface Queued {
  fault: Fault;
  match: FaultMatch;
  left: number;
}

export class FaultQueue {
  private items: Queued[] = [];

  add(fault: Fault, match: FaultMatch = {}): void {
    validateFault(fault);
    this.items.push({ fault, match, left: match.times ?? 1 });
  }

  clear(): void {
    this.items = [];
  }

  get pending(): number {
    return this.items.length;
  }

  /** Takes the first queued fault that matches this request (a fault with `times: N` serves N requests). */
  take(method: string, path: string): Fault | undefined {
    const i = this.items.findIndex((q) => matches(q, method, path));
    const q = this.items[i];
    if (!q) return undefined;
    if (--q.left <= 0) this.items.splice(i, 1);
    return q.fault;
  }
}

function matches(q: Queued, method: string, path: string): boolean {
  const m = q.match;
  if (m.method && m.method.toUpperCase() !== method) return false;
  if (m.path !== undefined) {
    if (typeof m.path === 'string' ? !path.startsWith(m.path) && !path.startsWith(`/v1${m.path}`) : !m.path.test(path)) return false;
  } else if (STREAM_ONLY.has(q.fault.kind) && !(method === 'POST' && /\/chat-messages$/.test(path))) {
    return false;
  }
  return true;
}

export class FaultSyntaxError extends Error {}

function num(s: string | undefined, what: string): number {
  const n = Number(s);
  if (s === undefined || s === '' || !Number.isFinite(n) || n < 0) throw new FaultSyntaxError(`fault ${what} needs a non-negative number`);
  return n;
}

const optNum = (s: string | undefined, what: string): number | undefined => (s === undefined || s === '' ? undefined : num(s, what));

/** Parses the text form (see the file comment). */
export function parseFault(text: string): Fault {
  const [rawKind = '', ...args] = text.trim().split(':');
  const kind = rawKind.toLowerCase();
  switch (kind) {
    case 'refuse':
      return { kind: 'refuse' };
    case 'delay':
      return { kind: 'delay', ms: num(args[0], 'delay') };
    case 'drip':
      return { kind: 'drip', ms: num(args[0], 'drip') };
    case 'cut':
      return { kind: 'cut', atByte: num(args[0], 'cut') };
    case 'html502':
    case '502':
      return { kind: 'html502' };
    case '429':
    case 'ratelimit':
      return { kind: 'rateLimit', retryAfterSeconds: optNum(args[0], '429') ?? 1 };
    case '500':
    case 'server500':
      return { kind: 'server500' };
    case 'error':
    case 'errorframe': {
      const f: Fault = { kind: 'errorFrame' };
      const after = optNum(args[0], 'error');
      if (after !== undefined) f.afterFrames = after;
      if (args[1]) f.code = args[1];
      if (args[2]) f.status = num(args[2], 'error status');
      return f;
    }
    case 'eof':
    case 'eofwithoutend': {
      const after = optNum(args[0], 'eof');
      return after === undefined ? { kind: 'eofWithoutEnd' } : { kind: 'eofWithoutEnd', afterFrames: after };
    }
    case 'hold':
    case 'park': {
      const after = optNum(args[0], kind);
      return after === undefined ? { kind } : { kind, afterFrames: after };
    }
    case 'status': {
      const status = num(args[0], 'status');
      const code = args[1] || 'unknown';
      return { kind: 'status', status, code, message: args.slice(2).join(':') || code };
    }
    default:
      throw new FaultSyntaxError(`unknown fault "${text}"`);
  }
}

/** Rejects malformed fault objects (they may arrive as JSON over the admin API). */
export function validateFault(f: Fault): void {
  const bad = (why: string) => {
    throw new FaultSyntaxError(`invalid fault ${JSON.stringify(f)}: ${why}`);
  };
  const n = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  switch (f.kind) {
    case 'delay':
    case 'drip':
      if (!n(f.ms)) bad('ms');
      return;
    case 'cut':
      if (!n(f.atByte)) bad('atByte');
      return;
    case 'rateLimit':
      if (!n(f.retryAfterSeconds)) bad('retryAfterSeconds');
      return;
    case 'status':
      if (!n(f.status) || typeof f.code !== 'string' || typeof f.message !== 'string') bad('status, code and message');
      return;
    case 'errorFrame':
    case 'eofWithoutEnd':
    case 'hold':
    case 'park':
      if (f.afterFrames !== undefined && !n(f.afterFrames)) bad('afterFrames');
      return;
    case 'refuse':
    case 'html502':
    case 'server500':
      return;
    default:
      bad('unknown kind');
  }
}

const DIRECTIVE = /(?:^|\s)\/fault\s+(\S+)/;

/** Finds a `/fault KIND[:ARGS]` directive in a chat query; returns the fault and the query without it. */
export function extractDirective(query: string): { fault?: Fault; query: string } {
  const m = DIRECTIVE.exec(query);
  if (!m) return { query };
  const rest = (query.slice(0, m.index) + query.slice(m.index + m[0].length)).trim();
  try {
    return { fault: parseFault(m[1] as string), query: rest };
  } catch {
    return { query };
  }
}
