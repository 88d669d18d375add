import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, diagnoseError, suggestApiUrl } from '../../../src/dify/diagnose';
import type { DiagnoseTarget, Diagnosis } from '../../../src/dify/diagnose';
import { DifyError } from '../../../src/dify/errors';
import type { DifyErrorInit } from '../../../src/dify/errors';
import type { Problem } from '../../../src/dify/problems';
import type { AppInfo, ServerInfo } from '../../../src/dify/types';
import { say } from '../host/messages/english';

const BASE = 'http://127.0.0.1:5001/v1';
const SERVER: ServerInfo = { welcome: 'Dify OpenAPI', apiVersion: 'v1', serverVersion: '1.11.2' };
const app = (mode: string, name = 'Helper'): AppInfo => ({ name, description: '', tags: [], mode, authorName: 'me' });
/** What the client reported; the diagnosis words the failure its own way, so any problem will do. */
const CLIENT_PROBLEM: Problem = { id: 'net.failed', host: '127.0.0.1:5001' };
const err = (init: Partial<DifyErrorInit> & Pick<DifyErrorInit, 'kind'>) => new DifyError({ problem: CLIENT_PROBLEM, ...init });

function target(over: Partial<DiagnoseTarget> = {}): DiagnoseTarget {
  return {
    baseUrl: BASE,
    timeoutSeconds: 120,
    root: async () => SERVER,
    info: async () => app('advanced-chat'),
    ...over,
  };
}
function mapped(e: unknown, baseUrl = BASE, step: 'root' | 'info' = 'root'): Diagnosis {
  return diagnoseError(e, { baseUrl, timeoutSeconds: 120 }, step);
}
function oneSentence(d: Diagnosis): void {
  assert.doesNotMatch(say(d.problem), /\n/);
  assert.match(say(d.problem), /[.)]$/);
}

describe('diagnose: success and partial success', () => {
  test('reports server version, app name and mode', async () => {
    const d = await diagnose(target());
    assert.equal(d.ok, true);
    assert.equal(d.kind, 'ok');
    assert.equal(d.serverVersion, '1.11.2');
    assert.deepEqual(d.app, { name: 'Helper', mode: 'advanced-chat' });
    assert.match(say(d.problem), /"Helper" \(Chatflow\) on Dify 1\.11\.2 at 127\.0\.0\.1:5001/);
  });
  for (const mode of ['chat', 'agent-chat', 'advanced-chat']) {
    test(`${mode} is a chat app`, async () => assert.equal((await diagnose(target({ info: async () => app(mode) }))).ok, true));
  }
  for (const [mode, name] of [['workflow', 'Workflow'], ['completion', 'Text Generator']] as const) {
    test(`${mode} is not a chat app`, async () => {
      const d = await diagnose(target({ info: async () => app(mode, 'Batch') }));
      assert.equal(d.ok, false);
      assert.equal(d.kind, 'notChatApp');
      assert.match(say(d.problem), new RegExp(`"Batch" is a ${name} app`));
      assert.match(say(d.problem), /Chatbot, Agent or Chatflow/);
      oneSentence(d);
    });
  }
  test('without a key: server reachable, asks for the key, never calls info', async () => {
    const d = await diagnose({ baseUrl: BASE, timeoutSeconds: 5, root: async () => SERVER });
    assert.equal(d.kind, 'noKey');
    assert.equal(d.ok, false);
    assert.equal(d.serverVersion, '1.11.2');
    assert.match(say(d.problem), /Set API Key/);
  });
  test('a root failure stops before info (the key is not sent to a server that is not Dify)', async () => {
    let infoCalls = 0;
    const d = await diagnose(
      target({
        root: async () => {
          throw err({ kind: 'notDify', status: 200 });
        },
        info: async () => {
          infoCalls++;
          return app('chat');
        },
      }),
    );
    assert.equal(d.kind, 'notApi');
    assert.equal(infoCalls, 0);
  });
  test('an info failure keeps the server version', async () => {
    const d = await diagnose(
      target({
        info: async () => {
          throw err({ kind: 'auth', status: 401 });
        },
      }),
    );
    assert.equal(d.kind, 'keyRejected');
    assert.equal(d.serverVersion, '1.11.2');
  });
  test('a suggested base URL is confirmed with a probe when one is given', async () => {
    const probed: string[] = [];
    const d = await diagnose({
      baseUrl: 'http://127.0.0.1:5001',
      timeoutSeconds: 5,
      root: async () => {
        throw err({ kind: 'notDify', status: 200 });
      },
      probeRoot: async (url) => {
        probed.push(url);
        return SERVER;
      },
    });
    assert.deepEqual(probed, ['http://127.0.0.1:5001/v1']);
    assert.equal(d.suggestedBaseUrl, 'http://127.0.0.1:5001/v1');
    assert.match(say(d.problem), /answers there/);
  });
  test('a failing probe leaves the suggestion without the confirmation', async () => {
    const d = await diagnose({
      baseUrl: 'http://127.0.0.1:5001',
      timeoutSeconds: 5,
      root: async () => {
        throw err({ kind: 'notDify', status: 200 });
      },
      probeRoot: async () => {
        throw err({ kind: 'notDify', status: 200 });
      },
    });
    assert.equal(d.suggestedBaseUrl, 'http://127.0.0.1:5001/v1');
    assert.doesNotMatch(say(d.problem), /answers there/);
  });
});

