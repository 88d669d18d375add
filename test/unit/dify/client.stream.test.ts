// chatStream end to end over loopback: each fault a network, a proxy or Dify can produce.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DifyClient } from '../../../src/dify/client';
import { DifyError } from '../../../src/dify/errors';
import type { DifyEvent } from '../../../src/dify/events';
import { say } from '../host/messages/english';
import { closedPort, envelope, serve, sseHead, type Loopback } from './loopback';
import { CHAT_ANSWER_PARTS, chatflowStream, chatStream, delta, errorFrame, frame, messageEnd, PING, utf8 } from './wireFixtures';

const KEY = 'app-StreamKey0123456789abc';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Outcome {
  events: DifyEvent[];
  error?: DifyError;
}

async function collect(stream: AsyncGenerator<DifyEvent, void, undefined>): Promise<Outcome> {
  const events: DifyEvent[] = [];
  try {
    for await (const e of stream) events.push(e);
    return { events };
  } catch (e) {
    assert.ok(e instanceof DifyError, `not a DifyError: ${String(e)}`);
    assert.doesNotMatch(e.message, /StreamKey/);
    assert.doesNotMatch(say(e.problem), /StreamKey/);
    return { events, error: e };
  }
}

const textOf = (events: DifyEvent[]): string => events.map((e) => (e.event === 'message' ? e.answer : '')).join('');

