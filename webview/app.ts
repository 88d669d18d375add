// The chat panel: receives host messages, keeps the view model, and updates the DOM at most once per
// animation frame (the markdown renderer coalesces its own text updates the same way).
import type { Answer } from '../src/shared/answer';
import { isFinished } from '../src/shared/answer';
import type { ChatState, ConversationView, InputValues, Turn } from '../src/shared/chatState';
import type { HostMessage, WebviewMessage } from '../src/protocol';
import { applyTurnUpdate, sendRefusal } from '../src/protocol';
import { AnswerAnnouncer } from './announce';
import type { AnswerHandlers } from './components/answer';
import { button } from './components/button';
import { handleContentClick } from './contentClicks';
import { ChipsView } from './components/chips';
import { ComposerView } from './components/composer';
import { HeaderView } from './components/header';
import { PanelFiles } from './panelFiles';
import { InputFormView } from './components/inputForm';
import { QueueView } from './components/queue';
import { TurnView } from './components/turn';
import { WelcomeView } from './components/welcome';
import { h, Icons, replaceChildren, setHidden } from './dom';
import { handleEscape } from './escape';
import { DeferredTexts } from './deferredTexts';
import { OlderPages } from './olderPages';
import { TurnHeights } from './turnHeights';
import { olderViews, placeChildren, stateViews } from './keptTurns';
import { QuestionHistory } from './questionHistory';
import { refusalText } from './sendRefusal';
import { AutoScroll } from './scroll';
import type { HostBridge } from './vscodeApi';
import { t } from './l10n';

const NOTICE_MS = 4_000;
const INPUTS_DEBOUNCE_MS = 300;

function ending(answer: Answer): string {
  switch (answer.status) {
    case 'done':
      return t('Answer complete.');
    case 'stopped':
      return t('Answer stopped.');
    case 'failed':
    case 'interrupted':
      return t('Answer failed: {0}', answer.error?.message ?? '').trim();
    case 'waiting':
    case 'streaming':
      return '';
  }
}

export class App {
  private state: ChatState | undefined;
  private readonly views = new Map<string, TurnView>();
  private readonly dirty = new Set<string>();
  private readonly deferred = new DeferredTexts();
  private readonly older = new OlderPages((turns, conversation) => this.prependTurns(turns, conversation));
  private readonly heights = new TurnHeights();
  private frame: number | undefined;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private inputsTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly header: HeaderView;
  private readonly welcome: WelcomeView;
  private readonly inputForm: InputFormView;
  private readonly olderButton: HTMLElement;
  private readonly turnsEl: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly live: HTMLElement;
  private readonly composer: ComposerView;
  private readonly queue: QueueView;
  private readonly chips: ChipsView;
  private readonly autoScroll: AutoScroll;
  private readonly announcer: AnswerAnnouncer;
  private readonly files: PanelFiles;

