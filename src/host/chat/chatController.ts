import * as vscode from 'vscode';
import { ContextKey, setContext } from '../commands';
import { problemText, words } from '../messages';
import { Disposable, toDisposable } from '../disposables';
import type { IDisposable } from '../disposables';
import { ChatAppLoader } from './chatAppLoader';
import type { ChatLog } from './chatLog';
import { editorActionHandlers } from './chatActions';
import { onDidChangeChatSettings, readChatSettings } from './chatSettings';
import { ConversationHistory } from './conversationHistory';
import { ConversationNaming } from './conversationNaming';
import { OpenConversation } from './openConversation';
import type { ConversationChange } from './openConversation';
import type { ClientProvider } from '../clientProvider';
import { TurnMeta } from './turnMeta';
import { dispatchWebviewMessage } from './webviewDispatch';
import type { WebviewMessageHandlers } from './webviewDispatch';
import { inputsWithDefaults, missingInputs } from '../../chat/appView';
import { ChatSession, retryOptions } from '../../chat/session';
import type { ChatBackend, SendOptions } from '../../chat/session';
import type { Scheduler } from '../../chat/coalescer';
import { DifyError } from '../../dify/errors';
import type { WorkflowState } from '../../shared/answer';
import type { ChatSettings, ChatState } from '../../shared/chatState';
import type { StateMemento } from '../globalStore';
import type { CodeContext } from '../../shared/codeContext';
import { isCodeContextList } from '../../shared/codeContext';
import type { HostMessage } from '../../protocol';

/** Where the controller's messages go: the webview view, while one is resolved. */
export interface ChatViewPort {
  post(message: HostMessage): void;
}

export type { ConversationChange } from './openConversation';

export interface ChatControllerOptions {
  log: ChatLog;
  /** Brings the chat view into sight (the view provider implements it). */
  reveal?: () => Promise<void>;
  /** Waits; injectable so tests need not wait for the auto-name. */
  sleep?: (ms: number) => Promise<void>;
  scheduler?: Scheduler;
  /** Delays before each look for Dify's auto-generated name (it arrives about 1 s after the first answer). */
  nameRefreshDelaysMs?: readonly number[];
  /** History page size. */
  historyPageSize?: number;
  /** Workspace state: the open conversation is remembered there and reopened after a restart. */
  memory?: StateMemento;
}

