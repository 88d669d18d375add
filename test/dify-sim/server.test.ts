// Server lifecycle: a client leaving mid-stream, https, close() with a stream held open, and the CLI.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startDifySim } from './index';
import { call, openChat, rawRequest, sseFrames, waitFor } from './testUtil';

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('server', () => {
  test('close() ends held streams and frees the port', async () => {
    const sim = await startDifySim();
    const s = openChat(sim, sim.keys.chat, { query: 'Explain closures' }, { 'X-Dify-Sim-Fault': 'hold:2' });
    await s.until((f) => f.length >= 2);
    assert.equal(sim.stats.activeStreams, 1);
    await sim.close();
    const done = await s.done;
    assert.equal(done.complete, false, 'the held stream was dropped');
    await waitFor(() => (sim.stats.activeStreams === 0 ? true : undefined), 'the stream to wind down');
    const again = await rawRequest(`${sim.baseUrl}/`);
    assert.equal(again.status, 0, 'nothing listens any more');
  });

  test('a client abort mid-stream is noticed (interrupted, not completed)', async () => {
    const sim = await startDifySim();
    try {
      const r = await rawRequest(`${sim.baseUrl}/chat-messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sim.keys.chat}`, 'Content-Type': 'application/json', 'X-Dify-Sim-Fault': 'hold:1' },
        body: JSON.stringify({ inputs: {}, query: 'hello', user: 'leaver', response_mode: 'streaming' }),
        onChunk: () => true,
      });
      assert.ok(r.body.length > 0);
      await waitFor(() => (sim.stats.activeStreams === 0 ? true : undefined), 'the held stream to notice the client left');
      assert.equal(sim.stats.streamsInterrupted, 1);
      assert.equal(sim.stats.streamsCompleted, 0);
      const list = await call(sim, 'GET', '/conversations?user=leaver', sim.keys.chat);
      assert.equal((list.json()['data'] as unknown[]).length, 1);
    } finally {
      await sim.close();
    }
  });

  test('Dify keeps generating after the client leaves: the whole answer is stored', async () => {
    const sim = await startDifySim();
    try {
      // `hold:2` pauses after two frames, so the client is sure to leave mid-answer; its leaving ends the hold.
      const left = await rawRequest(`${sim.baseUrl}/chat-messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sim.keys.chat}`, 'Content-Type': 'application/json', 'X-Dify-Sim-Fault': 'hold:2' },
        body: JSON.stringify({ inputs: {}, query: 'Write a long answer', user: 'leaver', response_mode: 'streaming' }),
        onChunk: (_c, soFar) => sseFrames(soFar.toString()).length >= 2,
      });
      const frames = sseFrames(left.body.toString());
      const conversationId = frames[0]?.data?.['conversation_id'] as string;
      assert.ok(conversationId);
      await waitFor(() => (sim.stats.activeStreams === 0 ? true : undefined), 'the task to run to its end');
      const r = await call(sim, 'GET', `/messages?user=leaver&conversation_id=${conversationId}`, sim.keys.chat);
      const m = (r.json()['data'] as Array<Record<string, unknown>>)[0];
      assert.ok(String(m?.['answer']).length > 5_000, 'the whole long answer was stored, not the two frames the client saw');
      assert.equal(m?.['status'], 'normal');
      assert.equal(sim.stats.streamsInterrupted, 1, 'the client did not get it all');
      assert.equal(sim.stats.streamsCompleted, 0);
    } finally {
      await sim.close();
    }
  });

  test('park: the task stays paused after the client leaves (nothing stored yet) until released, then stores it all', async () => {
    const sim = await startDifySim();
    try {
      const left = await rawRequest(`${sim.baseUrl}/chat-messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sim.keys.chat}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ inputs: {}, query: 'Show me some markdown /fault park:2', user: 'parker', response_mode: 'streaming' }),
        onChunk: (_c, soFar) => sseFrames(soFar.toString()).length >= 2,
      });
      const conversationId = sseFrames(left.body.toString())[0]?.data?.['conversation_id'] as string;
      const stored = async () => {
        const r = await call(sim, 'GET', `/messages?user=parker&conversation_id=${conversationId}`, sim.keys.chat);
        return (r.json()['data'] as Array<Record<string, unknown>>)[0];
      };
      assert.equal(sim.stats.activeStreams, 1, 'still parked although the client left');
      assert.equal((await stored())?.['answer'], '', 'Dify has stored no answer while it is still generating');
      assert.equal(await (await fetch(`${sim.origin}/__sim/release`, { method: 'POST' })).json().then((b: { released: number }) => b.released), 1);
      await waitFor(() => (sim.stats.activeStreams === 0 ? true : undefined), 'the task to end');
      assert.match(String((await stored())?.['answer']), /```/, 'the whole answer, code blocks and all');
    } finally {
      await sim.close();
    }
  });

  test('https with a given key and certificate', { skip: !haveOpenssl() && 'openssl not available' }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-sim-tls-'));
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      ], { stdio: 'ignore' });
      const cert = readFileSync(join(dir, 'cert.pem'));
      const sim = await startDifySim({ tls: { key: readFileSync(join(dir, 'key.pem')), cert } });
      try {
        assert.match(sim.baseUrl, /^https:\/\/127\.0\.0\.1:\d+\/v1$/);
        const body = await new Promise<string>((resolve, reject) => {
          const req = request(`${sim.baseUrl}/`, { ca: cert }, (res) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => resolve(text));
          });
          req.on('error', reject);
          req.end();
        });
        assert.equal(body, '{"welcome": "Dify OpenAPI", "api_version": "v1", "server_version": "1.11.2"}\n');
      } finally {
        await sim.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI prints its usage for --help and rejects unknown options', () => {
    const cli = join(__dirname, 'cli.ts');
    const help = spawnSync(process.execPath, ['--import', 'tsx', cli, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: npm run dify-sim -- \[options\]/);
    assert.match(help.stdout, /--token-delay MS/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', cli, '--nope'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown option --nope/);
  });
});
