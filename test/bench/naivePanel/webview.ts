// The naive panel's webview: the whole answer re-rendered on every message (marked.parse, every code block
// highlighted, DOMPurify, replace the DOM), with the real panel's own highlight and sanitize code. The bench
// asks through window.naiveAsk and waits for body[data-done].
import { sanitizeToFragment } from '../../../webview/render/sanitize';
import { naiveMarked } from '../naiveMarkdown';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
declare global {
  interface Window {
    naiveAsk(query: string): void;
  }
}

const vscode = acquireVsCodeApi();
const el = document.getElementById('answer') as HTMLElement;
const marked = naiveMarked();
let text = '';

function render(): void {
  el.replaceChildren(sanitizeToFragment(marked.parse(text, { async: false })));
}

window.naiveAsk = (query) => {
  text = '';
  delete document.body.dataset['done'];
  render();
  vscode.postMessage({ type: 'ask', query });
};

window.addEventListener('message', (e: MessageEvent<{ type: string; text?: string; message?: string }>) => {
  const m = e.data;
  if (m.type === 'delta') {
    text += m.text ?? '';
    render();
  } else if (m.type === 'end' || m.type === 'error') {
    if (m.message) el.textContent = m.message;
    document.body.dataset['done'] = '1';
  }
});
