// The message box. Enter sends, Shift+Enter inserts a newline, and Enter never sends while an input
// method is composing (see ime.ts). Up/Down in an empty box recall earlier questions. While an answer
// streams, Stop replaces Send and sending is blocked (the draft stays).
//
// A native <textarea> rather than the toolkit's text-area: composition events, the caret and auto-grow
// must act on the real editing element, which the toolkit hides in a shadow root.
//
// The composer is a <form> of its own (never submitted: Enter and Send go through submit() below). In Chrome and
// Chromium, where code-server runs, autofill looks at every change of a text field, and for a field outside any
// form it gathers the "form" from the whole document, every control and button of a long history included; a
// form of its own bounds that to the composer. Typing into a 200-turn history: autofill's work per key went from
// ~18 ms to ~10 ms (a trace of test/bench/history.bench.ts's typing).
import { h, Icons } from '../dom';
import { CompositionTracker } from '../ime';
import { opensFilePick } from '../mention';
import type { QuestionHistory } from '../questionHistory';
import { button, setDisabled } from './button';
import { t } from '../l10n';

export interface ComposerHandlers {
  /** Sends the text; false when it could not be sent (e.g. a required input is missing): the draft stays. */
  send(text: string): boolean;
  stop(): void;
  /** The draft or history changed: persist them (they survive hiding the panel). */
  persist(draft: string, history: readonly string[]): void;
  /** `@` was typed at the start of a word: the host opens the workspace's file pick. */
  pickFile?(): void;
  /** The Attach button: the host opens a file picker. */
  attach?(): void;
  /** A paste into the box: true when it was taken as attachments (nothing is typed then). */
  paste?(e: ClipboardEvent): boolean;
}

/**
 * The box grows with its text by itself where the browser can (`field-sizing`, Chromium 123+): measuring it from
 * script on every key forces a layout of the whole panel, an answer streaming above included.
 */
const FITS_CONTENT = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

const PAPERCLIP = ['M10.5 4.5 L5.5 9.5 C4.7 10.3 4.7 11.3 5.5 12 C6.2 12.7 7.2 12.7 8 12 L13 7 C14.3 5.7 14.3 3.8 13 2.7 C11.8 1.5 10 1.5 8.7 2.8 L3.5 8 C1.8 9.8 1.8 12.3 3.5 13.9 C5.2 15.5 7.6 15.5 9.3 13.9 L13 10.2'];

export class ComposerView {
  readonly el: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly sendButton: HTMLElement;
  private readonly stopButton: HTMLElement;
  private readonly attachButton: HTMLElement;
  private readonly tracker: CompositionTracker;
  private busy = false;
  /** Where the `@` that opened the file pick is, while the pick is open. */
  private mentionAt: number | undefined;

  constructor(
    private readonly handlers: ComposerHandlers,
    private readonly history: QuestionHistory,
    draft: string,
    tracker?: CompositionTracker,
  ) {
    this.tracker = tracker ?? new CompositionTracker();
    this.textarea = h('textarea', {
      class: 'composer-input',
      rows: 1,
      'aria-label': t('Message Dify'),
      placeholder: t('Ask Dify…'),
      title: t('Enter to send, Shift+Enter for a new line, Up for earlier questions'),
      spellcheck: 'true',
    });
    this.textarea.value = draft;
    if (FITS_CONTENT) this.textarea.classList.add('fits-content');
    this.sendButton = button({ label: t('Send'), icon: Icons.send, className: 'send', appearance: 'icon', onClick: () => this.submit() });
    this.stopButton = button({ label: t('Stop'), icon: Icons.stop, className: 'stop', appearance: 'icon', onClick: () => this.handlers.stop() });
    this.stopButton.hidden = true;
    this.attachButton = button({ label: 'Attach files', icon: PAPERCLIP, className: 'attach', appearance: 'icon', onClick: () => this.handlers.attach?.() });
    this.attachButton.hidden = true;
    this.el = h('form', { class: 'composer' }, this.textarea, h('div', { class: 'composer-buttons' }, this.attachButton, this.sendButton, this.stopButton));
    // A toolkit button in a form submits it when clicked; the buttons act through their own handlers.
    this.el.addEventListener('submit', (e) => e.preventDefault());
    this.textarea.addEventListener('paste', (e) => this.handlers.paste?.(e));

    this.textarea.addEventListener('compositionstart', () => this.tracker.compositionStart());
    this.textarea.addEventListener('compositionend', () => this.tracker.compositionEnd());
    this.textarea.addEventListener('blur', () => this.tracker.reset());
    this.textarea.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.textarea.addEventListener('input', (e) => {
      const ie = e as InputEvent;
      const caret = this.textarea.selectionStart;
      if (this.handlers.pickFile && opensFilePick(this.textarea.value, caret, ie.data ?? null, ie.isComposing || this.tracker.active)) {
        this.mentionAt = caret - 1;
        this.handlers.pickFile();
      }
      this.autoGrow();
      this.updateSendEnabled();
      this.persist();
    });
    this.autoGrow();
    this.updateSendEnabled();
  }

