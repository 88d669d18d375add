// Retries: GETs only, at most maxRetries, backoff with jitter or Retry-After (through an injected sleep);
// a chat POST, and any other POST or DELETE, is never sent twice.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { DifyClient, type RequestLogEntry } from '../../../src/dify/client';
import { DifyError } from '../../../src/dify/errors';
import { say } from '../host/messages/english';
import { envelope, json, serve, type Loopback } from './loopback';

const KEY = 'app-RetryKey0123456789abcd';
const page = { limit: 20, has_more: false, data: [] };

describe('DifyClient: retries', () => {
  let lb: Loopback;
  /** Answers for the next requests, in order; when empty, a 200 page. */
  let script: Array<(res: ServerResponse) => void> = [];
  let sleeps: number[] = [];
  let log: RequestLogEntry[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
  };
  const client = (extra: Partial<ConstructorParameters<typeof DifyClient>[0]> = {}): DifyClient =>
    new DifyClient({ baseUrl: lb.base, apiKey: KEY, user: 'u', sleep, onRequest: (e) => log.push(e), ...extra });

  before(async () => {
    lb = await serve((_req, res) => {
      const next = script.shift();
      if (next) next(res);
      else json(res, 200, page);
    });
  });
  after(() => lb.close());
  beforeEach(() => {
    script = [];
    sleeps = [];
    log = [];
    lb.requests.length = 0;
  });

  const rateLimited = (retryAfter: string) => (res: ServerResponse) => envelope(res, 429, 'rate_limit_error', 'Rate Limit Error', { 'Retry-After': retryAfter });
  const unavailable = (res: ServerResponse) => envelope(res, 503, 'internal_server_error', 'Service Unavailable');
  const html502 = (res: ServerResponse) => {
    res.writeHead(502, { 'Content-Type': 'text/html' });
    res.end('<html><title>502 Bad Gateway</title></html>');
  };

  test('a GET answered 429 with Retry-After (seconds) waits exactly that long, then succeeds', async () => {
    script = [rateLimited('3')];
    const res = await client().conversations();
    assert.deepEqual(res.data, []);
    assert.equal(lb.requests.length, 2);
    assert.deepEqual(sleeps, [3000]);
    assert.deepEqual(log.map((e) => [e.attempt, e.status, e.errorKind]), [[1, 429, 'rateLimited'], [2, 200, undefined]]);
  });

  test('Retry-After as an HTTP date is honoured', async () => {
    const when = new Date(Date.now() + 5000).toUTCString();
    script = [rateLimited(when)];
    await client().info().catch(() => undefined); // the 200 page is not app info; only the wait matters here
    assert.equal(sleeps.length, 1);
    const waited = sleeps[0] ?? 0;
    // HTTP dates have whole seconds: the wait is within (3 s, 5 s].
    assert.ok(waited > 3000 && waited <= 5000, `waited ${waited} ms`);
  });

  test('a Retry-After beyond a minute is not waited out: rateLimited at once, with the seconds', async () => {
    script = [rateLimited('3600')];
    await assert.rejects(client().conversations(), (e: unknown) => e instanceof DifyError && e.kind === 'rateLimited' && e.retryAfterSeconds === 3600);
    assert.equal(lb.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  test('5xx and proxy 502 pages are retried with exponential backoff and jitter, at most maxRetries (2) times', async () => {
    script = [unavailable, html502, unavailable, unavailable];
    const e = await client().conversations().then(
      () => assert.fail('should fail'),
      (err: unknown) => err,
    );
    assert.ok(e instanceof DifyError && e.kind === 'server' && e.status === 503);
    assert.equal(lb.requests.length, 3);
    assert.equal(sleeps.length, 2);
    const [first = 0, second = 0] = sleeps;
    assert.ok(first >= 250 && first <= 500, `first backoff ${first}`);
    assert.ok(second >= 500 && second <= 1000, `second backoff ${second}`);
    assert.deepEqual(log.map((x) => x.attempt), [1, 2, 3]);
  });

  test('maxRetries 0 means one attempt', async () => {
    script = [unavailable];
    await assert.rejects(client({ maxRetries: 0 }).conversations(), (e: unknown) => e instanceof DifyError && /internal error/.test(say(e.problem)));
    assert.equal(lb.requests.length, 1);
  });

  test('a network error on a GET is retried', async () => {
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
      return fetch(input, init);
    };
    const res = await client({ fetch: flaky }).conversations();
    assert.deepEqual(res.data, []);
    assert.equal(calls, 2);
    assert.equal(sleeps.length, 1);
  });

  test('4xx answers (401, 403, 404, 400) are never retried', async () => {
    for (const [status, code] of [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not_found'], [400, 'invalid_param']] as const) {
      lb.requests.length = 0;
      script = [(res) => envelope(res, status, code, 'no')];
      await assert.rejects(client().conversations());
      assert.equal(lb.requests.length, 1, `${status}`);
    }
    assert.deepEqual(sleeps, []);
  });

  test('a chat POST is never re-sent: not on 429, not on 5xx, not on a network error', async () => {
    for (const answer of [rateLimited('1'), unavailable, html502]) {
      lb.requests.length = 0;
      script = [answer];
      const stream = client().chatStream({ query: 'q', inputs: {} });
      await assert.rejects(stream.next(), DifyError);
      assert.equal(lb.requests.length, 1);
      script = [answer];
      await assert.rejects(client().chatBlocking({ query: 'q', inputs: {} }), DifyError);
      assert.equal(lb.requests.length, 2);
    }
    let calls = 0;
    const refusing: typeof fetch = async () => {
      calls++;
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
    };
    await assert.rejects(client({ fetch: refusing }).chatStream({ query: 'q', inputs: {} }).next(), (e: unknown) => e instanceof DifyError && e.kind === 'network');
    assert.equal(calls, 1);
    assert.deepEqual(sleeps, []);
  });

  test('no other POST or DELETE is retried either', async () => {
    const c = client();
    const calls: Array<() => Promise<unknown>> = [
      () => c.stop('t'),
      () => c.feedback('m', 'like'),
      () => c.deleteConversation('c'),
      () => c.renameConversation('c', { name: 'n' }),
      () => c.uploadFile({ name: 'a.txt', mimeType: 'text/plain', data: new Uint8Array([65]) }),
    ];
    for (const call of calls) {
      lb.requests.length = 0;
      script = [unavailable];
      await assert.rejects(call(), (e: unknown) => e instanceof DifyError && e.kind === 'server');
      assert.equal(lb.requests.length, 1);
    }
    assert.deepEqual(sleeps, []);
  });

  test('an abort during the backoff ends the retries with aborted', async () => {
    script = [unavailable];
    const ac = new AbortController();
    const c = client({ sleep: (_ms, signal) => new Promise((_resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason));
      ac.abort();
    }) });
    await assert.rejects(c.conversations({}, ac.signal), (e: unknown) => e instanceof DifyError && e.kind === 'aborted');
    assert.equal(lb.requests.length, 1);
  });
});