  constructor(
    private readonly root: HTMLElement,
    private readonly bridge: HostBridge,
  ) {
    const saved = bridge.getState();
    const history = new QuestionHistory(saved?.history ?? []);

    this.header = new HeaderView(() => this.post({ type: 'newChat' }));
    this.welcome = new WelcomeView({
      ask: (q) => this.send(q),
      setKey: () => this.post({ type: 'setKey' }),
      reconnect: () => this.post({ type: 'ready' }),
    });
    this.inputForm = new InputFormView((values) => this.inputsChanged(values));
    this.olderButton = button({ label: t('Load earlier messages'), appearance: 'secondary', className: 'load-older', onClick: () => this.post({ type: 'loadOlder' }) });
    this.olderButton.hidden = true;
    this.turnsEl = h('div', { class: 'turns' });
    const content = h('div', { class: 'content' }, this.welcome.el, this.inputForm.el, this.olderButton, this.turnsEl);
    this.scroller = h('main', { class: 'scroller', tabindex: 0, 'aria-label': t('Conversation') }, content);
    const jump = button({ label: t('Jump to latest'), icon: Icons.down, text: t('Jump to latest'), appearance: 'secondary', className: 'jump', onClick: () => this.autoScroll.jumpToLatest() });
    this.notice = h('div', { class: 'notice', role: 'status' });
    this.notice.hidden = true;
    this.live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.files = new PanelFiles({ post: (m) => this.post(m), state: () => this.state, view: (id) => this.views.get(id), notice: (m) => this.showNotice(m, 'error') });
    this.composer = new ComposerView(
      {
        send: (text) => this.send(text),
        stop: () => {
          this.files.stopAudio();
          this.post({ type: 'stop' });
        },
        attach: () => this.post({ type: 'attachPick' }),
        paste: (e) => this.files.input.paste(e),
        persist: (draft, entries) => this.bridge.setState({ draft, history: [...entries] }),
        pickFile: () => this.post({ type: 'pickFile' }),
      },
      history,
      saved?.draft ?? '',
    );
    this.queue = new QueueView((id) => this.post({ type: 'unqueue', id }));
    this.chips = new ChipsView((id) => this.post({ type: 'removeChip', id }), () => this.sendTruncated());
    const bottom = h('footer', { class: 'bottom' }, this.notice, this.queue.el, this.chips.el, this.files.attachments.el, this.composer.el);
    replaceChildren(this.root, this.header.el, this.scroller, h('div', { class: 'jump-wrap' }, jump), bottom, this.live);
    this.autoScroll = new AutoScroll(this.scroller, content, jump, () => (this.state?.turns.length ?? 0) > 0);
    this.announcer = new AnswerAnnouncer((text) => this.say(text));

    handleEscape([this.header.el, this.scroller, bottom], { isBusy: () => this.state?.busy === true, stop: () => this.post({ type: 'stop' }) });
    this.files.wireDrop(this.root);
    this.scroller.addEventListener('click', (e) => handleContentClick(e, (m) => this.post(m)));
    this.scroller.addEventListener('auxclick', (e) => handleContentClick(e, (m) => this.post(m)));
  }

  /** Handles one host message. */
  handle(msg: HostMessage): void {
    switch (msg.type) {
      case 'state':
        this.applyState(msg.state);
        return;
      case 'turnAdded':
        this.addTurn(msg.turn);
        return;
      case 'olderTurns':
        this.older.add(msg.turns, msg.conversation);
        return;
      case 'turnUpdate': {
        const view = this.views.get(msg.turnId);
        if (!view) return;
        const before = view.turn.answer;
        const after = applyTurnUpdate(before, msg);
        view.set(after);
        this.markDirty(msg.turnId);
        if (isFinished(after) && !isFinished(before)) this.announcer.finish(msg.turnId, after.text, ending(after));
        else if (after.text !== before.text) this.announcer.progress(msg.turnId, after.text);
        return;
      }
      case 'turnMeta': {
        const view = this.views.get(msg.turnId);
        if (!view) return;
        if (msg.feedback !== undefined) view.setFeedback(msg.feedback);
        if (msg.suggestions !== undefined) view.setSuggestions(msg.suggestions);
        return;
      }
      case 'conversation':
        if (!this.state) return;
        this.state.conversation = msg.conversation;
        this.state.inputsLocked = msg.inputsLocked;
        this.renderChrome();
        return;
      case 'busy':
        if (this.state) this.state.busy = msg.busy;
        this.composer.setBusy(msg.busy);
        return;
      case 'settings':
        if (this.state) this.state.settings = msg.settings;
        this.applySettings(msg.settings.fontSize);
        return;
      case 'notice':
        this.showNotice(msg.message, msg.level);
        return;
      case 'focusComposer':
        this.composer.focus();
        return;
      case 'draft':
        this.composer.setDraft(msg.text);
        this.composer.focus();
        return;
      case 'queue':
        if (this.state) this.state.queue = msg.queue;
        this.queue.set(msg.queue);
        return;
      case 'chips':
        if (this.state) this.state.chips = msg.chips;
        this.chips.set(msg.chips);
        return;
      case 'chipsTooLarge':
        this.chips.warn(msg.message);
        return;
      case 'filePicked':
        this.composer.filePicked(msg.added);
        return;
      case 'attachments':
      case 'fileData':
      case 'audio':
      case 'audioChunk':
        this.files.handle(msg);
        return;
      default: {
        const unknown: never = msg;
        void unknown;
      }
    }
  }

