import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerAnnouncer, ANNOUNCE_INTERVAL_MS, ANNOUNCE_MAX_CHARS, speakable } from '../../../webview/announce';

describe('AnswerAnnouncer (polite live region)', () => {
  test('token-by-token progress is announced at most once per interval, the rest on completion', () => {
    let now = 0;
    const said: string[] = [];
    const a = new AnswerAnnouncer((t) => said.push(t), () => now);
    a.start('t1');
    let text = '';
    for (let i = 0; i < 1000; i++) {
      text += i % 10 === 0 ? `w${i} ` : '.';
      now += 10; // 1,000 tokens over 10 s
      a.progress('t1', text);
    }
    assert.ok(said.length <= 10_000 / ANNOUNCE_INTERVAL_MS, `said ${said.length} times`);
    assert.ok(said.every((s) => s.length <= ANNOUNCE_MAX_CHARS + 1));
    assert.ok(said.length >= 1);
    a.finish('t1', text, 'Answer complete.');
    const all = said.join(' ');
    assert.ok(all.endsWith('Answer complete.'));
    assert.ok(all.includes('w990'), 'the end of the answer is announced');
  });

  test('updates for another turn are ignored', () => {
    const said: string[] = [];
    const a = new AnswerAnnouncer((t) => said.push(t), () => 1e9);
    a.start('t1');
    a.progress('t2', 'x');
    a.finish('t2', 'x', 'done');
    assert.deepEqual(said, []);
  });

  test('speakable strips markdown punctuation', () => {
    assert.equal(speakable('# Title\n\n**bold** and `code` [link](https://x)\n```ts\nconst a = 1;\n```'), 'Title bold and code link const a = 1;');
  });
});
