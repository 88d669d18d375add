import type * as vscode from 'vscode';
import { problemText, translate, words } from '../messages';
import * as settings from '../settings';
import { Disposable } from '../disposables';
import type { IDisposable } from '../disposables';
import { ChatAppLoader } from './chatAppLoader';
import { ChatOutbox } from './chatOutbox';
import { editorActionHandlers } from './chatActions';
import { onDidChangeChatSettings, readChatSettings } from './chatSettings';
import { ConversationHistory } from './conversationHistory';
import { ConversationNaming } from './conversationNaming';
import { OpenConversation } from './openConversation';
import type { ClientProvider } from '../clientProvider';
import type { ContextChip } from '../../chat/contextChips';
import { ChatComposer } from './chatComposer';
import { ChatFiles } from '../files/chatFiles';
import { TurnBackends } from './turnBackend';
import { TurnMeta } from './turnMeta';
import { dispatchWebviewMessage } from './webviewDispatch';
import { stateMessages } from './statePosts';
import type { WebviewMessageHandlers } from './webviewDispatch';
import { inputsWithDefaults } from '../../chat/appView';
import { ChatSession, retryOptions } from '../../chat/session';
import type { WorkflowState } from '../../shared/answer';
import type { ChatSettings, ChatState, Turn } from '../../shared/chatState';
import { isCodeContextList } from '../../shared/codeContext';
import type { HostMessage } from '../../protocol';
import type { AskOptions, ChatControllerOptions, ChatViewPort, ConversationChange } from './chatControllerOptions';

export type { AskOptions, ChatControllerOptions, ChatViewPort, ConversationChange } from './chatControllerOptions';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The chat panel's host side. It owns the conversation and the stream (through {@link ChatSession});
 * the webview only renders, so hiding, moving or reloading the panel loses nothing: a webview that
 * (re)appears sends `ready` and gets the full state, then the increments.
 *
 * Public methods are the API other features use: the conversation tree calls {@link openConversation}
 * and listens to {@link onDidChangeConversations}; "Ask Dify about selection" calls {@link ask}.
 */
export class ChatController extends Disposable {
  private readonly shown: OpenConversation;
  /** Fires when a conversation is created, continued, renamed or opened. */
  readonly onDidChangeConversations: vscode.Event<ConversationChange>;
  private readonly outbox = this.register(new ChatOutbox());
  /** Every host -> webview message, whether or not a view is showing (tests observe the protocol here). */
  readonly onDidPostMessage = this.outbox.onDidPost;

  private readonly session: ChatSession;
  private readonly appLoader: ChatAppLoader;
  private readonly naming: ConversationNaming;
  private readonly history: ConversationHistory;
  private readonly composer: ChatComposer;
  /** Attachments, Dify's files and speech (the composition root gives it the file dialogs). */
  readonly files: ChatFiles;
  private applier: ((turnId: string, code: string, language: string) => Promise<void>) | undefined;
  private readonly turnMeta: TurnMeta;
  private readonly backends: TurnBackends;
  private readonly handlers: WebviewMessageHandlers;
  private settings: ChatSettings = readChatSettings();
  /** The profile the conversation belongs to: another profile means another app, so a new chat. */
  private sessionProfile: string;
  private readonly abort = new AbortController();

