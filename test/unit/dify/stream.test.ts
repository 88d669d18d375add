import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DifyError } from '../../../src/dify/errors';
import type { DifyEvent } from '../../../src/dify/events';
import { DifyStreamDecoder, utf8Length } from '../../../src/dify/stream';
import { eventFromWire } from '../../../src/dify/wire/events';
import { say } from '../host/messages/english';

import {
  AGENT_ANSWER,
  agentStream,
  CHAT_ANSWER_PARTS,
  chatflowStream,
  chatStream,
  chunksOf,
  delta,
  errorFrame,
  fileTextStream,
  frame,
  IDS,
  PING,
  prng,
  pyDumps,
  randomChunks,
  utf8,
  type Encoding,
} from './wireFixtures';

/** The decoder's fault, worded through the messages table, says the event was too large. */
const LARGER_THAN = (e: unknown): boolean => e instanceof DifyError && /larger than/.test(say(e.problem));

/** Decodes the chunks; a fault (set on `failure`) is thrown once the chunk's earlier events are in. */
function decodeChunks(chunks: Uint8Array[], maxEventBytes?: number): DifyEvent[] {
  const d = new DifyStreamDecoder(maxEventBytes === undefined ? {} : { maxEventBytes });
  const out: DifyEvent[] = [];
  for (const c of chunks) {
    out.push(...d.push(c));
    if (d.failure) throw d.failure;
  }
  d.end();
  return out;
}

const decodeAll = (s: string): DifyEvent[] => decodeChunks([utf8(s)]);

const textOf = (events: DifyEvent[]): string =>
  events.map((e) => (e.event === 'message' || e.event === 'agent_message' || (e.event === 'message_file' && e.form === 'text') ? e.answer : '')).join('');

const STREAMS: Record<string, (enc: Encoding) => string> = { chat: chatStream, agent: agentStream, chatflow: chatflowStream, fileText: fileTextStream };
const ENCODINGS: Encoding[] = ['compact', 'spaced'];

