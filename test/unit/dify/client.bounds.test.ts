// What bounds a request in time and bytes beyond the connect and idle timeouts (issue 9, items 6 and 7):
// a JSON request has a deadline for the whole attempt (a server that drips one byte just inside every
// idle timeout no longer keeps "Connecting…" up forever), and the tail of a stream after message_end is
// bounded by one idle timeout in all and by maxEventBytes (a proxy that keeps the connection open no
// longer keeps the answer's request alive), while what comes in that tail (speech) is still yielded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DifyClient, type DifyClientOptions } from '../../../src/dify/client';
import { DifyError } from '../../../src/dify/errors';
import type { DifyEvent } from '../../../src/dify/events';
import { say } from '../host/messages/english';
import { serve, sseHead, type Loopback } from './loopback';
import { chatStream, frame, PING } from './wireFixtures';

const KEY = 'app-BoundsKey0123456789abc';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Writes `piece` every `ms` until the client goes away (a server or proxy that never finishes). */
function dripForever(res: ServerResponse, piece: string, ms: number): void {
  const timer = setInterval(() => res.write(piece), ms);
  res.on('close', () => clearInterval(timer));
}

describe('DifyClient: bounds on a whole request', () => {
  let lb: Loopback;
  let handler: Handler = () => undefined;
  const closed: Array<Promise<void>> = [];
  const client = (extra: Partial<DifyClientOptions> = {}): DifyClient =>
    new DifyClient({ baseUrl: lb.base, apiKey: KEY, user: 'u', sleep: async () => assert.fail('nothing is retried'), ...extra });

  before(async () => {
    lb = await serve((req, res) => {
      closed.push(new Promise((r) => res.on('close', () => r())));
      handler(req, res);
    });
  });
  after(() => lb.close());

  test('a GET whose body drips a byte at a time, each inside the idle timeout, fails at its deadline (connect + idle)', { timeout: 10_000 }, async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{');
      dripForever(res, ' ', 40);
    };
    const err = await client({ connectTimeoutMs: 300, idleTimeoutMs: 300 })
      .info()
      .then(
        () => assert.fail('resolved'),
        (e: unknown) => e,
      );
    assert.ok(err instanceof DifyError);
    assert.equal(err.kind, 'timeout');
    assert.equal(err.causeCode, 'TOTAL_TIMEOUT');
    assert.deepEqual(err.problem, { id: 'timeout.total', host: new URL(lb.base).host, target: 'appInfo', ms: 600 });
    assert.equal(say(err.problem), `${new URL(lb.base).host} did not finish sending the app info within 600 ms, so it was given up; try again, and check the Dify server and any proxy in between if it keeps happening.`);
    // The drip never let the idle timeout fire (that would be IDLE_TIMEOUT): only the deadline ended it.
    await closed.at(-1);
  });

  test('a GET that answers in time is not affected by the deadline', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"name": "App", "mode": "chat"}\n');
    };
    assert.equal((await client({ connectTimeoutMs: 300, idleTimeoutMs: 300 }).info()).name, 'App');
  });

  test('after message_end, a connection kept open (pings forever) ends quietly after one idle timeout in all', { timeout: 10_000 }, async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(chatStream('compact'));
      // Speech follows message_end; then the proxy keeps the connection open, pinging inside the idle timeout.
      res.write(frame({ event: 'tts_message', task_id: 't', audio: 'SUQz' }));
      dripForever(res, PING, 40);
    };
    const events: DifyEvent[] = [];
    for await (const ev of client({ idleTimeoutMs: 400 }).chatStream({ query: 'q', inputs: {} })) events.push(ev);
    const names = events.map((e) => e.event);
    assert.ok(names.includes('message_end'));
    assert.ok(names.indexOf('tts_message') > names.indexOf('message_end'), 'speech after message_end is still yielded');
    assert.ok(names.filter((n) => n === 'ping').length > 1, 'the tail was read while it lasted');
    await closed.at(-1);
  });

  test('after message_end, a tail larger than maxEventBytes ends quietly, with the connection released', { timeout: 10_000 }, async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(chatStream('compact'));
      dripForever(res, PING.repeat(2000), 5);
    };
    const events: DifyEvent[] = [];
    for await (const ev of client({ idleTimeoutMs: 60_000, maxEventBytes: 64 * 1024 }).chatStream({ query: 'q', inputs: {} })) events.push(ev);
    assert.equal(events.filter((e) => e.event === 'message_end').length, 1);
    await closed.at(-1);
  });

  test('before message_end there is no deadline: a long answer that keeps coming is read to its end', { timeout: 10_000 }, async () => {
    handler = (_req, res) => {
      sseHead(res);
      let n = 0;
      const timer = setInterval(() => {
        if (++n < 20) res.write(frame({ event: 'message', task_id: 't', answer: 'x' }));
        else {
          clearInterval(timer);
          res.end(chatStream('compact'));
        }
      }, 40);
    };
    const events: DifyEvent[] = [];
    // 20 x 40 ms = 800 ms of answer, twice the idle timeout: only silence ends an answer that is still coming.
    for await (const ev of client({ idleTimeoutMs: 400, connectTimeoutMs: 400 }).chatStream({ query: 'q', inputs: {} })) events.push(ev);
    assert.equal(events.at(-1)?.event, 'message_end');
  });
});
