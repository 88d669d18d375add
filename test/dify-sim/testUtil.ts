/**
 * Helpers for the simulator's conformance tests: raw HTTP over loopback (bytes exactly as sent, and
 * whether the body ended properly), SSE frame splitting, and small JSON request wrappers.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { DifySim } from './index';

export interface RawResponse {
  /** 0 when the connection closed before any response. */
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Each chunk as the socket delivered it. */
  chunks: Buffer[];
  /** False when the body ended prematurely (connection cut). */
  complete: boolean;
  /** Milliseconds from sending the request to the end of the response. */
  elapsedMs: number;
}

export interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Called with each body chunk; return true to stop reading (the request is then destroyed). */
  onChunk?: (chunk: Buffer, soFar: Buffer) => boolean | void;
}

export function rawRequest(url: string, opts: RawOptions = {}): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    let settled = false;
    const finish = (complete: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ status, headers, body: Buffer.concat(chunks), chunks, complete, elapsedMs: performance.now() - started });
    };
    const headers0: Record<string, string> = { ...opts.headers };
    // Node sends DELETE bodies without chunking, so the length must be given.
    if (opts.body !== undefined) headers0['Content-Length'] = String(Buffer.byteLength(opts.body));
    const req = request(url, { method: opts.method ?? 'GET', headers: headers0, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        if (opts.onChunk?.(c, Buffer.concat(chunks))) {
          req.destroy();
          finish(true);
        }
      });
      res.on('end', () => finish(res.complete));
      res.on('close', () => finish(res.complete));
      res.on('error', () => finish(false));
    });
    req.on('error', () => finish(false));
    // The body goes as a Buffer: with a string body Node sends the header block as UTF-8 too, but header
    // values are bytes (latin-1) on the wire.
    req.end(opts.body === undefined ? undefined : Buffer.from(opts.body));
  });
}

export interface SseFrame {
  raw: string;
  ping: boolean;
  data?: Record<string, unknown>;
}

/** Splits an event-stream body into frames (each `...\n\n`); a trailing incomplete frame is dropped. */
export function sseFrames(text: string): SseFrame[] {
  const parts = text.split('\n\n');
  parts.pop();
  return parts.map((raw) => {
    if (raw === 'event: ping') return { raw, ping: true };
    if (!raw.startsWith('data: ')) return { raw, ping: false };
    return { raw, ping: false, data: JSON.parse(raw.slice(6)) as Record<string, unknown> };
  });
}

export const events = (frames: SseFrame[]): string[] => frames.filter((f) => f.data).map((f) => f.data?.['event'] as string);

export interface JsonReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: () => Record<string, unknown>;
}

export async function call(
  sim: DifySim,
  method: string,
  path: string,
  key: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonReply> {
  const h: Record<string, string> = { ...headers };
  if (key !== null) h['Authorization'] = `Bearer ${key}`;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    h['Content-Type'] ??= 'application/json';
  }
  const r = await rawRequest(`${sim.baseUrl}${path}`, { method, headers: h, body: payload });
  const text = r.body.toString('utf8');
  return { status: r.status, headers: r.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** A streaming chat turn; returns the raw response and its frames. */
export async function chat(
  sim: DifySim,
  key: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<RawResponse & { frames: SseFrame[] }> {
  const r = await rawRequest(`${sim.baseUrl}/chat-messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ inputs: {}, user: 'tester', response_mode: 'streaming', ...body }),
  });
  return { ...r, frames: sseFrames(r.body.toString('utf8')) };
}

/** Concatenation of the answer deltas (message, agent_message, message_file with answer), message_replace wins. */
export function answerOf(frames: SseFrame[]): string {
  let answer = '';
  for (const f of frames) {
    const d = f.data;
    if (!d) continue;
    const ev = d['event'];
    if ((ev === 'message' || ev === 'agent_message' || ev === 'message_file') && typeof d['answer'] === 'string') answer += d['answer'];
    if (ev === 'message_replace') answer = d['answer'] as string;
  }
  return answer;
}

/** Polls `check` until it returns a value (bounded; no fixed sleeps racing the simulator). */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, tries = 300, everyMs = 10): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await check();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const CHATFLOW_INPUTS = { topic: 'Testing' };

export interface OpenChat {
  /** Resolves once the frames received so far satisfy `pred`. */
  until(pred: (frames: SseFrame[]) => boolean): Promise<SseFrame[]>;
  done: Promise<RawResponse & { frames: SseFrame[] }>;
}

/** Starts a streaming chat turn and lets the test act while it is still streaming. */
export function openChat(sim: DifySim, key: string, body: Record<string, unknown>, headers: Record<string, string> = {}): OpenChat {
  const waiters: Array<{ pred: (f: SseFrame[]) => boolean; resolve: (f: SseFrame[]) => void }> = [];
  let latest: SseFrame[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (w.pred(latest)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(latest);
      }
    }
  };
  const done = rawRequest(`${sim.baseUrl}/chat-messages`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ inputs: {}, user: 'tester', response_mode: 'streaming', ...body }),
    onChunk: (_c, soFar) => {
      latest = sseFrames(soFar.toString('utf8'));
      check();
    },
  }).then((r) => {
    const frames = sseFrames(r.body.toString('utf8'));
    latest = frames;
    check();
    for (const w of waiters.splice(0)) w.resolve(frames);
    return { ...r, frames };
  });
  return {
    until(pred) {
      return new Promise((resolve) => {
        waiters.push({ pred, resolve });
        check();
      });
    },
    done,
  };
}
