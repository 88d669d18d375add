// One response body cannot freeze the extension host (issue 9, item 2): every hostile 256 KB body, built to
// make one of the client's scans quadratic (a regular expression retried from every `<title`, eventsource-
// parser searching every line to the end of its text, a redaction pattern retried along a run), completes
// at the client in at most 5x the time of a plain body of the same size on the same route, measured in the
// same run, over loopback. Before the fix `<title<title<title…` at `GET /info` took about 21 s (the plain
// page takes milliseconds), so the bound is far from both. The answers reach the chat core too (an error
// frame's message becomes the answer's sentence), so that is timed as well.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { DifyClient } from '../../../src/dify/client';
import type { DifyEvent } from '../../../src/dify/events';
import { reduceAnswer } from '../../../src/chat/transcript';
import { emptyAnswer } from '../../../src/shared/answer';
import { say } from '../host/messages/english';
import { serve, sseHead, type Loopback } from './loopback';
import { frame, IDS, messageEnd } from './wireFixtures';

const SIZE = 256 * 1024;
const MAX_RATIO = 5;
/** A short key that is not app-shaped: the redaction's literal scan then has partial matches everywhere. */
const KEY = 'Zq7';

/** `unit` repeated to SIZE characters. */
const fill = (unit: string, size = SIZE): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const PROSE = 'The quick brown fox jumps over the lazy dog, again. ';

interface Body {
  status: number;
  type: string;
  text: string;
}

const page = (text: string, status = 200): Body => ({ status, type: 'text/html; charset=utf-8', text });

/** What a plain page of the same size looks like (the baseline of the JSON routes). */
const PLAIN_PAGE = page(`<html><head><title>502 Bad Gateway</title></head><body><p>${fill(PROSE, SIZE - 80)}</p></body></html>`);

/** Hostile answers to `GET /info`, each naming the scan it was built against. */
const HOSTILE_PAGES: Record<string, Body> = {
  '`<title` repeated (the title regex restarted at every `<title`)': page(fill('<title')),
  '`<TITLE ` repeated, upper case': page(fill('<TITLE ')),
  '`<h1` repeated (the heading fallback)': page(fill('<h1')),
  'a title never closed, `<` repeated inside': page(`<title>${fill('<')}`),
  '`<title>x<` repeated (a close tag that never matches)': page(fill('<title>x<')),
  'blank space, then `<` (the markup check)': page(`${' '.repeat(SIZE - 1)}<`),
  'one line of 256 KB (the first-line cut)': { status: 200, type: 'text/plain', text: fill('x') },
  '`authorization` and spaces repeated (the header redaction)': { status: 200, type: 'text/plain', text: fill('authorization   ') },
  '`Bearer ` and spaces repeated': { status: 200, type: 'text/plain', text: fill('bearer    ') },
  '`app-` repeated (the key-shaped token redaction)': { status: 200, type: 'text/plain', text: fill('app-') },
  'the key’s prefix repeated (the literal key scan)': { status: 200, type: 'text/plain', text: fill('Zq') },
  'a 502 page of `<title` (an error body, read up to 64 KB)': page(fill('<title'), 502),
  'a 401 envelope whose message is hostile': { status: 401, type: 'application/json', text: JSON.stringify({ code: 'unauthorized', message: fill('<title authorization  Bearer  app-Zq', SIZE - 60), status: 401 }) },
};

const env = { conversation_id: IDS.conversation, message_id: IDS.message, task_id: IDS.task, created_at: IDS.createdAt };
const delta = (answer: string): string => frame({ event: 'message', ...env, id: IDS.message, answer });
const END = frame(messageEnd());

/** A plain answer stream of SIZE bytes: ordinary deltas, then message_end. */
const PLAIN_STREAM = fill(delta('Hello there, this is a token. '), SIZE - 400).replace(/[^\n]*$/, '') + '\n' + END;

