import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adaptBlock, eolOf, indentOf, minimalEdit, proposeReplacement, sameCode } from '../../../src/context/apply';

const DOC = ['class Cart {', '  total(): number {', '    return 0;', '  }', '}', ''].join('\n');

describe('a code block put back where the question came from', () => {
  test('the document’s line endings and the target’s indentation', () => {
    assert.equal(eolOf('a\r\nb'), '\r\n');
    assert.equal(eolOf('a\nb\r\n'), '\n');
    assert.equal(eolOf('one line'), '\n');
    assert.equal(indentOf('\n\n    x\n  y'), '    ');
    assert.equal(adaptBlock('total() {\n  return 1;\n}', '  ', '\r\n'), '  total() {\r\n    return 1;\r\n  }');
    assert.equal(adaptBlock('\t\tif (a) {\n\t\t\tb();\n\n\t\t}', '\t', '\n'), '\tif (a) {\n\t\tb();\n\n\t}');
  });
  test('whole lines: the block replaces them, re-indented, and the line after stays on its own line', () => {
    const start = DOC.indexOf('  total');
    const end = DOC.indexOf('}\n', DOC.indexOf('    return')) + 2;
    const out = proposeReplacement(DOC, start, end, 'total(): number {\n  return this.items.length;\n}');
    assert.equal(out, ['class Cart {', '  total(): number {', '    return this.items.length;', '  }', '}', ''].join('\n'));
  });
  test('CRLF documents stay CRLF', () => {
    const crlf = DOC.replace(/\n/g, '\r\n');
    const start = crlf.indexOf('    return');
    const end = crlf.indexOf('\r\n', start) + 2;
    const out = proposeReplacement(crlf, start, end, 'return 1;\nreturn 2;');
    assert.equal(out, ['class Cart {', '  total(): number {', '    return 1;', '    return 2;', '  }', '}', ''].join('\r\n'));
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
  });
  test('mid-line: the block follows the text before it on that line', () => {
    const doc = 'const x = 1 + 2;\n';
    const start = doc.indexOf('1 + 2');
    const out = proposeReplacement(doc, start, start + 5, '3');
    assert.equal(out, 'const x = 3;\n');
  });
  test('an empty target (insert at the cursor) takes the line’s indentation for later lines', () => {
    const doc = 'function f() {\n  \n}\n';
    const at = doc.indexOf('  \n') + 2;
    assert.equal(proposeReplacement(doc, at, at, 'a();\nb();'), 'function f() {\n  a();\n  b();\n}\n');
  });
  test('the one edit from the current document to the accepted one', () => {
    assert.deepEqual(minimalEdit('abcXYZdef', 'abc12def'), { start: 3, end: 6, text: '12' });
    assert.deepEqual(minimalEdit('same', 'same'), { start: 4, end: 4, text: '' });
    assert.deepEqual(minimalEdit('aaa', 'aaaa'), { start: 3, end: 3, text: 'a' });
    const current = 'x\r\ny\r\n';
    const e = minimalEdit(current, 'x\r\nz\r\n');
    assert.equal(current.slice(0, e.start) + e.text + current.slice(e.end), 'x\r\nz\r\n');
  });
  test('stale detection ignores line endings only', () => {
    assert.equal(sameCode('a\r\nb', 'a\nb'), true);
    assert.equal(sameCode('a\nb ', 'a\nb'), false);
  });
});
