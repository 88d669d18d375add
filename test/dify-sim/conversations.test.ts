// Conversation management (§3.8-§3.10), naming, feedback and suggested questions (§3.3-§3.6).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { CHATFLOW_INPUTS, call, rawRequest, waitFor } from './testUtil';

let sim: DifySim;
let newest: DifySim;
before(async () => {
  sim = await startDifySim({ autoNameDelayMs: 20 });
  newest = await startDifySim({ version: 'newest', autoNameDelayMs: 60_000 });
});
after(async () => {
  await sim.close();
  await newest.close();
});

const UNKNOWN = '8c1b2a4e-1111-4a2b-9c3d-0123456789ab';

async function turn(s: DifySim, key: string, query: string, extra: Record<string, unknown> = {}) {
  const r = await call(s, 'POST', '/chat-messages', key, { user: 'owner', inputs: {}, query, ...extra });
  assert.equal(r.status, 200, r.text);
  const b = r.json();
  return { conversationId: b['conversation_id'] as string, messageId: b['message_id'] as string };
}

async function conversation(s: DifySim, key: string, id: string): Promise<Record<string, unknown> | undefined> {
  const list = (await call(s, 'GET', '/conversations?user=owner&limit=100', key)).json()['data'] as Array<Record<string, unknown>>;
  return list.find((c) => c['id'] === id);
}

describe('naming', () => {
  test('a new conversation is named after the first 20 characters of the query, then auto-named', async () => {
    const query = 'How do I paginate conversations in the Service API?';
    const { conversationId } = await turn(sim, sim.keys.chat, query);
    // The first name is set before the first byte; polling then sees the generated title replace it.
    const named = await waitFor(async () => {
      const c = await conversation(sim, sim.keys.chat, conversationId);
      return c && c['name'] !== 'How do I paginate co…' ? (c['name'] as string) : undefined;
    }, 'the auto-generated name');
    assert.equal(named, 'Paginate Conversations Service API');
  });

  test('the initial name, with auto_generate_name false, stays', async () => {
    const { conversationId } = await turn(sim, sim.keys.chat, 'A question that is definitely longer than twenty', { auto_generate_name: false });
    const c = await conversation(sim, sim.keys.chat, conversationId);
    assert.equal(c?.['name'], 'A question that is d…');
  });

  test('rename: a name, or auto_generate; blank name is a 400; manual rename bumps updated_at', async () => {
    const { conversationId } = await turn(newest, newest.keys.chat, 'tell me about tides');
    const path = `/conversations/${conversationId}/name`;
    const blank = await call(newest, 'POST', path, newest.keys.chat, { user: 'owner', name: '  ' });
    assert.equal(blank.status, 400);
    assert.match(blank.json()['message'] as string, /name is required when auto_generate is false/);
    const before = (await conversation(newest, newest.keys.chat, conversationId))?.['updated_at'] as number;
    const renamed = await call(newest, 'POST', path, newest.keys.chat, { user: 'owner', name: 'Tides' });
    assert.equal(renamed.status, 200);
    assert.deepEqual(Object.keys(renamed.json()), ['id', 'name', 'inputs', 'status', 'introduction', 'created_at', 'updated_at']);
    assert.equal(renamed.json()['name'], 'Tides');
    assert.ok((renamed.json()['updated_at'] as number) >= before);
    const auto = await call(newest, 'POST', path, newest.keys.chat, { user: 'owner', auto_generate: true });
    assert.equal(auto.json()['name'], 'Tides');
    const gone = await call(newest, 'POST', `/conversations/${UNKNOWN}/name`, newest.keys.chat, { user: 'owner', name: 'x' });
    assert.equal(gone.status, 404);
  });
});

describe('delete', () => {
  test('204 with no body; the conversation is gone afterwards', async () => {
    const { conversationId } = await turn(sim, sim.keys.chat, 'delete me');
    const r = await rawRequest(`${sim.baseUrl}/conversations/${conversationId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${sim.keys.chat}`, 'Content-Type': 'application/json' },
      body: '{"user": "owner"}',
    });
    assert.equal(r.status, 204);
    assert.equal(r.body.length, 0);
    assert.equal(await conversation(sim, sim.keys.chat, conversationId), undefined);
    const again = await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'owner', inputs: {}, query: 'x', conversation_id: conversationId });
    assert.equal(again.status, 404);
  });

  test('unknown id: 204 on 1.11.2, 404 on newest', async () => {
    assert.equal((await call(sim, 'DELETE', `/conversations/${UNKNOWN}`, sim.keys.chat, { user: 'owner' })).status, 204);
    assert.equal((await call(newest, 'DELETE', `/conversations/${UNKNOWN}`, newest.keys.chat, { user: 'owner' })).status, 404);
  });
});

