// One answer: markdown (incremental through the renderer's MarkdownView), workflow steps, agent
// thoughts, citations, an inline error with Retry, the operations row and a quiet usage footer.
import type { Answer } from '../../src/shared/answer';
import { isFinished, RESTORED_ANSWER_CODE } from '../../src/shared/answer';
import type { Rating } from '../../src/shared/chatState';
import { MarkdownView } from '../render/markdown';
import { h, replaceChildren, setHidden, setText } from '../dom';
import { AnswerErrorView } from './answerError';
import { chip } from './button';
import { CitationsView } from './citations';
import { FeedbackView } from './feedback';
import { formatUsage } from './format';
import { ReadAloudView } from './readAloud';
import { spinner } from './spinner';
import { ThoughtsView } from './thoughts';
import { WaitingClock } from './waitingClock';
import { TurnFilesView } from './turnFiles';
import { WorkflowStepsView } from './workflowSteps';
import { t } from '../l10n';

export interface AnswerHandlers {
  copy(text: string): void;
  rate(rating: Rating | null): void;
  retry(): void;
  ask(question: string): void;
  /** Ask the host for one of the turn's images. */
  loadFile(fileId: string): void;
  saveFile(fileId: string): void;
  /** The app reads answers aloud (Read Aloud shows on finished answers). */
  speechEnabled(): boolean;
  readAloud(): void;
  stopAudio(): void;
}

export class AnswerView {
  readonly el: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly statusText: HTMLElement;
  /** Counts the seconds while the first token is awaited (before any text, workflow step or thought). */
  private readonly clock: WaitingClock;
  private readonly body: HTMLElement;
  private readonly markdown: MarkdownView;
  readonly files: TurnFilesView;
  readonly speech: ReadAloudView;
  private readonly note: HTMLElement;
  private readonly error: AnswerErrorView;
  private readonly workflow = new WorkflowStepsView();
  private readonly thoughts = new ThoughtsView();
  private readonly citations = new CitationsView();
  private readonly feedback: FeedbackView;
  private readonly footer: HTMLElement;
  private readonly suggestionsBox: HTMLElement;
  private readonly suggestionsList: HTMLElement;
  private answer: Answer;
  /** The text waits for releaseText() (an older turn of a long history, rendered a few frames later). */
  private held: boolean;
  private renderedText: string | undefined;
  private finished = false;
  private rendered: Partial<Record<'status' | 'usage' | 'error' | 'messageId', unknown>> = {};

  constructor(
    answer: Answer,
    private readonly handlers: AnswerHandlers,
    /** The Apply button's tooltip on this answer's code blocks: where the code would go. */
    applyLabel = 'Apply',
    holdText = false,
  ) {
    this.answer = answer;
    this.held = holdText;
    this.statusText = h('span', { class: 'status-text' });
    this.clock = new WaitingClock(this.statusText);
    this.statusLine = h('div', { class: 'answer-status' }, spinner('answer-spinner'), this.statusText);
    this.body = h('div', { class: 'markdown-body answer-text' });
    // An answer shown whole (history, a reload) highlights its code as it comes into view; one still streaming
    // highlights each block as its fence closes, on screen (see MarkdownViewOptions.lazyHighlight).
    this.markdown = new MarkdownView(this.body, { labels: { apply: applyLabel }, lazyHighlight: isFinished(answer) });
    this.files = new TurnFilesView({ load: (id) => this.handlers.loadFile(id), save: (id) => this.handlers.saveFile(id) }, 'answer-files');
    this.speech = new ReadAloudView(
      () => {
        this.speech.loading();
        this.handlers.readAloud();
      },
      () => this.handlers.stopAudio(),
    );
    this.note = h('div', { class: 'answer-note' });
    // Refresh (an answer restored after a restart: read it again from Dify) is a retry too; the host decides.
    this.error = new AnswerErrorView(() => this.handlers.retry());
    this.feedback = new FeedbackView({ copy: () => this.handlers.copy(this.answer.text), rate: (r) => this.handlers.rate(r) });
    this.footer = h('div', { class: 'usage-footer' });
    this.suggestionsList = h('ul', { class: 'chips' });
    this.suggestionsBox = h('div', { class: 'suggestions' }, h('div', { class: 'suggestions-label' }, t('Try asking')), this.suggestionsList);
    this.el = h(
      'article',
      { class: 'answer', 'aria-label': t('Answer') },
      this.statusLine,
      this.workflow.el,
      this.thoughts.el,
      this.body,
      this.files.el,
      this.note,
      this.error.el,
      this.citations.el,
      h('div', { class: 'answer-bottom' }, this.feedback.el, this.speech.el, this.footer),
      this.suggestionsBox,
    );
    this.setSuggestions([]);
    this.render();
  }

