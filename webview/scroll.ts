// Auto-scroll follows the answer only while the reader is at the bottom. Scrolling up stops it; the
// "Jump to latest" button (shown while away from the bottom) brings the reader back and resumes it.

/** How close to the bottom (px) still counts as "at the bottom": a line of slack for rounding and zoom. */
export const BOTTOM_SLACK_PX = 24;

export function isAtBottom(scrollTop: number, clientHeight: number, scrollHeight: number, slack = BOTTOM_SLACK_PX): boolean {
  return scrollHeight - (scrollTop + clientHeight) <= slack;
}

export class AutoScroll {
  private following = true;
  private readonly observer: ResizeObserver | undefined;
  /** The scrollTop our own last write produced: a scroll event showing it is ours, any other is the reader's. */
  private expectedTop: number | undefined;

  constructor(
    private readonly scroller: HTMLElement,
    content: HTMLElement,
    private readonly jumpButton: HTMLElement,
    /** Whether there is anything to follow (the welcome alone reads from the top). */
    private readonly hasAnswers: () => boolean = () => true,
  ) {
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // A wheel or key press upwards is the reader's intent even when it races one of our own scrolls.
    scroller.addEventListener('wheel', (e) => {
      if (e.deltaY < 0) this.leave();
    }, { passive: true });
    scroller.addEventListener('keydown', (e) => {
      if (e.key === 'PageUp' || e.key === 'Home' || e.key === 'ArrowUp') this.leave();
    });
    // Grabbing the scrollbar is intent too: a drag racing a streaming update must not be undone by it.
    scroller.addEventListener('pointerdown', (e) => {
      if (e.target === scroller && e.offsetX >= scroller.clientWidth) this.leave();
    }, { passive: true });
    // Content grows in frames the renderer chooses; following on resize keeps the bottom in view
    // without hooking every renderer.
    this.observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.contentChanged()) : undefined;
    this.observer?.observe(content);
    jumpButton.hidden = true;
  }

  get isFollowing(): boolean {
    return this.following;
  }

  /** Call after the content may have grown. */
  contentChanged(): void {
    if (!this.hasAnswers()) return;
    if (this.following) this.toBottom();
    else this.updateButton();
  }

  /** Jump to latest (also used on send: the reader wants to see their question). */
  jumpToLatest(): void {
    this.following = true;
    this.toBottom();
    this.jumpButton.hidden = true;
  }

  /** Nothing to follow (a new chat, the welcome alone): the top, and no Jump to latest. */
  toTop(): void {
    this.following = true;
    this.expectedTop = undefined;
    this.scroller.scrollTop = 0;
    this.updateButton();
  }

  dispose(): void {
    this.observer?.disconnect();
  }

  private toBottom(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    // Scroll events arrive later (at most one per frame) and carry the final position; remember ours.
    this.expectedTop = this.scroller.scrollTop;
  }

  private leave(): void {
    if (this.scroller.scrollTop <= 0) return;
    this.following = false;
    this.expectedTop = undefined;
  }

  private onScroll(): void {
    const top = this.scroller.scrollTop;
    const ours = this.expectedTop !== undefined && Math.abs(top - this.expectedTop) < 1;
    this.expectedTop = undefined;
    // The reader's own scroll (wheel, scrollbar, keys, find): follow only if it ended at the bottom.
    if (!ours) this.following = isAtBottom(top, this.scroller.clientHeight, this.scroller.scrollHeight);
    this.updateButton();
  }

  private updateButton(): void {
    const away = !isAtBottom(this.scroller.scrollTop, this.scroller.clientHeight, this.scroller.scrollHeight);
    // The welcome alone (a new chat) reads from the top: there is no latest to jump to.
    const hide = this.following || !away || !this.hasAnswers();
    if (this.jumpButton.hidden !== hide) this.jumpButton.hidden = hide;
  }
}