  constructor(
    private readonly clients: ClientProvider,
    private readonly options: ChatControllerOptions,
  ) {
    super();
    this.sessionProfile = clients.profileId;
    this.session = new ChatSession({
      post: (m) => this.post(m),
      onConversationStarted: (id) => this.conversationStarted(id),
      onTurnFinished: (turn) => void this.turnFinished(turn.id),
      onLateEvent: (turnId, event) => this.files.turnFiles.speech(turnId, event),
      log: (m) => options.log.debug(`chat: ${m}`),
      describe: problemText,
      limits: settings.answerLimits,
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    });
    const signal = (): AbortSignal => this.signal();
    const log = options.log;
    const notifyError = (message: string): void => this.notice('error', message);
    this.appLoader = this.register(new ChatAppLoader({ clients, log, words, signal, onLoading: () => this.postState(), onLoaded: () => this.appLoaded() }));
    this.history = new ConversationHistory({
      clients,
      session: this.session,
      log,
      words,
      signal,
      notifyError,
      onLoaded: () => this.postState(true),
      ...(options.historyPageSize !== undefined ? { pageSize: options.historyPageSize } : {}),
    });
    this.turnMeta = new TurnMeta({ clients, session: this.session, log, words, signal, notifyError });
    const resolveTimeoutMs = (): number => options.resolveTimeoutMs ?? settings.requestTimeoutSeconds() * 1000;
    this.backends = new TurnBackends({ clients, appLoader: this.appLoader, session: this.session, resolveTimeoutMs });
    this.files = new ChatFiles({ clients, session: this.session, app: () => this.appLoader.app, post: (m) => this.post(m), notice: (level, message) => this.notice(level, message), timeoutMs: resolveTimeoutMs });
    this.composer = new ChatComposer({
      attachments: this.files.attachments,
      session: this.session,
      backend: (question, options) => this.backends.source(question, options),
      app: () => this.appLoader.app,
      newChat: () => this.newChat(),
      post: (m) => this.post(m),
      notice: (level, message) => this.notice(level, message),
      sent: (question) => this.shown.sending(question),
    });
    this.naming = this.register(
      new ConversationNaming({
        clients,
        conversation: this.session,
        log,
        signal,
        sleep: options.sleep ?? realSleep,
        ...(options.nameRefreshDelaysMs ? { delaysMs: options.nameRefreshDelaysMs } : {}),
        onRenamed: (id, name) => this.shown.renamed(id, name),
      }),
    );
    const hasView = (): boolean => this.outbox.hasView;
    const post = (m: HostMessage): void => this.post(m);
    this.shown = this.register(new OpenConversation({ session: this.session, history: this.history, profileId: () => clients.profileId, hasView, post, memento: options.memory }));
    this.onDidChangeConversations = this.shown.onDidChange;
    this.handlers = this.createHandlers();
    this.register(clients.onDidChange(() => this.profileChanged()));
    this.register(
      onDidChangeChatSettings((settings) => {
        this.settings = settings;
        this.post({ type: 'settings', settings });
      }),
    );
    void this.shown.reopen();
  }

  // ---- the public API ----------------------------------------------------------------------------------

  /** The conversation's id, once its first answer has named it. */
  get conversationId(): string | undefined {
    return this.session.conversationId;
  }

  get conversationName(): string | undefined {
    return this.session.conversationName;
  }

  /** A chatflow answer's steps, as they streamed into this panel (Dify's history does not keep them). */
  workflowOf(messageId: string): WorkflowState | undefined {
    return this.session.turns.find((t) => t.answer.messageId === messageId)?.answer.workflow;
  }

  get busy(): boolean {
    return this.session.busy;
  }

  /** The conversation has started, so its app inputs are fixed. */
  get inputsLocked(): boolean {
    return this.session.inputsLocked;
  }

  /** Adds code to go with the next question (Add Selection to Chat, Add File to Chat). */
  addChip(chip: ContextChip): 'added' | 'duplicate' | 'full' {
    return this.composer.chips.add(chip);
  }

  /** How the panel's `@` opens the workspace's file pick (the context feature provides it). */
  setFilePicker(picker: () => Promise<ContextChip | undefined>): void {
    this.composer.setFilePicker(picker);
  }

  /** What an answer's Apply button does (the apply feature provides it). */
  setApplier(applier: (turnId: string, code: string, language: string) => Promise<void>): void {
    this.applier = applier;
  }

  /** The turn with this id, if the panel shows it (Apply reads its code context). */
  findTurn(turnId: string): Turn | undefined {
    return this.session.findTurn(turnId);
  }

  /** Brings the chat panel into sight. */
  async reveal(): Promise<void> {
    await this.options.reveal?.();
  }

