import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GlobalStore } from '../../../../src/host/globalStore';
import { SecretOriginBinding } from '../../../../src/host/connection/originBinding';
import type { StoredKeys } from '../../../../src/host/connection/originBinding';
import { INSECURE_ORIGINS_STATE_KEY, OriginConsent, SEND_ANYWAY, SEND_KEY } from '../../../../src/host/connection/originConsent';
import type { Profile } from '../../../../src/host/connection/profileModel';
import type { StoredKey } from '../../../../src/host/connection/storedKey';
import { decodeStoredKey, encodeStoredKey } from '../../../../src/host/connection/storedKey';
import type { Prompter } from '../../../../src/host/prompts';
import { FakeMemento } from '../fakeMemento';
import { english } from '../messages/english';

const profile: Profile = { id: 'p1', name: 'Reviewer', baseUrl: 'https://a.example/v1', implicit: false };

/** Answers modal questions from a queue (or with a promise the test resolves) and records them. */
class Questions {
  readonly asked: string[] = [];
  answers: Array<string | undefined | Promise<string | undefined>> = [];
  readonly prompter = {
    confirm: async (message: string): Promise<string | undefined> => {
      this.asked.push(message);
      return this.answers.shift();
    },
  } as unknown as Prompter;
}

/** SecretStorage as the key store sees it: the raw values, read and written through the stored-key format. */
class FakeSecrets implements StoredKeys {
  readonly raw = new Map<string, string>();
  async readStored(profileId: string): Promise<StoredKey | undefined> {
    return decodeStoredKey(this.raw.get(profileId));
  }
  async writeStored(profileId: string, stored: StoredKey): Promise<void> {
    this.raw.set(profileId, encodeStoredKey(stored));
  }
}

function setup(): { memento: FakeMemento; questions: Questions; consent: OriginConsent; binding: SecretOriginBinding; secrets: FakeSecrets } {
  const memento = new FakeMemento();
  const store = new GlobalStore(memento);
  const questions = new Questions();
  const secrets = new FakeSecrets();
  // Every profile of these tests has a key; the binding is what they are about.
  for (const id of ['p1', 'p2']) secrets.raw.set(id, encodeStoredKey({ key: `app-key-of-${id}` }));
  const binding = new SecretOriginBinding(secrets);
  return { memento, questions, consent: new OriginConsent(binding, store, questions.prompter, english), binding, secrets };
}

describe('OriginConsent: the origin a key is bound to', () => {
  test('the bound origin: sent without a question', async () => {
    const { consent, binding, questions } = setup();
    await binding.bind('p1', 'https://a.example');
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', true), true);
    assert.deepEqual(questions.asked, []);
  });

  test('another origin: asked, and once accepted the key is bound there', async () => {
    const { consent, binding, questions, memento, secrets } = setup();
    await binding.bind('p1', 'https://a.example');
    questions.answers = [SEND_KEY];
    assert.equal(await consent.consentToSend(profile, 'https://b.example/v1', true), true);
    assert.equal(questions.asked.length, 1);
    assert.match(questions.asked[0] ?? '', /^The API key of "Reviewer" was entered for https:\/\/a\.example\. Send it to https:\/\/b\.example\?$/);
    assert.equal(await binding.boundOrigin('p1'), 'https://b.example');
    assert.deepEqual(JSON.parse(secrets.raw.get('p1') ?? ''), { version: 1, key: 'app-key-of-p1', origin: 'https://b.example' }, 'kept in the secret, with the same key');
    assert.deepEqual([...memento.values.keys()], [], 'nothing of it in global state');
    assert.equal(await consent.consentToSend(profile, 'https://b.example/v1', true), true);
    assert.equal(questions.asked.length, 1, 'not asked again');
  });

  test('another origin, declined: not sent, the binding stays', async () => {
    const { consent, binding, questions } = setup();
    await binding.bind('p1', 'https://a.example');
    questions.answers = [undefined];
    assert.equal(await consent.consentToSend(profile, 'https://b.example/v1', true), false);
    assert.equal(await binding.boundOrigin('p1'), 'https://a.example');
  });

  test('not interactive: nothing is asked and the key is not sent', async () => {
    const { consent, binding, questions } = setup();
    await binding.bind('p1', 'https://a.example');
    assert.equal(await consent.consentToSend(profile, 'https://b.example/v1', false), false);
    assert.deepEqual(questions.asked, []);
  });

  test('two callers at once see one question, and both get its answer', async () => {
    const { consent, binding, questions } = setup();
    await binding.bind('p1', 'https://a.example');
    let answer!: (choice: string | undefined) => void;
    questions.answers = [new Promise((resolve) => (answer = resolve))];
    const first = consent.consentToSend(profile, 'https://b.example/v1', true);
    const second = consent.consentToSend(profile, 'https://b.example/v1', true);
    answer(SEND_KEY);
    assert.deepEqual(await Promise.all([first, second]), [true, true]);
    assert.equal(questions.asked.length, 1, 'the second caller waited for the first answer instead of asking again');
  });

  test('a key with no recorded origin needs a yes: a quiet check neither sends it nor binds it', async () => {
    const { consent, binding, questions } = setup();
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', false), false);
    assert.equal(await binding.boundOrigin('p1'), undefined);
    assert.deepEqual(questions.asked, []);
  });

  test('a key with no recorded origin, asked: yes binds it there, and it is not asked about again', async () => {
    const { consent, binding, questions } = setup();
    questions.answers = [SEND_KEY];
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', true), true);
    assert.deepEqual(questions.asked, ['The API key of "Reviewer" has no record of the server it was entered for. Send it to https://a.example?']);
    assert.equal(await binding.boundOrigin('p1'), 'https://a.example');
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', false), true, 'bound now: even a quiet check may send it');
    assert.equal(questions.asked.length, 1);
  });

  test('a key with no recorded origin, declined: not sent, still unbound, asked again next time', async () => {
    const { consent, binding, questions } = setup();
    questions.answers = [undefined, SEND_KEY];
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', true), false);
    assert.equal(await binding.boundOrigin('p1'), undefined);
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', true), true);
    assert.equal(questions.asked.length, 2);
  });

  test('a key stored as a bare string (before origins were kept with it) is read as unbound, asked about once, then rewritten with its origin', async () => {
    const { consent, binding, questions, secrets } = setup();
    secrets.raw.set('p1', 'app-legacy-bare-key');
    assert.equal(await binding.boundOrigin('p1'), undefined);
    questions.answers = [SEND_KEY];
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', true), true);
    assert.equal(secrets.raw.get('p1'), '{"version":1,"key":"app-legacy-bare-key","origin":"https://a.example"}');
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', true), true);
    assert.equal(questions.asked.length, 1, 'asked once');
  });

  test('a base URL without an origin is never sent to', async () => {
    const { consent } = setup();
    assert.equal(await consent.consentToSend(profile, 'not a url', true), false);
  });

  test('a cleared key takes its binding with it, and leaves the other profiles bound', async () => {
    const { binding, secrets } = setup();
    await binding.bind('p1', 'https://a.example');
    await binding.bind('p2', 'https://c.example');
    secrets.raw.delete('p1');
    assert.equal(await binding.boundOrigin('p1'), undefined);
    assert.equal(await binding.boundOrigin('p2'), 'https://c.example');
    await binding.bind('p1', 'https://a.example');
    assert.equal(secrets.raw.has('p1'), false, 'no key, nothing to bind');
  });
});

