// Every fault, and the three ways to choose one (queue, X-Dify-Sim-Fault header, /fault directive).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { nginx502Page } from './envelope';
import { parseFault } from './faults';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { call, chat, events, rawRequest } from './testUtil';

const FIXED_MS = Date.UTC(2025, 5, 1);

let sim: DifySim;
before(async () => {
  sim = await startDifySim({ json: 'compact', now: () => FIXED_MS });
});
beforeEach(() => sim.reset());
after(() => sim.close());

describe('byte-level faults', () => {
  test('cut: the body stops at exactly N bytes, even inside a multi-byte UTF-8 character, and the connection drops', async () => {
    const whole = await chat(sim, sim.keys.chat, { query: '中文' });
    assert.equal(whole.complete, true);
    // Frame layout is identical between runs (fixed-length ids, fixed clock, same script): aim inside '你'.
    const lead = whole.body.indexOf(Buffer.from('你'));
    assert.ok(lead > 0);
    const cut = await chat(sim, sim.keys.chat, { query: '中文' }, { 'X-Dify-Sim-Fault': `cut:${lead + 2}` });
    assert.equal(cut.status, 200);
    assert.equal(cut.complete, false, 'a premature close, not a clean end');
    assert.equal(cut.body.length, lead + 2);
    assert.deepEqual([...cut.body.subarray(-2)], [0xe4, 0xbd], 'two of the three bytes of 你');
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(cut.body), 'the bytes end mid-character');
  });

  test('cut applies to plain JSON bodies too (Content-Length promised, fewer bytes sent)', async () => {
    sim.injectFault({ kind: 'cut', atByte: 10 }, { path: '/info' });
    const r = await rawRequest(`${sim.baseUrl}/info`, { headers: { Authorization: `Bearer ${sim.keys.chat}` } });
    assert.equal(r.complete, false);
    assert.equal(r.body.toString(), '{"name": "');
  });

  test('drip: a pause before every frame (the stream takes at least frames × ms)', async () => {
    const ms = 15;
    const r = await chat(sim, sim.keys.chat, { query: 'hello' }, { 'X-Dify-Sim-Fault': `drip:${ms}` });
    const n = r.frames.length;
    assert.ok(n >= 5);
    assert.equal(events(r.frames).pop(), 'message_end');
    assert.ok(r.elapsedMs >= (n - 1) * ms * 0.9, `${r.elapsedMs} ms for ${n} frames`);
  });

  test('delay: nothing arrives before the delay has passed', async () => {
    sim.injectFault({ kind: 'delay', ms: 60 });
    const queued = await rawRequest(`${sim.baseUrl}/parameters`, { headers: { Authorization: `Bearer ${sim.keys.chat}` } });
    assert.equal(queued.status, 200);
    assert.ok(queued.elapsedMs >= 54, String(queued.elapsedMs));
    const t = await rawRequest(`${sim.baseUrl}/parameters`, { headers: { Authorization: `Bearer ${sim.keys.chat}`, 'X-Dify-Sim-Fault': 'delay:60' } });
    assert.ok(t.elapsedMs >= 54, String(t.elapsedMs));
  });

  test('refuse: the socket closes without any response', async () => {
    sim.injectFault({ kind: 'refuse' });
    const r = await rawRequest(`${sim.baseUrl}/info`, { headers: { Authorization: `Bearer ${sim.keys.chat}` } });
    assert.equal(r.status, 0);
    assert.equal(r.complete, false);
  });
});