describe('variables (chatflow)', () => {
  test('listed in creation order, values stringified, filter and cursor; update checks the type', async () => {
    const { conversationId } = await turn(sim, sim.keys.chatflow, 'hi', { inputs: CHATFLOW_INPUTS });
    const base = `/conversations/${conversationId}/variables`;
    const list = (await call(sim, 'GET', `${base}?user=owner`, sim.keys.chatflow)).json();
    const data = list['data'] as Array<Record<string, unknown>>;
    assert.deepEqual(data.map((v) => v['name']), ['topic', 'turns', 'preferences']);
    assert.equal(data[1]?.['value'], '1');
    assert.equal(data[2]?.['value'], "{'tone': 'Friendly', 'emoji': True}");
    const filtered = (await call(sim, 'GET', `${base}?user=owner&variable_name=TURN`, sim.keys.chatflow)).json()['data'] as unknown[];
    assert.equal(filtered.length, 1);
    const after = (await call(sim, 'GET', `${base}?user=owner&last_id=${String(data[0]?.['id'])}&limit=1`, sim.keys.chatflow)).json();
    assert.equal(after['has_more'], true);
    assert.equal((after['data'] as Array<Record<string, unknown>>)[0]?.['name'], 'turns');
    const badCursor = await call(sim, 'GET', `${base}?user=owner&last_id=${UNKNOWN}`, sim.keys.chatflow);
    assert.equal(badCursor.text, '{"code": "invalid_param", "message": "", "status": 400}\n');
    const mismatch = await call(sim, 'PUT', `${base}/${String(data[1]?.['id'])}`, sim.keys.chatflow, { user: 'owner', value: 'many' });
    assert.equal(mismatch.text, `{"code": "bad_request", "message": "Type mismatch: variable 'turns' expects number, but got string type", "status": 400}\n`);
    const ok = await call(sim, 'PUT', `${base}/${String(data[1]?.['id'])}`, sim.keys.chatflow, { user: 'owner', value: 7 });
    assert.equal(ok.json()['value'], '7');
  });

  test('seeded chatflow conversations have their variables; more can be seeded, and they page', async () => {
    const [id] = sim.seedConversations('chatflow', 'owner', 2, { ties: 0 });
    const base = `/conversations/${String(id)}/variables`;
    const first = (await call(sim, 'GET', `${base}?user=owner`, sim.keys.chatflow)).json();
    assert.deepEqual((first['data'] as Array<Record<string, unknown>>).map((v) => v['name']), ['topic', 'turns', 'preferences']);
    sim.seedVariables('chatflow', 'owner', String(id), 120);
    const page1 = (await call(sim, 'GET', `${base}?user=owner&limit=100`, sim.keys.chatflow)).json();
    const data = page1['data'] as Array<Record<string, unknown>>;
    assert.equal(data.length, 100);
    assert.equal(page1['has_more'], true);
    const page2 = (await call(sim, 'GET', `${base}?user=owner&limit=100&last_id=${String(data[99]?.['id'])}`, sim.keys.chatflow)).json();
    assert.equal((page2['data'] as unknown[]).length, 23);
    assert.equal(page2['has_more'], false);
    const [chatId] = sim.seedConversations('chat', 'owner', 1);
    const none = await call(sim, 'GET', `/conversations/${String(chatId)}/variables?user=owner`, sim.keys.chat);
    assert.deepEqual(none.json()['data'], [], 'a chat app\'s seeded conversation has none');
  });

  test('other chat modes have no variables', async () => {
    const { conversationId } = await turn(sim, sim.keys.chat, 'hi');
    const r = await call(sim, 'GET', `/conversations/${conversationId}/variables?user=owner`, sim.keys.chat);
    assert.deepEqual(r.json()['data'], []);
  });
});

