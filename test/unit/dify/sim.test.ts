// The client against the Dify simulator (test/dify-sim) over loopback: the three chat modes end to end,
// cursor pagination, stop, and the fault suite, with the simulator counting what actually reached it.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyAnswer, type Answer } from '../../../src/shared/answer';
import { reduceAnswer } from '../../../src/chat/transcript';
import { DifyClient, type DifyClientOptions } from '../../../src/dify/client';
import { DifyError } from '../../../src/dify/errors';
import type { DifyEvent } from '../../../src/dify/events';
import type { ChatRequest } from '../../../src/dify/types';
import { startDifySim, type DifySim } from '../../dify-sim/index';
import { say } from '../host/messages/english';

const USER = 'sim-test-user';

interface Run {
  events: DifyEvent[];
  answer: Answer;
  error?: DifyError;
}

/** Streams one chat and reduces it, as the panel would. */
async function chat(client: DifyClient, req: ChatRequest, onEvent?: (e: DifyEvent) => void | Promise<void>): Promise<Run> {
  const events: DifyEvent[] = [];
  let answer = emptyAnswer();
  try {
    for await (const e of client.chatStream(req)) {
      events.push(e);
      answer = reduceAnswer(answer, e, say);
      await onEvent?.(e);
    }
    return { events, answer };
  } catch (e) {
    assert.ok(e instanceof DifyError, String(e));
    const error = { kind: e.kind, message: say(e.problem) };
    answer = reduceAnswer(answer, e.kind === 'interrupted' ? { type: 'interrupted', error } : { type: 'failed', error }, say);
    return { events, answer, error: e };
  }
}

