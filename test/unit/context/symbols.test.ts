import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { enclosingSymbol, lensTargets } from '../../../src/context/symbols';
import type { SymbolNode } from '../../../src/context/symbols';

const sym = (name: string, kind: string, startLine: number, endLine: number, children: SymbolNode[] = [], startCharacter = 0): SymbolNode => ({
  name,
  kind,
  range: { startLine, startCharacter, endLine, endCharacter: 1 },
  selectionRange: { startLine, startCharacter: startCharacter + 6, endLine: startLine, endCharacter: startCharacter + 6 + name.length },
  children,
});

// class Outer (0-30) { ctor (1-3), method a (5-9) { nested function (6-8) }, class Inner (11-20) { method b (12-15) },
// one-liner (22-22), property (24-24) }; function top (32-40); const x = 1 (42); namespace N (44-60) { function f (45-50) }
const tree: SymbolNode[] = [
  sym('Outer', 'class', 0, 30, [
    sym('constructor', 'constructor', 1, 3),
    sym('a', 'method', 5, 9, [sym('nested', 'function', 6, 8)]),
    sym('Inner', 'class', 11, 20, [sym('b', 'method', 12, 15)]),
    sym('oneLiner', 'method', 22, 22),
    sym('prop', 'property', 24, 24),
  ]),
  sym('top', 'function', 32, 40),
  sym('x', 'constant', 42, 42),
  sym('N', 'namespace', 44, 60, [sym('f', 'function', 45, 50)]),
];

describe('code lens targets', () => {
  test('top-level code symbols and their direct children, multi-line only, in line order', () => {
    assert.deepEqual(lensTargets(tree).map((s) => s.name), ['Outer', 'constructor', 'a', 'Inner', 'top', 'f']);
  });
  test('grandchildren (a nested function, an inner class method) get none', () => {
    const names = lensTargets(tree).map((s) => s.name);
    assert.ok(!names.includes('nested') && !names.includes('b'));
  });
  test('one per line: two symbols starting on one line give one lens', () => {
    const sameLine = [sym('first', 'function', 3, 9, [], 0), sym('second', 'function', 3, 5, [], 20)];
    assert.deepEqual(lensTargets(sameLine).map((s) => s.name), ['first']);
  });
  test('no symbols, no lenses', () => {
    assert.deepEqual(lensTargets([]), []);
    assert.deepEqual(lensTargets([sym('x', 'variable', 0, 10)]), []);
  });
});

describe('the symbol under the cursor', () => {
  const at = (line: number) => ({ startLine: line, startCharacter: 2, endLine: line, endCharacter: 2 });
  test('the innermost function, method or class', () => {
    assert.equal(enclosingSymbol(tree, at(7))?.name, 'nested');
    assert.equal(enclosingSymbol(tree, at(13))?.name, 'b');
    assert.equal(enclosingSymbol(tree, at(18))?.name, 'Inner');
    assert.equal(enclosingSymbol(tree, at(26))?.name, 'Outer');
  });
  test('through containers that are not code symbols; none outside every symbol', () => {
    assert.equal(enclosingSymbol(tree, at(47))?.name, 'f');
    assert.equal(enclosingSymbol(tree, at(55)), undefined);
    assert.equal(enclosingSymbol(tree, at(41)), undefined);
  });
  test('a selection inside a symbol picks it; one that spans two siblings picks their parent', () => {
    assert.equal(enclosingSymbol(tree, { startLine: 6, startCharacter: 0, endLine: 7, endCharacter: 0 })?.name, 'nested');
    assert.equal(enclosingSymbol(tree, { startLine: 2, startCharacter: 0, endLine: 6, endCharacter: 0 })?.name, 'Outer');
  });
});