describe('feedback and suggestions', () => {
  test('like, dislike, revoke; revoke without feedback is a 400; feedback shows in history and /app/feedbacks', async () => {
    const { conversationId, messageId } = await turn(sim, sim.keys.chat, 'rate me');
    const fb = (body: Record<string, unknown>) => call(sim, 'POST', `/messages/${messageId}/feedbacks`, sim.keys.chat, { user: 'owner', ...body });
    const revokeNone = await fb({ rating: null });
    assert.equal(revokeNone.text, '{"code": "invalid_param", "message": "rating cannot be None when feedback not exists", "status": 400}\n');
    assert.equal((await fb({ rating: 'like', content: 'nice' })).text, '{"result": "success"}\n');
    const hist = (await call(sim, 'GET', `/messages?user=owner&conversation_id=${conversationId}`, sim.keys.chat)).json();
    assert.deepEqual((hist['data'] as Array<Record<string, unknown>>)[0]?.['feedback'], { rating: 'like' });
    assert.equal((await fb({ rating: 'dislike' })).status, 200);
    const all = (await call(sim, 'GET', '/app/feedbacks', sim.keys.chat)).json()['data'] as Array<Record<string, unknown>>;
    const mine = all.find((f) => f['message_id'] === messageId);
    assert.equal(mine?.['rating'], 'dislike');
    assert.match(mine?.['created_at'] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    assert.equal((await fb({})).status, 200, 'omitted rating revokes');
    assert.equal((await fb({ rating: 'love' })).status, 400);
    const foreign = await call(sim, 'POST', `/messages/${messageId}/feedbacks`, sim.keys.chat, { user: 'intruder', rating: 'like' });
    assert.equal(foreign.status, 404);
  });

  test('suggested questions: 3 strings; disabled app is 400 bad_request on 1.11.2 and 403 on newest', async () => {
    const { messageId } = await turn(sim, sim.keys.chat, 'closures');
    const r = await call(sim, 'GET', `/messages/${messageId}/suggested?user=owner`, sim.keys.chat);
    assert.equal(r.json()['result'], 'success');
    assert.equal((r.json()['data'] as string[]).length, 3);
    const agentTurn = await call(sim, 'POST', '/chat-messages', sim.keys.agent, { user: 'owner', inputs: {}, query: 'hi', response_mode: 'streaming' });
    const agentMessage = /"message_id": "([0-9a-f-]{36})"/.exec(agentTurn.text)?.[1] as string;
    const disabled = await call(sim, 'GET', `/messages/${agentMessage}/suggested?user=owner`, sim.keys.agent);
    assert.equal(disabled.text, '{"code": "bad_request", "message": "Suggested Questions Is Disabled.", "status": 400}\n');
    const nAgent = await call(newest, 'POST', '/chat-messages', newest.keys.agent, { user: 'owner', inputs: {}, query: 'hi', response_mode: 'streaming' });
    const nMessage = /"message_id": "([0-9a-f-]{36})"/.exec(nAgent.text)?.[1] as string;
    const forbidden = await call(newest, 'GET', `/messages/${nMessage}/suggested?user=owner`, newest.keys.agent);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.json()['code'], 'app_suggested_questions_after_answer_disabled');
  });
});

describe('app info routes', () => {
  test('/info, /parameters, /meta, /site per app', async () => {
    const info = (await call(sim, 'GET', '/info', sim.keys.agent)).json();
    assert.deepEqual(Object.keys(info), ['name', 'description', 'tags', 'mode', 'author_name']);
    assert.equal(info['mode'], 'agent-chat');
    const params = (await call(sim, 'GET', '/parameters', sim.keys.chat)).json();
    assert.equal((params['suggested_questions_after_answer'] as Record<string, unknown>)['enabled'], true);
    assert.equal((params['retriever_resource'] as Record<string, unknown>)['enabled'], true);
    const form = params['user_input_form'] as Array<Record<string, Record<string, unknown>>>;
    assert.ok(form.every((f) => Object.values(f)[0]?.['required'] === false), 'the chat app has no required field');
    assert.ok(typeof params['opening_statement'] === 'string' && (params['suggested_questions'] as unknown[]).length > 0);
    const meta = (await call(sim, 'GET', '/meta', sim.keys.agent)).json();
    assert.ok('current_time' in (meta['tool_icons'] as Record<string, unknown>));
    const site = (await call(sim, 'GET', '/site', sim.keys.chatflow)).json();
    assert.equal(site['show_workflow_steps'], true);
  });
});

describe('uploads', () => {
  async function upload(parts: (form: FormData) => void) {
    const form = new FormData();
    parts(form);
    const r = await fetch(`${sim.baseUrl}/files/upload`, { method: 'POST', headers: { Authorization: `Bearer ${sim.keys.chat}` }, body: form });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  }

  test('201 with the file object; the source URL serves the bytes', async () => {
    const r = await upload((f) => {
      f.append('user', 'owner');
      f.append('file', new Blob(['# notes'], { type: 'text/markdown' }), 'notes.md');
    });
    assert.equal(r.status, 201);
    assert.deepEqual(Object.keys(r.body), ['id', 'name', 'size', 'extension', 'mime_type', 'created_by', 'created_at', 'preview_url', 'source_url']);
    assert.equal(r.body['extension'], 'md');
    const bytes = await rawRequest(r.body['source_url'] as string);
    assert.equal(bytes.body.toString(), '# notes');
  });

  test('errors: no file, too many files, blocked extension', async () => {
    assert.equal((await upload((f) => f.append('user', 'owner'))).body['code'], 'no_file_uploaded');
    const two = await upload((f) => {
      f.append('file', new Blob(['a'], { type: 'text/plain' }), 'a.txt');
      f.append('other', new Blob(['b'], { type: 'text/plain' }), 'b.txt');
    });
    assert.equal(two.body['code'], 'too_many_files');
    const exe = await upload((f) => f.append('file', new Blob(['MZ'], { type: 'application/octet-stream' }), 'tool.exe'));
    assert.equal(exe.status, 400);
    assert.equal(exe.body['message'], "File extension '.exe' is not allowed for security reasons");
  });
});