  // ------------------------------------------------------------------------------------------------

  private post(msg: WebviewMessage): void {
    this.bridge.post(msg);
  }

  private send(text: string): boolean {
    if (this.state?.busy) return false;
    const question = text.trim();
    if (!question) return false;
    if (!this.inputForm.validate()) return false;
    const inputs = this.state?.inputsLocked ? {} : this.inputForm.values();
    // Refused here, before the composer is cleared, for what the host would refuse: the text stays.
    const refusal = sendRefusal(question, inputs);
    if (refusal) {
      const message = refusalText(refusal, (key) => this.inputForm.labelOf(key));
      if (refusal.reason === 'questionTooLong') this.showNotice(message, 'error');
      else this.inputForm.refuse('key' in refusal ? refusal.key : undefined, message);
      return false;
    }
    // What was sent is what the conversation keeps (shown read-only once the conversation exists).
    if (this.state && !this.state.inputsLocked) this.state.inputs = inputs;
    this.post({ type: 'send', text: question, inputs });
    this.autoScroll.jumpToLatest();
    return true;
  }

  /** The question again, with the chips' code cut to the size limit (the user chose it under the warning). */
  private sendTruncated(): void {
    const text = this.composer.value.trim();
    if (!text || this.state?.busy) return;
    const inputs = this.state?.inputsLocked ? {} : this.inputForm.values();
    this.post({ type: 'sendTruncated', text, inputs });
    this.composer.clear();
  }

  private inputsChanged(values: InputValues): void {
    if (this.state && !this.state.inputsLocked) this.state.inputs = values;
    if (this.inputsTimer !== undefined) clearTimeout(this.inputsTimer);
    this.inputsTimer = setTimeout(() => {
      this.inputsTimer = undefined;
      this.post({ type: 'inputsChanged', inputs: values });
    }, INPUTS_DEBOUNCE_MS);
  }

  private handlers(turn: Turn): AnswerHandlers {
    return {
      copy: (text) => this.post({ type: 'copy', text }),
      rate: (rating) => this.post({ type: 'feedback', turnId: turn.id, rating }),
      retry: () => this.post({ type: 'retry', turnId: turn.id }),
      ask: (q) => this.send(q),
      ...this.files.turnHandlers(turn.id),
    };
  }

  private applyState(state: ChatState): void {
    // Keep the reader's place when the list is rebuilt above them (older history, a reload).
    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    // Another conversation opens at its newest answer, wherever the reader was in the one before.
    const following = this.autoScroll.isFollowing || state.conversation.id !== this.state?.conversation.id;
    this.state = state;
    this.dirty.clear();
    this.older.clear();
    const { views, held } = stateViews(this.views, state.turns, (t, hold) => new TurnView(t, this.handlers(t), hold));
    this.views.clear();
    for (const [id, v] of views) this.views.set(id, v);
    const elements = [...views.values()].map((v) => v.el);
    placeChildren(this.turnsEl, elements);
    this.deferred.replace(held);
    if (state.turns.length > 0) this.sizeTurns();
    const streaming = state.turns.find((t) => !isFinished(t.answer));
    if (streaming) this.announcer.start(streaming.id);
    this.composer.setBusy(state.busy);
    this.queue.set(state.queue);
    this.chips.set(state.chips);
    this.files.setAttachments(state.attachments);
    this.applySettings(state.settings.fontSize);
    this.renderChrome();
    // Nothing to follow yet: the welcome reads from the top.
    if (state.turns.length === 0) this.autoScroll.toTop();
    else if (following) this.autoScroll.jumpToLatest();
    else this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
  }