describe('DifyStreamDecoder: framing', () => {
  for (const [name, build] of Object.entries(STREAMS)) {
    for (const enc of ENCODINGS) {
      test(`${name}/${enc}: the same events for chunks of 1, 2, 3, 7, 64, 1024 bytes and random splits`, () => {
        const bytes = utf8(build(enc));
        const whole = decodeChunks([bytes]);
        assert.ok(whole.length >= 3);
        for (const size of [1, 2, 3, 7, 64, 1024]) assert.deepEqual(decodeChunks(chunksOf(bytes, size)), whole, `chunk size ${size}`);
        for (let seed = 1; seed <= 20; seed++) assert.deepEqual(decodeChunks(randomChunks(bytes, seed)), whole, `random seed ${seed}`);
      });
    }
  }

  for (const enc of ENCODINGS) {
    test(`${enc}: a CJK/emoji answer split at every byte offset decodes the same`, () => {
      const bytes = utf8(chatStream(enc));
      const whole = decodeChunks([bytes]);
      assert.equal(textOf(whole), CHAT_ANSWER_PARTS.join(''));
      for (let k = 0; k <= bytes.length; k++) {
        assert.deepEqual(decodeChunks([bytes.subarray(0, k), bytes.subarray(k)]), whole, `split at ${k}`);
      }
    });
  }

  test('both encodings give identical events', () => {
    for (const build of Object.values(STREAMS)) assert.deepEqual(decodeAll(build('spaced')), decodeAll(build('compact')));
  });

  test('CRLF line endings are tolerated', () => {
    const lf = chatflowStream('compact');
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(decodeAll(crlf), decodeAll(lf));
    const bytes = utf8(crlf);
    for (const size of [1, 2, 3, 7]) assert.deepEqual(decodeChunks(chunksOf(bytes, size)), decodeAll(lf), `crlf chunk ${size}`);
  });

  test('a ping first, and pings between frames, are yielded in order', () => {
    const events = decodeAll(PING + frame(delta('a')) + PING + PING + frame(delta('b')));
    assert.deepEqual(
      events.map((e) => e.event),
      ['ping', 'message', 'ping', 'ping', 'message'],
    );
  });

  test('a ping split across chunks at every offset is still one ping', () => {
    const bytes = utf8(PING + frame(delta('x')) + PING);
    for (let k = 0; k <= bytes.length; k++) {
      const events = decodeChunks([bytes.subarray(0, k), bytes.subarray(k)]);
      assert.deepEqual(events.map((e) => e.event), ['ping', 'message', 'ping'], `split at ${k}`);
    }
  });

  test('comments, `event:` lines on data frames and `id:` lines do not disturb decoding', () => {
    const s = ': keep-alive comment\n\n' + 'event: message\nid: 7\ndata: ' + JSON.stringify(delta('hi')) + '\n\n';
    const events = decodeAll(s);
    assert.equal(events.length, 1);
    assert.equal(events[0]?.event, 'message');
  });

  test('"ping" inside an answer is text, not a keep-alive', () => {
    const events = decodeAll(frame(delta('event: ping\n\nping')));
    assert.equal(events.length, 1);
    assert.equal(textOf(events), 'event: ping\n\nping');
  });

  test('unknown events are skipped without error', () => {
    const events = decodeAll(frame({ event: 'parallel_branch_started', conversation_id: IDS.conversation, data: {} }) + frame({ no_event: true }) + frame(delta('ok')) + 'data: [1,2]\n\n');
    assert.deepEqual(events.map((e) => e.event), ['message']);
  });

  test('an unterminated frame at the end of the body is dropped and reported', () => {
    const d = new DifyStreamDecoder();
    const bytes = utf8(frame(delta('one')) + 'data: ' + JSON.stringify(delta('two')).slice(0, 30));
    const events = d.push(bytes);
    assert.deepEqual(textOf(events), 'one');
    assert.equal(d.end(), true);
    const clean = new DifyStreamDecoder();
    clean.push(utf8(frame(delta('one'))));
    assert.equal(clean.end(), false);
  });

  test('a body cut inside a multi-byte character keeps the earlier events', () => {
    const full = utf8(frame(delta('前')) + frame(delta('后😀')));
    const cut = full.subarray(0, full.length - 6); // inside the emoji's 4 bytes
    const d = new DifyStreamDecoder();
    const events = d.push(cut);
    assert.equal(textOf(events), '前');
    assert.equal(d.end(), true);
  });

  test('a data frame that is not JSON is a notDify error', () => {
    const d = new DifyStreamDecoder();
    const events = d.push(utf8(frame(delta('kept')) + 'data: <html>oops</html>\n\n' + frame(delta('never'))));
    assert.equal(textOf(events), 'kept');
    assert.ok(d.failure instanceof DifyError && d.failure.kind === 'notDify');
  });
});

