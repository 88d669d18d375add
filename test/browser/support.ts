// Shared by the browser tests and the render benchmark: bundle a page script with esbuild into a temp dir,
// serve it from a loopback http server under a webview-like CSP, and count requests that should never come.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Metafile } from 'esbuild';

export const REPO = resolve(__dirname, '..', '..');

export interface Bundle {
  code: string;
  /** Bytes of output per input file (esbuild's metafile), for size reports. */
  metafile: Metafile;
}

/** Bundles `entry` (a path relative to the repo) as a browser IIFE, in a temp dir that is removed after. */
export async function bundle(entry: string, minify = false): Promise<Bundle> {
  const dir = mkdtempSync(join(tmpdir(), 'dify-render-'));
  try {
    const outfile = join(dir, 'bundle.js');
    const result = await build({
      entryPoints: [join(REPO, entry)],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      minify,
      legalComments: 'none',
      metafile: true,
      outfile,
      logLevel: 'silent',
    });
    return { code: readFileSync(outfile, 'utf8'), metafile: result.metafile };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Served {
  origin: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    });
}

/**
 * Serves one page: `/` is an empty document with the given CSP header (none when null) that loads
 * `/bundle.js` with the nonce, or the document `html` makes for the server's origin (which brings its own
 * policy, as the chat page does in a meta tag); `/webview.css` is an empty stylesheet; everything else a 404.
 */
export async function servePage(code: string, csp: string | null, nonce = 'rendertest', html?: (origin: string) => string): Promise<Served> {
  const plain = `<!doctype html><html><head><meta charset="utf-8"><title>render</title></head><body><div id="root"></div><script nonce="${nonce}" src="/bundle.js"></script></body></html>`;
  let page = plain;
  const server = createServer((req, res) => {
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (csp) headers['content-security-policy'] = csp;
    if (req.url === '/') res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page);
    else if (req.url === '/bundle.js') res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(code);
    else if (req.url === '/webview.css') res.writeHead(200, { ...headers, 'content-type': 'text/css' }).end('');
    else res.writeHead(404).end();
  });
  const origin = await listen(server);
  if (html) page = html(origin);
  return { origin, close: closer(server) };
}

export interface Canary extends Served {
  /** Paths requested so far: every one is a fetch some rendered content caused. */
  hits: string[];
}

/** A loopback server that records every request it gets: content must never reach it. */
export async function startCanary(): Promise<Canary> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(204).end();
  });
  return { hits, origin: await listen(server), close: closer(server) };
}