  /** Placeholder heights for the turns off screen, from those on screen (turnHeights.ts), once they are laid out. */
  private sizeTurns(): void {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const seen = [...this.views.values()].filter((v) => {
        const r = v.el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      });
      if (this.heights.learn(seen)) this.heights.apply(this.views.values());
    }));
  }

  private createView(turn: Turn): TurnView {
    const view = new TurnView(turn, this.handlers(turn));
    this.views.set(turn.id, view);
    return view;
  }

  private addTurn(turn: Turn): void {
    if (!this.state || this.views.has(turn.id)) return;
    this.state.turns.push(turn);
    for (const v of this.views.values()) v.setSuggestions([]);
    this.turnsEl.appendChild(this.createView(turn).el);
    this.announcer.start(turn.id);
    this.renderChrome();
    this.autoScroll.contentChanged();
  }

  /** An older page of history goes in front of the turns shown (in a frame, see olderPages.ts), which keep their views and the reader's place. */
  private prependTurns(turns: readonly Turn[], conversation: ConversationView): void {
    const s = this.state;
    if (!s) return;
    const fromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    const fresh = turns.filter((t) => !this.views.has(t.id));
    const { views, held } = olderViews(fresh, s.turns, (t, hold) => new TurnView(t, this.handlers(t), hold));
    for (const v of views) this.views.set(v.turn.id, v);
    s.turns = [...views.map((v) => v.turn), ...s.turns];
    s.conversation = conversation;
    this.turnsEl.prepend(...views.map((v) => v.el));
    this.deferred.add(held);
    this.heights.apply(views);
    this.renderChrome();
    if (this.autoScroll.isFollowing) this.autoScroll.jumpToLatest();
    else this.scroller.scrollTop = this.scroller.scrollHeight - fromBottom;
  }

  /** Header, welcome, input form and the older-history button: everything around the turns. */
  private renderChrome(): void {
    const s = this.state;
    if (!s) return;
    this.header.update(s);
    this.composer.setAttach(s.connection.status === 'ready' && s.app?.uploads?.enabled === true, this.files.hint);
    const showWelcome = s.turns.length === 0 || s.connection.status !== 'ready';
    setHidden(this.welcome.el, !showWelcome);
    if (showWelcome) this.welcome.update(s);
    const fields = s.connection.status === 'ready' ? (s.app?.inputForm ?? []) : [];
    this.inputForm.set(fields, s.inputs, s.inputsLocked);
    setHidden(this.olderButton, !s.conversation.hasOlder);
    this.olderButton.toggleAttribute('disabled', s.conversation.loadingOlder);
    this.root.dataset['connection'] = s.connection.status;
  }

  private applySettings(fontSize: number): void {
    // CSSOM writes are allowed under the CSP; every size in the stylesheet derives from this variable.
    document.documentElement.style.setProperty('--dify-chat-font-size', `${fontSize}px`);
  }

  private markDirty(turnId: string): void {
    this.dirty.add(turnId);
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      for (const id of this.dirty) this.views.get(id)?.render();
      this.dirty.clear();
      this.autoScroll.contentChanged();
    });
  }

  private showNotice(message: string, level: 'info' | 'error'): void {
    this.notice.textContent = message;
    this.notice.dataset['level'] = level;
    this.notice.hidden = false;
    if (this.noticeTimer !== undefined) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => {
      this.notice.hidden = true;
      this.noticeTimer = undefined;
    }, NOTICE_MS);
  }

  private say(text: string): void {
    // Clearing first makes a repeated sentence ("Answer complete.") announce again.
    this.live.textContent = '';
    requestAnimationFrame(() => (this.live.textContent = text));
  }
}
