// The §1.2 authentication table, checked over loopback, in Dify's order and before any body validation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DATASET_KEY, startDifySim } from './index';
import type { DifySim } from './index';
import { rawRequest } from './testUtil';

let sim: DifySim;
before(async () => {
  sim = await startDifySim();
});
after(() => sim.close());

/** POST /chat-messages with an invalid body: auth must answer before the body is even read. */
async function withAuth(authorization: string | undefined) {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain' };
  if (authorization !== undefined) headers['Authorization'] = authorization;
  const r = await rawRequest(`${sim.baseUrl}/chat-messages`, { method: 'POST', headers, body: 'not json' });
  return { ...r, text: r.body.toString('utf8') };
}

const envelope = (code: string, message: string, status: number) =>
  `{"code": "${code}", "message": "${message}", "status": ${status}}\n`;

describe('authentication (§1.2)', () => {
  const MISSING = envelope('unauthorized', "Authorization header must be provided and start with 'Bearer'", 401);
  const cases: Array<[string, () => string | undefined, number, string]> = [
    ['no Authorization header', () => undefined, 401, MISSING],
    ['a header with no space', () => `Bearer${sim.keys.chat}`, 401, MISSING],
    ['"Bearer " (HTTP strips the trailing space, so it arrives as "Bearer")', () => 'Bearer ', 401, MISSING],
    ['a non-bearer scheme', () => `Basic ${sim.keys.chat}`, 401, envelope('unauthorized', "Authorization scheme must be 'Bearer'", 401)],
    ['an unknown token', () => 'Bearer app-doesNotExist', 401, envelope('unauthorized', 'Access token is invalid', 401)],
    ['a dataset (knowledge) key', () => `Bearer ${DATASET_KEY}`, 401, envelope('unauthorized', 'Access token is invalid', 401)],
    ['a deleted app', () => `Bearer ${sim.keys.deleted}`, 403, envelope('forbidden', 'The app no longer exists.', 403)],
    ['an app with the API disabled', () => `Bearer ${sim.keys.disabled}`, 403, envelope('forbidden', "The app's API service has been disabled.", 403)],
    [
      'a token that is only whitespace Python splits on (NBSP): the unpack ValueError',
      () => 'Bearer \u00a0',
      400,
      envelope('invalid_param', 'not enough values to unpack (expected 2, got 1)', 400),
    ],
  ];
  for (const [name, header, status, body] of cases) {
    test(name, async () => {
      const r = await withAuth(header());
      assert.equal(r.status, status);
      assert.equal(r.text, body);
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(r.headers['www-authenticate'], status === 401 ? 'Bearer realm="api"' : undefined);
      assert.equal(r.headers['x-version'], '1.11.2');
      assert.equal(r.headers['x-env'], 'PRODUCTION');
    });
  }

  test('the scheme is case-insensitive and a valid key passes on to body validation (415 here)', async () => {
    const r = await withAuth(`bEaReR ${sim.keys.chat}`);
    assert.equal(r.status, 415);
    assert.match(r.text, /"code": "unsupported_media_type"/);
  });

  test('GET /v1/ needs no key', async () => {
    const r = await rawRequest(`${sim.baseUrl}/`);
    assert.equal(r.status, 200);
    assert.equal(r.body.toString(), '{"welcome": "Dify OpenAPI", "api_version": "v1", "server_version": "1.11.2"}\n');
  });

  test('the workflow app authenticates but is not a chat app', async () => {
    const r = await rawRequest(`${sim.baseUrl}/conversations?user=u`, { headers: { Authorization: `Bearer ${sim.keys.workflow}` } });
    assert.equal(r.status, 400);
    assert.equal(r.body.toString(), envelope('not_chat_app', 'Please check if your app mode matches the right API route.', 400));
    const info = await rawRequest(`${sim.baseUrl}/info`, { headers: { Authorization: `Bearer ${sim.keys.workflow}` } });
    assert.equal(JSON.parse(info.body.toString()).mode, 'workflow');
  });
});
