// What the client puts on the wire, checked at a real loopback server: headers, bodies, query strings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { DifyClient, type RequestLogEntry } from '../../../src/dify/client';
import type { DifyEvent } from '../../../src/dify/events';
import { json, serve, sseHead, type Loopback, type Recorded } from './loopback';
import { chatStream, IDS } from './wireFixtures';

const KEY = 'app-TestKey1234567890abcdef';
const USER = 'vscode-user-42';

const conversation = { id: 'c-1', name: 'Hello', inputs: {}, status: 'normal', introduction: '', created_at: 1, updated_at: 2 };

/** Answers each route with a plausible Dify body. */
function route(req: Recorded, res: ServerResponse): void {
  const path = req.url.split('?')[0] ?? '';
  if (req.method === 'GET' && path === '/v1/') return json(res, 200, { welcome: 'Dify OpenAPI', api_version: 'v1', server_version: '1.11.2' });
  if (path === '/v1/info') return json(res, 200, { name: 'Helper', description: 'd', tags: ['t'], mode: 'advanced-chat', author_name: 'me' });
  if (path === '/v1/parameters') {
    return json(res, 200, {
      opening_statement: 'Hi!',
      suggested_questions: ['What?'],
      suggested_questions_after_answer: { enabled: true },
      speech_to_text: { enabled: false },
      text_to_speech: { enabled: false },
      retriever_resource: { enabled: true },
      annotation_reply: { enabled: false },
      user_input_form: [
        { 'text-input': { label: 'Name', variable: 'name', required: true, max_length: 48, default: '' } },
        { select: { label: 'Lang', variable: 'lang', required: false, options: ['en', 'zh'], default: 'en' } },
      ],
      file_upload: { image: { enabled: false } },
      system_parameters: { image_file_size_limit: 10, file_size_limit: 15 },
    });
  }
  if (path === '/v1/meta') return json(res, 200, { tool_icons: { dalle: 'https://x/icon.png', calc: { background: '#fff', content: '🧮' } } });
  if (path === '/v1/chat-messages' && req.method === 'POST') {
    const body = JSON.parse(req.body.toString()) as { response_mode: string };
    if (body.response_mode === 'blocking') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ event: 'message', task_id: 't', id: 'm', message_id: 'm', conversation_id: 'c', mode: 'chat', answer: 'Hi', metadata: { annotation_reply: null, retriever_resources: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3, total_price: '0.1', currency: 'USD', latency: 0.1 } }, created_at: 5 }));
      return;
    }
    sseHead(res);
    res.end(chatStream('spaced'));
    return;
  }
  if (/\/stop$/.test(path) || /\/feedbacks$/.test(path)) return json(res, 200, { result: 'success' });
  if (path === '/v1/messages') return json(res, 200, { limit: 20, has_more: false, data: [] });
  if (/\/suggested$/.test(path)) return json(res, 200, { result: 'success', data: ['a', 'b', 'c'] });
  if (path === '/v1/conversations') return json(res, 200, { limit: 20, has_more: false, data: [conversation] });
  if (req.method === 'DELETE') {
    res.writeHead(204);
    res.end();
    return;
  }
  if (/\/name$/.test(path)) return json(res, 200, { ...conversation, name: 'Renamed' });
  if (/\/variables$/.test(path)) return json(res, 200, { limit: 20, has_more: false, data: [{ id: 'v', name: 'n', value_type: 'string', value: 'x', description: '', created_at: 1, updated_at: 1 }] });
  if (path === '/v1/files/upload') return json(res, 201, { id: 'up-1', name: 'a.png', size: 3, extension: 'png', mime_type: 'image/png', created_by: 'u', created_at: 9 });
  json(res, 404, { code: 'not_found', message: 'nope', status: 404 });
}

