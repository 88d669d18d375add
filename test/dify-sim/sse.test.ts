// SSE framing bytes (§4.1, §4.2) in both JSON encodings, and pings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { CHATFLOW_INPUTS, call, chat, openChat } from './testUtil';

const FIXED_MS = Date.UTC(2025, 0, 16, 12, 0, 0);

let sim: DifySim;
let compact: DifySim;
let newest: DifySim;
before(async () => {
  sim = await startDifySim({ now: () => FIXED_MS });
  compact = await startDifySim({ json: 'compact', now: () => FIXED_MS });
  newest = await startDifySim({ version: 'newest', pingIntervalMs: 20 });
});
after(async () => {
  await Promise.all([sim.close(), compact.close(), newest.close()]);
});

describe('framing', () => {
  test('headers: text/event-stream; charset=utf-8, chunked, no Content-Length, Dify headers', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'hello' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(r.headers['transfer-encoding'], 'chunked');
    assert.equal(r.headers['content-length'], undefined);
    assert.equal(r.headers['x-version'], '1.11.2');
  });

  test('every frame is "data: " + one-line JSON + "\\n\\n", LF only, no event:/id:/retry: lines', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'markdown please' });
    const text = r.body.toString('utf8');
    assert.ok(!text.includes('\r'));
    assert.ok(text.endsWith('\n\n'));
    assert.ok(r.frames.length > 10);
    for (const f of r.frames) {
      assert.ok(f.raw.startsWith('data: {'), f.raw.slice(0, 40));
      assert.ok(!f.raw.includes('\n'), 'one line per frame');
    }
    assert.ok(!/^(event|id|retry):/m.test(text));
  });

  test('spaced encoding: json.dumps separators and \\uXXXX escapes (emoji as surrogate pairs)', async () => {
    const r = await chat(sim, sim.keys.chat, { query: '中文' });
    const first = r.frames[0] as { raw: string; data: Record<string, unknown> };
    const d = first.data;
    const expectedPrefix =
      `data: {"event": "message", "conversation_id": "${String(d['conversation_id'])}", "message_id": "${String(d['message_id'])}", ` +
      `"created_at": ${Math.floor(FIXED_MS / 1000)}, "task_id": "${String(d['task_id'])}", "id": "${String(d['message_id'])}", "answer": "`;
    assert.ok(first.raw.startsWith(expectedPrefix), first.raw);
    assert.ok(first.raw.endsWith('", "from_variable_selector": null}'));
    const text = r.body.toString('utf8');
    assert.ok(/^[\x20-\x7e\n]*$/.test(text), 'spaced frames are pure ASCII');
    assert.match(text, /\\ud83d\\ude80/, '🚀 is escaped as a surrogate pair');
  });

  test('compact encoding: orjson separators and raw UTF-8', async () => {
    const r = await chat(compact, compact.keys.chat, { query: '中文' });
    const first = r.frames[0] as { raw: string; data: Record<string, unknown> };
    assert.ok(first.raw.startsWith(`data: {"event":"message","conversation_id":"${String(first.data['conversation_id'])}","message_id":"`));
    assert.ok(first.raw.endsWith('","from_variable_selector":null}'));
    assert.match(r.body.toString('utf8'), /🚀/);
  });

  test('the X-Dify-Sim-Json header picks the encoding per request', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'hi' }, { 'X-Dify-Sim-Json': 'compact' });
    assert.ok((r.frames[0] as { raw: string }).raw.startsWith('data: {"event":"message",'));
  });

  test('envelope keys come first, in order; ids are stable; created_at is the message time', async () => {
    const r = await chat(sim, sim.keys.chatflow, { query: 'hello', inputs: CHATFLOW_INPUTS });
    const data = r.frames.flatMap((f) => (f.data ? [f.data] : []));
    const first = data[0] as Record<string, unknown>;
    for (const d of data) {
      assert.deepEqual(Object.keys(d).slice(0, 5), ['event', 'conversation_id', 'message_id', 'created_at', 'task_id']);
      assert.equal(d['conversation_id'], first['conversation_id']);
      assert.equal(d['message_id'], first['message_id']);
      assert.equal(d['task_id'], first['task_id']);
      assert.equal(d['created_at'], Math.floor(FIXED_MS / 1000));
    }
    const end = data[data.length - 1] as Record<string, unknown>;
    assert.equal(end['event'], 'message_end');
    assert.equal(end['id'], end['message_id']);
  });

  test('the error frame has code/status/message and no task_id', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'please fail' });
    const last = r.frames[r.frames.length - 1]?.data as Record<string, unknown>;
    assert.deepEqual(Object.keys(last), ['event', 'conversation_id', 'message_id', 'created_at', 'code', 'status', 'message']);
    assert.equal(last['event'], 'error');
  });
});

describe('pings', () => {
  test('a held stream gets "event: ping\\n\\n" frames on the configured cadence', async () => {
    const s = openChat(newest, newest.keys.chat, { query: 'hi /fault hold:1' });
    const frames = await s.until((f) => f.filter((x) => x.ping).length >= 2);
    const pings = frames.filter((f) => f.ping);
    assert.ok(pings.length >= 2);
    for (const p of pings) assert.equal(p.raw, 'event: ping');
    // Chat streams never start with a ping.
    assert.equal(frames[0]?.ping, false);
    const taskId = frames[0]?.data?.['task_id'] as string;
    await call(newest, 'POST', `/chat-messages/${taskId}/stop`, newest.keys.chat, { user: 'tester' });
    const done = await s.done;
    assert.equal(done.frames.filter((f) => f.data).pop()?.data?.['event'], 'message_end');
  });

  test('newest: a chatflow stream starts with a ping', async () => {
    const r = await chat(newest, newest.keys.chatflow, { query: 'hello', inputs: CHATFLOW_INPUTS });
    assert.equal(r.frames[0]?.raw, 'event: ping');
    assert.equal(r.frames[1]?.data?.['event'], 'workflow_started');
  });

  test('1.11.2: a chatflow stream starts with workflow_started', async () => {
    const r = await chat(sim, sim.keys.chatflow, { query: 'hello', inputs: CHATFLOW_INPUTS });
    assert.equal(r.frames[0]?.data?.['event'], 'workflow_started');
  });
});
