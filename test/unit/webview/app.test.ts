import { document, frames } from './dom';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Turn } from '../../../src/shared/chatState';
import { emptyAnswer, RESTORED_ANSWER_CODE } from '../../../src/shared/answer';
import { baseState, doneTurn, key, mount, type } from './appFixture';
import { ReadAloudView } from '../../../webview/components/readAloud';

beforeEach(() => frames.drain());

describe('webview App', () => {
  test('welcome: app name, opening statement (markdown), clickable suggestions that send', () => {
    const { send, q, root, posted } = mount();
    send({ type: 'state', state: baseState() });
    assert.equal(q('.app-name').textContent, 'Helper');
    assert.equal(q('.opening-statement strong').textContent, 'there');
    const chip = q('[aria-label="What is Dify?"]');
    chip.click();
    assert.deepEqual(posted.at(-1), { type: 'send', text: 'What is Dify?', inputs: {} });
    assert.ok(root.querySelector('[aria-label="New chat"]'));
  });

  test('no key: the welcome offers Set API key, which posts setKey', () => {
    const { send, q, posted } = mount();
    send({ type: 'state', state: baseState({ connection: { status: 'noKey', profileName: 'Work' } }) });
    q('[aria-label="Set API key"]').click();
    assert.deepEqual(posted.at(-1), { type: 'setKey' });
  });

  test('Enter sends, Shift+Enter does not, Enter during IME composition does not; the draft is persisted', () => {
    const { send, q, posted, saved } = mount();
    send({ type: 'state', state: baseState() });
    const box = q<HTMLTextAreaElement>('textarea[aria-label="Message Dify"]');
    type(box, '你好');
    assert.equal(saved()?.draft, '你好', 'the draft survives a reload');
    box.dispatchEvent(new CompositionEvent('compositionstart'));
    const during = key(box, { key: 'Enter', isComposing: true, keyCode: 229 });
    assert.equal(during.defaultPrevented, false);
    box.dispatchEvent(new CompositionEvent('compositionend'));
    key(box, { key: 'Enter', isComposing: false, keyCode: 229 }); // Safari order, same tick
    key(box, { key: 'Enter', shiftKey: true });
    assert.equal(posted.filter((m) => m.type === 'send').length, 0);
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        const e = key(box, { key: 'Enter', keyCode: 13 });
        assert.equal(e.defaultPrevented, true);
        assert.deepEqual(posted.filter((m) => m.type === 'send'), [{ type: 'send', text: '你好', inputs: {} }]);
        assert.equal(box.value, '');
        assert.deepEqual(saved(), { draft: '', history: ['你好'] });
        resolve();
      }, 0);
    });
  });

  test('the message box is in a form of its own (autofill looks no further), which never submits', () => {
    const { send, q, posted } = mount();
    send({ type: 'state', state: baseState() });
    const box = q<HTMLTextAreaElement>('textarea[aria-label="Message Dify"]');
    const form = box.closest('form')!;
    assert.ok(form.classList.contains('composer'), 'the composer is the form around the box');
    assert.equal(form.querySelectorAll('textarea, input').length, 1, 'the box is the only field in it');
    const submit = new Event('submit', { cancelable: true });
    form.dispatchEvent(submit);
    assert.equal(submit.defaultPrevented, true, 'a submit (a toolkit button in the form) goes nowhere');
    assert.equal(posted.filter((m) => m.type === 'send').length, 0);
  });

  test('while busy, Stop replaces Send and Enter does not send (the draft stays)', () => {
    const { send, q, posted } = mount();
    send({ type: 'state', state: baseState({ busy: true }) });
    assert.equal(q('[aria-label="Send"]').hidden, true);
    assert.equal(q('[aria-label="Stop"]').hidden, false);
    const box = q<HTMLTextAreaElement>('textarea');
    type(box, 'next question');
    key(box, { key: 'Enter', keyCode: 13 });
    assert.equal(posted.filter((m) => m.type === 'send').length, 0);
    assert.equal(box.value, 'next question');
    q('[aria-label="Stop"]').click();
    assert.deepEqual(posted.at(-1), { type: 'stop' });
    send({ type: 'busy', busy: false });
    assert.equal(q('[aria-label="Send"]').hidden, false);
  });

  test('required inputs are enforced before sending; values are sent with the question', () => {
    const { send, q, posted, root } = mount();
    const form = [
      { type: 'text-input' as const, label: 'Topic', variable: 'topic', required: true },
      { type: 'number' as const, label: 'Count', variable: 'count', required: false, default: 3 },
    ];
    send({ type: 'state', state: baseState({ app: { ...baseState().app!, inputForm: form } }) });
    const box = q<HTMLTextAreaElement>('textarea');
    type(box, 'go');
    key(box, { key: 'Enter', keyCode: 13 });
    assert.equal(posted.filter((m) => m.type === 'send').length, 0);
    assert.equal(q('.input-error').textContent, 'Fill in Topic before sending.');
    assert.equal(box.value, 'go', 'the question stays');
    const fields = root.querySelectorAll<HTMLElement & { value: string }>('vscode-text-field');
    fields[0]!.value = 'Rust';
    key(box, { key: 'Enter', keyCode: 13 });
    assert.deepEqual(posted.filter((m) => m.type === 'send'), [{ type: 'send', text: 'go', inputs: { topic: 'Rust', count: 3 } }]);
  });

  test('streaming: one DOM update per frame however many updates arrive; finished turns are not touched', () => {
    const { send, root } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', 'First answer'), doneTurn('b', 'Second answer')] }) });
    frames.drain();
    const oldArticles = [...root.querySelectorAll('.turn[data-turn-id="a"] *, .turn[data-turn-id="b"] *')];
    const oldHtml = root.querySelector('.turn[data-turn-id="a"]')!.innerHTML;
    const turn: Turn = { id: 'c', question: 'stream please', answer: emptyAnswer(), feedback: null, suggestions: [] };
    send({ type: 'turnAdded', turn });
    send({ type: 'busy', busy: true });
    frames.drain();
    for (let i = 0; i < 500; i++) send({ type: 'turnUpdate', turnId: 'c', patch: i === 0 ? { status: 'streaming' } : {}, append: `w${i} ` });
    // 500 updates queued at most one app frame plus one renderer frame.
    assert.ok(frames.pending <= 2, `pending frames: ${frames.pending}`);
    frames.drain();
    const streaming = root.querySelector('.turn[data-turn-id="c"] .answer-text')!;
    assert.match(streaming.textContent ?? '', /w0 .*w499/s);
    assert.equal(root.querySelector('.turn[data-turn-id="c"] article.answer')!.getAttribute('aria-busy'), 'true');
    // The finished turns kept every node.
    const now = [...root.querySelectorAll('.turn[data-turn-id="a"] *, .turn[data-turn-id="b"] *')];
    assert.equal(now.length, oldArticles.length);
    assert.ok(now.every((n, i) => n === oldArticles[i]));
    assert.equal(root.querySelector('.turn[data-turn-id="a"]')!.innerHTML, oldHtml);
    assert.ok(root.querySelector('.turn[data-turn-id="a"]')!.classList.contains('finished'));
    assert.ok(!root.querySelector('.turn[data-turn-id="c"]')!.classList.contains('finished'));
    send({ type: 'turnUpdate', turnId: 'c', patch: { status: 'done', messageId: 'm-c', usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3, latency: 1.5, totalPrice: '0.002', currency: 'USD' } } });
    frames.drain();
    assert.equal(root.querySelector('.turn[data-turn-id="c"] article.answer')!.getAttribute('aria-busy'), 'false');
    assert.equal(root.querySelector('.turn[data-turn-id="c"] .usage-footer')!.textContent, '3 tokens · 1.50 s · 0.002 USD');
  });

  test('each question and answer is an article with its label', () => {
    const { send, root } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', 'x')] }) });
    assert.deepEqual([...root.querySelectorAll('article')].map((a) => a.getAttribute('aria-label')), ['Question', 'Answer']);
  });

  test('failed: one sentence and Retry, which posts retry with the turn id', () => {
    const { send, root, posted } = mount();
    const failed: Turn = { id: 'f', question: 'q', answer: { ...emptyAnswer(), status: 'failed', error: { kind: 'network', message: 'Could not reach Dify.' } }, feedback: null, suggestions: [] };
    send({ type: 'state', state: baseState({ turns: [failed] }) });
    const box = root.querySelector<HTMLElement>('.answer-error')!;
    assert.equal(box.hidden, false);
    assert.equal(box.querySelector('.error-text')!.textContent, 'Could not reach Dify.');
    box.querySelector<HTMLElement>('[aria-label="Retry"]')!.click();
    assert.deepEqual(posted.at(-1), { type: 'retry', turnId: 'f' });
  });

  test('a finished answer makes no Retry, Refresh or Read Aloud buttons until one is needed (long histories have hundreds)', () => {
    const { send, root, posted } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', 'Answer text', { messageId: 'm1' })] }) });
    const answer = root.querySelector<HTMLElement>('article.answer')!;
    assert.equal(answer.querySelectorAll('[aria-label="Retry"], [aria-label="Refresh"], [aria-label="Read aloud"], [aria-label="Stop reading"]').length, 0);
    assert.equal(answer.querySelector<HTMLElement>('.answer-error')!.hidden, true);
    assert.equal(answer.querySelector<HTMLElement>('.read-aloud-box')!.hidden, true);
    // The app reads aloud: the button appears and asks the host; a failure says so, with Retry.
    const speaking = baseState({ turns: [doneTurn('a', 'Answer text', { messageId: 'm1' })] });
    speaking.app!.speech = { enabled: true, autoPlay: false };
    send({ type: 'state', state: speaking });
    const read = root.querySelector<HTMLElement>('[aria-label="Read aloud"]')!;
    assert.equal(root.querySelector<HTMLElement>('.read-aloud-box')!.hidden, false);
    read.click();
    assert.deepEqual(posted.at(-1), { type: 'readAloud', turnId: 'a' });
    send({ type: 'audio', turnId: 'a', error: 'Dify returned no speech.' });
    assert.equal(root.querySelector('.read-aloud-status')!.textContent, 'Dify returned no speech.');
    const retry = root.querySelector<HTMLElement>('.read-aloud-box [aria-label="Retry"]')!;
    assert.equal(retry.hidden, false);
    assert.equal(root.querySelectorAll('[aria-label="Stop reading"]').length, 0, 'Stop only once speech plays');
  });

  test('speech that plays before Read Aloud is first shown (auto-play): Stop shows, not Read; after it, Read', () => {
    const view = new ReadAloudView(() => undefined, () => undefined);
    view.playing(true);
    view.show(true);
    const read = view.el.querySelector<HTMLElement>('[aria-label="Read aloud"]')!;
    const stop = view.el.querySelector<HTMLElement>('[aria-label="Stop reading"]')!;
    assert.deepEqual([read.hidden, stop.hidden], [true, false]);
    view.playing(false);
    assert.deepEqual([read.hidden, stop.hidden], [false, true]);
    assert.deepEqual([...view.el.children].map((c) => c.getAttribute('aria-label') ?? c.className), ['Read aloud', 'Stop reading', 'read-aloud-status']);
  });

  test('an answer restored after a restart offers Refresh, not Retry; a failure after it keeps one box', () => {
    const { send, root } = mount();
    const restored: Turn = { id: 'r', question: 'q', answer: { ...emptyAnswer(), status: 'interrupted', text: 'part', error: { kind: 'interrupted', code: RESTORED_ANSWER_CODE, message: 'The window closed before this answer finished.' } }, feedback: null, suggestions: [] };
    send({ type: 'state', state: baseState({ turns: [restored] }) });
    const box = root.querySelector<HTMLElement>('.answer-error')!;
    assert.equal(box.querySelector<HTMLElement>('[aria-label="Refresh"]')!.hidden, false);
    assert.equal(box.querySelector<HTMLElement>('[aria-label="Retry"]')!.hidden, true);
    send({ type: 'turnUpdate', turnId: 'r', patch: { status: 'failed', error: { kind: 'network', message: 'Could not reach Dify.' } } });
    frames.drain();
    assert.equal(box.querySelectorAll('.error-text').length, 1);
    assert.equal(box.querySelector('.error-text')!.textContent, 'Could not reach Dify.');
    assert.equal(box.querySelector<HTMLElement>('[aria-label="Retry"]')!.hidden, false);
    assert.equal(box.querySelector<HTMLElement>('[aria-label="Refresh"]')!.hidden, true);
  });

  test('Like toggles; clicking the active rating again revokes it (null); Copy posts the answer text', () => {
    const { send, root, posted } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', 'Answer text')] }) });
    const like = root.querySelector<HTMLElement>('[aria-label="Like"]')!;
    like.click();
    assert.deepEqual(posted.at(-1), { type: 'feedback', turnId: 'a', rating: 'like' });
    send({ type: 'turnMeta', turnId: 'a', feedback: 'like' });
    assert.equal(like.getAttribute('aria-pressed'), 'true');
    like.click();
    assert.deepEqual(posted.at(-1), { type: 'feedback', turnId: 'a', rating: null });
    root.querySelector<HTMLElement>('.answer-actions [aria-label="Copy"]')!.click();
    assert.deepEqual(posted.at(-1), { type: 'copy', text: 'Answer text' });
  });

  test('code block buttons and links are handled by delegation; unsafe links are never posted', () => {
    const { send, root, posted } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', 'See [docs](https://dify.ai/docs).\n\n```ts\nconst a = 1;\n```\n')] }) });
    frames.drain();
    const block = root.querySelector('.code-block')!;
    block.querySelector<HTMLElement>('[data-code-action="insert"]')!.click();
    const code = block.querySelector('pre code')!.textContent ?? '';
    assert.equal(code.trim(), 'const a = 1;');
    assert.deepEqual(posted.at(-1), { type: 'insertCode', code, language: 'ts' });
    block.querySelector<HTMLElement>('[data-code-action="open"]')!.click();
    assert.equal(posted.at(-1)!.type, 'openCode');
    block.querySelector<HTMLElement>('[data-code-action="copy"]')!.click();
    assert.equal(posted.at(-1)!.type, 'copy');
    const link = root.querySelector<HTMLAnchorElement>('.answer-text a')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    assert.equal(click.defaultPrevented, true, 'the webview never navigates');
    assert.deepEqual(posted.at(-1), { type: 'openLink', href: 'https://dify.ai/docs' });
    // A link that is not http(s)/mailto (should the renderer ever emit one) is swallowed.
    const bad = document.createElement('a');
    bad.setAttribute('href', 'command:workbench.action.quit');
    root.querySelector('.answer-text')!.appendChild(bad);
    const n = posted.length;
    bad.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    assert.equal(posted.length, n);
  });

  test('Up in an empty box recalls sent questions (restored from the persisted state)', () => {
    const { send, q } = mount({ draft: '', history: ['first', 'second'] });
    send({ type: 'state', state: baseState() });
    const box = q<HTMLTextAreaElement>('textarea');
    const e = key(box, { key: 'ArrowUp' });
    assert.equal(e.defaultPrevented, true);
    assert.equal(box.value, 'second');
    key(box, { key: 'ArrowUp' });
    assert.equal(box.value, 'first');
    key(box, { key: 'ArrowDown' });
    assert.equal(box.value, 'second');
  });

  test('font size setting applies live through --dify-chat-font-size', () => {
    const { send } = mount();
    send({ type: 'state', state: baseState() });
    send({ type: 'settings', settings: { fontSize: 17 } });
    assert.equal(document.documentElement.style.getPropertyValue('--dify-chat-font-size'), '17px');
  });

  test('draft from the host (a question it could not send) lands in the composer', () => {
    const { send, q } = mount();
    send({ type: 'state', state: baseState() });
    send({ type: 'draft', text: 'Explain this' });
    assert.equal(q<HTMLTextAreaElement>('textarea').value, 'Explain this');
  });
});