  get value(): string {
    return this.textarea.value;
  }

  /** Empties the box (the question went another way, e.g. with its code cut). */
  clear(): void {
    this.textarea.value = '';
    this.autoGrow();
    this.updateSendEnabled();
    this.persist();
  }

  /** The `@` file pick closed: a chosen file took the `@`'s place (as a chip); Escape left a plain `@`. */
  filePicked(added: boolean): void {
    const at = this.mentionAt;
    this.mentionAt = undefined;
    if (added && at !== undefined && this.textarea.value[at] === '@') {
      this.textarea.value = this.textarea.value.slice(0, at) + this.textarea.value.slice(at + 1);
      this.textarea.setSelectionRange(at, at);
      this.autoGrow();
      this.updateSendEnabled();
      this.persist();
    }
    this.textarea.focus();
  }

  /** Attach shows only when the app takes files; its tooltip says how else to attach. */
  setAttach(enabled: boolean, hint: string): void {
    this.attachButton.hidden = !enabled || this.handlers.attach === undefined;
    this.attachButton.setAttribute('title', `Attach files. ${hint}`);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
    this.el.classList.toggle('busy', busy);
    this.updateSendEnabled();
  }

  /** Puts text in the box (a question the host could not send yet), keeping what was typed after it. */
  setDraft(text: string): void {
    const current = this.textarea.value.trim();
    this.textarea.value = current && current !== text ? `${text}\n\n${current}` : text;
    this.autoGrow();
    this.updateSendEnabled();
    this.persist();
  }

  focus(): void {
    this.textarea.focus();
    const end = this.textarea.value.length;
    this.textarea.setSelectionRange(end, end);
  }

  private onKeyDown(e: KeyboardEvent): void {
    const action = this.tracker.classify(e);
    if (action === 'send') {
      e.preventDefault();
      this.submit();
      return;
    }
    if (action !== 'other' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const next = e.key === 'ArrowUp' ? this.history.up(this.textarea.value) : this.history.down(this.textarea.value);
      if (next === undefined) return;
      e.preventDefault();
      this.textarea.value = next;
      this.autoGrow();
      this.updateSendEnabled();
      const end = next.length;
      this.textarea.setSelectionRange(end, end);
    }
  }

  private submit(): void {
    const text = this.textarea.value;
    if (this.busy || text.trim() === '') return;
    if (!this.handlers.send(text)) return;
    this.history.add(text);
    this.textarea.value = '';
    this.autoGrow();
    this.updateSendEnabled();
    this.persist();
  }

  private persist(): void {
    this.handlers.persist(this.textarea.value, this.history.all);
  }

  private updateSendEnabled(): void {
    setDisabled(this.sendButton, this.busy || this.textarea.value.trim() === '');
  }

  private autoGrow(): void {
    if (FITS_CONTENT) return;
    // CSSOM writes are allowed by the CSP (only style attributes in markup are not); max-height lives in CSS.
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${this.textarea.scrollHeight}px`;
  }
}
