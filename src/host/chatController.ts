import * as vscode from 'vscode';
import { clampedNumber } from './settings';
import { errorText, problemText } from './messages';
import { ContextKey, setContext } from './commands';
import { Setting, settingId } from './settingKeys';
import { appViewFrom, inputsFromHistory, inputsToSend, missingInputs, turnFromHistory } from '../chat/history';
import { ChatSession } from '../chat/session';
import type { ChatBackend } from '../chat/session';
import type { Scheduler } from '../chat/coalescer';
import type { DifyClient } from '../dify/client';
import { DifyError, isDifyError } from '../dify/errors';
import type { HistoryMessage } from '../dify/types';
import type { AppView, ChatSettings, ChatState, ConnectionView, HostMessage, InputValues, Rating, WebviewMessage } from '../protocol';
import { assertNever, describeInvalidMessage, isWebviewMessage } from '../protocol';
import type { ClientProvider } from './clientProvider';
import { openCodeInEditor, insertCodeAtCursor, openExternalLink } from './chatActions';

/** Where the controller's messages go: the webview view, while one is resolved. */
export interface ChatViewPort {
  post(message: HostMessage): void;
}

/** A conversation was created (its first answer named it) or renamed (Dify's auto-generated name arrived). */
export interface ConversationChange {
  kind: 'created' | 'renamed';
  id: string;
  name?: string;
}

export interface ChatLog {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

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
}

const FONT_SIZE_SETTING = settingId(Setting.chatFontSize);
const DEFAULT_FONT_SIZE = 13;

