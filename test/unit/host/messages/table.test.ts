// The messages table: every problem id has a sentence, each sentence is today's text word for word (cases.ts),
// and each is one whole template (so a translator can reorder it) with every placeholder filled.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../../../../src/dify/problems';
import { sentence, SENTENCES } from '../../../../src/host/messages/table';
import type { Translate } from '../../../../src/host/messages/translate';
import { CASES } from './cases';
import { english, say } from './english';

/** A translation that marks every template it is asked for, to see how a sentence was put together. */
const marking: Translate = (message, ...args) => `⟦${english(message, ...args)}⟧`;

describe('messages table', () => {
  test('every problem id has a sentence and at least one case here', () => {
    const ids = Object.keys(SENTENCES).sort();
    const covered = [...new Set(CASES.map(([p]) => p.id))].sort();
    assert.deepEqual(covered, ids);
    assert.ok(ids.length > 90, `${ids.length} ids`);
  });

  for (const [problem, expected] of CASES) {
    test(`${problem.id}: ${expected.slice(0, 60)}…`, () => {
      assert.equal(say(problem), expected);
    });
  }

  test('every sentence is one whole template: nothing glued around it, and no placeholder left', () => {
    for (const [problem] of CASES) {
      const marked = sentence(problem, marking);
      assert.ok(marked.startsWith('⟦') && marked.endsWith('⟧'), marked);
      // The outer template closes only at the very end: the rest are nouns, sizes or a nested sentence inside it.
      let depth = 0;
      for (let i = 0; i < marked.length; i++) {
        if (marked[i] === '⟦') depth++;
        else if (marked[i] === '⟧') depth--;
        assert.ok(depth > 0 || i === marked.length - 1, `closed early at ${i}: ${marked}`);
      }
      assert.doesNotMatch(say(problem), /\{\d+\}/);
    }
  });

  test('each sentence is one line that ends like a sentence (some open with a host name, in lower case)', () => {
    for (const [problem] of CASES) {
      const s = say(problem);
      assert.doesNotMatch(s, /\n/);
      assert.match(s, /[.?)]$/, s);
    }
  });

  test('data goes in as given: a translation sees the template and the facts apart', () => {
    const seen: Array<[string, unknown[]]> = [];
    const recording: Translate = (message, ...args) => {
      seen.push([message, args]);
      return english(message, ...args);
    };
    const p: Problem = { id: 'http.notFound', target: 'conversation', detail: 'Conversation Not Exists.' };
    assert.equal(sentence(p, recording), 'Dify could not find the conversation (404: Conversation Not Exists); it may have been deleted, so refresh and try again.');
    assert.deepEqual(seen, [
      ['the conversation', []],
      ['Dify could not find {0} (404: {1}); it may have been deleted, so refresh and try again.', ['the conversation', 'Conversation Not Exists']],
    ]);
  });

  test('the English t fills placeholders once, as VS Code does (an argument holding "{1}" stays as it is)', () => {
    assert.equal(english('{0} and {1}', '{1}', 'b'), '{1} and b');
    assert.equal(english('{0} of {2}', 'a'), 'a of {2}');
    assert.equal(english('no args {0}'), 'no args {0}');
  });
});
