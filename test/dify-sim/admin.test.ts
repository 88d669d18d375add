// The /__sim/ admin API, as a test in another process (an extension host) would drive it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { call, chat, events, rawRequest } from './testUtil';

let sim: DifySim;
before(async () => {
  sim = await startDifySim();
});
after(() => sim.close());

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await rawRequest(`${sim.origin}/__sim/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: JSON.parse(r.body.toString()) as Record<string, unknown> };
}

describe('admin API', () => {
  test('info lists the base URL and the keys', async () => {
    const r = await admin('GET', 'info');
    assert.equal(r.json['baseUrl'], sim.baseUrl);
    assert.deepEqual(r.json['keys'], sim.keys);
  });

  test('faults: queue one (object or text form), with a match', async () => {
    assert.equal((await admin('POST', 'faults', { fault: { kind: 'server500' }, match: { path: '/site' } })).status, 200);
    assert.equal((await admin('POST', 'faults', { fault: 'error:1' })).status, 200);
    assert.equal((await call(sim, 'GET', '/info', sim.keys.chat)).status, 200);
    assert.equal((await call(sim, 'GET', '/site', sim.keys.chat)).status, 500);
    assert.deepEqual(events((await chat(sim, sim.keys.chat, { query: 'hi' })).frames), ['message', 'error']);
    const bad = await admin('POST', 'faults', { fault: { kind: 'cut' } });
    assert.equal(bad.status, 400);
    assert.match(bad.json['error'] as string, /atByte/);
  });

  test('stats count requests per route and chat posts; the log redacts the key', async () => {
    await admin('POST', 'reset');
    await call(sim, 'GET', '/conversations?user=a', sim.keys.chat);
    await chat(sim, sim.keys.chat, { query: 'hi' });
    const s = (await admin('GET', 'stats')).json;
    assert.equal((s['requests'] as Record<string, number>)['GET /v1/conversations'], 1);
    assert.equal(s['chatPosts'], 1);
    assert.equal(s['streamsCompleted'], 1);
    const log = s['log'] as Array<Record<string, Record<string, string>>>;
    assert.equal(log.length, 2);
    assert.equal(log[1]?.['headers']?.['authorization'], 'Bearer <redacted>');
    assert.ok(!JSON.stringify(s).includes(sim.keys.chat));
    assert.match(String(log[1]?.['body']), /"query":"hi"/);
  });

  test('seed conversations and messages, then reset clears them', async () => {
    const seeded = await admin('POST', 'seed', { key: 'chat', user: 'remote', count: 30, ties: 0 });
    assert.equal((seeded.json['ids'] as string[]).length, 30);
    const history = await admin('POST', 'seed', { kind: 'messages', key: sim.keys.chat, user: 'remote', count: 5 });
    assert.equal((history.json['messageIds'] as string[]).length, 5);
    const list = await call(sim, 'GET', '/conversations?user=remote&limit=100', sim.keys.chat);
    assert.equal((list.json()['data'] as unknown[]).length, 31);
    await admin('POST', 'reset');
    const after = await call(sim, 'GET', '/conversations?user=remote', sim.keys.chat);
    assert.deepEqual(after.json()['data'], []);
    assert.equal((await admin('GET', 'nope')).status, 404);
  });
});
