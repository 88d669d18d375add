// A server that echoes the key it was sent (issue 9, item 8): the client removes its key, whatever its
// shape and length, also split by a newline or zero-width characters, from every server text it hands out:
// error frames, failed nodes and runs, stored errors in the history, conversation names, Dify's messages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DifyClient } from '../../../src/dify/client';
import type { DifyEvent } from '../../../src/dify/events';
import { isSeparator } from '../../../src/dify/redact';
import { say } from '../host/messages/english';
import { envelope, json, serve, sseHead, type Loopback } from './loopback';
import { frame, IDS } from './wireFixtures';

/** A short key that does not look like a Dify key, and a longer one that Dify echoes split. */
const SHORT = 'Zq7';
const LONG = 'sk-canary-9f8e7d6c5b4a3921';

/** The ways a server echoes a key: whole, split by a newline, by U+200B once, by U+200B between every character. */
function echoes(key: string): string[] {
  const mid = Math.floor(key.length / 2);
  return [key, `${key.slice(0, mid)}\n${key.slice(mid)}`, `${key.slice(0, mid)}\u200b${key.slice(mid)}`, [...key].join('\u200b')];
}

/** Every string inside `value`, its separators removed (so a split key reads whole). */
function visibleStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push([...value].filter((c) => !isSeparator(c.charCodeAt(0))).join(''));
  else if (Array.isArray(value)) for (const v of value) visibleStrings(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) visibleStrings(v, out);
  return out;
}

function assertNoKey(value: unknown, key: string, what: string): void {
  const found = visibleStrings(value).filter((s) => s.includes(key));
  assert.deepEqual(found, [], `${what}: the key is in ${JSON.stringify(found)}`);
}

function stream(echo: string): string {
  const env = { conversation_id: IDS.conversation, message_id: IDS.message, task_id: IDS.task, created_at: 1 };
  const node = { id: 'exec-1', node_id: 'llm', node_type: 'llm', title: 'LLM' };
  return (
    frame({ event: 'workflow_started', ...env, workflow_run_id: 'run', data: { id: 'run', workflow_id: 'wf' } }) +
    frame({ event: 'node_started', ...env, workflow_run_id: 'run', data: node }) +
    frame({ event: 'node_finished', ...env, workflow_run_id: 'run', data: { ...node, status: 'failed', error: `node failed: ${echo}` } }) +
    frame({ event: 'iteration_completed', ...env, workflow_run_id: 'run', data: { id: 'it', node_id: 'it', status: 'failed', error: `iteration: ${echo}` } }) +
    frame({ event: 'workflow_finished', ...env, workflow_run_id: 'run', data: { id: 'run', status: 'failed', error: `Run failed: ${echo}` } }) +
    frame({ event: 'error', ...env, code: 'invalid_param', status: 400, message: `Run failed: token ${echo} rejected` })
  );
}

describe('DifyClient: the key is removed from what the server says', () => {
  let lb: Loopback;
  let echo = '';
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === '/v1/chat-messages') {
      sseHead(res);
      res.end(stream(echo));
    } else if (path === '/v1/messages') {
      json(res, 200, { limit: 20, has_more: false, data: [{ id: 'm', conversation_id: 'c', query: 'q', answer: '', status: 'error', error: `[openai] bad key ${echo}`, created_at: 1 }] });
    } else if (path === '/v1/conversations') {
      json(res, 200, { limit: 20, has_more: false, data: [{ id: 'c', name: `About ${echo}`, introduction: `Hi ${echo}`, status: 'normal', created_at: 1, updated_at: 1 }] });
    } else if (path.endsWith('/name')) {
      json(res, 200, { id: 'c', name: `Named ${echo}`, introduction: '', status: 'normal', created_at: 1, updated_at: 1 });
    } else envelope(res, 401, 'unauthorized', `Access token ${echo} is invalid`);
  };

  before(async () => {
    lb = await serve((req, res) => handler(req, res));
  });
  after(() => lb.close());

  for (const key of [SHORT, LONG]) {
    for (const [i, form] of echoes(key).entries()) {
      test(`key ${key === SHORT ? 'short' : 'long'}, echo #${i + 1}: stream, history, names and errors hold no form of it`, async () => {
        echo = form;
        const client = new DifyClient({ baseUrl: lb.base, apiKey: key, user: 'u', maxRetries: 0 });
        const events: DifyEvent[] = [];
        for await (const ev of client.chatStream({ query: 'q', inputs: {} })) events.push(ev);
        assert.deepEqual(events.map((e) => e.event), ['workflow_started', 'node_started', 'node_finished', 'iteration_completed', 'workflow_finished', 'error']);
        assertNoKey(events, key, 'stream events');
        const error = events.at(-1);
        assert.ok(error?.event === 'error' && error.message.startsWith('Run failed: token [redacted]'), JSON.stringify(error));
        assertNoKey(await client.messages({ conversationId: 'c' }), key, 'history');
        assertNoKey(await client.conversations(), key, 'conversation list');
        assertNoKey(await client.renameConversation('c', { autoGenerate: true }), key, 'renamed conversation');
        const failure = await client.info().then(
          () => assert.fail('resolved'),
          (e: unknown) => e,
        );
        assertNoKey({ message: (failure as Error).message, serverMessage: (failure as { serverMessage?: string }).serverMessage, sentence: say((failure as { problem: never }).problem) }, key, 'the 401');
      });
    }
  }

  test('text that only looks like a short key stays as it is where the key is not', async () => {
    echo = 'plain words';
    const client = new DifyClient({ baseUrl: lb.base, apiKey: SHORT, user: 'u' });
    const [c] = (await client.conversations()).data;
    assert.equal(c?.name, 'About plain words');
  });
});
