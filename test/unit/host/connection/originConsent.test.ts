import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GlobalStore } from '../../../../src/host/globalStore';
import { KEY_ORIGINS_STATE_KEY, StateOriginBinding } from '../../../../src/host/connection/originBinding';
import { INSECURE_ORIGINS_STATE_KEY, OriginConsent, SEND_ANYWAY, SEND_KEY } from '../../../../src/host/connection/originConsent';
import type { Profile } from '../../../../src/host/connection/profileModel';
import type { Prompter } from '../../../../src/host/prompts';
import { FakeMemento } from '../fakeMemento';

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

function setup(): { memento: FakeMemento; questions: Questions; consent: OriginConsent; binding: StateOriginBinding } {
  const memento = new FakeMemento();
  const store = new GlobalStore(memento);
  const questions = new Questions();
  const binding = new StateOriginBinding(store);
  return { memento, questions, consent: new OriginConsent(binding, store, questions.prompter), binding };
}

describe('OriginConsent: the origin a key is bound to', () => {
  test('the bound origin: sent without a question', async () => {
    const { consent, binding, questions } = setup();
    await binding.bind('p1', 'https://a.example');
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', true), true);
    assert.deepEqual(questions.asked, []);
  });

  test('another origin: asked, and once accepted the key is bound there', async () => {
    const { consent, binding, questions, memento } = setup();
    await binding.bind('p1', 'https://a.example');
    questions.answers = [SEND_KEY];
    assert.equal(await consent.consentToSend(profile, 'https://b.example/v1', true), true);
    assert.equal(questions.asked.length, 1);
    assert.match(questions.asked[0] ?? '', /^The API key of "Reviewer" was entered for https:\/\/a\.example\. Send it to https:\/\/b\.example\?$/);
    assert.equal(await binding.boundOrigin('p1'), 'https://b.example');
    assert.deepEqual(memento.get(KEY_ORIGINS_STATE_KEY), { p1: 'https://b.example' });
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

  test('a key with no recorded origin is bound to where it is used now (today; hardening will ask)', async () => {
    const { consent, binding, questions } = setup();
    assert.equal(await consent.consentToSend(profile, 'https://a.example/v1', false), true);
    assert.equal(await binding.boundOrigin('p1'), 'https://a.example');
    assert.deepEqual(questions.asked, []);
  });

  test('a base URL without an origin is never sent to', async () => {
    const { consent } = setup();
    assert.equal(await consent.consentToSend(profile, 'not a url', true), false);
  });

  test('forgetting the binding leaves the other profiles bound', async () => {
    const { binding } = setup();
    await binding.bind('p1', 'https://a.example');
    await binding.bind('p2', 'https://c.example');
    await binding.forget('p1');
    assert.equal(await binding.boundOrigin('p1'), undefined);
    assert.equal(await binding.boundOrigin('p2'), 'https://c.example');
  });
});

describe('OriginConsent: plain http', () => {
  const publicHttp: Profile = { ...profile, baseUrl: 'http://dify.example.invalid/v1' };

  test('to a public host: asked once, then remembered for that origin', async () => {
    const { consent, questions, memento } = setup();
    questions.answers = [SEND_ANYWAY];
    assert.equal(await consent.consentToSend(publicHttp, publicHttp.baseUrl, true), true);
    assert.match(questions.asked[0] ?? '', /^http:\/\/dify\.example\.invalid uses plain http: the API key would cross the network unencrypted\.$/);
    assert.deepEqual(memento.get(INSECURE_ORIGINS_STATE_KEY), ['http://dify.example.invalid']);
    assert.equal(await consent.consentToSend(publicHttp, publicHttp.baseUrl, false), true, 'accepted: even a quiet check may send it');
    assert.equal(questions.asked.length, 1);
  });

  test('to a public host, declined or not interactive: not sent, nothing remembered', async () => {
    const { consent, questions, memento } = setup();
    questions.answers = [undefined];
    assert.equal(await consent.consentToSend(publicHttp, publicHttp.baseUrl, true), false);
    assert.equal(await consent.allowInsecure('http://dify.example.invalid', false), false);
    assert.equal(questions.asked.length, 1);
    assert.equal(memento.get(INSECURE_ORIGINS_STATE_KEY), undefined);
  });

  test('to a loopback or private host: no question', async () => {
    const { consent, questions } = setup();
    for (const baseUrl of ['http://localhost/v1', 'http://127.0.0.1:5001/v1', 'http://192.168.1.20/v1']) {
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
