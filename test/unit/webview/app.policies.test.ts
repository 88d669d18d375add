// The panel's own policies: what it refuses to send (and keeps in the composer, saying why), and which
// links it makes of an answer's files and mailto links.
import { document, frames } from './dom';
import { beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LIMITS } from '../../../src/protocol';
import { emptyAnswer } from '../../../src/shared/answer';
import type { InputFieldView, Turn } from '../../../src/shared/chatState';
import { baseState, doneTurn, key, mount, type } from './appFixture';

beforeEach(() => frames.drain());

/** Mounts the App showing an app with this input form. */
function withForm(form: InputFieldView[]) {
  const m = mount();
  m.send({ type: 'state', state: baseState({ app: { ...baseState().app!, inputForm: form } }) });
  return m;
}

function click(el: Element): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true });
  el.dispatchEvent(e);
  return e;
}

describe('webview App: a question the host would refuse is kept, and the panel says why', () => {
  test('a question over the length limit stays in the composer, is not sent, and one sentence says why', () => {
    const { send, q, posted, saved } = mount();
    send({ type: 'state', state: baseState() });
    const box = q<HTMLTextAreaElement>('textarea');
    const long = 'a'.repeat(LIMITS.question + 1);
    type(box, long);
    key(box, { key: 'Enter', keyCode: 13 });
    assert.equal(posted.filter((m) => m.type === 'send').length, 0, 'not sent');
    assert.equal(box.value, long, 'the question stays');
    assert.deepEqual(saved()?.history, [], 'and is not recorded as sent');
    const notice = q('.notice');
    assert.equal(notice.hidden, false);
    assert.equal(notice.dataset['level'], 'error');
    assert.equal(notice.textContent, 'The question is too long to send (over 100,000 characters); shorten it and send it again.');
    // At the limit it goes (surrounding blanks do not count: the panel sends the trimmed question).
    type(box, ` ${'a'.repeat(LIMITS.question)}\n`);
    key(box, { key: 'Enter', keyCode: 13 });
    assert.equal(posted.filter((m) => m.type === 'send').length, 1);
    assert.equal(box.value, '');
  });

  test('an input value over the limit: the form names the field, the question stays, nothing is sent', () => {
    const { q, root, posted } = withForm([
      { type: 'text-input', label: 'Topic', variable: 'topic', required: true },
      { type: 'paragraph', label: 'Background', variable: 'background', required: false },
    ]);
    const fields = root.querySelectorAll<HTMLElement & { value: string }>('vscode-text-field, vscode-text-area');
    fields[0]!.value = 'Rust';
    fields[1]!.value = 'b'.repeat(LIMITS.inputValue + 1);
    const box = q<HTMLTextAreaElement>('textarea');
    type(box, 'go');
    key(box, { key: 'Enter', keyCode: 13 });
    assert.equal(posted.filter((m) => m.type === 'send').length, 0);
    assert.equal(box.value, 'go', 'the question stays');
    assert.equal(q('.input-error').hidden, false);
    assert.equal(q('.input-error').textContent, 'Background is too long to send (over 100,000 characters); shorten it and send again.');
    fields[1]!.value = 'short';
    key(box, { key: 'Enter', keyCode: 13 });
    assert.deepEqual(posted.filter((m) => m.type === 'send'), [{ type: 'send', text: 'go', inputs: { topic: 'Rust', background: 'short' } }]);
  });

  test('an input whose variable name no send can carry: refused with a sentence naming the field', () => {
    const { q, root, posted } = withForm([{ type: 'text-input', label: 'Due date', variable: 'due-date', required: false }]);
    root.querySelector<HTMLElement & { value: string }>('vscode-text-field')!.value = 'Friday';
    const box = q<HTMLTextAreaElement>('textarea');
    type(box, 'plan it');
    key(box, { key: 'Enter', keyCode: 13 });
    assert.equal(posted.filter((m) => m.type === 'send').length, 0);
    assert.equal(box.value, 'plan it');
    assert.equal(q('.input-error').textContent, 'Due date cannot be sent: its variable name in the app is not one a question can carry.');
  });

  test('a suggested question is refused the same way (nothing is posted)', () => {
    const { send, root, posted } = mount();
    const long = 'x'.repeat(LIMITS.question + 1);
    send({ type: 'state', state: baseState({ app: { ...baseState().app!, suggestedQuestions: [long] } }) });
    const chip = [...root.querySelectorAll<HTMLElement>('[aria-label]')].find((el) => el.getAttribute('aria-label') === long);
    assert.ok(chip, 'the suggestion is shown');
    chip.click();
    assert.equal(posted.filter((m) => m.type === 'send').length, 0);
    assert.match(root.querySelector('.notice')!.textContent ?? '', /too long to send/);
  });
});

