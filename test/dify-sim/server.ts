/**
 * The request pipeline: admin API → signed file URLs → read body → log → fault (header, then queue) →
 * route (HTML 404 / 405 envelope / redirect) → auth → handler → error envelope (+ Flask-RESTX 404 help).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin } from './admin';
import { applyFault } from './applyFault';
import { authenticate } from './auth';
import type { SimContext } from './context';
import { redirectPage, sendError, sendHtml, sendNotFoundPage } from './envelope';
import { FaultSyntaxError, parseFault } from './faults';
import type { Fault } from './faults';
import { helpOn404 } from './help404';
import { HttpError, errors } from './httpError';
import { Out } from './output';
import { Req } from './request';
import { SERVICE_API_RULES, matchRoute } from './router';
import { serveSignedFile } from './routes/files';
import { logRequest, loggableHeaders } from './stats';
import type { LoggedRequest } from './stats';

/** Bodies larger than this are refused (Dify's largest upload limit is 100 MB). */
const MAX_BODY = 110 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

function bodyForLog(req: Req): string {
  if (/^multipart\//i.test(req.header('content-type') ?? '')) return `<multipart ${req.body.length} bytes>`;
  const text = req.body.toString('utf8');
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}

function headerFault(req: Req): Fault | undefined {
  const text = req.header('x-dify-sim-fault');
  if (!text) return undefined;
  try {
    return parseFault(text);
  } catch (e) {
    if (e instanceof FaultSyntaxError) return undefined;
    throw e;
  }
}

export async function handleRequest(ctx: SimContext, raw: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (raw.method ?? 'GET').toUpperCase();
  const url = new URL(raw.url ?? '/', 'http://dify-sim.invalid');
  const body = await readBody(raw);
  if (url.pathname.startsWith('/__sim/')) {
    await handleAdmin(ctx, method, url, body ?? Buffer.alloc(0), res);
    return;
  }
  const out = new Out(res);
  const req = new Req(ctx, method, url, raw.headers, body ?? Buffer.alloc(0), out);
  const entry: LoggedRequest = {
    method,
    path: `${url.pathname}${url.search}`,
    route: `${method} (no route)`,
    headers: loggableHeaders(raw.headers),
    body: bodyForLog(req),
    status: 0,
    at: ctx.options.now(),
  };
  res.on('finish', () => {
    entry.status = res.statusCode;
  });
  logRequest(ctx.stats, entry);
  try {
    if (body === null) throw new HttpError(413, 'request_entity_too_large', 'The data value transmitted exceeds the capacity limit.');
    const fault = headerFault(req) ?? ctx.faults.take(method, url.pathname);
    if (fault) {
      entry.fault = fault.kind;
      if (await applyFault(req, fault)) return;
    }
    if (method === 'GET' && (await serveSignedFile(req))) return;
    const m = matchRoute(method, url.pathname);
    if (m.kind === 'none') return await sendNotFoundPage(out, req.difyHeaders);
    if (m.kind === 'redirect') {
      const location = `http://${req.header('host') ?? 'localhost'}${m.location}`;
      return await sendHtml(out, 308, redirectPage(location), { ...req.difyHeaders, Location: location });
    }
    if (m.kind === 'method') {
      if (method === 'OPTIONS') {
        out.head(200, { ...req.difyHeaders, Allow: m.allowed.join(', '), 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': 0 });
        return await out.end();
      }
      throw new HttpError(405, 'method_not_allowed', 'The method is not allowed for the requested URL.', { Allow: m.allowed.join(', ') });
    }
    const { route } = m;
    req.params = m.params;
    req.route = route.pattern;
    entry.route = `${method} ${route.pattern}`;
    ctx.stats.requests[entry.route] = (ctx.stats.requests[entry.route] ?? 0) + 1;
    if (route.pattern === '/v1/chat-messages') ctx.stats.chatPosts++;
    if (!route.auth) return await (route.handler as (r: Req) => Promise<void>)(req);
    const app = authenticate(req);
    await route.handler(req, app);
  } catch (e) {
    await sendFailure(req, e);
  }
}

async function sendFailure(req: Req, e: unknown): Promise<void> {
  if (!req.out.open || req.out.res.headersSent) {
    req.out.refuse();
    return;
  }
  let err = e instanceof HttpError ? e : errors.internal();
  if (!(e instanceof HttpError)) console.error('[dify-sim] unexpected error:', e);
  if (err.status === 404 && req.ctx.options.help404) {
    err = new HttpError(404, err.code, helpOn404(err.message, req.path, SERVICE_API_RULES), err.headers);
  }
  await sendError(req.out, err, req.difyHeaders);
}
