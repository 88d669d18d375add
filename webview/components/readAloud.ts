// Read Aloud under a finished answer: the host asks Dify for the speech; while it plays the button is Stop.
// An empty or failed answer from Dify is one sentence with Retry. User-visible strings: READ_ALOUD_WORDS.
// Each button is made when it is first shown: a long history has hundreds of answers, most never read aloud,
// and a toolkit button costs its shadow DOM when it connects.
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
  private readButton: HTMLElement | undefined;
  private stopButton: HTMLElement | undefined;
  private readonly status: HTMLElement;
  private retryButton: HTMLElement | undefined;

  constructor(
    private readonly read: () => void,
    private readonly stop: () => void,
  ) {
    this.status = h('span', { class: 'read-aloud-status', role: 'status' });
    this.el = h('span', { class: 'read-aloud-box' }, this.status);
    this.el.hidden = true;
  }

  /** Shows Read Aloud (the answer is finished and the app speaks) or hides the whole box. */
  show(on: boolean): void {
    setHidden(this.el, !on);
    if (on && !this.readButton) {
      this.readButton = button({ label: READ_ALOUD_WORDS.read, icon: SPEAKER, appearance: 'icon', className: 'read-aloud', onClick: () => this.read() });
      // Speech Dify streamed with the answer (auto-play) may be playing already: then Stop shows, not Read.
      this.readButton.hidden = this.stopButton?.hidden === false;
      this.el.insertBefore(this.readButton, this.el.firstChild);
    }
  }

  loading(): void {
    setText(this.status, READ_ALOUD_WORDS.loading);
    if (this.retryButton) setHidden(this.retryButton, true);
  }

  /** Playing (Stop shows) or not. */
  playing(on: boolean): void {
    if (this.readButton) setHidden(this.readButton, on);
    if (on && !this.stopButton) {
      this.stopButton = button({ label: READ_ALOUD_WORDS.stop, icon: Icons.stop, appearance: 'icon', className: 'read-aloud-stop', onClick: () => this.stop() });
      this.el.insertBefore(this.stopButton, this.status);
    }
    if (this.stopButton) setHidden(this.stopButton, !on);
    if (on) setText(this.status, '');
  }

  failed(message: string): void {
    this.playing(false);
    setText(this.status, message);
    this.retryButton ??= this.el.appendChild(
      button({ label: READ_ALOUD_WORDS.retry, icon: Icons.retry, text: READ_ALOUD_WORDS.retry, appearance: 'secondary', className: 'read-aloud-retry', onClick: () => this.read() }),
    );
    setHidden(this.retryButton, false);
  }
}