/** What a question from another feature (Ask About Selection, a chip, a code lens) may carry. */
export interface AskOptions {
  /** Start a new conversation first (unless an answer is streaming). */
  newConversation?: boolean;
  /** The code the question is about: kept on the turn, carried to a retry, shown to the webview. */
  context?: readonly CodeContext[];
}

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
  private readonly _onDidPostMessage = this.register(new vscode.EventEmitter<HostMessage>());
  /** Every host -> webview message, whether or not a view is showing (tests observe the protocol here). */
  readonly onDidPostMessage = this._onDidPostMessage.event;

  private readonly session: ChatSession;
  private readonly appLoader: ChatAppLoader;
  private readonly naming: ConversationNaming;
  private readonly history: ConversationHistory;
  private readonly turnMeta: TurnMeta;
  private readonly handlers: WebviewMessageHandlers;
  private port: ChatViewPort | undefined;
  private settings: ChatSettings = readChatSettings();
  /** The profile the conversation belongs to: another profile means another app, so a new chat. */
  private sessionProfile: string;
  private readonly abort = new AbortController();
  private streamingContext = false;

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
      log: (m) => options.log.debug(`chat: ${m}`),
      describe: problemText,
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
      onLoaded: () => this.postState(),
      ...(options.historyPageSize !== undefined ? { pageSize: options.historyPageSize } : {}),
    });
    this.turnMeta = new TurnMeta({ clients, session: this.session, log, words, signal, notifyError });
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
    const hasView = (): boolean => this.port !== undefined;
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
    this.history.supersede();
    this.sessionProfile = this.clients.profileId;
    this.session.reset(inputsWithDefaults(this.appLoader.app?.inputForm ?? []));
    this.shown.cleared();
    this.postState();
  }

  /** Stops the streaming answer; resolves when Dify's stop route has answered. */
  stop(): Promise<void> {
    return this.session.stop();
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
    if (opts.newConversation && !this.session.busy) this.newChat();
    await this.options.reveal?.();
    this.post({ type: 'focusComposer' });
    return this.send(q, opts.context ? { context: opts.context } : {});
  }

  /**
   * Shows a stored conversation: its newest page of messages (older pages load on demand, paging
   * backwards with `first_id`). Stops an answer in flight.
   */
  openConversation(id: string, name?: string): Promise<void> {
    return this.shown.open(id, name);
  }

  /** One message from the webview: validated, then handled (invalid ones are logged at debug and dropped). */
  receive(raw: unknown): void {
    dispatchWebviewMessage(raw, this.handlers, this.options.log);
  }

  /** A webview view was resolved; messages go to it from now on. */
  attach(port: ChatViewPort): IDisposable {
    this.port = port;
    return toDisposable(() => {
      if (this.port === port) this.port = undefined;
    });
  }

  override dispose(): void {
    this.abort.abort();
    this.session.dispose();
    void setContext(ContextKey.chatStreaming, false);
    super.dispose();
  }

  // ---- messages from the webview -----------------------------------------------------------------------

  private createHandlers(): WebviewMessageHandlers {
    return {
      ...editorActionHandlers((level, message) => this.notice(level, message)),
      ready: () => this.ready(),
      send: ({ text, inputs }) => {
        if (!this.session.inputsLocked) this.session.setInputs(inputs);
        this.send(text);
      },
      stop: () => this.stop(),
      retry: ({ turnId }) => this.retry(turnId),
      newChat: () => this.newChat(),
      feedback: ({ turnId, rating }) => this.turnMeta.rate(turnId, rating),
      inputsChanged: ({ inputs }) => {
        this.session.setInputs(inputs);
      },
      setKey: () => this.clients.promptForKey(),
      loadOlder: () => this.history.loadOlder(),
    };
  }

  private async ready(): Promise<void> {
    this.postState();
    this.shown.ready();
    // First view, or a view asking again after a failure ("Try again" posts ready).
    if (this.appLoader.wantsLoad) await this.refreshApp();
  }

  private send(question: string, options: SendOptions = {}): boolean {
    if (this.session.busy) {
      this.post({ type: 'draft', text: question });
      this.notice('info', 'Dify is still answering. Stop it or wait, then send again.');
      return false;
    }
    const app = this.appLoader.app;
    if (!this.session.inputsLocked && app) {
      const values = inputsWithDefaults(app.inputForm, this.session.inputs);
      const missing = missingInputs(app.inputForm, values);
      if (missing.length) {
        this.post({ type: 'draft', text: question });
        this.notice('error', `Fill in ${missing.join(', ')} before sending.`);
        return false;
      }
      this.session.setInputs(values);
    }
    const sent = this.session.send(question, () => this.backend(), options) !== undefined;
    if (sent) this.shown.sending(question);
    return sent;
  }

  private retry(turnId: string): void {
    const turn = this.session.findTurn(turnId);
    if (!turn || this.shown.retry(turn)) return;
    // Visibly a new turn with the same question (and code context); the failed one stays above it.
    this.send(turn.question, retryOptions(turn));
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
    await Promise.all(tasks);
  }

  // ---- app and profile ---------------------------------------------------------------------------------

  private profileChanged(): void {
    // A conversation belongs to its app: switching profiles starts a new chat. A changed key or URL for
    // the same profile keeps it (if the server no longer knows it, the next answer says so, with Retry).
    const anotherApp = this.clients.profileId !== this.sessionProfile;
    if (anotherApp) {
      this.history.supersede();
      this.sessionProfile = this.clients.profileId;
      this.session.reset({});
    }
    this.appLoader.invalidate(anotherApp);
    void this.refreshApp();
  }

  private appLoaded(): void {
    if (!this.session.inputsLocked && this.session.turns.length === 0) {
      this.session.reset(inputsWithDefaults(this.appLoader.app?.inputForm ?? []));
    }
    this.postState();
  }

  // ---- plumbing ----------------------------------------------------------------------------------------

  private async backend(): Promise<ChatBackend> {
    const client = await this.clients.getClient();
    if (!client) {
      throw new DifyError({ kind: 'auth', problem: { id: 'apiKey.missing', profileName: this.clients.profileName } });
    }
    return client;
  }

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
    const state: ChatState = {
      connection: { ...this.appLoader.connection },
      conversation: s.conversation,
      turns: s.turns,
      busy: s.busy,
      inputs: s.inputs,
      inputsLocked: s.inputsLocked,
      settings: { ...this.settings },
    };
    const app = this.appLoader.app;
    if (app) state.app = app;
    return state;
  }

  private postState(): void {
    this.post({ type: 'state', state: this.buildState(true) });
  }

  private notice(level: 'info' | 'error', message: string): void {
    this.post({ type: 'notice', level, message });
  }

  private post(message: HostMessage): void {
    // The context key drives the Stop title button and the command's enablement; a full state can end a
    // stream too (New chat discards the answer in flight without a separate busy message).
    if (message.type === 'busy' || message.type === 'state') {
      const busy = message.type === 'busy' ? message.busy : message.state.busy;
      if (busy !== this.streamingContext) {
        this.streamingContext = busy;
        void setContext(ContextKey.chatStreaming, busy);
      }
    }
    this._onDidPostMessage.fire(message);
    this.port?.post(message);
  }
}
