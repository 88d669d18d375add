// One turn: the question (an article) and its answer (an article).
import type { Answer } from '../../src/shared/answer';
import { isFinished } from '../../src/shared/answer';
import type { Rating, Turn } from '../../src/shared/chatState';
import { h } from '../dom';
import { AnswerView } from './answer';
import type { AnswerHandlers } from './answer';

export class TurnView {
  readonly el: HTMLElement;
  readonly answer: AnswerView;

  constructor(readonly turn: Turn, handlers: AnswerHandlers) {
    const question = h('article', { class: 'question', 'aria-label': 'Question' }, h('div', { class: 'question-text' }, turn.question));
    this.answer = new AnswerView(turn.answer, handlers);
    this.answer.setFeedback(turn.feedback);
    this.answer.setSuggestions(turn.suggestions);
    this.el = h('div', { class: 'turn', 'data-turn-id': turn.id }, question, this.answer.el);
    this.markFinished();
  }

  set(answer: Answer): void {
    this.turn.answer = answer;
    this.answer.set(answer);
  }

  render(): void {
    this.answer.render();
    this.markFinished();
  }

  setFeedback(rating: Rating | null): void {
    this.turn.feedback = rating;
    this.answer.setFeedback(rating);
  }

  setSuggestions(suggestions: string[]): void {
    this.turn.suggestions = suggestions;
    this.answer.setSuggestions(suggestions);
  }

  dispose(): void {
    this.answer.dispose();
  }

  /** Finished turns skip layout and paint while off screen (content-visibility in the stylesheet). */
  private markFinished(): void {
    this.el.classList.toggle('finished', isFinished(this.turn.answer));
  }
}
