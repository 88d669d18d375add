import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Lexer } from 'marked';
import { lex } from '../../../../webview/render/blockHtml';

describe('lex()', () => {
  test('leaves nothing of the text it lexed in marked\'s shared tokenizer', () => {
    // The tokenizer every lexer shares, caught while lex() uses it.
    const tokenizers = new Set<{ lexer: unknown }>();
    const blockTokens = Object.getOwnPropertyDescriptor(Lexer.prototype, 'blockTokens')?.value as (this: Lexer, ...a: unknown[]) => unknown;
    Lexer.prototype.blockTokens = function (this: Lexer, ...args: unknown[]) {
      tokenizers.add((this as unknown as { tokenizer: { lexer: unknown } }).tokenizer);
      return blockTokens.apply(this, args);
    } as typeof Lexer.prototype.blockTokens;
    try {
      const tokens = lex('# A heading\n\n- one **two**\n- three\n\n```ts\nconst x = 1;\n```\n');
      assert.deepEqual(tokens.filter((t) => t.type !== 'space').map((t) => t.type), ['heading', 'list', 'code']);
    } finally {
      Lexer.prototype.blockTokens = blockTokens as typeof Lexer.prototype.blockTokens;
    }
    assert.equal(tokenizers.size, 1);
    for (const t of tokenizers) assert.equal(t.lexer, undefined, 'the tokenizer still points at the last lexer (and its tokens)');
  });
});
