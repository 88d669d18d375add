// "Waiting for the model… 12 s" while an answer's first token is awaited (a local model loading can take a
// minute). Each tick writes only this one text node: the transcript is not re-rendered, nor the answer.
import { setText } from '../dom';
import { t } from '../l10n';

const TICK_MS = 1000;

export class WaitingClock {
  private timer: ReturnType<typeof setInterval> | undefined;
  private since = 0;

  constructor(private readonly el: HTMLElement) {}

  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Shows the label and starts counting the seconds (from now); a no-op while it runs. */
  start(): void {
    if (this.timer !== undefined) return;
    this.since = Date.now();
    this.show();
    this.timer = setInterval(() => this.show(), TICK_MS);
  }

  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private show(): void {
    const seconds = Math.floor((Date.now() - this.since) / 1000);
    setText(this.el, seconds >= 1 ? t('Waiting for the model… {0} s', seconds) : t('Waiting for the model…'));
  }
}