for (const json of ['spaced', 'compact'] as const) {
  describe(`DifyClient × simulator (${json} JSON)`, () => {
    let sim: DifySim;
    const sleeps: number[] = [];
    /** Requests that reached the simulator, faulted or not (its route counters skip faulted ones). */
    const arrived = (method: string, path: string): number => sim.stats.log.filter((r) => r.method === method && r.path.split('?')[0] === path).length;
    const make = (key: string, extra: Partial<DifyClientOptions> = {}): DifyClient =>
      new DifyClient({ baseUrl: sim.baseUrl, apiKey: key, user: USER, sleep: async (ms) => void sleeps.push(ms), ...extra });

    before(async () => {
      sim = await startDifySim({ json, autoNameDelayMs: 0 });
    });
    after(() => sim.close());
    beforeEach(() => {
      sim.reset();
      sleeps.length = 0;
    });

    test('GET / and the app routes', async () => {
      const c = make(sim.keys.chat);
      const root = await c.root();
      assert.equal(root.apiVersion, 'v1');
      assert.equal((await c.info()).mode, 'chat');
      const p = await c.parameters();
      assert.ok(p.openingStatement.length > 0);
      assert.equal((await make(sim.keys.chatflow).info()).mode, 'advanced-chat');
      assert.equal((await make(sim.keys.agent).info()).mode, 'agent-chat');
      await c.meta();
    });

    test('chat: a whole answer, done, with usage; the history has the same text', async () => {
      const c = make(sim.keys.chat);
      const r = await chat(c, { query: 'markdown 中文', inputs: {} });
      assert.equal(r.error, undefined);
      assert.equal(r.answer.status, 'done');
      assert.ok(r.answer.text.length > 0);
      assert.ok(r.answer.usage && r.answer.usage.totalTokens > 0);
      assert.ok(r.answer.conversationId);
      const history = await c.messages({ conversationId: r.answer.conversationId });
      assert.equal(history.data.at(-1)?.answer, r.answer.text);
      assert.equal(sim.stats.chatPosts, 1);
    });

    test('agent: thoughts and text', async () => {
      const r = await chat(make(sim.keys.agent), { query: 'What is the weather in Paris?', inputs: {} });
      assert.equal(r.error, undefined);
      assert.equal(r.answer.status, 'done');
      assert.ok(r.answer.thoughts.length > 0);
      assert.ok(r.answer.text.length > 0);
    });

    test('chatflow: workflow steps, finished, then message_end', async () => {
      const r = await chat(make(sim.keys.chatflow), { query: 'Explain streams', inputs: { topic: 'Node.js' } });
      assert.equal(r.error, undefined, r.error?.message);
      assert.equal(r.answer.status, 'done');
      assert.equal(r.answer.workflow?.status, 'succeeded');
      assert.ok((r.answer.workflow?.steps.length ?? 0) > 0);
      assert.ok(r.answer.workflow?.steps.every((s) => s.status !== 'running'));
      const kinds = r.events.map((e) => e.event);
      assert.ok(kinds.indexOf('workflow_finished') < kinds.indexOf('message_end'));
    });

    test('a missing required input is a badRequest with Dify’s message', async () => {
      const r = await chat(make(sim.keys.chatflow), { query: 'x', inputs: {} });
      assert.equal(r.error?.kind, 'badRequest');
      assert.equal(r.error?.code, 'invalid_param');
      assert.match(r.error?.serverMessage ?? '', /topic/);
    });

    test('pagination across 250 conversations: nothing lost, nothing repeated, newest first', async () => {
      const seeded = sim.seedConversations(sim.keys.chat, USER, 250);
      const c = make(sim.keys.chat);
      for (const limit of [100, 20, 7]) {
        const seen: string[] = [];
        let lastId: string | undefined;
        let pages = 0;
        for (;;) {
          const page = await c.conversations({ lastId, limit });
          pages++;
          seen.push(...page.data.map((x) => x.id));
          if (!page.hasMore) break;
          lastId = page.data.at(-1)?.id;
          assert.ok(pages < 100);
        }
        assert.equal(new Set(seen).size, seen.length, `limit ${limit}: no repeats`);
        assert.deepEqual(seen, seeded, `limit ${limit}: every conversation, in order`);
        assert.equal(pages, Math.ceil(250 / limit));
      }
      // No request ever carried an empty cursor.
      assert.ok(sim.stats.log.every((r) => !/last_id=(&|$)/.test(r.path)));
    });

    test('history pagination backwards with first_id: every message once, oldest first', async () => {
      const { conversationId, messageIds } = sim.seedMessages(sim.keys.chat, USER, 45);
      const c = make(sim.keys.chat);
      const pages: string[][] = [];
      let firstId: string | undefined;
      for (;;) {
        const page = await c.messages({ conversationId, firstId, limit: 10 });
        pages.unshift(page.data.map((m) => m.id));
        if (!page.hasMore) break;
        firstId = page.data[0]?.id;
      }
      assert.deepEqual(pages.flat(), messageIds);
    });

    test('rename, variables, delete (204 with a JSON body and content type), then 404', async () => {
      const c = make(sim.keys.chatflow);
      const r = await chat(c, { query: 'hello', inputs: { topic: 'x' } });
      const id = r.answer.conversationId;
      assert.ok(id);
      assert.equal((await c.renameConversation(id, { name: 'Renamed 名前' })).name, 'Renamed 名前');
      await c.conversationVariables(id);
      await c.deleteConversation(id);
      const del = sim.stats.log.find((x) => x.method === 'DELETE');
      assert.equal(del?.status, 204);
      assert.match(del?.headers['content-type'] ?? '', /application\/json/);
      await assert.rejects(c.messages({ conversationId: id }), (e: unknown) => e instanceof DifyError && e.kind === 'notFound');
    });

    test('feedback and suggested questions on a finished answer', async () => {
      const c = make(sim.keys.chat);
      const r = await chat(c, { query: 'hi', inputs: {} });
      const mid = r.answer.messageId;
      assert.ok(mid);
      await c.feedback(mid, 'like', 'nice');
      const history = await c.messages({ conversationId: r.answer.conversationId ?? '' });
      assert.equal(history.data.at(-1)?.feedback, 'like');
      assert.ok(Array.isArray(await c.suggested(mid)));
    });

    test('stop (chat): held stream, Stop → message_end, answer stopped with its partial text', async () => {
      sim.injectFault({ kind: 'hold', afterFrames: 2 });
      const c = make(sim.keys.chat);
      let stopped = false;
      let answer = emptyAnswer();
      const events: DifyEvent[] = [];
      for await (const e of c.chatStream({ query: 'long', inputs: {} })) {
        events.push(e);
        answer = reduceAnswer(answer, e, say);
        if (!stopped && e.event === 'message' && events.filter((x) => x.event === 'message').length === 2) {
          stopped = true;
          answer = reduceAnswer(answer, { type: 'stopped' }, say);
          assert.ok(answer.taskId);
          await c.stop(answer.taskId);
        }
      }
      assert.equal(events.at(-1)?.event, 'message_end');
      assert.equal(answer.status, 'stopped');
      assert.ok(answer.text.length > 0);
      assert.equal(sim.stats.stops, 1);
      assert.equal(sim.stats.chatPosts, 1);
    });

    test('stop (chatflow): workflow_finished stopped, then message_end', async () => {
      sim.injectFault({ kind: 'hold', afterFrames: 3 });
      const c = make(sim.keys.chatflow);
      let answer = emptyAnswer();
      const events: DifyEvent[] = [];
      let frames = 0;
      for await (const e of c.chatStream({ query: 'long', inputs: { topic: 't' } })) {
        events.push(e);
        answer = reduceAnswer(answer, e, say);
        if (e.event !== 'ping' && ++frames === 3) {
          answer = reduceAnswer(answer, { type: 'stopped' }, say);
          await c.stop(answer.taskId ?? '');
        }
      }
      const finished = events.find((e) => e.event === 'workflow_finished');
      assert.ok(finished?.event === 'workflow_finished');
      assert.equal(finished.data.status, 'stopped');
      assert.equal(events.at(-1)?.event, 'message_end');
      assert.equal(answer.status, 'stopped');
      assert.equal(answer.workflow?.status, 'stopped');
    });

    describe('faults', () => {
      test('chat POSTs are never re-sent, whatever the fault', async () => {
        const faults = [
          { kind: 'refuse' },
          { kind: 'html502' },
          { kind: 'rateLimit', retryAfterSeconds: 1 },
          { kind: 'server500' },
          { kind: 'cut', atByte: 300 },
          { kind: 'eofWithoutEnd', afterFrames: 2 },
          { kind: 'errorFrame', afterFrames: 2 },
        ] as const;
        const c = make(sim.keys.chat);
        for (const fault of faults) {
          sim.injectFault(fault, { method: 'POST', path: '/chat-messages' });
          await chat(c, { query: 'hello', inputs: {} });
        }
        await c.chatBlocking({ query: 'x', inputs: {} });
        sim.injectFault({ kind: 'server500' }, { method: 'POST', path: '/chat-messages' });
        await assert.rejects(c.chatBlocking({ query: 'x', inputs: {} }), (e: unknown) => e instanceof DifyError && e.kind === 'server');
        assert.equal(arrived('POST', '/v1/chat-messages'), faults.length + 2);
        assert.deepEqual(sleeps, []);
      });

      test('refused connection on a GET is retried; on the chat POST it is a network error', async () => {
        const c = make(sim.keys.chat);
        sim.injectFault({ kind: 'refuse' }, { method: 'GET', path: '/conversations' });
        await c.conversations();
        assert.equal(arrived('GET', '/v1/conversations'), 2);
        assert.equal(sleeps.length, 1);
        sim.injectFault({ kind: 'refuse' }, { method: 'POST', path: '/chat-messages' });
        const r = await chat(c, { query: 'x', inputs: {} });
        assert.equal(r.error?.kind, 'network');
        assert.equal(r.answer.status, 'failed');
        assert.equal(arrived('POST', '/v1/chat-messages'), 1);
      });

      test('429 with Retry-After on a GET: waited out via sleep, then success; on the chat POST: rateLimited', async () => {
        const c = make(sim.keys.chat);
        sim.injectFault({ kind: 'rateLimit', retryAfterSeconds: 2 }, { method: 'GET', path: '/conversations' });
        await c.conversations();
        assert.deepEqual(sleeps, [2000]);
        sim.injectFault({ kind: 'rateLimit', retryAfterSeconds: 2 }, { method: 'POST', path: '/chat-messages' });
        const r = await chat(c, { query: 'x', inputs: {} });
        assert.equal(r.error?.kind, 'rateLimited');
        assert.equal(r.error?.retryAfterSeconds, 2);
      });

      test('500 on GETs: retried up to twice, then server', async () => {
        const c = make(sim.keys.chat);
        sim.injectFault({ kind: 'server500' }, { method: 'GET', path: '/info', times: 3 });
        await assert.rejects(c.info(), (e: unknown) => e instanceof DifyError && e.kind === 'server' && e.status === 500);
        assert.equal(arrived('GET', '/v1/info'), 3);
        assert.equal(sleeps.length, 2);
      });

      test('an HTML 502 from the proxy → notDify', async () => {
        sim.injectFault({ kind: 'html502' }, { method: 'POST', path: '/chat-messages' });
        const r = await chat(make(sim.keys.chat), { query: 'x', inputs: {} });
        assert.equal(r.error?.kind, 'notDify');
        assert.equal(r.error?.status, 502);
      });

      test('a cut mid-stream → interrupted, the partial text kept', async () => {
        sim.injectFault({ kind: 'cut', atByte: 900 }, { method: 'POST', path: '/chat-messages' });
        const r = await chat(make(sim.keys.chat), { query: 'long', inputs: {} });
        assert.equal(r.error?.kind, 'interrupted');
        assert.equal(r.answer.status, 'interrupted');
        assert.ok(r.answer.text.length > 0);
        const full = (await chat(make(sim.keys.chat), { query: 'long', inputs: {} })).answer.text;
        assert.ok(full.startsWith(r.answer.text) && full.length > r.answer.text.length, 'the kept text is the answer so far');
      });

      test('EOF without message_end → interrupted', async () => {
        sim.injectFault({ kind: 'eofWithoutEnd', afterFrames: 3 });
        const r = await chat(make(sim.keys.chat), { query: 'long', inputs: {} });
        assert.equal(r.error?.kind, 'interrupted');
        assert.equal(r.events.filter((e) => e.event !== 'ping').length, 3);
        assert.equal(r.answer.status, 'interrupted');
        const sent = r.events.map((e) => ('answer' in e && typeof e.answer === 'string' ? e.answer : '')).join('');
        assert.ok(sent.length > 0);
        assert.equal(r.answer.text, sent, 'the partial answer is kept');
      });

      test('an error frame mid-stream → the answer fails with streamError and Dify’s code', async () => {
        sim.injectFault({ kind: 'errorFrame', afterFrames: 2, code: 'completion_request_error', status: 400, message: 'Model is overloaded' });
        const r = await chat(make(sim.keys.chat), { query: 'long', inputs: {} });
        assert.equal(r.error, undefined);
        assert.equal(r.answer.status, 'failed');
        assert.equal(r.answer.error?.kind, 'streamError');
        assert.equal(r.answer.error?.code, 'completion_request_error');
        assert.match(r.answer.error?.message ?? '', /Model is overloaded/);
        const sent = r.events.map((e) => ('answer' in e && typeof e.answer === 'string' ? e.answer : '')).join('');
        assert.ok(sent.length > 0);
        assert.equal(r.answer.text, sent, 'the text before the error frame is kept');
      });

      test('a slow drip is not a timeout', async () => {
        sim.injectFault({ kind: 'drip', ms: 5 }, { method: 'POST', path: '/chat-messages' });
        const r = await chat(make(sim.keys.chat, { idleTimeoutMs: 2000 }), { query: 'hello', inputs: {} });
        assert.equal(r.error, undefined);
        assert.equal(r.answer.status, 'done');
      });

      test('a delay beyond the connect timeout → timeout', async () => {
        sim.injectFault({ kind: 'delay', ms: 1500 }, { method: 'GET', path: '/info' });
        await assert.rejects(make(sim.keys.chat, { connectTimeoutMs: 100 }).info(), (e: unknown) => e instanceof DifyError && e.kind === 'timeout');
      });

      test('401, 403 and 404 from the simulator', async () => {
        await assert.rejects(make('app-notARealKey000000000000').info(), (e: unknown) => e instanceof DifyError && e.kind === 'auth' && e.status === 401);
        await assert.rejects(make(sim.keys.disabled).info(), (e: unknown) => e instanceof DifyError && e.kind === 'forbidden' && /disabled/.test(say(e.problem)));
        const r = await chat(make(sim.keys.chat), { query: 'x', inputs: {}, conversationId: '00000000-0000-4000-8000-000000000000' });
        assert.equal(r.error?.kind, 'notFound');
        assert.equal(r.error?.code, 'not_found');
        const wf = await chat(make(sim.keys.workflow), { query: 'x', inputs: {} });
        assert.equal(wf.error?.code, 'not_chat_app');
      });
    });
  });
}

describe('DifyClient × simulator (newest Dify: a ping first in chatflows)', () => {
  test('the first frame is a ping and the answer still completes', async () => {
    const sim = await startDifySim({ version: 'newest', json: 'compact', autoNameDelayMs: 0 });
    try {
      const c = new DifyClient({ baseUrl: sim.baseUrl, apiKey: sim.keys.chatflow, user: USER });
      const r = await chat(c, { query: 'hi', inputs: { topic: 't' } });
      assert.equal(r.events[0]?.event, 'ping');
      assert.equal(r.answer.status, 'done');
      // newest accepts an empty cursor; the client never sends one anyway
      await c.conversations({ lastId: '' });
    } finally {
      await sim.close();
    }
  });
});