  /** Puts the caret in the message box. */
  focusComposer(): void {
    this.post({ type: 'focusComposer' });
  }

  /** A short line in the panel (how a question from another feature was sent, for example). */
  showNotice(level: 'info' | 'error', message: string): void {
    this.notice(level, message);
  }

  /** The full state as a webview would receive it. */
  getState(): ChatState {
    return this.buildState(false);
  }

  /** Resolves when the answer in flight (if any) has settled. */
  whenIdle(): Promise<void> {
    return this.session.whenIdle();
  }

  /** Loads the app's name, opening statement, suggestions and input form (again). */
  refreshApp(): Promise<void> {
    return this.appLoader.refresh();
  }

  /** Starts an empty conversation (stopping an answer in flight). */
  newChat(): void {
    this.backends.cancel();
    this.history.supersede();
    this.sessionProfile = this.clients.profileId;
    const closed = this.session.conversationId;
    this.session.reset(inputsWithDefaults(this.appLoader.app?.inputForm ?? []));
    this.shown.cleared(closed);
    this.postState();
    this.composer.asker.drain();
  }

  /** Stops the streaming answer; resolves when Dify's stop route has answered. */
  stop(): Promise<void> {
    const stopped = this.session.stop();
    this.backends.cancel();
    return stopped;
  }

  /**
   * Reveals the panel and sends a question, in a new conversation if asked, with the code it is about
   * (`context`, checked with {@link isCodeContextList}: an invalid one throws before anything happens).
   * Returns false when it could not be sent yet (an answer is streaming, or required inputs are missing):
   * the question then waits in the composer, so it is never lost (its context is not kept there).
   */
  async ask(question: string, opts: AskOptions = {}): Promise<boolean> {
    if (opts.context !== undefined && !isCodeContextList(opts.context)) {
      throw new TypeError('ask(): context must be a list of valid code contexts');
    }
    const q = question.trim();
    if (!q) return false;
    await this.options.reveal?.();
    this.post({ type: 'focusComposer' });
    return this.composer.ask({
      question: q,
      ...(opts.context ? { context: [...opts.context] } : {}),
      ...(opts.instruction !== undefined ? { instruction: opts.instruction } : {}),
      ...(opts.newConversation ? { newConversation: true } : {}),
      ...(opts.inputs ? { inputs: opts.inputs } : {}),
    });
  }

  /**
   * Shows a stored conversation: its newest page of messages (older pages load on demand, paging
   * backwards with `first_id`). Stops an answer in flight.
   */
  openConversation(id: string, name?: string): Promise<void> {
    this.backends.cancel();
    return this.shown.open(id, name);
  }

  /** One message from the webview: validated, then handled (invalid ones are logged at debug and dropped). */
  receive(raw: unknown): void {
    dispatchWebviewMessage(raw, this.handlers, this.options.log, (m) => this.post(m), translate);
  }

  /** A webview view was resolved; messages go to it from now on. */
  attach(port: ChatViewPort): IDisposable {
    return this.outbox.attach(port);
  }

  override dispose(): void {
    this.backends.cancel();
    this.abort.abort();
    this.session.dispose();
    super.dispose();
  }

  // ---- messages from the webview -----------------------------------------------------------------------

  private createHandlers(): WebviewMessageHandlers {
    return {
      ...editorActionHandlers((level, message) => this.notice(level, message)),
      ...this.files.handlers(),
      ready: () => this.ready(),
      send: ({ text, inputs }) => this.composer.fromPanel(text, inputs, false),
      sendTruncated: ({ text, inputs }) => this.composer.fromPanel(text, inputs, true),
      removeChip: ({ id }) => this.composer.chips.remove(id),
      pickFile: () => this.composer.pickFile(),
      applyCode: ({ turnId, code, language }) => this.applier?.(turnId, code, language),
      stop: () => this.stop(),
      retry: ({ turnId }) => this.retry(turnId),
      newChat: () => this.newChat(),
      feedback: ({ turnId, rating }) => this.turnMeta.rate(turnId, rating),
      inputsChanged: ({ inputs }) => {
        this.session.setInputs(inputs);
      },
      setKey: () => this.clients.promptForKey(),
      loadOlder: () => this.history.loadOlder(),
      unqueue: ({ id }) => this.composer.asker.unqueue(id),
    };
  }

