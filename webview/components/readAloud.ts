// Read Aloud under a finished answer: the host asks Dify for the speech; while it plays the button is Stop.
// An empty or failed answer from Dify is one sentence with Retry. User-visible strings: READ_ALOUD_WORDS.
import { h, Icons, setHidden, setText } from '../dom';
import { button } from './button';
import { t } from '../l10n';

export const READ_ALOUD_WORDS = {
  read: t('Read aloud'),
  stop: t('Stop reading'),
  loading: t('Getting the speech…'),
  retry: t('Retry'),
} as const;

const SPEAKER = ['M2 6 H5 L9 3 V13 L5 10 H2 Z', 'M11.5 5.5 C12.5 6.5 12.5 9.5 11.5 10.5', 'M13 4 C15 6 15 10 13 12'];

export class ReadAloudView {
  readonly el: HTMLElement;
  private readonly readButton: HTMLElement;
  private readonly stopButton: HTMLElement;
  private readonly status: HTMLElement;
  private readonly retryButton: HTMLElement;

  constructor(read: () => void, stop: () => void) {
    this.readButton = button({ label: READ_ALOUD_WORDS.read, icon: SPEAKER, appearance: 'icon', className: 'read-aloud', onClick: () => read() });
    this.stopButton = button({ label: READ_ALOUD_WORDS.stop, icon: Icons.stop, appearance: 'icon', className: 'read-aloud-stop', onClick: () => stop() });
    this.stopButton.hidden = true;
    this.status = h('span', { class: 'read-aloud-status', role: 'status' });
    this.retryButton = button({ label: READ_ALOUD_WORDS.retry, icon: Icons.retry, text: READ_ALOUD_WORDS.retry, appearance: 'secondary', className: 'read-aloud-retry', onClick: () => read() });
    this.retryButton.hidden = true;
    this.el = h('span', { class: 'read-aloud-box' }, this.readButton, this.stopButton, this.status, this.retryButton);
  }

  loading(): void {
    setText(this.status, READ_ALOUD_WORDS.loading);
    setHidden(this.retryButton, true);
  }

  /** Playing (Stop shows) or not. */
  playing(on: boolean): void {
    setHidden(this.readButton, on);
    setHidden(this.stopButton, !on);
    if (on) setText(this.status, '');
  }

  failed(message: string): void {
    this.playing(false);
    setText(this.status, message);
    setHidden(this.retryButton, false);
  }
}