  get current(): Answer {
    return this.answer;
  }

  /** Records a new state; the text goes to the renderer at once (it coalesces per frame), the rest waits for render(). */
  set(answer: Answer): void {
    this.answer = answer;
    if (!this.held && answer.text !== this.renderedText) {
      this.renderedText = answer.text;
      this.markdown.setText(answer.text);
    }
  }

  setFeedback(rating: Rating | null): void {
    this.feedback.set(rating);
  }

  setSuggestions(suggestions: string[]): void {
    setHidden(this.suggestionsBox, suggestions.length === 0);
    replaceChildren(this.suggestionsList, ...suggestions.map((q) => chip(q, this.handlers.ask)));
  }

  /** Brings everything but the text up to date; called at most once per animation frame. */
  render(): void {
    const a = this.answer;
    if (a.text !== this.renderedText) this.set(a);
    const done = isFinished(a);
    this.el.setAttribute('aria-busy', done ? 'false' : 'true');
    this.el.dataset['status'] = a.status;
    this.workflow.update(a.workflow);
    this.thoughts.update(a.thoughts, a.text, done);
    this.citations.update(a.citations);
    if (this.rendered.status !== a.status || this.rendered.error !== a.error) {
      this.rendered.status = a.status;
      this.rendered.error = a.error;
      const waiting = a.status === 'waiting' || (a.status === 'streaming' && a.text === '');
      setHidden(this.statusLine, !waiting);
      if (waiting && a.status === 'waiting' && !a.workflow) this.clock.start();
      else {
        this.clock.stop();
        if (waiting) setText(this.statusText, a.workflow ? t('Running the workflow…') : t('Working…'));
      }
      const failed = a.status === 'failed' || a.status === 'interrupted';
      this.error.set(failed ? (a.error?.message ?? t('The answer could not be completed.')) : undefined, a.error?.code === RESTORED_ANSWER_CODE);
      setHidden(this.body, a.text === '' && a.status !== 'done');
    }
    const notes: string[] = [];
    if (a.status === 'stopped') notes.push(t('Stopped.'));
    if (a.replacedReason !== undefined) notes.push(t('The app replaced this answer (moderation).'));
    setText(this.note, notes.join(' '));
    setHidden(this.note, notes.length === 0);
    this.files.set(a.files);
    if (this.rendered.usage !== a.usage) {
      this.rendered.usage = a.usage;
      setText(this.footer, a.usage && a.status !== 'failed' ? formatUsage(a.usage) : '');
    }
    if (this.rendered.messageId !== a.messageId || !done !== !this.finished) {
      this.rendered.messageId = a.messageId;
      this.feedback.showRatings(a.messageId !== undefined && done);
    }
    setHidden(this.feedback.el, !done || (a.text === '' && a.status !== 'done'));
    this.speech.show(a.status === 'done' && a.messageId !== undefined && this.handlers.speechEnabled());
    if (done && !this.finished && !this.held) {
      this.finished = true;
      this.markdown.finish();
    }
  }

  /** Whether the text still waits for releaseText(). */
  get isTextHeld(): boolean {
    return this.held;
  }

  /** Renders the text held back at construction. */
  releaseText(): void {
    if (!this.held) return;
    this.held = false;
    this.render();
  }

  dispose(): void {
    this.clock.stop();
    this.markdown.dispose();
  }
}
