/**
 * A tiny scripted HTTP server on 127.0.0.1 (port chosen by the OS) for the client tests: each test says how
 * to answer, and every request is recorded as it arrived (method, path, headers, body).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Recorded {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer, index: number) => void | Promise<void>;

export interface Loopback {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** origin + `/v1` */
  base: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function serve(handler: Handler): Promise<Loopback> {
  const requests: Recorded[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      const index = requests.length;
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      Promise.resolve(handler(req, res, body, index)).catch(() => res.destroy());
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: `${origin}/v1`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Dify's JSON answer: `application/json`, a trailing newline (Flask-RESTX). */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body) + '\n');
}

/** Dify's error envelope. */
export function envelope(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  json(res, status, { code, message, status }, headers);
}

/** Starts an SSE answer as Dify does (chunked, no Content-Length). */
export function sseHead(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Version': '1.11.2' });
  res.flushHeaders();
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

/** Resolves when `n` requests have arrived (polling the record; no timing assumptions beyond the test's own timeout). */
export async function untilRequests(lb: Loopback, n: number): Promise<void> {
  while (lb.requests.length < n) await new Promise((r) => setImmediate(r));
}
