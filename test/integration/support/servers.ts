// Loopback servers for the suites: a counting canary, a key-rewriting proxy, a self-signed https server,
// a silent one, and a port where nothing listens.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface TestServer {
  url: string;
  port: number;
  hits: number;
  close(): Promise<void>;
}

function listen(server: http.Server | https.Server, scheme: 'http' | 'https'): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on(scheme === 'https' ? 'secureConnection' : 'connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // A handshake that fails never becomes a secureConnection: track raw sockets too.
  if (scheme === 'https') {
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
  }
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const s: TestServer = {
        url: `${scheme}://127.0.0.1:${port}`,
        port,
        hits: 0,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const sock of sockets) sock.destroy();
          }),
      };
      server.on('request', () => {
        s.hits++;
      });
      resolve(s);
    });
  });
}

/** A server that counts hits and answers 418, for "zero requests to this host" assertions. */
export function startCanary(): Promise<TestServer> {
  return listen(
    http.createServer((_req, res) => {
      res.writeHead(418, { 'Content-Type': 'text/plain' });
      res.end('canary');
    }),
    'http',
  );
}

/** A server that accepts connections and requests and never answers them. */
export function startSilent(): Promise<TestServer> {
  return listen(
    http.createServer(() => {
      // never answer
    }),
    'http',
  );
}

/** An https server with the given certificate, answering like Dify's root if a client ever trusted it. */
export function startHttps(tls: { key: string; cert: string }): Promise<TestServer> {
  return listen(
    https.createServer(tls, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"welcome": "Dify OpenAPI", "api_version": "v1", "server_version": "1.11.2"}\n');
    }),
    'https',
  );
}

/** A port on 127.0.0.1 where nothing listens (bound by the OS, then closed). */
export async function closedPort(): Promise<number> {
  const s = await listen(http.createServer(), 'http');
  await s.close();
  return s.port;
}

export interface Proxy extends TestServer {
  /** Requests that arrived with `Bearer <from>` (rewritten to `Bearer <to>`). */
  rewritten: number;
}

/**
 * A loopback reverse proxy to `target` (streaming both ways). With `rewrite`, a request authorised with
 * the `from` key is forwarded with the `to` key: the extension can use a canary key that the simulator
 * does not know, and still get real answers.
 */
export async function startProxy(target: string, rewrite?: { from: string; to: string }): Promise<Proxy> {
  const counts = { rewritten: 0 };
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers };
    delete headers.host;
    if (rewrite && headers.authorization === `Bearer ${rewrite.from}`) {
      headers.authorization = `Bearer ${rewrite.to}`;
      counts.rewritten++;
    }
    const up = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    });
    up.on('error', () => res.destroy());
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
  const base = await listen(server, 'http');
  return Object.defineProperty(base, 'rewritten', { get: () => counts.rewritten, enumerable: true }) as Proxy;
}