  private async ready(): Promise<void> {
    this.postState(true);
    this.shown.ready();
    // First view, or a view asking again after a failure ("Try again" posts ready).
    if (this.appLoader.wantsLoad) await this.refreshApp();
  }

  private retry(turnId: string): void {
    const turn = this.session.findTurn(turnId);
    if (!turn || this.shown.retry(turn)) return;
    // Visibly a new turn with the same question (and code context); the failed one stays above it.
    this.composer.send(turn.question, retryOptions(turn));
  }

  // ---- session callbacks -------------------------------------------------------------------------------

  private conversationStarted(id: string): void {
    this.history.rememberInputs(id, this.session.inputs);
    this.naming.started(id);
    this.shown.started(id);
  }

  private async turnFinished(turnId: string): Promise<void> {
    const turn = this.session.findTurn(turnId);
    const conversationId = this.session.conversationId;
    if (!turn) return;
    this.shown.finished();
    const tasks: Array<Promise<void>> = [];
    if (turn.answer.status === 'done' && turn.answer.messageId !== undefined && this.appLoader.app?.suggestedAfterAnswer) {
      tasks.push(this.turnMeta.loadSuggestions(turnId, turn.answer.messageId));
    }
    tasks.push(this.naming.answerFinished(conversationId));
    // The next waiting question goes now that Dify is idle (the follow-ups above are for this answer).
    this.composer.asker.drain();
    await Promise.all(tasks);
  }

  // ---- app and profile ---------------------------------------------------------------------------------

  private profileChanged(): void {
    // A conversation belongs to its app: switching profiles starts a new chat. A changed key or URL for
    // the same profile keeps it (if the server no longer knows it, the next answer says so, with Retry).
    const anotherApp = this.clients.profileId !== this.sessionProfile;
    // A question still waiting for its app has gone to none yet: it goes to the app the header now shows.
    const carried = anotherApp ? this.backends.waiting : undefined;
    if (anotherApp) {
      this.backends.cancel();
      this.history.supersede();
      this.sessionProfile = this.clients.profileId;
      this.session.reset({});
    }
    this.appLoader.invalidate(anotherApp);
    void this.refreshApp();
    if (carried) {
      this.postState();
      this.session.send(carried.question, this.backends.source(carried.question, carried.options), carried.options);
    }
  }

  private appLoaded(): void {
    if (!this.session.inputsLocked && this.session.turns.length === 0) {
      this.session.reset(inputsWithDefaults(this.appLoader.app?.inputForm ?? []));
    }
    this.postState();
  }

  // ---- plumbing ----------------------------------------------------------------------------------------

  /**
   * A signal for one request: aborted on dispose. Time limits are the client's own (the user's
   * `dify.requestTimeoutSeconds` / `dify.idleTimeoutSeconds`), which fail as a `timeout` with a sentence
   * that says what to do; a timer here would fail as a bare cancellation and override those settings.
   */
  private signal(): AbortSignal {
    return this.abort.signal;
  }

  private buildState(markSent: boolean): ChatState {
    const s = this.session.snapshot(markSent);
    const { connection, app } = this.appLoader;
    const { queued: queue } = this.composer.asker;
    return { ...s, connection: { ...connection }, settings: { ...this.settings }, queue, chips: this.composer.chips.views, attachments: this.files.attachments.views, ...(app ? { app } : {}) };
  }

  private postState(newestFirst = false /* a conversation shown afresh: its newest turns first, statePosts.ts */): void {
    for (const m of stateMessages(this.buildState(true), newestFirst)) this.post(m);
  }

  private notice(level: 'info' | 'error', message: string): void {
    this.post({ type: 'notice', level, message });
  }

  private post(message: HostMessage): void {
    this.outbox.post(message);
  }
}
