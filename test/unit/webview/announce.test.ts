import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerAnnouncer, ANNOUNCE_INTERVAL_MS, ANNOUNCE_MAX_CHARS, speakable, unwrapLinks } from '../../../webview/announce';

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

describe('speakable: hostile 64 KB inputs in linear time', () => {
  const SIZE = 64 * 1024;
  const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
  const fastest = (work: () => void): number => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      work();
      best = Math.min(best, performance.now() - t);
    }
    return best;
  };
  // Plain text takes a fraction of a millisecond: compare with a floor of 1 ms so timer resolution cannot fail a
  // linear scan. Before the scans were linear, each of these took 3 to 11 s.
  const plain = Math.max(1, fastest(() => speakable(fill('The quick brown fox jumps over the lazy dog. '))));
  const inputs: Record<string, string> = {
    '`[` repeated (link unwrapping)': fill('['),
    '`[](` repeated': fill('[]('),
    'blank lines (list-marker stripping)': fill('\n'),
    'indented blank lines': fill(' \n'),
    'heading markers': fill('# \n'),
  };
  for (const [name, text] of Object.entries(inputs)) {
    test(name, () => {
      const took = fastest(() => speakable(text));
      assert.ok(took / plain <= 5, `speakable took ${took.toFixed(1)} ms, ${(took / plain).toFixed(1)}x plain text (at most 5x)`);
    });
  }
});

describe('unwrapLinks', () => {
  test('is what the `[text](target)` → `text` regex gave', () => {
    const re = (s: string): string => s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    for (const s of ['[a](b)', 'x [a](b) y [c](d)', '[a[b](c)', '[a] (b)', '[a](b', '[a]](b)', '[[a](b)](c)', '[](x)', 'a)b[c](d)e', '[a](b)[c]', '](x)[y](z']) {
      assert.equal(unwrapLinks(s), re(s), s);
    }
  });
});