function readSettings(): ChatSettings {
  const raw = vscode.workspace.getConfiguration().get<unknown>(FONT_SIZE_SETTING, DEFAULT_FONT_SIZE);
  return { fontSize: clampedNumber(raw, DEFAULT_FONT_SIZE, 8, 32) };
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
export class ChatController implements vscode.Disposable {
  private readonly _onDidChangeConversations = new vscode.EventEmitter<ConversationChange>();
  /** Fires when a conversation is created or renamed. */
  readonly onDidChangeConversations = this._onDidChangeConversations.event;
  private readonly _onDidPostMessage = new vscode.EventEmitter<HostMessage>();
  /** Every host -> webview message, whether or not a view is showing (tests observe the protocol here). */
  readonly onDidPostMessage = this._onDidPostMessage.event;

  private readonly session: ChatSession;
  private port: ChatViewPort | undefined;
  private connection: ConnectionView;
  private app: AppView | undefined;
  private settings: ChatSettings = readSettings();
  private appGeneration = 0;
  private appLoading = false;
  private appLoaded = false;
  /** The profile the conversation belongs to: another profile means another app, so a new chat. */
  private sessionProfile: string;
  private conversationGeneration = 0;
  /** Input values per conversation id, so reopening a conversation shows (and sends) what it started with. */
  private readonly inputsByConversation = new Map<string, InputValues>();
  /** Conversations started in this session whose auto-generated name has not been fetched yet. */
  private readonly awaitingName = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly abort = new AbortController();
  private disposed = false;
  private streamingContext = false;

  constructor(
    private readonly clients: ClientProvider,
    private readonly options: ChatControllerOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
    this.connection = { status: 'loading', profileName: clients.profileName };
    this.sessionProfile = clients.profileId;
    this.session = new ChatSession({
      post: (m) => this.post(m),
      describe: problemText,
      onConversationStarted: (id) => this.conversationStarted(id),
      onTurnFinished: (turn) => void this.turnFinished(turn.id),
      log: (m) => options.log.debug(`chat: ${m}`),
      ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    });
    this.disposables.push(
      this._onDidChangeConversations,
      this._onDidPostMessage,
      clients.onDidChange(() => this.profileChanged()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(FONT_SIZE_SETTING)) {
          this.settings = readSettings();
          this.post({ type: 'settings', settings: this.settings });
        }
      }),
    );
  }

  // ---- the public API ----------------------------------------------------------------------------------

  /** The conversation's id, once its first answer has named it. */
  get conversationId(): string | undefined {
    return this.session.conversationId;
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
  async refreshApp(): Promise<void> {
    const generation = ++this.appGeneration;
    this.appLoading = true;
    try {
      await this.loadApp(generation);
    } finally {
      if (generation === this.appGeneration) this.appLoading = false;
    }
  }

  /** Starts an empty conversation (stopping an answer in flight). */
  newChat(): void {
    this.conversationGeneration++;
    this.sessionProfile = this.clients.profileId;
    this.session.reset(this.defaultInputs());
    this.postState();
  }

  /** Stops the streaming answer; resolves when Dify's stop route has answered. */
  stop(): Promise<void> {
    return this.session.stop();
  }

  /**
   * Reveals the panel and sends a question, in a new conversation if asked. Returns false when it could
   * not be sent yet (an answer is streaming, or required inputs are missing): the question then waits in
   * the composer, so it is never lost.
   */
  async ask(question: string, opts: { newConversation?: boolean } = {}): Promise<boolean> {
    const q = question.trim();
    if (!q) return false;
    if (opts.newConversation && !this.session.busy) this.newChat();
    await this.options.reveal?.();
    this.post({ type: 'focusComposer' });
    return this.send(q);
  }

  /**
   * Shows a stored conversation: its newest page of messages (older pages load on demand, paging
   * backwards with `first_id`). Stops an answer in flight.
   */
  async openConversation(id: string, name?: string): Promise<void> {
    const generation = ++this.conversationGeneration;
    const client = await this.clientOrNotice();
    if (!client || generation !== this.conversationGeneration) return;
    try {
      const signal = this.signal();
      const [page, conversationName] = await Promise.all([
        client.messages({ conversationId: id, limit: this.options.historyPageSize ?? 20 }, signal),
        name !== undefined ? Promise.resolve(name) : this.findConversationName(client, id),
      ]);
      if (generation !== this.conversationGeneration) return;
      const inputs = this.inputsByConversation.get(id) ?? lastInputs(page.data);
      this.inputsByConversation.set(id, inputs);
      this.session.load({ id, ...(conversationName !== undefined ? { name: conversationName } : {}) }, page.data.map((m) => turnFromHistory(m, problemText)), page.hasMore, inputs);
      this.postState();
    } catch (e) {
      this.notice('error', errorText(e, 'The conversation could not be loaded.'));
      this.options.log.error(`chat: opening conversation failed`, e);
    }
  }

  /** Validates and handles one message from the webview (invalid ones are logged at debug and dropped). */
  receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      this.options.log.debug(`chat: ignored a webview message (${describeInvalidMessage(raw)})`);
      return;
    }
    void this.handle(raw).catch((e: unknown) => this.options.log.error(`chat: handling ${raw.type} failed`, e));
  }

  /** A webview view was resolved; messages go to it from now on. */
  attach(port: ChatViewPort): vscode.Disposable {
    this.port = port;
    return new vscode.Disposable(() => {
      if (this.port === port) this.port = undefined;
    });
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    this.session.dispose();
    void setContext(ContextKey.chatStreaming, false);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ---- messages from the webview -----------------------------------------------------------------------

  private async handle(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.postState();
        // First view, or a view asking again after a failure ("Try again" posts ready).
        if (!this.appLoading && (!this.appLoaded || this.connection.status === 'error' || this.connection.status === 'noKey')) {
          await this.refreshApp();
        }
        return;
      case 'send':
        if (!this.session.inputsLocked) this.session.setInputs(msg.inputs);
        this.send(msg.text);
        return;
      case 'stop':
        await this.stop();
        return;
      case 'retry':
        this.retry(msg.turnId);
        return;
      case 'newChat':
        this.newChat();
        return;
      case 'feedback':
        await this.rate(msg.turnId, msg.rating);
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text);
        this.notice('info', 'Copied.');
        return;
      case 'insertCode':
        this.notice('info', await insertCodeAtCursor(msg.code, msg.language));
        return;
      case 'openCode':
        await openCodeInEditor(msg.code, msg.language);
        return;
      case 'openLink':
        if (!(await openExternalLink(msg.href))) this.notice('error', 'Only http, https and mailto links can be opened.');
        return;
      case 'inputsChanged':
        this.session.setInputs(msg.inputs);
        return;
      case 'setKey':
        await this.clients.promptForKey();
        return;
      case 'loadOlder':
        await this.loadOlder();
        return;
      default:
        assertNever(msg);
    }
  }

  private send(question: string, retryOf?: string): boolean {
    if (this.session.busy) {
      this.post({ type: 'draft', text: question });
      this.notice('info', 'Dify is still answering. Stop it or wait, then send again.');
      return false;
    }
    if (!this.session.inputsLocked && this.app) {
      const values = inputsToSend(this.app.inputForm, this.session.inputs);
      const missing = missingInputs(this.app.inputForm, values);
      if (missing.length) {
        this.post({ type: 'draft', text: question });
        this.notice('error', `Fill in ${missing.join(', ')} before sending.`);
        return false;
      }
      this.session.setInputs(values);
    }
    return this.session.send(question, () => this.backend(), retryOf) !== undefined;
  }

  private retry(turnId: string): void {
    const turn = this.session.findTurn(turnId);
    if (!turn) return;
    // Visibly a new turn with the same question; the failed one stays above it.
    this.send(turn.question, turn.id);
  }

  private async rate(turnId: string, rating: Rating | null): Promise<void> {
    const turn = this.session.findTurn(turnId);
    const messageId = turn?.answer.messageId;
    if (!turn || messageId === undefined || turn.feedback === rating) return;
    const previous = turn.feedback;
    // Optimistic: the button reflects the click at once and goes back if Dify refuses.
    this.session.setFeedback(turnId, rating);
    try {
      const client = await this.clients.getClient();
      if (!client) throw new DifyError({ kind: 'auth', problem: { id: 'apiKey.neededToRate' } });
      await client.feedback(messageId, rating, undefined, this.signal());
    } catch (e) {
      this.session.setFeedback(turnId, previous);
      this.notice('error', errorText(e, 'The rating could not be sent.'));
    }
  }

  private async loadOlder(): Promise<void> {
    const id = this.session.conversationId;
    const firstId = this.session.oldestMessageId;
    if (id === undefined || firstId === undefined || this.getState().conversation.loadingOlder) return;
    const generation = this.conversationGeneration;
    const client = await this.clientOrNotice();
    if (!client) return;
    this.session.setLoadingOlder(true);
    try {
      const page = await client.messages({ conversationId: id, firstId, limit: this.options.historyPageSize ?? 20 }, this.signal());
      if (generation !== this.conversationGeneration) return;
      this.session.prependOlder(page.data.map((m) => turnFromHistory(m, problemText)), page.hasMore);
      this.postState();
    } catch (e) {
      if (generation === this.conversationGeneration) this.session.setLoadingOlder(false);
      this.notice('error', errorText(e, 'Earlier messages could not be loaded.'));
    }
  }

  // ---- session callbacks -------------------------------------------------------------------------------

  private conversationStarted(id: string): void {
    this.inputsByConversation.set(id, { ...this.session.inputs });
    this.awaitingName.add(id);
    this._onDidChangeConversations.fire({ kind: 'created', id });
  }

  private async turnFinished(turnId: string): Promise<void> {
    const turn = this.session.findTurn(turnId);
    const conversationId = this.session.conversationId;
    if (!turn) return;
    const tasks: Array<Promise<void>> = [];
    if (turn.answer.status === 'done' && turn.answer.messageId !== undefined && this.app?.suggestedAfterAnswer) {
      tasks.push(this.loadSuggestions(turnId, turn.answer.messageId));
    }
    if (conversationId !== undefined && this.awaitingName.has(conversationId)) {
      this.awaitingName.delete(conversationId);
      tasks.push(this.refreshName(conversationId));
    }
    await Promise.all(tasks);
  }

  private async loadSuggestions(turnId: string, messageId: string): Promise<void> {
    try {
      const client = await this.clients.getClient();
      if (!client) return;
      const suggestions = await client.suggested(messageId, this.signal());
      this.session.setSuggestions(turnId, suggestions.filter((s) => s.trim() !== '').slice(0, 5));
    } catch (e) {
      // Follow-ups are a nicety: a disabled feature or a failed model call just means none are shown.
      this.options.log.debug(`chat: suggestions unavailable (${isDifyError(e) ? e.kind : 'error'})`);
    }
  }

  /**
   * Dify names a new conversation with its first 20 characters, then replaces that with an
   * LLM-generated title about a second later. Look a few times (GET /conversations) until it changes.
   */
  private async refreshName(id: string): Promise<void> {
    const provisional = this.session.conversationName;
    const delays = this.options.nameRefreshDelaysMs ?? [1_200, 2_000, 4_000];
    for (const delay of delays) {
      await this.sleep(delay);
      if (this.disposed || this.session.conversationId !== id) return;
      try {
        const client = await this.clients.getClient();
        if (!client) return;
        const name = await this.findConversationName(client, id);
        if (name === undefined || this.session.conversationId !== id) continue;
        if (name !== this.session.conversationName) {
          this.session.setName(id, name);
          this._onDidChangeConversations.fire({ kind: 'renamed', id, name });
        }
        if (name !== provisional) return;
      } catch (e) {
        this.options.log.debug(`chat: conversation name refresh failed (${isDifyError(e) ? e.kind : 'error'})`);
      }
    }
  }

  private async findConversationName(client: DifyClient, id: string): Promise<string | undefined> {
    // The conversation being named is among the most recently updated ones.
    const page = await client.conversations({ limit: 20 }, this.signal());
    return page.data.find((c) => c.id === id)?.name;
  }

  // ---- app info and profile ----------------------------------------------------------------------------

  private profileChanged(): void {
    // A conversation belongs to its app: switching profiles starts a new chat. A changed key or URL for
    // the same profile keeps it (if the server no longer knows it, the next answer says so, with Retry).
    if (this.clients.profileId !== this.sessionProfile) {
      this.conversationGeneration++;
      this.sessionProfile = this.clients.profileId;
      this.app = undefined;
      this.session.reset({});
    }
    this.appLoaded = false;
    void this.refreshApp();
  }

  private async loadApp(generation: number): Promise<void> {
    this.connection = { status: 'loading', profileName: this.clients.profileName };
    this.postState();
    let connection: ConnectionView;
    let app: AppView | undefined;
    try {
      const client = await this.clients.getClient();
      if (!client) {
        // No client is not always no key: a key can exist but not be sent (declined server change, keyring error).
        const state = this.clients.connectionState;
        connection =
          state.status === 'noKey'
            ? { status: 'noKey', profileName: this.clients.profileName }
            : {
                status: 'error',
                profileName: this.clients.profileName,
                message: state.detail ?? 'The API key was not sent. Run “Dify: Test Connection” to see why.',
              };
      } else {
        const signal = this.signal();
        const [info, params] = await Promise.all([client.info(signal), client.parameters(signal)]);
        app = appViewFrom(info, params);
        connection = { status: 'ready', profileName: this.clients.profileName };
      }
    } catch (e) {
      connection = {
        status: 'error',
        profileName: this.clients.profileName,
        message: errorText(e, 'The Dify app could not be reached. Check the connection, then try again.'),
      };
      this.options.log.warn(`chat: loading the app failed (${isDifyError(e) ? e.kind : 'error'})`);
    }
    if (generation !== this.appGeneration || this.disposed) return;
    this.connection = connection;
    this.app = app;
    this.appLoaded = true;
    if (!this.session.inputsLocked && this.session.turns.length === 0) this.session.reset(this.defaultInputs());
    this.postState();
  }

  private defaultInputs(): InputValues {
    const out: InputValues = {};
    for (const f of this.app?.inputForm ?? []) if (f.default !== undefined) out[f.variable] = f.default;
    return out;
  }

  // ---- plumbing ----------------------------------------------------------------------------------------

  private async backend(): Promise<ChatBackend> {
    const client = await this.clients.getClient();
    if (!client) {
      throw new DifyError({ kind: 'auth', problem: { id: 'apiKey.missing', profileName: this.clients.profileName } });
    }
    return client;
  }

  private async clientOrNotice(): Promise<DifyClient | undefined> {
    const client = await this.clients.getClient();
    if (!client) this.notice('error', `Profile “${this.clients.profileName}” has no API key. Set the key first.`);
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
      connection: { ...this.connection },
      conversation: s.conversation,
      turns: s.turns,
      busy: s.busy,
      inputs: s.inputs,
      inputsLocked: s.inputsLocked,
      settings: { ...this.settings },
    };
    if (this.app) state.app = this.app;
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

function lastInputs(messages: readonly HistoryMessage[]): InputValues {
  const last = messages[messages.length - 1];
  return last ? inputsFromHistory(last.inputs) : {};
}