/** Hostile answer streams. */
const HOSTILE_STREAMS: Record<string, string> = {
  'blank lines (eventsource-parser searched every line to the end)': `${delta('a')}${'\n'.repeat(SIZE)}${END}`,
  'comment lines': `${delta('a')}${fill(':\n')}${END}`,
  'unknown fields (an Error built for each)': `${delta('a')}${fill('x\n')}${END}`,
  'CR line ends': `${delta('a')}${'\r'.repeat(SIZE)}${END}`,
  'data lines without a blank line': `${delta('a')}${fill('data: a\n')}\n${END}`,
  'an answer of quotes and backslashes (the delta fast path)': `${delta('a')}${delta(fill('\\"\\\\"', SIZE / 2))}${END}`,
  'an error frame with a hostile message (redaction, the sentence)': `${delta('a')}${frame({ event: 'error', ...env, code: 'x', status: 400, message: fill('authorization  : Bearer  app-app-Zq. .  ') })}`,
};

/** The shortest of `runs` timings of `work` (the least disturbed by anything else the machine does). */
async function fastest(work: () => Promise<void>, runs = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function assertLinear(name: string, hostile: number, plain: number): void {
  const ratio = hostile / plain;
  assert.ok(ratio <= MAX_RATIO, `${name} took ${hostile.toFixed(1)} ms, ${ratio.toFixed(1)}x the ${plain.toFixed(1)} ms of a plain 256 KB body (at most ${MAX_RATIO}x)`);
}

describe('Hostile 256 KB bodies complete in linear time', () => {
  let lb: Loopback;
  let body: Body = PLAIN_PAGE;
  let sse = PLAIN_STREAM;
  let client: DifyClient;
  const answer = (res: ServerResponse, b: Body): void => {
    res.writeHead(b.status, { 'Content-Type': b.type });
    res.end(b.text);
  };

  before(async () => {
    lb = await serve((req, res) => {
      if (req.url?.startsWith('/v1/chat-messages')) {
        sseHead(res);
        res.end(sse);
      } else answer(res, body);
    });
    client = new DifyClient({ baseUrl: lb.base, apiKey: KEY, user: 'u', maxRetries: 0 });
  });
  after(() => lb.close());

  const info = async (b: Body): Promise<void> => {
    body = b;
    await client.info().catch(() => undefined);
  };
  /** The stream through the client and into the answer, as the chat session takes it (a frame that is not JSON fails it). */
  const chat = async (s: string): Promise<void> => {
    sse = s;
    let a = emptyAnswer();
    try {
      for await (const ev of client.chatStream({ query: 'q', inputs: {} }) as AsyncIterable<DifyEvent>) a = reduceAnswer(a, ev, say);
    } catch (e) {
      a = reduceAnswer(a, { type: 'failed', error: { kind: 'x', message: String(e) } }, say);
    }
    assert.ok(a.status === 'done' || a.status === 'failed', a.status);
  };

  test('GET /info: every hostile page', async () => {
    // Warm up both paths first, so neither side pays for compilation.
    await info(PLAIN_PAGE);
    for (const b of Object.values(HOSTILE_PAGES)) await info({ ...b, text: b.text.slice(0, 4096) });
    const plain = await fastest(() => info(PLAIN_PAGE));
    for (const [name, b] of Object.entries(HOSTILE_PAGES)) {
      assert.equal(b.text.length >= SIZE - 64, true, name);
      assertLinear(`GET /info, ${name}`, await fastest(() => info(b)), plain);
    }
  });

  test('POST /chat-messages: every hostile stream', async () => {
    await chat(PLAIN_STREAM);
    for (const s of Object.values(HOSTILE_STREAMS)) await chat(s.slice(0, 4096) + END);
    const plain = await fastest(() => chat(PLAIN_STREAM));
    for (const [name, s] of Object.entries(HOSTILE_STREAMS)) {
      assert.ok(s.length >= SIZE, name);
      assertLinear(`the stream, ${name}`, await fastest(() => chat(s)), plain);
    }
  });
});
