// How every failure becomes one DifyError: kind, status, code, server message, and the problem that the
// messages table (run here with English) turns into one sentence for people.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { DifyClient } from '../../../src/dify/client';
import { DifyError, type DifyErrorKind } from '../../../src/dify/errors';
import { say } from '../host/messages/english';
import { closedPort, envelope, json, serve, type Loopback } from './loopback';

const KEY = 'app-SecretKey0123456789abcd';

async function failure(p: Promise<unknown>): Promise<DifyError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DifyError, `not a DifyError: ${String(e)}`);
    assert.doesNotMatch(e.message, /SecretKey/);
    assert.doesNotMatch(say(e.problem), /SecretKey/);
    assert.doesNotMatch(e.serverMessage ?? '', /SecretKey/);
    return e;
  }
  assert.fail('expected a failure');
}

/** A fetch that fails as undici does: `TypeError: fetch failed` with the socket error as `cause`. */
function failingFetch(code: string, message = code): typeof fetch {
  return async () => {
    const cause = Object.assign(new Error(message), { code });
    throw new TypeError('fetch failed', { cause });
  };
}

describe('DifyClient: HTTP errors from the envelope', () => {
  let lb: Loopback;
  let next: (res: ServerResponse) => void = () => undefined;
  const client = (): DifyClient => new DifyClient({ baseUrl: lb.base, apiKey: KEY, user: 'u', maxRetries: 0 });

  before(async () => {
    lb = await serve((_req, res) => next(res));
  });
  after(() => lb.close());

  const cases: Array<{ name: string; status: number; code: string; message: string; kind: DifyErrorKind; sentence: RegExp }> = [
    { name: '401', status: 401, code: 'unauthorized', message: 'Access token is invalid', kind: 'auth', sentence: /^Dify rejected the API key \(401\)\. Set a valid app key with “Dify: Set API Key”\.$/ },
    { name: '403', status: 403, code: 'forbidden', message: "The app's API service has been disabled.", kind: 'forbidden', sentence: /refused access to this app \(403 forbidden: The app's API service has been disabled\); check in the Dify console/ },
    { name: '404', status: 404, code: 'not_found', message: 'Conversation Not Exists.', kind: 'notFound', sentence: /could not find the conversation list \(404: Conversation Not Exists\)/ },
    { name: '400 invalid_param', status: 400, code: 'invalid_param', message: 'name is required in input form', kind: 'badRequest', sentence: /refused the request \(400 invalid_param: name is required in input form\)/ },
    { name: '400 not_chat_app', status: 400, code: 'not_chat_app', message: 'Please check if your app mode matches the right API route.', kind: 'badRequest', sentence: /not a chat app.*Chatbot, Agent or Chatflow/ },
    { name: '400 provider_not_initialize', status: 400, code: 'provider_not_initialize', message: 'No valid model provider credentials found.', kind: 'badRequest', sentence: /Model Provider/ },
    { name: '400 too many requests', status: 400, code: 'invalid_param', message: 'Too many requests. Please try again later. The current maximum concurrent requests allowed for app-1 is 5.', kind: 'rateLimited', sentence: /limiting requests to this app \(400\)/ },
    { name: '415', status: 415, code: 'unsupported_media_type', message: "Did not attempt to load JSON data because the request Content-Type was not 'application/json'.", kind: 'badRequest', sentence: /format/ },
    { name: '429', status: 429, code: 'rate_limit_error', message: 'Rate Limit Error', kind: 'rateLimited', sentence: /limiting requests to this app \(429\); wait a moment/ },
    { name: '500', status: 500, code: 'unknown', message: 'Internal Server Error', kind: 'server', sentence: /internal error \(500 unknown\); try again/ },
  ];
  for (const c of cases) {
    test(`${c.name} → ${c.kind}`, async () => {
      next = (res) => envelope(res, c.status, c.code, c.message);
      const e = await failure(client().conversations());
      assert.equal(e.kind, c.kind);
      assert.equal(e.status, c.status);
      assert.equal(e.code, c.code);
      assert.equal(e.serverMessage, c.message.replace('app-1', 'app-1'));
      assert.match(say(e.problem), c.sentence);
      assert.equal(say(e.problem).split(/[.;] [A-Z]/).length <= 2, true);
    });
  }

  test('a 404 with Flask-RESTX’s “did you mean” suffix: kind and code, the suffix left out of the sentence', async () => {
    const msg = 'Message Not Exists. You have requested this URI [/v1/messages] but did you mean /v1/messages or /v1/chat-messages ?';
    next = (res) => envelope(res, 404, 'not_found', msg);
    const e = await failure(client().messages({ conversationId: 'c' }));
    assert.equal(e.kind, 'notFound');
    assert.equal(e.code, 'not_found');
    assert.equal(e.serverMessage, msg);
    assert.doesNotMatch(say(e.problem), /did you mean/);
    assert.match(say(e.problem), /Message Not Exists/);
  });

  test('a 429 carries Retry-After seconds and says how long to wait', async () => {
    next = (res) => envelope(res, 429, 'rate_limit_error', 'Rate Limit Error', { 'Retry-After': '7' });
    const e = await failure(client().chatBlocking({ query: 'q', inputs: {} }));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.retryAfterSeconds, 7);
    assert.match(say(e.problem), /wait 7 s/);
  });

  test('an HTML 502 from a proxy is notDify, with the page title as detail', async () => {
    next = (res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
    };
    const e = await failure(client().info());
    assert.equal(e.kind, 'notDify');
    assert.equal(e.status, 502);
    assert.equal(e.serverMessage, '502 Bad Gateway');
    assert.match(say(e.problem), /answered with an HTML page \(HTTP 502\), not Dify’s API/);
  });

  test('the web console answering (base URL without /v1) is notDify with a /v1 hint', async () => {
    next = (res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><html><head><title>Dify</title></head><body>console</body></html>');
    };
    const c = new DifyClient({ baseUrl: lb.origin, apiKey: KEY, user: 'u', maxRetries: 0 });
    const e = await failure(c.info());
    assert.equal(e.kind, 'notDify');
    assert.match(say(e.problem), /usually ends with \/v1/);
  });

  test('JSON of the wrong shape is notDify', async () => {
    next = (res) => json(res, 200, { detail: 'Not Found' });
    assert.equal((await failure(client().info())).kind, 'notDify');
    next = (res) => json(res, 200, { items: [] });
    assert.equal((await failure(client().conversations())).kind, 'notDify');
    next = (res) => json(res, 404, { detail: 'Not Found' });
    assert.equal((await failure(client().conversations())).kind, 'notDify');
  });

  test('a redirect is not followed (the key stays home) and says where it points', async () => {
    next = (res) => {
      res.writeHead(301, { Location: 'https://dify.example/v1/info' });
      res.end();
    };
    const e = await failure(client().info());
    assert.equal(e.kind, 'notDify');
    assert.equal(lb.requests.at(-1)?.url, '/v1/info?user=u');
    assert.match(say(e.problem), /redirects .* to https:\/\/dify\.example\/v1\/info/);
  });

  test('key-shaped text is scrubbed from the server message and the sentence', async () => {
    next = (res) => envelope(res, 400, 'invalid_param', `bad key ${KEY} / Bearer ${KEY} / app-OtherKey1234567890`);
    const e = await failure(client().conversations());
    assert.doesNotMatch(e.serverMessage ?? '', /OtherKey|SecretKey/);
    assert.doesNotMatch(e.message, /OtherKey|SecretKey/);
    assert.doesNotMatch(say(e.problem), /OtherKey|SecretKey/);
    assert.match(e.serverMessage ?? '', /redacted/);
  });

  test('204 on DELETE is success without a body; 200 with {"result"} too', async () => {
    next = (res) => {
      res.writeHead(204);
      res.end();
    };
    await client().deleteConversation('c');
    next = (res) => json(res, 200, { result: 'success' });
    await client().deleteConversation('c');
  });
});

describe('DifyClient: network and TLS failures', () => {
  test('connection refused → network ECONNREFUSED, naming the host', async () => {
    const port = await closedPort();
    const c = new DifyClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY, user: 'u', maxRetries: 0 });
    const e = await failure(c.info());
    assert.equal(e.kind, 'network');
    assert.equal(e.causeCode, 'ECONNREFUSED');
    assert.match(say(e.problem), new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
  });

  const network: Array<[string, RegExp]> = [
    ['ENOTFOUND', /Could not find the host dify\.invalid \(ENOTFOUND\)/],
    ['EAI_AGAIN', /Could not find the host dify\.invalid \(EAI_AGAIN\)/],
    ['ECONNRESET', /connection to dify\.invalid:8443 was dropped \(ECONNRESET\)/],
    ['EHOSTUNREACH', /unreachable from this machine \(EHOSTUNREACH\)/],
  ];
  for (const [code, sentence] of network) {
    test(`${code} → network`, async () => {
      const c = new DifyClient({ baseUrl: 'https://dify.invalid:8443/v1', apiKey: KEY, user: 'u', maxRetries: 0, fetch: failingFetch(code) });
      const e = await failure(c.info());
      assert.equal(e.kind, 'network');
      assert.equal(e.causeCode, code);
      assert.match(say(e.problem), sentence);
    });
  }

  test('an AggregateError cause (happy eyeballs) still yields its code', async () => {
    const inner = Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' });
    const agg = Object.assign(new AggregateError([inner], 'all failed'), { code: 'ECONNREFUSED' });
    const c = new DifyClient({ baseUrl: 'http://localhost/v1', apiKey: KEY, user: 'u', maxRetries: 0, fetch: async () => Promise.reject(new TypeError('fetch failed', { cause: agg })) });
    const e = await failure(c.info());
    assert.equal(e.kind, 'network');
    assert.equal(e.causeCode, 'ECONNREFUSED');
  });

  const tls: Array<[string, RegExp]> = [
    ['DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed certificate.*NODE_EXTRA_CA_CERTS/],
    ['SELF_SIGNED_CERT_IN_CHAIN', /self-signed root/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /unknown authority/],
    ['CERT_HAS_EXPIRED', /expired certificate.*renew/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /certificate for a different host name/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', /http:\/\/ instead of https:\/\//],
  ];
  for (const [code, sentence] of tls) {
    test(`${code} → tls, naming the problem`, async () => {
      const c = new DifyClient({ baseUrl: 'https://dify.local/v1', apiKey: KEY, user: 'u', maxRetries: 2, fetch: failingFetch(code), sleep: async () => assert.fail('TLS errors are not retried') });
      const e = await failure(c.info());
      assert.equal(e.kind, 'tls');
      assert.equal(e.causeCode, code);
      assert.match(say(e.problem), /^The secure connection to dify\.local failed because the server /);
      assert.match(say(e.problem), sentence);
    });
  }

  test('an invalid base URL fails every call with a sentence, without fetching', async () => {
    const c = new DifyClient({ baseUrl: 'localhost:80/v1', apiKey: KEY, user: 'u', fetch: async () => assert.fail('no fetch') });
    const e = await failure(c.info());
    assert.equal(e.kind, 'network');
    assert.equal(e.causeCode, 'ERR_INVALID_URL');
    assert.match(say(e.problem), /not a valid http:\/\/ or https:\/\/ URL/);
  });

  test('an already aborted signal → aborted, without fetching', async () => {
    const c = new DifyClient({ baseUrl: 'http://x/v1', apiKey: KEY, user: 'u', fetch: async () => assert.fail('no fetch') });
    const ac = new AbortController();
    ac.abort();
    const e = await failure(c.info(ac.signal));
    assert.equal(e.kind, 'aborted');
    const s = c.chatStream({ query: 'q', inputs: {} }, ac.signal);
    assert.equal((await failure(s.next())).kind, 'aborted');
  });

  test('an abort while waiting for the answer → aborted', async () => {
    let started!: () => void;
    const began = new Promise<void>((r) => (started = r));
    const lb = await serve(() => started()); // never answers
    try {
      const c = new DifyClient({ baseUrl: lb.base, apiKey: KEY, user: 'u' });
      const ac = new AbortController();
      const p = c.conversations({}, ac.signal);
      await began;
      ac.abort();
      assert.equal((await failure(p)).kind, 'aborted');
    } finally {
      await lb.close();
    }
  });
});