describe('DifyStreamDecoder: size bound', () => {
  const big = (n: number): string => frame(delta('x'.repeat(n)));
  // A frame's JSON is its delta plus the envelope; measure it once.
  const payloadBytes = (n: number): number => utf8(JSON.stringify(delta('x'.repeat(n)))).length;

  test('an event over maxEventBytes fails with tooLarge, whatever the chunking', () => {
    const max = 1000;
    const n = 1000; // payload well over 1000 bytes
    const bytes = utf8(frame(delta('before')) + big(n) + frame(delta('after')));
    for (const size of [1, 7, 64, 100000]) {
      const d = new DifyStreamDecoder({ maxEventBytes: max });
      const seen: DifyEvent[] = [];
      for (const c of chunksOf(bytes, size)) {
        seen.push(...d.push(c));
        if (d.failure) break;
      }
      assert.ok(d.failure instanceof DifyError && d.failure.kind === 'tooLarge' && /1000 bytes/.test(say(d.failure.problem)), `chunk ${size}`);
      assert.equal(textOf(seen), 'before', `chunk ${size}: earlier events were delivered`);
      assert.throws(() => d.push(utf8('x')), LARGER_THAN, 'the next push throws the fault');
      assert.throws(() => d.end(), LARGER_THAN);
    }
  });

  test('an event of exactly maxEventBytes passes at every chunking, one byte more fails at every chunking', () => {
    const n = 600;
    const exact = payloadBytes(n);
    const bytes = utf8(big(n));
    for (const size of [1, 3, 64, 100000]) {
      assert.equal(decodeChunks(chunksOf(bytes, size), exact).length, 1, `exact, chunk ${size}`);
      assert.throws(() => decodeChunks(chunksOf(bytes, size), exact - 1), LARGER_THAN, `one over, chunk ${size}`);
    }
  });

  test('the bound counts UTF-8 bytes, not characters', () => {
    const cjk = frame(delta('字'.repeat(300))); // 900 bytes of answer, 300 characters
    assert.throws(() => decodeChunks([utf8(cjk)], 700), LARGER_THAN);
    assert.equal(decodeChunks([utf8(cjk)], 1200).length, 1);
  });

  test('a line that never ends is stopped at the bound, not buffered forever', () => {
    const d = new DifyStreamDecoder({ maxEventBytes: 4096 });
    d.push(utf8('data: {"event":"message","answer":"' + 'y'.repeat(1000)));
    let pushes = 0;
    while (d.failure === undefined && pushes < 100) {
      d.push(utf8('y'.repeat(1000)));
      pushes++;
    }
    assert.equal(d.failure?.kind, 'tooLarge');
    assert.ok(pushes <= 4, `stopped after ${pushes} more KB`);
  });

  test('many pings do not add up to an oversized event', () => {
    const s = PING.repeat(500) + frame(delta('ok'));
    const events = decodeChunks(chunksOf(utf8(s), 5), 400);
    assert.equal(events.filter((e) => e.event === 'ping').length, 500);
    assert.equal(textOf(events), 'ok');
  });

  test('utf8Length matches TextEncoder', () => {
    for (const s of ['', 'abc', 'é', '字', '😀', 'a😀b字é', '\ud800x', 'x\udc00']) assert.equal(utf8Length(s), new TextEncoder().encode(s).length, JSON.stringify(s));
  });
});