describe('response faults', () => {
  test('html502: nginx HTML page, no Dify headers', async () => {
    sim.injectFault({ kind: 'html502' });
    const r = await rawRequest(`${sim.baseUrl}/info`, { headers: { Authorization: `Bearer ${sim.keys.chat}` } });
    assert.equal(r.status, 502);
    assert.equal(r.headers['content-type'], 'text/html');
    assert.equal(r.headers['x-version'], undefined);
    assert.equal(r.body.toString(), nginx502Page());
    assert.match(r.body.toString(), /^<html>\r\n<head><title>502 Bad Gateway<\/title><\/head>\r\n/);
  });

  test('rateLimit: 429 rate_limit_error with Retry-After', async () => {
    sim.injectFault({ kind: 'rateLimit', retryAfterSeconds: 7 });
    const r = await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'u', inputs: {}, query: 'hi' });
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '7');
    assert.equal(r.text, '{"code": "rate_limit_error", "message": "Rate Limit Error", "status": 429}\n');
  });

  test('server500 and status: envelope errors', async () => {
    sim.injectFault({ kind: 'server500' });
    const a = await call(sim, 'GET', '/info', sim.keys.chat);
    assert.equal(a.text, '{"message": "Internal Server Error", "code": "unknown", "status": 500}\n');
    sim.injectFault({ kind: 'status', status: 400, code: 'provider_quota_exceeded', message: 'Your quota is exhausted.' });
    const b = await call(sim, 'GET', '/info', sim.keys.chat);
    assert.equal(b.status, 400);
    assert.equal(b.text, '{"code": "provider_quota_exceeded", "message": "Your quota is exhausted.", "status": 400}\n');
  });

  test('errorFrame: an error event mid-stream (200 stays), then a clean close; no message_end', async () => {
    sim.injectFault({ kind: 'errorFrame', afterFrames: 2, code: 'provider_quota_exceeded', status: 400, message: 'quota' });
    const r = await chat(sim, sim.keys.chat, { query: 'Explain closures' });
    assert.equal(r.status, 200);
    assert.equal(r.complete, true);
    assert.deepEqual(events(r.frames), ['message', 'message', 'error']);
    const err = r.frames[2]?.data as Record<string, unknown>;
    assert.equal(err['code'], 'provider_quota_exceeded');
    assert.equal(err['message'], 'quota');
    assert.ok(!('task_id' in err));
  });

  test('eofWithoutEnd: a clean EOF without message_end (by default right before it)', async () => {
    sim.injectFault({ kind: 'eofWithoutEnd' });
    const r = await chat(sim, sim.keys.chatflow, { query: 'hello', inputs: { topic: 't' } });
    assert.equal(r.complete, true);
    const evs = events(r.frames);
    assert.equal(evs[evs.length - 1], 'workflow_finished');
    sim.injectFault({ kind: 'eofWithoutEnd', afterFrames: 3 });
    const r3 = await chat(sim, sim.keys.chat, { query: 'Explain closures' });
    assert.equal(r3.frames.length, 3);
  });
});

describe('choosing faults', () => {
  test('the queue matches method and path, serves `times` requests, and stream faults wait for a chat POST', async () => {
    sim.injectFault({ kind: 'server500' }, { method: 'GET', path: '/meta', times: 2 });
    sim.injectFault({ kind: 'errorFrame', afterFrames: 0 });
    assert.equal((await call(sim, 'GET', '/info', sim.keys.chat)).status, 200);
    assert.equal((await call(sim, 'GET', '/meta', sim.keys.chat)).status, 500);
    assert.equal((await call(sim, 'GET', '/meta', sim.keys.chat)).status, 500);
    assert.equal((await call(sim, 'GET', '/meta', sim.keys.chat)).status, 200);
    const r = await chat(sim, sim.keys.chat, { query: 'hi' });
    assert.deepEqual(events(r.frames), ['error']);
    assert.equal(sim.stats.faultsApplied['server500'], 2);
  });

  test('a RegExp path matches too', async () => {
    sim.injectFault({ kind: 'html502' }, { path: /\/site$/ });
    assert.equal((await call(sim, 'GET', '/info', sim.keys.chat)).status, 200);
    assert.equal((await rawRequest(`${sim.baseUrl}/site`)).status, 502);
  });

  test('a /fault directive inside the chat query', async () => {
    const r = await chat(sim, sim.keys.chat, { query: 'hello /fault error:1' });
    assert.deepEqual(events(r.frames), ['message', 'error']);
    const cut = await chat(sim, sim.keys.chat, { query: 'hello /fault cut:40' });
    assert.equal(cut.body.length, 40);
    assert.equal(cut.complete, false);
    const html = await chat(sim, sim.keys.chat, { query: '/fault html502 hi' });
    assert.equal(html.status, 502);
  });

  test('the text form parses every kind', () => {
    assert.deepEqual(parseFault('cut:120'), { kind: 'cut', atByte: 120 });
    assert.deepEqual(parseFault('delay:500'), { kind: 'delay', ms: 500 });
    assert.deepEqual(parseFault('429:3'), { kind: 'rateLimit', retryAfterSeconds: 3 });
    assert.deepEqual(parseFault('error:2:provider_quota_exceeded:400'), { kind: 'errorFrame', afterFrames: 2, code: 'provider_quota_exceeded', status: 400 });
    assert.deepEqual(parseFault('eof'), { kind: 'eofWithoutEnd' });
    assert.deepEqual(parseFault('status:503:service_unavailable:Try: later'), { kind: 'status', status: 503, code: 'service_unavailable', message: 'Try: later' });
    assert.throws(() => parseFault('explode'));
    assert.throws(() => parseFault('cut:x'));
  });
});
