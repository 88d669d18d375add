// Error envelopes and response bodies, byte for byte (§1.3-§1.6, §2).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDifySim } from './index';
import type { DifySim } from './index';
import { call, rawRequest } from './testUtil';

let sim: DifySim;
let debugSim: DifySim;
before(async () => {
  sim = await startDifySim();
  debugSim = await startDifySim({ flaskDebug: true });
});
after(async () => {
  await sim.close();
  await debugSim.close();
});

const GENERIC_400 = '{"code": "bad_request", "message": "The browser (or proxy) sent a request that this server could not understand.", "status": 400}\n';
const UNSUPPORTED =
  '{"code": "unsupported_media_type", "message": "Did not attempt to load JSON data because the request Content-Type was not \'application/json\'.", "status": 415}\n';

describe('JSON bodies and the user argument', () => {
  test('415 without a JSON content type, on POST and on DELETE', async () => {
    const post = await call(sim, 'POST', '/chat-messages', sim.keys.chat, '{"user": "u"}', { 'Content-Type': 'text/plain' });
    assert.equal(post.status, 415);
    assert.equal(post.text, UNSUPPORTED);
    const del = await rawRequest(`${sim.baseUrl}/conversations/8c1b2a4e-1111-4a2b-9c3d-0123456789ab`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${sim.keys.chat}` },
    });
    assert.equal(del.status, 415);
    assert.equal(del.body.toString(), UNSUPPORTED);
  });

  test('application/*+json counts as JSON', async () => {
    const r = await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'u', inputs: {}, query: 'hi' }, { 'Content-Type': 'application/vnd.api+json' });
    assert.equal(r.status, 200);
  });

  test('empty or invalid JSON: 400 bad_request (generic text, as non-debug Flask sends)', async () => {
    for (const body of ['', '{"user": ', 'nope']) {
      const r = await call(sim, 'POST', '/chat-messages', sim.keys.chat, body);
      assert.equal(r.status, 400, body);
      assert.equal(r.text, GENERIC_400);
    }
  });

  test('with flaskDebug the decoder error is reported (orjson text)', async () => {
    const empty = await call(debugSim, 'POST', '/chat-messages', debugSim.keys.chat, '');
    assert.equal(
      empty.text,
      '{"code": "bad_request", "message": "Failed to decode JSON object: Input is a zero-length, empty document: line 1 column 1 (char 0)", "status": 400}\n',
    );
    const cut = await call(debugSim, 'POST', '/chat-messages', debugSim.keys.chat, '{"user": ');
    assert.equal(cut.json()['message'], 'Failed to decode JSON object: unexpected end of data: line 1 column 10 (char 9)');
  });

  test('a JSON body that is not an object is a 500 (AttributeError on .get)', async () => {
    const r = await call(sim, 'POST', '/chat-messages', sim.keys.chat, '[1, 2]');
    assert.equal(r.status, 500);
    assert.equal(r.text, '{"message": "Internal Server Error", "code": "unknown", "status": 500}\n');
  });

  test('user is required on chat-messages (body), suggested (query); optional on conversations', async () => {
    const noUser = '{"code": "invalid_param", "message": "Arg user must be provided.", "status": 400}\n';
    assert.equal((await call(sim, 'POST', '/chat-messages', sim.keys.chat, { inputs: {}, query: 'hi' })).text, noUser);
    assert.equal((await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: '', inputs: {}, query: 'hi' })).text, noUser);
    const sugg = await call(sim, 'GET', '/messages/8c1b2a4e-1111-4a2b-9c3d-0123456789ab/suggested', sim.keys.chat);
    assert.equal(sugg.text, noUser);
    const list = await call(sim, 'GET', '/conversations', sim.keys.chat);
    assert.equal(list.status, 200);
  });

  test('pydantic errors become invalid_param with the multi-line text', async () => {
    const r = await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'u', inputs: {}, query: 'hi', response_mode: 'fast' });
    assert.equal(r.status, 400);
    assert.equal(
      r.json()['message'],
      "1 validation error for ChatRequestPayload\nresponse_mode\n  Input should be 'blocking' or 'streaming' [type=literal_error, input_value='fast', input_type=str]\n    For further information visit https://errors.pydantic.dev/2.11/v/literal_error",
    );
    const bad = await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'u', inputs: {}, query: 'hi', conversation_id: 'abc' });
    assert.match(bad.json()['message'] as string, /Value error, conversation_id must be a valid UUID/);
  });

  test('empty query: 400 "query is required"; agent rejects blocking mode', async () => {
    assert.equal((await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'u', inputs: {}, query: '' })).json()['message'], 'query is required');
    const agent = await call(sim, 'POST', '/chat-messages', sim.keys.agent, { user: 'u', inputs: {}, query: 'hi' });
    assert.equal(agent.text, '{"code": "invalid_param", "message": "Agent Chat App does not support blocking mode", "status": 400}\n');
  });

  test('chatflow inputs are validated on every turn', async () => {
    const r = await call(sim, 'POST', '/chat-messages', sim.keys.chatflow, { user: 'u', inputs: {}, query: 'hi', response_mode: 'streaming' });
    assert.equal(r.text, '{"code": "invalid_param", "message": "topic is required in input form", "status": 400}\n');
    const sel = await call(sim, 'POST', '/chat-messages', sim.keys.chatflow, { user: 'u', inputs: { topic: 't', tone: 'Loud' }, query: 'hi' });
    assert.equal(sel.json()['message'], "tone in input form must be one of the following: ['Friendly', 'Formal', 'Playful']");
  });
});

describe('routing', () => {
  test('a non-UUID id is a plain Werkzeug HTML 404 (not the JSON envelope)', async () => {
    const r = await rawRequest(`${sim.baseUrl}/conversations/not-a-uuid/name`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sim.keys.chat}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(r.status, 404);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(
      r.body.toString(),
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
    );
  });

  test('a known path with another method is a 405 envelope with Allow', async () => {
    const r = await call(sim, 'GET', '/chat-messages', sim.keys.chat);
    assert.equal(r.status, 405);
    assert.equal(r.text, '{"code": "method_not_allowed", "message": "The method is not allowed for the requested URL.", "status": 405}\n');
    assert.equal(r.headers['allow'], 'OPTIONS, POST');
  });

  test('404s raised inside a route carry the Flask-RESTX "did you mean" help', async () => {
    const r = await call(sim, 'GET', '/messages?user=u&conversation_id=8c1b2a4e-1111-4a2b-9c3d-0123456789ab', sim.keys.chat);
    assert.equal(r.status, 404);
    assert.equal(r.json()['code'], 'not_found');
    assert.match(r.json()['message'] as string, /^Conversation Not Exists\. You have requested this URI \[\/v1\/messages\] but did you mean \/v1\/messages or .* \?$/);
  });

  test('"/v1" redirects to "/v1/"', async () => {
    const r = await rawRequest(`${sim.origin}/v1`);
    assert.equal(r.status, 308);
    assert.match(String(r.headers['location']), /\/v1\/$/);
  });
});

describe('success bodies', () => {
  test('blocking chat: spaced json.dumps, no trailing newline, application/json; charset=utf-8', async () => {
    const r = await call(sim, 'POST', '/chat-messages', sim.keys.chat, { user: 'u', inputs: {}, query: 'hello 中文' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.ok(!r.text.endsWith('\n'));
    assert.ok(r.text.startsWith('{"event": "message", "task_id": "'));
    assert.match(r.text, /\\u4f60\\u597d/);
    const body = r.json();
    assert.deepEqual(Object.keys(body), ['event', 'task_id', 'id', 'message_id', 'conversation_id', 'mode', 'answer', 'metadata', 'created_at']);
    assert.equal(body['id'], body['message_id']);
    assert.equal(body['mode'], 'chat');
    assert.ok(Number.isInteger(body['created_at']));
    const usage = (body['metadata'] as Record<string, Record<string, unknown>>)['usage'] as Record<string, unknown>;
    assert.equal(typeof usage['total_price'], 'string');
    assert.match(usage['total_price'] as string, /^\d+\.\d{7}$/);
  });

  test('regular JSON routes end with a newline and have no charset', async () => {
    const r = await call(sim, 'GET', '/parameters', sim.keys.chatflow);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.ok(r.text.endsWith('}\n'));
    const form = r.json()['user_input_form'] as Array<Record<string, Record<string, unknown>>>;
    assert.deepEqual(form.map((f) => Object.keys(f)[0]), ['text-input', 'paragraph', 'select', 'number']);
    assert.equal(form[0]?.['text-input']?.['required'], true);
  });
});