describe('DifyStreamDecoder: typed events', () => {
  test('chat: deltas, then message_end with usage (prices as strings) and citations', () => {
    const events = decodeAll(chatStream('spaced'));
    assert.equal(textOf(events), CHAT_ANSWER_PARTS.join(''));
    const first = events[0];
    assert.ok(first?.event === 'message');
    assert.equal(first.conversationId, IDS.conversation);
    assert.equal(first.messageId, IDS.message);
    assert.equal(first.taskId, IDS.task);
    assert.equal(first.createdAt, IDS.createdAt);
    const end = events.at(-1);
    assert.ok(end?.event === 'message_end');
    assert.deepEqual(end.usage, { promptTokens: 12, completionTokens: 34, totalTokens: 46, totalPrice: '0.0000800', currency: 'USD', latency: 1.234, timeToFirstToken: 0.25, timeToGenerate: 0.98 });
    assert.equal(end.retrieverResources.length, 1);
    assert.equal(end.retrieverResources[0]?.documentName, 'guide.md');
    assert.equal(end.retrieverResources[0]?.content, 'Dify 是一个开源的 LLM 应用开发平台。');
    assert.equal(end.retrieverResources[0]?.score, 0.87);
    assert.deepEqual(end.files, []);
  });

  test('agent: agent_message text, growing agent_thought, file message_file', () => {
    const events = decodeAll(agentStream('compact'));
    assert.equal(textOf(events), AGENT_ANSWER);
    const thoughts = events.filter((e) => e.event === 'agent_thought');
    assert.equal(thoughts.length, 5);
    const withTool = thoughts[1];
    assert.ok(withTool?.event === 'agent_thought');
    assert.equal(withTool.tool, 'weather');
    assert.equal(withTool.toolInput, '{"weather": {"city": "東京"}}');
    assert.deepEqual(withTool.toolLabels, { weather: { en_US: 'Weather' } });
    const file = events.find((e) => e.event === 'message_file');
    assert.deepEqual(file, {
      event: 'message_file',
      form: 'file',
      conversationId: IDS.conversation,
      messageId: IDS.message,
      taskId: IDS.task,
      createdAt: IDS.createdAt,
      id: 'file-1',
      type: 'image',
      url: 'https://files.example/tools/file-1.png?sign=x',
      belongsTo: 'assistant',
    });
    assert.deepEqual(thoughts[2]?.event === 'agent_thought' ? thoughts[2].messageFiles : undefined, ['file-1']);
  });

  test('message_file carrying answer text is a text delta', () => {
    const events = decodeAll(fileTextStream('spaced'));
    assert.equal(textOf(events), '这张图片是一只猫 🐱');
    assert.ok(events.every((e) => e.event !== 'message_file' || e.form === 'text'));
  });

  test('chatflow: every workflow event kind, message_replace, speech after message_end; unknown skipped', () => {
    const events = decodeAll(chatflowStream('compact'));
    assert.deepEqual(
      events.map((e) => e.event),
      [
        'ping', 'workflow_started', 'node_started', 'node_finished', 'iteration_started', 'node_started', 'node_finished', 'iteration_next',
        'node_started', 'node_retry', 'node_finished', 'iteration_completed', 'loop_started', 'node_started', 'node_finished', 'loop_next',
        'loop_completed', 'node_started', 'agent_log', 'message', 'ping', 'message', 'message_replace', 'node_finished', 'workflow_finished',
        'message_end', 'tts_message', 'tts_message_end',
      ],
    );
    const inIteration = events[5];
    assert.ok(inIteration?.event === 'node_started');
    assert.equal(inIteration.data.iterationId, 'iter');
    assert.equal(inIteration.workflowRunId, IDS.run);
    const retry = events[9];
    assert.ok(retry?.event === 'node_retry');
    assert.equal(retry.data.status, 'retry');
    assert.equal(retry.data.retryIndex, 1);
    assert.equal(retry.data.error, 'timeout');
    const next = events[7];
    assert.ok(next?.event === 'iteration_next');
    assert.equal(next.data.index, 1);
    const finished = events[3];
    assert.ok(finished?.event === 'node_finished');
    assert.equal(finished.data.elapsedTime, 0.5);
    assert.equal(finished.data.totalPrice, '0.0000100');
    const wfEnd = events[24];
    assert.ok(wfEnd?.event === 'workflow_finished');
    assert.equal(wfEnd.data.status, 'succeeded');
    assert.equal(wfEnd.data.elapsedTime, 3.25);
    const replace = events[22];
    assert.ok(replace?.event === 'message_replace');
    assert.equal(replace.reason, 'output_moderation');
    const end = events[25];
    assert.ok(end?.event === 'message_end');
    assert.deepEqual(end.files, [{ id: 'f-9', type: 'image', url: 'https://files.example/f-9.png', belongsTo: 'assistant', filename: 'chart.png', mimeType: 'image/png' }]);
    const log = events[18];
    assert.ok(log?.event === 'agent_log');
    assert.equal(log.data.label, 'ROUND 1');
  });

  test('error frame: code, status and message; a null message becomes ""', () => {
    const [e1] = decodeAll(errorFrame('Run failed: boom', 'invalid_param', 400, 'spaced'));
    assert.deepEqual(e1, { event: 'error', conversationId: IDS.conversation, messageId: IDS.message, taskId: undefined, createdAt: IDS.createdAt, code: 'invalid_param', status: 400, message: 'Run failed: boom' });
    const [e2] = decodeAll(errorFrame(null));
    assert.ok(e2?.event === 'error');
    assert.equal(e2.message, '');
  });
});

