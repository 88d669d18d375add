import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expandTemplate, mergeTemplates, parseTemplateSetting, PLACEHOLDERS, TEMPLATE_LIMITS } from '../../../src/context/templates';
import type { Placeholder, PromptTemplate } from '../../../src/context/templates';

const builtIns: PromptTemplate[] = [
  { builtIn: 'explain', label: 'Explain', template: 'Explain this code.', source: 'builtIn' },
  { builtIn: 'findBugs', label: 'Find Bugs', template: 'Find bugs.', source: 'builtIn' },
  { builtIn: 'custom', label: 'Custom Question…', template: '${input}', source: 'builtIn' },
];
const values: Record<Placeholder, string> = { selection: 'SEL', languageId: 'ts', fileName: 'src/a.ts', lineRange: '3-4', input: 'why?' };

describe('template expansion', () => {
  test('every placeholder', () => {
    const r = expandTemplate('${input} in ${fileName} (${languageId}, lines ${lineRange}):\n${selection}', values);
    assert.deepEqual(r, { ok: true, text: 'why? in src/a.ts (ts, lines 3-4):\nSEL', usesSelection: true });
    assert.deepEqual([...PLACEHOLDERS].sort(), ['fileName', 'input', 'languageId', 'lineRange', 'selection']);
  });
  test('a template without ${selection} says so (the code then follows in the default layout)', () => {
    assert.deepEqual(expandTemplate('Explain ${fileName}.', values), { ok: true, text: 'Explain src/a.ts.', usesSelection: false });
  });
  test('unknown placeholders are an error, each named once, and nothing is expanded', () => {
    assert.deepEqual(expandTemplate('${selectoin} ${foo} ${selectoin} ${input}', values), { ok: false, unknown: ['selectoin', 'foo'] });
  });
  test('spaces inside the braces are allowed; an unterminated ${ is text', () => {
    assert.deepEqual(expandTemplate('${ input } and ${oops', values), { ok: true, text: 'why? and ${oops', usesSelection: false });
  });
  test('a value that looks like a placeholder is not expanded again', () => {
    assert.deepEqual(expandTemplate('${input}', { ...values, input: '${selection}' }), { ok: true, text: '${selection}', usesSelection: false });
  });
});

describe('templates from the settings', () => {
  test('usable entries are read; the others are reported with why', () => {
    const r = parseTemplateSetting(
      [{ label: ' Review ', template: 'Review it.' }, 'x', { label: '', template: 't' }, { label: 'No text', template: ' ' }, { label: 'x'.repeat(TEMPLATE_LIMITS.label + 1), template: 't' }],
      'user',
    );
    assert.deepEqual(r.templates, [{ label: 'Review', template: 'Review it.', source: 'user' }]);
    assert.deepEqual(r.problems.map((p) => [p.index, p.reason]), [[1, 'notAnObject'], [2, 'noLabel'], [3, 'noTemplate'], [4, 'labelTooLong']]);
  });
  test('a setting that is not a list gives nothing; past the count limit, one problem', () => {
    assert.deepEqual(parseTemplateSetting({ label: 'a' }, 'user'), { templates: [], problems: [] });
    const many = Array.from({ length: TEMPLATE_LIMITS.count + 3 }, (_, i) => ({ label: `t${i}`, template: 'x' }));
    const r = parseTemplateSetting(many, 'workspace');
    assert.equal(r.templates.length, TEMPLATE_LIMITS.count);
    assert.deepEqual(r.problems, [{ index: TEMPLATE_LIMITS.count, reason: 'tooMany' }]);
  });
  test("a template with a built-in's label replaces it in place (case-insensitive), keeping the built-in's id", () => {
    const merged = mergeTemplates(builtIns, [{ label: 'explain', template: 'Explain like I am five.', source: 'user' }], []);
    assert.deepEqual(merged.map((t) => [t.builtIn, t.label, t.template, t.source]), [
      ['explain', 'explain', 'Explain like I am five.', 'user'],
      ['findBugs', 'Find Bugs', 'Find bugs.', 'builtIn'],
      ['custom', 'Custom Question…', '${input}', 'builtIn'],
    ]);
  });
  test("the workspace's wins over the user's; new ones come before Custom Question…, which cannot be replaced", () => {
    const merged = mergeTemplates(
      builtIns,
      [{ label: 'Find Bugs', template: 'user bugs', source: 'user' }, { label: 'Review', template: 'r', source: 'user' }],
      [{ label: 'FIND BUGS', template: 'team bugs', source: 'workspace' }, { label: 'Custom Question…', template: 'no', source: 'workspace' }],
    );
    assert.deepEqual(merged.map((t) => t.template), ['Explain this code.', 'team bugs', 'r', '${input}']);
  });
});