describe('webview App: inputs once the conversation exists', () => {
  test('the values sent are shown read-only after the conversation starts', () => {
    const { send, q, root } = mount();
    const form = [{ type: 'text-input' as const, label: 'Topic', variable: 'topic', required: true }];
    send({ type: 'state', state: baseState({ app: { ...baseState().app!, inputForm: form } }) });
    root.querySelector<HTMLElement & { value: string }>('vscode-text-field')!.value = 'Rust';
    const box = q<HTMLTextAreaElement>('textarea');
    type(box, 'go');
    key(box, { key: 'Enter', keyCode: 13 });
    send({ type: 'conversation', conversation: { id: 'c1', name: 'go', hasOlder: false, loadingOlder: false }, inputsLocked: true });
    assert.equal(root.querySelector('vscode-text-field'), null, 'no editable field any more');
    assert.equal(q('.input-summary dd').textContent, 'Rust');
    assert.equal(q('#conversation-name').textContent, 'go');
  });

  test('a question about code shows its words, then each piece of code as a collapsible block with its file and lines', () => {
    const { send, root } = mount();
    const turn: Turn = {
      ...doneTurn('c1', 'It adds.'),
      question: 'Explain.\n\n`src/a.ts`, lines 1-2:\n```typescript\nconst a = 1;\nconst b = 2;\n```',
      instruction: 'Explain.',
      context: [{ uri: 'file:///w/src/a.ts', fileName: 'src/a.ts', languageId: 'typescript', range: { startLine: 0, startCharacter: 0, endLine: 2, endCharacter: 0 }, text: 'const a = 1;\nconst b = 2;\n', origin: 'selection', truncated: true }],
    };
    send({ type: 'state', state: baseState({ turns: [turn] }) });
    const question = root.querySelector('.turn[data-turn-id="c1"] .question');
    assert.ok(question);
    assert.equal(question.querySelector('.question-text')?.textContent, 'Explain.');
    const block = question.querySelector<HTMLDetailsElement>('details.code-context');
    assert.ok(block, 'the code is a collapsible block');
    assert.equal(block.querySelector('summary')?.textContent, 'src/a.ts · lines 1–2 (truncated)');
    assert.equal(block.open, true, 'a short block opens by itself');
    assert.equal(block.querySelector('pre code')?.textContent, 'const a = 1;\nconst b = 2;');
    assert.ok(block.querySelector('[data-code-action="copy"]'), 'with the usual code toolbar');
  });

  test('waiting questions are listed above the composer; removing one posts unqueue', () => {
    const { send, q, root, posted } = mount();
    send({ type: 'state', state: baseState({ queue: [{ id: 'q1', question: 'Explain what this code does.', files: ['src/a.ts'] }] }) });
    const queue = q('.queue');
    assert.equal(queue.hidden, false);
    assert.equal(q('.queue-text').textContent, 'Explain what this code does.');
    assert.equal(q('.queue-files').textContent, 'src/a.ts');
    q('[aria-label="Remove from the queue"]').click();
    assert.deepEqual(posted.at(-1), { type: 'unqueue', id: 'q1' });
    send({ type: 'queue', queue: [] });
    assert.equal(root.querySelector<HTMLElement>('.queue')?.hidden, true);
  });
});

