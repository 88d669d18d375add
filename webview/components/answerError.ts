// An answer that failed or was cut off: one sentence and Retry, or Refresh for an answer restored after a
// restart (read it again from Dify). The sentence and the buttons are made on the first failure: a long
// history has hundreds of answers and almost none of them failed.
import { h, Icons, setHidden, setText } from '../dom';
import { button } from './button';
import { t } from '../l10n';

interface Parts {
  text: HTMLElement;
  retry: HTMLElement;
  refresh: HTMLElement;
}

export class AnswerErrorView {
  readonly el = h('div', { class: 'answer-error' });
  private parts: Parts | undefined;

  constructor(private readonly retry: () => void) {
    this.el.hidden = true;
  }

  /** Shows `message` with Retry (or Refresh, for a restored answer); `undefined` hides the box. */
  set(message: string | undefined, restored: boolean): void {
    setHidden(this.el, message === undefined);
    if (message === undefined) return;
    const parts = (this.parts ??= this.build());
    setText(parts.text, message);
    setHidden(parts.retry, restored);
    setHidden(parts.refresh, !restored);
  }

  private build(): Parts {
    const parts: Parts = {
      text: h('span', { class: 'error-text' }),
      retry: button({ label: t('Retry'), icon: Icons.retry, text: t('Retry'), appearance: 'secondary', className: 'retry', onClick: () => this.retry() }),
      refresh: button({ label: t('Refresh'), icon: Icons.retry, text: t('Refresh'), appearance: 'secondary', className: 'refresh', onClick: () => this.retry() }),
    };
    this.el.append(h('span', { class: 'error-icon', 'aria-hidden': 'true' }, '⚠'), parts.text, parts.retry, parts.refresh);
    return parts;
  }
}