describe("webview App: an answer's files and mailto links follow the link policy", () => {
  test("an answer's files: no URL of theirs becomes a link or an image source; the host fetches images, and only a raster data: URL is shown", () => {
    const files = [
      { type: 'image', url: 'https://files.example/a%20b.png' },
      { type: 'document', url: 'javascript:window.__pwned=1//x.pdf' },
      { type: 'document', url: 'command:workbench.action.quit' },
      { type: 'image', url: 'data:text/html,<script>window.__pwned=1</script>' },
      { type: 'document', url: 'file:///etc/passwd' },
      { type: 'document', url: '/files/tools/report.pdf' },
      { type: 'document', url: 'mailto:a@b.example?attach=/etc/passwd' },
      { type: 'document', url: ' HTTPS://Files.Example/r.pdf ' },
    ].map((f, i) => ({ ...f, id: `file-${i}`, belongsTo: 'assistant' }));
    const { send, root, posted } = mount();
    const turn: Turn = { id: 'f', question: 'q', answer: { ...emptyAnswer(), status: 'done', text: 'Here.', messageId: 'm-f', files }, feedback: null, suggestions: [] };
    send({ type: 'state', state: baseState({ turns: [turn] }) });
    frames.drain();
    const items = [...root.querySelectorAll('.answer-files li')];
    assert.equal(items.length, files.length, 'every file is listed');
    assert.equal(root.querySelectorAll('.answer-files a, .answer-files script, .answer-files iframe, .answer-files img').length, 0, 'no link, no script, no image before the host answers');
    assert.ok(!root.querySelector('.answer-files')!.innerHTML.includes('__pwned'), 'no URL reaches the markup');
    // The images are asked of the host (which fetches them under the origin rule), by id, never by URL.
    assert.deepEqual(
      posted.filter((m) => m.type === 'loadFile'),
      [
        { type: 'loadFile', turnId: 'f', fileId: 'file-0' },
        { type: 'loadFile', turnId: 'f', fileId: 'file-3' },
      ],
    );
    send({ type: 'fileData', turnId: 'f', fileId: 'file-0', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' });
    send({ type: 'fileData', turnId: 'f', fileId: 'file-3', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' });
    frames.drain();
    const images = [...root.querySelectorAll<HTMLImageElement>('.answer-files img')];
    assert.deepEqual(images.map((i) => i.getAttribute('src')), ['data:image/png;base64,iVBORw0KGgo='], 'only the raster data: URL is shown');
    // Clicking anything opens nothing: no file is a link the panel follows.
    for (const li of items) click(li);
    assert.equal(posted.filter((m) => m.type === 'openLink').length, 0);
  });

  test('a mailto link keeps only subject and body: cc, bcc, to and attach are dropped before it is a link', () => {
    const md = '[write](mailto:team@dify.example?cc=spy@evil.example&subject=Hello%20there&bcc=x@evil.example&attach=/etc/passwd&body=Hi&to=y@evil.example)';
    const { send, root, posted } = mount();
    send({ type: 'state', state: baseState({ turns: [doneTurn('a', md)] }) });
    frames.drain();
    const link = root.querySelector<HTMLAnchorElement>('.answer-text a')!;
    assert.equal(link.getAttribute('href'), 'mailto:team@dify.example?subject=Hello%20there&body=Hi');
    assert.equal(link.getAttribute('data-href'), 'mailto:team@dify.example?subject=Hello%20there&body=Hi');
    click(link);
    assert.deepEqual(posted.at(-1), { type: 'openLink', href: 'mailto:team@dify.example?subject=Hello%20there&body=Hi' });
    // Should any element still carry such an href, the click handler sends nothing the host would not open.
    const planted = document.createElement('a');
    planted.setAttribute('href', 'mailto:a@b.example%3Fcc=spy@evil.example');
    root.querySelector('.answer-text')!.appendChild(planted);
    const n = posted.length;
    click(planted);
    assert.equal(posted.length, n);
  });
});
