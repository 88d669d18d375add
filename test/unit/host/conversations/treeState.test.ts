import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { failureState, loadedState } from '../../../../src/host/conversations/treeState';
import { DifyError } from '../../../../src/dify/errors';
import type { DifyErrorKind } from '../../../../src/dify/errors';

function err(kind: DifyErrorKind): DifyError {
  return new DifyError({ kind, problem: { id: 'http.notFound', target: 'conversationList' } });
}

describe('the Conversations view state (viewsWelcome)', () => {
  test('Dify unreachable, a rejected key, a refused app, a certificate, anything else', () => {
    assert.equal(failureState(err('network')), 'unreachable');
    assert.equal(failureState(err('timeout')), 'unreachable');
    assert.equal(failureState(err('tls')), 'tls');
    assert.equal(failureState(err('auth')), 'rejected');
    assert.equal(failureState(err('forbidden')), 'forbidden');
    for (const kind of ['server', 'notDify', 'badRequest', 'rateLimited', 'notFound'] as const) assert.equal(failureState(err(kind)), 'failed', kind);
    assert.equal(failureState(new Error('a bug')), 'failed');
  });

  test('loaded: rows or none', () => {
    assert.equal(loadedState(0), 'empty');
    assert.equal(loadedState(3), 'ready');
  });

  test('every state has a welcome in package.json (and the welcomes name only states that exist)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { viewsWelcome: Array<{ view: string; when: string; contents: string }> };
    };
    // The manifest names its words (`%key%`); the English ones are in package.nls.json.
    const nls = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.nls.json'), 'utf8')) as Record<string, string>;
    const english = (s: string): string => nls[/^%(.+)%$/.exec(s)?.[1] ?? ''] ?? s;
    const welcomes = manifest.contributes.viewsWelcome.filter((w) => w.view === 'dify.conversations').map((w) => ({ ...w, contents: english(w.contents) }));
    const named = welcomes.flatMap((w) => /dify\.conversations\.state == (\w+)/.exec(w.when)?.slice(1) ?? []);
    assert.deepEqual(named.sort(), ['empty', 'failed', 'forbidden', 'rejected', 'tls', 'unreachable']);
    for (const w of welcomes.filter((x) => /state == (?!empty)/.test(x.when))) {
      assert.match(w.contents, /\[Retry\]\(command:dify\.conversations\.refresh\)/, `${w.when} offers Retry`);
      assert.match(w.contents.split('\n')[0] ?? '', /^[A-Z][^\n]*\.$/, `${w.when}: the reason in one sentence`);
    }
    assert.ok(welcomes.some((w) => w.when === '!dify.hasApiKey'), 'the no-key welcome is still there');
  });
});