describe('DifyClient: request shape', () => {
  let lb: Loopback;
  let client: DifyClient;
  const log: RequestLogEntry[] = [];
  const last = (): Recorded => {
    const r = lb.requests.at(-1);
    assert.ok(r);
    return r;
  };
  const query = (r: Recorded): URLSearchParams => new URL(r.url, 'http://x').searchParams;
  const bodyOf = (r: Recorded): Record<string, unknown> => JSON.parse(r.body.toString()) as Record<string, unknown>;

  before(async () => {
    lb = await serve((req, res, body) => route({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }, res));
    client = new DifyClient({ baseUrl: `${lb.base}/`, apiKey: KEY, user: USER, onRequest: (e) => log.push(e) });
  });
  after(() => lb.close());

  test('the base URL is normalised (trailing slash dropped)', () => {
    assert.equal(client.baseUrl, lb.base);
  });

  test('GET / goes to the base URL itself, without Authorization', async () => {
    const info = await client.root();
    assert.deepEqual(info, { welcome: 'Dify OpenAPI', apiVersion: 'v1', serverVersion: '1.11.2' });
    const r = last();
    assert.equal(r.method, 'GET');
    assert.equal(r.url, '/v1/');
    assert.equal(r.headers.authorization, undefined);
  });

  test('GET /info, /parameters, /meta: Bearer key, user in the query, mapped to camelCase', async () => {
    const info = await client.info();
    assert.deepEqual(info, { name: 'Helper', description: 'd', tags: ['t'], mode: 'advanced-chat', authorName: 'me' });
    assert.equal(last().headers.authorization, `Bearer ${KEY}`);
    assert.equal(query(last()).get('user'), USER);
    const p = await client.parameters();
    assert.equal(p.openingStatement, 'Hi!');
    assert.equal(p.suggestedQuestionsAfterAnswer, true);
    assert.equal(p.retrieverResource, true);
    assert.deepEqual(p.userInputForm, [
      { type: 'text-input', label: 'Name', variable: 'name', required: true, default: '', maxLength: 48 },
      { type: 'select', label: 'Lang', variable: 'lang', required: false, default: 'en', options: ['en', 'zh'] },
    ]);
    assert.deepEqual(p.systemParameters, { image_file_size_limit: 10, file_size_limit: 15 });
    assert.equal(last().headers.authorization, `Bearer ${KEY}`);
    const m = await client.meta();
    assert.deepEqual(m.toolIcons, { dalle: 'https://x/icon.png', calc: { background: '#fff', content: '🧮' } });
  });

  test('chat stream: JSON body with user, inputs, query, response_mode "streaming", JSON content type', async () => {
    const events: DifyEvent[] = [];
    for await (const e of client.chatStream({ query: 'Hi 世界', inputs: {} })) events.push(e);
    assert.equal(events.at(-1)?.event, 'message_end');
    const r = last();
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/v1/chat-messages');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(bodyOf(r), { query: 'Hi 世界', inputs: {}, user: USER, response_mode: 'streaming' });
  });

  test('chat stream with a conversation, files and auto naming; a blank conversation id is left out', async () => {
    for await (const _ of client.chatStream({
      query: 'q',
      inputs: { name: 'x' },
      conversationId: IDS.conversation,
      files: [{ type: 'image', transferMethod: 'local_file', uploadFileId: 'up-1' }, { type: 'image', transferMethod: 'remote_url', url: 'https://x/y.png' }],
      autoGenerateName: false,
    }));
    assert.deepEqual(bodyOf(last()), {
      query: 'q',
      inputs: { name: 'x' },
      user: USER,
      response_mode: 'streaming',
      conversation_id: IDS.conversation,
      files: [
        { type: 'image', transfer_method: 'local_file', upload_file_id: 'up-1' },
        { type: 'image', transfer_method: 'remote_url', url: 'https://x/y.png' },
      ],
      auto_generate_name: false,
    });
    for await (const _ of client.chatStream({ query: 'q', inputs: {}, conversationId: '  ' }));
    assert.equal('conversation_id' in bodyOf(last()), false);
  });

  test('chat blocking: response_mode "blocking", mapped answer', async () => {
    const res = await client.chatBlocking({ query: 'q', inputs: {} });
    assert.equal(bodyOf(last())['response_mode'], 'blocking');
    assert.equal(res.answer, 'Hi');
    assert.equal(res.messageId, 'm');
    assert.deepEqual(res.usage, { promptTokens: 1, completionTokens: 2, totalTokens: 3, totalPrice: '0.1', currency: 'USD', latency: 0.1, timeToFirstToken: undefined, timeToGenerate: undefined });
  });

  test('stop: POST with {user} and a JSON content type; the task id is encoded', async () => {
    await client.stop('task/1');
    const r = last();
    assert.equal(r.method, 'POST');
    assert.equal(r.url, '/v1/chat-messages/task%2F1/stop');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual(bodyOf(r), { user: USER });
  });

  test('feedback: rating, optional content, null to revoke', async () => {
    await client.feedback('m-1', 'like', 'great');
    assert.deepEqual(bodyOf(last()), { rating: 'like', content: 'great', user: USER });
    assert.equal(last().url, '/v1/messages/m-1/feedbacks');
    await client.feedback('m-1', null);
    assert.deepEqual(bodyOf(last()), { rating: null, user: USER });
  });

  test('messages: conversation_id, user, first_id and limit; never an empty first_id', async () => {
    await client.messages({ conversationId: 'c-1', firstId: 'm-0', limit: 50 });
    let q = query(last());
    assert.equal(q.get('conversation_id'), 'c-1');
    assert.equal(q.get('user'), USER);
    assert.equal(q.get('first_id'), 'm-0');
    assert.equal(q.get('limit'), '50');
    await client.messages({ conversationId: 'c-1', firstId: '' });
    q = query(last());
    assert.equal(q.has('first_id'), false);
    assert.equal(q.has('limit'), false);
    assert.doesNotMatch(last().url, /first_id=/);
  });

  test('conversations: user, last_id, limit, sort_by; never an empty last_id', async () => {
    const page = await client.conversations({ lastId: 'c-9', limit: 100, sortBy: '-updated_at' });
    assert.deepEqual(page.data[0], { id: 'c-1', name: 'Hello', inputs: {}, status: 'normal', introduction: '', createdAt: 1, updatedAt: 2 });
    assert.equal(page.hasMore, false);
    const q = query(last());
    assert.equal(q.get('last_id'), 'c-9');
    assert.equal(q.get('limit'), '100');
    assert.equal(q.get('sort_by'), '-updated_at');
    assert.equal(q.get('user'), USER);
    await client.conversations();
    assert.equal(last().url, `/v1/conversations?user=${USER}`);
    await client.conversations({ lastId: '' });
    assert.doesNotMatch(last().url, /last_id/);
  });

  test('delete: DELETE with a JSON content type and body {user}; 204 is not parsed', async () => {
    await client.deleteConversation('c-1');
    const r = last();
    assert.equal(r.method, 'DELETE');
    assert.equal(r.url, '/v1/conversations/c-1');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(bodyOf(r), { user: USER });
  });

  test('rename: a name (auto_generate false) or auto_generate true', async () => {
    const c = await client.renameConversation('c-1', { name: 'New' });
    assert.equal(c.name, 'Renamed');
    assert.deepEqual(bodyOf(last()), { name: 'New', auto_generate: false, user: USER });
    await client.renameConversation('c-1', { autoGenerate: true });
    assert.deepEqual(bodyOf(last()), { auto_generate: true, user: USER });
    assert.equal(last().url, '/v1/conversations/c-1/name');
  });

  test('suggested and conversation variables', async () => {
    assert.deepEqual(await client.suggested('m-1'), ['a', 'b', 'c']);
    assert.equal(last().url, `/v1/messages/m-1/suggested?user=${USER}`);
    const vars = await client.conversationVariables('c-1', { lastId: 'v-0', limit: 5, variableName: 'topic' });
    assert.equal(vars.data[0]?.valueType, 'string');
    const q = query(last());
    assert.equal(q.get('last_id'), 'v-0');
    assert.equal(q.get('variable_name'), 'topic');
    assert.equal(q.get('user'), USER);
    await client.conversationVariables('c-1');
    assert.equal(last().url, `/v1/conversations/c-1/variables?user=${USER}`);
  });

  test('upload: multipart with the file and the user field', async () => {
    const f = await client.uploadFile({ name: 'a.png', mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) });
    assert.deepEqual(f, { id: 'up-1', name: 'a.png', size: 3, extension: 'png', mimeType: 'image/png', createdAt: 9 });
    const r = last();
    assert.match(String(r.headers['content-type']), /^multipart\/form-data; boundary=/);
    const text = r.body.toString('latin1');
    assert.match(text, /name="user"\r\n\r\nvscode-user-42\r\n/);
    assert.ok(text.includes('name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\u0001\u0002\u0003\r\n'), text);
    assert.equal(r.headers.authorization, `Bearer ${KEY}`);
  });

  test('every request carries the user; only GET / goes without the key', () => {
    for (const r of lb.requests) {
      const path = r.url.split('?')[0];
      if (path === '/v1/') {
        assert.equal(r.headers.authorization, undefined);
        continue;
      }
      assert.equal(r.headers.authorization, `Bearer ${KEY}`, r.url);
      const inQuery = query(r).get('user') === USER;
      const inBody = r.body.toString('latin1').includes(USER);
      assert.ok(inQuery || inBody, `user missing on ${r.method} ${r.url}`);
      if (r.method !== 'GET' && !/multipart/.test(String(r.headers['content-type']))) assert.equal(r.headers['content-type'], 'application/json', r.url);
    }
  });

  test('the request log has method, path+query, status, duration, attempt, and never the key', () => {
    assert.ok(log.length >= lb.requests.length - 1);
    const del = log.find((e) => e.method === 'DELETE');
    assert.deepEqual({ ...del, durationMs: 0 }, { method: 'DELETE', path: '/conversations/c-1', status: 204, durationMs: 0, attempt: 1 });
    const conv = log.find((e) => e.path.startsWith('/conversations?'));
    assert.equal(conv?.status, 200);
    assert.ok(log.every((e) => typeof e.durationMs === 'number' && e.durationMs >= 0));
    assert.doesNotMatch(JSON.stringify(log), /TestKey/);
  });
});