describe('OriginConsent: plain http', () => {
  const publicHttp: Profile = { ...profile, baseUrl: 'http://dify.example.invalid/v1' };

  /** Keys bound to where they are used: the questions left are about plain http. */
  async function bound(...pairs: Array<[string, string]>): Promise<ReturnType<typeof setup>> {
    const s = setup();
    for (const [id, origin] of pairs) {
      s.secrets.raw.set(id, encodeStoredKey({ key: `app-key-of-${id}` }));
      await s.binding.bind(id, origin);
    }
    return s;
  }

  test('to a public host: asked once, then remembered for that origin', async () => {
    const { consent, questions, memento } = await bound(['p1', 'http://dify.example.invalid']);
    questions.answers = [SEND_ANYWAY];
    assert.equal(await consent.consentToSend(publicHttp, publicHttp.baseUrl, true), true);
    assert.match(questions.asked[0] ?? '', /^http:\/\/dify\.example\.invalid uses plain http: the API key would cross the network unencrypted\.$/);
    assert.deepEqual(memento.get(INSECURE_ORIGINS_STATE_KEY), ['http://dify.example.invalid']);
    assert.equal(await consent.consentToSend(publicHttp, publicHttp.baseUrl, false), true, 'accepted: even a quiet check may send it');
    assert.equal(questions.asked.length, 1);
  });

  test('to a public host, declined or not interactive: not sent, nothing remembered', async () => {
    const { consent, questions, memento } = await bound(['p1', 'http://dify.example.invalid']);
    questions.answers = [undefined];
    assert.equal(await consent.consentToSend(publicHttp, publicHttp.baseUrl, true), false);
    assert.equal(await consent.allowInsecure('http://dify.example.invalid', false), false);
    assert.equal(questions.asked.length, 1);
    assert.equal(memento.get(INSECURE_ORIGINS_STATE_KEY), undefined);
  });

  test('to a loopback or private host: no question', async () => {
    const urls = ['http://localhost/v1', 'http://127.0.0.1:5001/v1', 'http://192.168.1.20/v1'];
    const { consent, questions } = await bound(...urls.map((u): [string, string] => [u, new URL(u).origin]));
    for (const baseUrl of urls) {
      assert.equal(await consent.consentToSend({ ...profile, id: baseUrl, baseUrl }, baseUrl, false), true, baseUrl);
    }
    assert.deepEqual(questions.asked, []);
  });

  test('a synced list of another shape does not break the check', async () => {
    const { consent, memento, questions } = setup();
    memento.put(INSECURE_ORIGINS_STATE_KEY, 'http://dify.example.invalid');
    assert.equal(await consent.allowInsecure('http://dify.example.invalid', false), false);
    questions.answers = [SEND_ANYWAY];
    assert.equal(await consent.allowInsecure('http://dify.example.invalid', true), true);
    assert.deepEqual(memento.get(INSECURE_ORIGINS_STATE_KEY), ['http://dify.example.invalid']);
  });
});