describe('DifyStreamDecoder: the delta fast path equals JSON.parse + eventFromWire', () => {
  /** Decodes one frame through a decoder that has already learned the shape from a first frame. */
  function viaDecoder(first: string, json: string): DifyEvent[] {
    const d = new DifyStreamDecoder();
    d.push(utf8(`data: ${first}\n\n`));
    return d.push(utf8(`data: ${json}\n\n`));
  }
  function viaParse(json: string): DifyEvent[] {
    const ev = eventFromWire(JSON.parse(json) as Record<string, unknown>);
    return ev === undefined ? [] : [ev];
  }

  const answers = ['', 'plain', '字😀', 'q"uote', 'back\\slash', 'nl\nnl', '\u0001ctrl', '\ud83d', '\\u0041 literal', 'é'.repeat(50), '"', '\\'];

  test('for answers with every kind of escape, in both encodings', () => {
    for (const enc of ENCODINGS) {
      const first = enc === 'compact' ? JSON.stringify(delta('seed')) : pyDumps(delta('seed'));
      for (const a of answers) {
        const json = enc === 'compact' ? JSON.stringify(delta(a)) : pyDumps(delta(a));
        assert.deepEqual(viaDecoder(first, json), viaParse(json), `${enc} ${JSON.stringify(a)}`);
      }
    }
  });

  test('for frames whose shape differs from the learned one', () => {
    const first = JSON.stringify(delta('seed'));
    const variants = [
      JSON.stringify({ ...delta('x'), conversation_id: 'other' }),
      JSON.stringify({ ...delta('x'), extra: { nested: ['a', '"b'] } }),
      JSON.stringify(delta('x')).replace('"answer":"x"', '"answer":"x","answer":"y"'),
      JSON.stringify(delta('x')).replace('}', ' }'),
      JSON.stringify(delta('x')) + ' ',
      JSON.stringify(delta('x', 'agent_message')),
      JSON.stringify({ ...delta('x'), event: 'message_file', url: 'https://x/y.png' }),
      JSON.stringify({ ...delta('x'), answer: 5 }),
      JSON.stringify({ ...delta('x'), answer: null }),
      JSON.stringify(delta('x', 'message', ['llm', 'text'])),
    ];
    for (const json of variants) assert.deepEqual(viaDecoder(first, json), viaParse(json), json);
  });

  test('an invalid escape in a learned-shape frame fails like JSON.parse does', () => {
    const first = JSON.stringify(delta('seed'));
    const bad = JSON.stringify(delta('x')).replace('"answer":"x"', '"answer":"\\q"');
    assert.throws(() => JSON.parse(bad));
    const d = new DifyStreamDecoder();
    d.push(utf8(`data: ${first}\n\n`));
    assert.deepEqual(d.push(utf8(`data: ${bad}\n\n`)), []);
    assert.equal(d.failure?.kind, 'notDify');
  });

  test('randomised answers, random encodings and chunkings', () => {
    const rnd = prng(7);
    const alphabet = ['a', ' ', '字', '😀', '"', '\\', '\n', '\t', 'é', '/', '\u2028', '}', ',', ':'];
    for (let round = 0; round < 30; round++) {
      let s = '';
      const texts: string[] = [];
      for (let i = 0; i < 20; i++) {
        let a = '';
        const n = Math.floor(rnd() * 12);
        for (let j = 0; j < n; j++) a += alphabet[Math.floor(rnd() * alphabet.length)];
        texts.push(a);
        s += frame(delta(a), rnd() < 0.5 ? 'compact' : 'spaced');
      }
      const events = decodeChunks(randomChunks(utf8(s), round + 1, 30));
      assert.deepEqual(events.map((e) => (e.event === 'message' ? e.answer : null)), texts);
      for (const e of events) assert.ok(e.event === 'message' && e.conversationId === IDS.conversation && e.taskId === IDS.task);
    }
  });
});
