// One turn: the question (an article) and its answer (an article).
import type { Answer } from '../../src/shared/answer';
import { isFinished } from '../../src/shared/answer';
import type { Rating, Turn } from '../../src/shared/chatState';
import { h } from '../dom';
import { AnswerView } from './answer';
import type { AnswerHandlers } from './answer';
import { CodeContextView, codeContextLabel } from './codeContext';
import { t } from '../l10n';
import { TurnFilesView } from './turnFiles';

/** Where Apply puts an answer's code: the code the question was about, or the editor's selection. */
export function applyLabel(turn: Turn): string {
  const target = turn.context?.find((c) => c.origin === 'selection' || c.origin === 'symbol');
  return target ? t('Apply to {0}', codeContextLabel(target)) : t('Apply to the active editor (its selection, or choose where)');
}

export class TurnView {
  readonly el: HTMLElement;
  readonly answer: AnswerView;
  private readonly code: CodeContextView[];
  private readonly questionFiles: TurnFilesView;

  /** With `holdText`, the answer's text is rendered only on releaseText() (see deferredTexts.ts). */
  constructor(readonly turn: Turn, handlers: AnswerHandlers, holdText = false) {
    // A question about code shows what was asked, then each piece of code as a collapsible block; together
    // they are the query as sent (which Copy and Retry use whole).
    this.code = (turn.context ?? []).map((c) => new CodeContextView(c));
    const words = this.code.length > 0 ? (turn.instruction ?? '') : turn.question;
    this.questionFiles = new TurnFilesView({ load: (id) => handlers.loadFile(id), save: (id) => handlers.saveFile(id) }, 'question-files');
    this.questionFiles.set(turn.files ?? []);
    const question = h(
      'article',
      { class: 'question', 'aria-label': t('Question') },
      this.questionFiles.el,
      words.trim() !== '' ? h('div', { class: 'question-text' }, words) : null,
      ...this.code.map((v) => v.el),
    );
    this.answer = new AnswerView(turn.answer, handlers, applyLabel(turn), holdText);
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

  get isTextHeld(): boolean {
    return this.answer.isTextHeld;
  }

  releaseText(): void {
    this.answer.releaseText();
  }

  /** The host's answer to a `loadFile` of this turn. */
  setFileData(fileId: string, dataUrl: string | undefined, error: string | undefined): void {
    this.questionFiles.setData(fileId, dataUrl, error);
    this.answer.files.setData(fileId, dataUrl, error);
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
    for (const v of this.code) v.dispose();
  }

  /** Finished turns skip layout and paint while off screen (content-visibility in the stylesheet). */
  private markFinished(): void {
    this.el.classList.toggle('finished', isFinished(this.turn.answer));
  }
}
