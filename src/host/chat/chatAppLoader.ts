import type { Words } from '../messages/words';
import type { ClientProvider } from '../clientProvider';
import type { ChatLog } from './chatLog';
import { appViewFrom } from '../../chat/appView';
import { DifyError, isDifyError } from '../../dify/errors';
import type { AppView, ConnectionView } from '../../shared/chatState';

export interface ChatAppLoaderOptions {
  clients: ClientProvider;
  log: ChatLog;
  /** How errors are worded (the host's messages table, in the display language). */
  words: Words;
  /** The signal for each request (aborted when the panel goes). */
  signal: () => AbortSignal;
  /** A load started: the connection now says `loading`. */
  onLoading: () => void;
  /** A load landed (the newest one): the connection and the app are what it found. */
  onLoaded: () => void;
}

/**
 * The app the chat panel talks to, as its welcome shows it: loads `/info` and `/parameters` for the active
 * profile and keeps the panel's view of the connection (no key, loading, ready, or why not). Only the
 * newest load lands: a profile change while one is in flight supersedes it.
 */
export class ChatAppLoader {
  private connectionView: ConnectionView;
  private appView: AppView | undefined;
  private generation = 0;
  private loading = false;
  /** The newest load while it runs. */
  private running: Promise<void> | undefined;
  private loaded = false;
  private disposed = false;

  constructor(private readonly options: ChatAppLoaderOptions) {
    this.connectionView = { status: 'loading', profileName: options.clients.profileName };
  }

  get connection(): ConnectionView {
    return this.connectionView;
  }

  /** The app, once a load found it (undefined while loading the first time, without a key, after an error). */
  get app(): AppView | undefined {
    return this.appView;
  }

  /** True when a panel that asks for the app should get a load: none ran yet, or the last one found no key or failed. */
  get wantsLoad(): boolean {
    const status = this.connectionView.status;
    return !this.loading && (!this.loaded || status === 'error' || status === 'noKey');
  }

  /** The profile changed: what was loaded is stale; another app also forgets the app shown until the next load lands. */
  invalidate(anotherApp: boolean): void {
    if (anotherApp) this.appView = undefined;
    this.loaded = false;
  }

  /** Loads the app's name, opening statement, suggestions and input form (again). */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.loading = true;
    const run = this.load(generation).finally(() => {
      if (generation !== this.generation) return;
      this.loading = false;
      this.running = undefined;
    });
    this.running = run;
    await run;
  }

  /**
   * Resolves once the app is resolved: the newest load has landed (a first one is started if none ever ran), so
   * the app, the profile and its key are the ones the panel shows. Rejects when `signal` aborts (Stop, New chat),
   * and after `timeoutMs` with a `timeout` DifyError (`app.notReady`).
   */
  async whenResolved(signal: AbortSignal, timeoutMs: number): Promise<void> {
    if (!this.loading && !this.loaded) void this.refresh();
    if (this.running === undefined) return;
    const profileName = this.options.clients.profileName;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const given = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(new DifyError({ kind: 'aborted', problem: { id: 'request.cancelled' } }));
      if (signal.aborted) onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => reject(new DifyError({ kind: 'timeout', problem: { id: 'app.notReady', profileName, ms: timeoutMs } })), timeoutMs);
    });
    try {
      // A newer load (another profile, a changed key) can replace the one waited for: wait for the newest.
      while (this.running !== undefined) await Promise.race([this.running, given]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  dispose(): void {
    this.disposed = true;
  }

  private async load(generation: number): Promise<void> {
    const clients = this.options.clients;
    this.connectionView = { status: 'loading', profileName: clients.profileName };
    this.options.onLoading();
    let connection: ConnectionView;
    let app: AppView | undefined;
    try {
      // Loading the app is background work: it never asks about the key (a message the user sends does).
      const client = await clients.getClient({ interactive: false });
      if (!client) {
        connection = this.withoutClient();
      } else {
        const signal = this.options.signal();
        const [info, params] = await Promise.all([client.info(signal), client.parameters(signal)]);
        app = appViewFrom(info, params);
        connection = { status: 'ready', profileName: clients.profileName };
      }
    } catch (e) {
      connection = {
        status: 'error',
        profileName: clients.profileName,
        message: this.options.words.errorText(e, this.options.words.t('The Dify app could not be reached. Check the connection, then try again.')),
      };
      this.options.log.warn(`chat: loading the app failed (${isDifyError(e) ? e.kind : 'error'})`);
    }
    if (generation !== this.generation || this.disposed) return;
    this.connectionView = connection;
    this.appView = app;
    this.loaded = true;
    this.options.onLoaded();
  }

  /** No client is not always no key: a key can exist but not be sent (declined server change, keyring error). */
  private withoutClient(): ConnectionView {
    const clients = this.options.clients;
    const state = clients.connectionState;
    if (state.status === 'noKey') return { status: 'noKey', profileName: clients.profileName };
    return {
      status: 'error',
      profileName: clients.profileName,
      message: state.detail ?? this.options.words.t('The API key was not sent. Run “Dify: Test Connection” to see why.'),
    };
  }
}
