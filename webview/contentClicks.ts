// Code block buttons and links in the transcript, by delegation: the renderer emits plain markup, no handlers.
import type { WebviewMessage } from '../src/protocol';
import { isOpenableHref, toLanguageTag } from '../src/protocol';

/** One click (or middle click) inside the transcript: a code block's action, or a link (never navigated here). */
export function handleContentClick(e: MouseEvent, post: (msg: WebviewMessage) => void): void {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const action = target.closest<HTMLElement>('[data-code-action]');
  if (action && e.type === 'click') {
    const block = action.closest<HTMLElement>('.code-block');
    const code = block?.querySelector('pre code')?.textContent ?? '';
    const language = toLanguageTag(block?.dataset['lang'] ?? '');
    switch (action.dataset['codeAction'] ?? '') {
      case 'copy':
        post({ type: 'copy', text: code });
        break;
      case 'insert':
        post({ type: 'insertCode', code, language });
        break;
      case 'open':
        post({ type: 'openCode', code, language });
        break;
      case 'apply': {
        const turnId = action.closest<HTMLElement>('.turn')?.dataset['turnId'];
        if (turnId !== undefined && action.closest('.answer-text')) post({ type: 'applyCode', turnId, code, language });
        break;
      }
      default:
        // A button the renderer may add later does nothing here until it is wired.
        break;
    }
    e.preventDefault();
    return;
  }
  const link = target.closest<HTMLAnchorElement>('a');
  if (link) {
    // Never let the webview navigate; the host validates and opens http(s)/mailto externally.
    e.preventDefault();
    const href = link.dataset['href'] ?? link.getAttribute('href') ?? '';
    if (isOpenableHref(href)) post({ type: 'openLink', href });
  }
}
