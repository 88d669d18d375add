// The busy spinner must cost the main thread nothing while it turns: a local model can take a minute to answer,
// and in a browser workbench the webview shares the workbench's renderer. The toolkit's progress ring animated
// `stroke-dasharray` (main-thread paint, every frame: measured 516 ms of main-thread CPU per second of waiting);
// this one animates `transform` alone, in steps, and stands still under prefers-reduced-motion.
import { document, frames } from './dom';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyAnswer } from '../../../src/shared/answer';
import { baseState, mount } from './appFixture';

const css = readFileSync(join(__dirname, '..', '..', '..', 'webview', 'styles.css'), 'utf8');

/** The body of the first rule whose selector list is exactly `selector`, or of an at-rule block. */
function block(source: string, head: string): string {
  const at = source.indexOf(`${head} {`);
  assert.ok(at >= 0, `no "${head}" block in styles.css`);
  let depth = 0;
  for (let i = source.indexOf('{', at); i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(source.indexOf('{', at) + 1, i);
  }
  throw new Error(`unclosed "${head}"`);
}

// The waiting answer starts its clock (setInterval): mocked, so no real timer outlives the test file.
beforeEach(() => mock.timers.enable({ apis: ['setInterval'] }));
afterEach(() => mock.timers.reset());

describe('webview: the busy spinner', () => {
  test('a waiting answer shows the spinner (no toolkit progress ring), hidden from screen readers', () => {
    const { send, root } = mount();
    send({ type: 'state', state: baseState({ turns: [{ id: 'w', question: 'hello?', answer: emptyAnswer(), feedback: null, suggestions: [] }] }) });
    frames.drain();
    const spinner = root.querySelector('.turn[data-turn-id="w"] .answer-status .spinner');
    assert.ok(spinner, 'the waiting answer shows a spinner');
    assert.equal(spinner.getAttribute('aria-hidden'), 'true');
    assert.equal(root.querySelector('vscode-progress-ring'), null, 'no toolkit progress ring');
    assert.equal(document.querySelector('vscode-progress-ring'), null);
  });

  test('its animation changes transform only, in steps, and stops under prefers-reduced-motion', () => {
    const rule = block(css, '.spinner');
    const animation = /animation:\s*([\w-]+)\s+([^;]+);/.exec(rule);
    assert.ok(animation, 'the spinner is animated');
    assert.match(animation[2] ?? '', /steps\(\d+\)/, 'in steps, not at the display rate');
    const keyframes = block(css, `@keyframes ${animation[1] ?? ''}`);
    const properties = [...keyframes.matchAll(/([\w-]+)\s*:/g)].map((m) => m[1]);
    assert.ok(properties.length > 0);
    assert.deepEqual([...new Set(properties)], ['transform'], `keyframes animate ${properties.join(', ')}`);
    const reduced = block(css, '@media (prefers-reduced-motion: reduce)');
    assert.match(block(reduced, '.spinner'), /animation:\s*none/);
  });
});