describe('diagnoseError: one sentence per failure', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['refused', err({ kind: 'network', causeCode: 'ECONNREFUSED' }), 'unreachable', /^Nothing is listening at 127\.0\.0\.1:5001\. Start Dify \(e\.g\. docker compose up -d\) or fix the base URL\.$/],
    ['dns', err({ kind: 'network', causeCode: 'ENOTFOUND' }), 'dns', /"127\.0\.0\.1" could not be found \(DNS\)/],
    ['dns again', err({ kind: 'network', causeCode: 'EAI_AGAIN' }), 'dns', /DNS/],
    ['no route', err({ kind: 'network', causeCode: 'EHOSTUNREACH' }), 'unreachable', /no network route/],
    ['connect timeout', err({ kind: 'network', causeCode: 'ETIMEDOUT' }), 'unreachable', /timed out; check the host and port/],
    ['reset', err({ kind: 'network', causeCode: 'ECONNRESET' }), 'unreachable', /closed the connection.*http:\/\/ versus https:\/\//],
    ['other network', err({ kind: 'network', causeCode: 'EWHATEVER' }), 'unreachable', /\(EWHATEVER\)/],
    ['self-signed', err({ kind: 'tls', causeCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls', /self-signed or from an unknown authority.*NODE_EXTRA_CA_CERTS.*http:\/\/ on a private network/],
    ['unknown CA', err({ kind: 'tls', causeCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'tls', /unknown authority/],
    ['chain', err({ kind: 'tls', causeCode: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'tls', /OS trust store/],
    ['expired', err({ kind: 'tls', causeCode: 'CERT_HAS_EXPIRED' }), 'tls', /expired/],
    ['name mismatch', err({ kind: 'tls', causeCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'tls', /not issued for "127\.0\.0\.1"/],
    ['https to http port', err({ kind: 'tls', causeCode: 'ERR_SSL_WRONG_VERSION_NUMBER' }), 'tls', /does not speak https/],
    ['other tls', err({ kind: 'tls', causeCode: 'ERR_X' }), 'tls', /\(ERR_X\)/],
    ['timeout', err({ kind: 'timeout' }), 'timeout', /^The server at 127\.0\.0\.1:5001 accepted the connection but did not answer within 120 s; a local model may still be loading, so try again\.$/],
    ['connect timeout (undici)', err({ kind: 'timeout', causeCode: 'UND_ERR_CONNECT_TIMEOUT' }), 'unreachable', /^Connecting to 127\.0\.0\.1:5001 timed out/],
    ['first-byte timeout', err({ kind: 'timeout', causeCode: 'CONNECT_TIMEOUT' }), 'timeout', /accepted the connection but did not answer within 120 s/],
    ['idle timeout', err({ kind: 'timeout', causeCode: 'IDLE_TIMEOUT' }), 'timeout', /a local model may still be loading/],
    ['proxy 502', err({ kind: 'notDify', status: 502 }), 'proxy', /proxy answered instead of Dify \(an HTTP 502 page/],
    ['proxy 503', err({ kind: 'notDify', status: 503 }), 'proxy', /HTTP 503/],
    ['proxy 504', err({ kind: 'notDify', status: 504 }), 'proxy', /HTTP 504/],
    ['html at /v1', err({ kind: 'notDify', status: 200 }), 'notApi', /answered with a web page \(HTTP 200\) instead of Dify's API/],
    ['too large', err({ kind: 'tooLarge', status: 200 }), 'notApi', /web page/],
    ['404 at /v1', err({ kind: 'notFound', status: 404 }), 'notApi', /no Dify API at http:\/\/127\.0\.0\.1:5001\/v1 \(404\); check the base URL/],
    ['401', err({ kind: 'auth', status: 401 }), 'keyRejected', /rejected the API key \(401\).*Set API Key/],
    ['403', err({ kind: 'forbidden', status: 403, serverMessage: "The app's API service has been disabled." }), 'appUnavailable', /403: The app's API service has been disabled\./],
    ['429', err({ kind: 'rateLimited', status: 429, retryAfterSeconds: 7 }), 'rateLimited', /wait 7 s/],
    ['500', err({ kind: 'server', status: 500, serverMessage: 'Internal Server Error' }), 'serverError', /HTTP 500: Internal Server Error.*docker compose logs api/],
    ['400', err({ kind: 'badRequest', status: 400, code: 'app_unavailable' }), 'badRequest', /app_unavailable/],
    ['aborted', err({ kind: 'aborted' }), 'cancelled', /cancelled/],
    ['cut', err({ kind: 'interrupted' }), 'unknown', /cut off/],
    ['not a DifyError', new TypeError('boom'), 'unknown', /unexpectedly \(TypeError\)/],
  ];
  for (const [name, e, kind, pattern] of cases) {
    test(`${name} -> ${kind}`, () => {
      const d = mapped(e);
      assert.equal(d.kind, kind);
      assert.equal(d.ok, false);
      assert.match(say(d.problem), pattern);
      oneSentence(d);
    });
  }
  test('HTML from a base URL without /v1: the console, with the corrected URL', () => {
    const d = mapped(err({ kind: 'notDify', status: 200 }), 'http://localhost');
    assert.equal(d.kind, 'notApi');
    assert.equal(d.suggestedBaseUrl, 'http://localhost/v1');
    assert.match(say(d.problem), /^http:\/\/localhost is Dify's web console, not its API; use http:\/\/localhost\/v1 as the base URL\.$/);
  });
  test('HTML from a console page URL: the API at the same origin', () => {
    const d = mapped(err({ kind: 'notDify', status: 200 }), 'https://dify.example.com/app/1234/develop');
    assert.equal(d.suggestedBaseUrl, 'https://dify.example.com/v1');
  });
  test('404 from a base URL without /v1 suggests /v1', () => {
    const d = mapped(err({ kind: 'notFound', status: 404 }), 'http://localhost:8080/dify');
    assert.equal(d.suggestedBaseUrl, 'http://localhost:8080/dify/v1');
  });
  test('a proxy page is a proxy even without /v1 in the URL', () => {
    assert.equal(mapped(err({ kind: 'notDify', status: 502 }), 'http://localhost').kind, 'proxy');
  });
  test('the status and cause code are kept for the log', () => {
    const d = mapped(err({ kind: 'tls', causeCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
    assert.equal(d.causeCode, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(mapped(err({ kind: 'auth', status: 401 }), BASE, 'info').status, 401);
  });
  test('a DifyError from another realm (by shape) is still recognised', () => {
    const foreign = Object.assign(new Error('x'), { name: 'DifyError', kind: 'network', causeCode: 'ECONNREFUSED' });
    assert.equal(mapped(foreign).kind, 'unreachable');
  });
});

describe('suggestApiUrl', () => {
  test('no suggestion when the URL already ends in /v1', () => assert.equal(suggestApiUrl('http://localhost/v1'), undefined));
  test('appends /v1 to a bare origin or sub-path', () => {
    assert.equal(suggestApiUrl('http://localhost'), 'http://localhost/v1');
    assert.equal(suggestApiUrl('http://localhost/dify/'), 'http://localhost/dify/v1');
  });
  test('console routes map to the origin', () => {
    for (const p of ['/apps', '/app/abc/overview', '/signin', '/explore/apps', '/datasets']) {
      assert.equal(suggestApiUrl(`https://d.example${p}`), 'https://d.example/v1', p);
    }
  });
  test('unparsable -> undefined', () => assert.equal(suggestApiUrl('::'), undefined));
});