describe('DifyClient.chatStream over loopback', () => {
  let lb: Loopback;
  let handler: Handler = () => undefined;
  const closed: Array<Promise<void>> = [];
  const client = (extra: Partial<ConstructorParameters<typeof DifyClient>[0]> = {}): DifyClient =>
    new DifyClient({ baseUrl: lb.base, apiKey: KEY, user: 'u', sleep: async () => assert.fail('nothing is retried'), ...extra });
  const run = (extra: Partial<ConstructorParameters<typeof DifyClient>[0]> = {}, signal?: AbortSignal): Promise<Outcome> =>
    collect(client(extra).chatStream({ query: 'q', inputs: {} }, signal));

  before(async () => {
    lb = await serve((req, res) => {
      closed.push(new Promise((r) => res.on('close', () => r())));
      handler(req, res);
    });
  });
  after(() => lb.close());
  beforeEach(() => {
    lb.requests.length = 0;
    closed.length = 0;
  });

  test('a whole chat answer: every event, no error', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.end(chatStream('spaced'));
    };
    const { events, error } = await run();
    assert.equal(error, undefined);
    assert.equal(textOf(events), CHAT_ANSWER_PARTS.join(''));
    assert.equal(events.at(-1)?.event, 'message_end');
  });

  test('reading goes on past workflow_finished and past message_end (speech) until the end', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.end(chatflowStream('compact'));
    };
    const { events, error } = await run();
    assert.equal(error, undefined);
    assert.deepEqual(events.slice(-4).map((e) => e.event), ['workflow_finished', 'message_end', 'tts_message', 'tts_message_end']);
  });

  test('refused connection → network, nothing retried', async () => {
    const port = await closedPort();
    const { events, error } = await collect(new DifyClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY, user: 'u' }).chatStream({ query: 'q', inputs: {} }));
    assert.deepEqual(events, []);
    assert.equal(error?.kind, 'network');
    assert.equal(error?.causeCode, 'ECONNREFUSED');
  });

  test('connect timeout: no answer at all within connectTimeoutMs', async () => {
    handler = () => undefined; // never answers
    const { events, error } = await run({ connectTimeoutMs: 150 });
    assert.deepEqual(events, []);
    assert.equal(error?.kind, 'timeout');
    assert.equal(error?.causeCode, 'CONNECT_TIMEOUT');
    assert.match(error ? say(error.problem) : '', /^127\.0\.0\.1:\d+ did not answer within 150 ms; check that Dify and its model are running/);
    assert.ok(lb.requests.length <= 1, 'sent once at most');
  });

  test('connect timeout also covers headers without a first byte (a cold model)', async () => {
    handler = (_req, res) => sseHead(res); // headers, then silence
    const { error } = await run({ connectTimeoutMs: 150, idleTimeoutMs: 60_000 });
    assert.equal(error?.kind, 'timeout');
    assert.equal(error?.causeCode, 'CONNECT_TIMEOUT');
  });

  test('idle timeout: the stream stalls mid-answer; what arrived is yielded first', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(frame(delta('partial')));
    };
    const { events, error } = await run({ idleTimeoutMs: 150, connectTimeoutMs: 60_000 });
    assert.equal(textOf(events), 'partial');
    assert.equal(error?.kind, 'timeout');
    assert.equal(error?.causeCode, 'IDLE_TIMEOUT');
    assert.match(error ? say(error.problem) : '', /sent nothing for 150 ms, so the answer was given up/);
  });

  test('a slow drip with gaps far below the idle timeout is not a timeout, even when the whole answer takes longer', async () => {
    const bytes = utf8(PING + chatStream('compact'));
    // Server and client share this process's event loop, so a stall delays both; the margin (15 ms gaps
    // against a 1 s idle timeout) keeps a loaded machine from turning a stall into a timeout.
    const idle = 1000;
    const step = Math.ceil(bytes.length / 100);
    handler = (_req, res) => {
      sseHead(res);
      let i = 0;
      const tick = (): void => {
        if (i >= bytes.length) {
          res.end();
          return;
        }
        res.write(bytes.subarray(i, i + step));
        i += step;
        setTimeout(tick, 15);
      };
      tick();
    };
    const t0 = Date.now();
    const { events, error } = await run({ idleTimeoutMs: idle, connectTimeoutMs: idle });
    const took = Date.now() - t0;
    assert.equal(error, undefined);
    assert.equal(textOf(events), CHAT_ANSWER_PARTS.join(''));
    // Only a proof if the whole drip outlasted the idle timeout (it has ~100 gaps of at least 15 ms).
    assert.ok(took > idle, `the drip took ${took} ms, longer than the ${idle} ms idle timeout`);
  });

  test('a cut mid-stream inside a multi-byte character → interrupted, the partial text kept', async () => {
    const full = utf8(frame(delta('前半')) + frame(delta('后半😀')) + frame(messageEnd()));
    const second = full.indexOf(0xf0); // the emoji's first byte
    handler = (_req, res) => {
      sseHead(res);
      res.write(full.subarray(0, second + 2), () => res.socket?.destroy());
    };
    const { events, error } = await run();
    assert.equal(textOf(events), '前半');
    assert.equal(error?.kind, 'interrupted');
    assert.match(error ? say(error.problem) : '', /partial answer is kept/);
    assert.equal(lb.requests.length, 1);
  });

  test('EOF without message_end → interrupted after every event that came', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.end(frame(delta('a')) + frame(delta('b')));
    };
    const { events, error } = await run();
    assert.equal(textOf(events), 'ab');
    assert.equal(error?.kind, 'interrupted');
    assert.equal(error?.causeCode, 'EOF');
  });

  test('an error frame mid-stream is yielded as an event and the generator returns (no throw, no wait for EOF)', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(frame(delta('some ')) + errorFrame('Run failed: model exploded', 'invalid_param', 400));
      // Keep the connection open: the client must not wait for the end.
    };
    const { events, error } = await run({ idleTimeoutMs: 60_000 });
    assert.equal(error, undefined);
    assert.deepEqual(events.map((e) => e.event), ['message', 'error']);
    const last = events[1];
    assert.ok(last?.event === 'error');
    assert.equal(last.code, 'invalid_param');
    assert.equal(last.message, 'Run failed: model exploded');
    await closed[0]; // the client let go of the connection
  });

  test('after message_end, a broken tail is not an error', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(frame(delta('done')) + frame(messageEnd()) + 'data: {"event": "tts_mes', () => res.socket?.destroy());
    };
    const { events, error } = await run();
    assert.equal(error, undefined);
    assert.equal(events.at(-1)?.event, 'message_end');
  });

  test('an HTML 502 before the stream → notDify, nothing yielded', async () => {
    handler = (_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head></html>');
    };
    const { events, error } = await run();
    assert.deepEqual(events, []);
    assert.equal(error?.kind, 'notDify');
    assert.equal(error?.status, 502);
    assert.equal(lb.requests.length, 1);
  });

  test('HTTP errors before the stream come from the envelope (404 conversation)', async () => {
    handler = (_req, res) => envelope(res, 404, 'not_found', 'Conversation Not Exists.');
    const { error } = await run();
    assert.equal(error?.kind, 'notFound');
    assert.equal(error?.code, 'not_found');
  });

  test('a 200 that is not an event stream: an error envelope is mapped, a page is notDify', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'provider_not_initialize', message: 'No valid model provider credentials found.', status: 400 }));
    };
    assert.equal((await run()).error?.code, 'provider_not_initialize');
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>login</html>');
    };
    const { error } = await run();
    assert.equal(error?.kind, 'notDify');
    assert.match(error ? say(error.problem) : '', /HTML page instead of an event stream/);
  });

  test('an event over maxEventBytes → tooLarge, after the events before it', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.end(frame(delta('ok')) + frame(delta('z'.repeat(5000))) + frame(messageEnd()));
    };
    const { events, error } = await run({ maxEventBytes: 1024 });
    assert.equal(textOf(events), 'ok');
    assert.equal(error?.kind, 'tooLarge');
  });

  test('abort mid-stream → aborted; the connection is released', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(frame(delta('first')));
    };
    const ac = new AbortController();
    const stream = client().chatStream({ query: 'q', inputs: {} }, ac.signal);
    const first = await stream.next();
    assert.equal(first.value && first.value.event, 'message');
    ac.abort();
    await assert.rejects(stream.next(), (e: unknown) => e instanceof DifyError && e.kind === 'aborted');
    await closed[0];
  });

  test('a consumer that stops iterating releases the connection', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.write(frame(delta('first')) + frame(delta('second')));
    };
    for await (const e of client().chatStream({ query: 'q', inputs: {} })) {
      assert.equal(e.event, 'message');
      break;
    }
    await closed[0];
  });

  test('the request log gets one entry for the stream, with its outcome', async () => {
    handler = (_req, res) => {
      sseHead(res);
      res.end(frame(delta('a')));
    };
    const log: Array<{ path: string; status?: number; errorKind?: string }> = [];
    await run({ onRequest: (e) => log.push(e) });
    assert.deepEqual(log.map((e) => [e.path, e.status, e.errorKind]), [['/chat-messages', 200, 'interrupted']]);
  });
});
