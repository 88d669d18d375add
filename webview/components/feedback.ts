// The answer's operations: Copy, Like, Dislike. Clicking the active rating again revokes it (rating null).
import type { Rating } from '../../src/shared/chatState';
import { h, Icons } from '../dom';
import { button, setPressed } from './button';
import { t } from '../l10n';

export interface FeedbackHandlers {
  copy(): void;
  rate(rating: Rating | null): void;
}

export class FeedbackView {
  readonly el: HTMLElement;
  private readonly like: HTMLElement;
  private readonly dislike: HTMLElement;
  private rating: Rating | null = null;

  constructor(handlers: FeedbackHandlers) {
    const copy = button({ label: t('Copy'), icon: Icons.copy, onClick: () => handlers.copy() });
    this.like = button({ label: t('Like'), icon: Icons.like, onClick: () => handlers.rate(this.rating === 'like' ? null : 'like') });
    this.dislike = button({ label: t('Dislike'), icon: Icons.dislike, onClick: () => handlers.rate(this.rating === 'dislike' ? null : 'dislike') });
    this.el = h('div', { class: 'answer-actions', role: 'group', 'aria-label': t('Answer actions') }, copy, this.like, this.dislike);
    this.set(null);
  }

  set(rating: Rating | null): void {
    this.rating = rating;
    setPressed(this.like, rating === 'like');
    setPressed(this.dislike, rating === 'dislike');
  }

  /** Ratings need Dify's message id: hide them until the answer has one. */
  showRatings(show: boolean): void {
    this.like.hidden = !show;
    this.dislike.hidden = !show;
  }
}
