import type { ClientProvider } from '../clientProvider';
import type { ChatAppLoader } from './chatAppLoader';
import { inputsWithDefaults, missingInputs } from '../../chat/appView';
import type { BackendSource, ChatBackend, SendOptions } from '../../chat/session';
import { DifyError } from '../../dify/errors';
import type { InputValues } from '../../shared/chatState';

/** The part of the session a turn's inputs are settled in. */
export interface TurnInputs {
  readonly inputs: InputValues;
  readonly inputsLocked: boolean;
  setInputs(values: InputValues): boolean;
}

export interface TurnBackendsOptions {
  clients: ClientProvider;
  appLoader: Pick<ChatAppLoader, 'app' | 'whenResolved'>;
  session: TurnInputs;
  /** How long a question may wait for the app to be resolved (the connect timeout, read when it is sent). */
  resolveTimeoutMs: () => number;
}

/** A question waiting for the app to be resolved. */
export interface WaitingQuestion {
  question: string;
  options: SendOptions;
}

/**
 * Where a turn's backend comes from. A question may be sent while the app, the profile or the key is still being
 * resolved (the panel says "Connecting…"; at start-up the development seed is still choosing the profile): its
 * turn is shown at once, pending, and the backend waits for the app the header will show, at most the connect
 * timeout. Stop, New chat or another conversation end the wait ({@link cancel}). Then the app's input defaults
 * apply, and the user, who sent it, is asked about the key if it needs a yes. No vscode import: unit-tested.
 */
export class TurnBackends {
  private current: (WaitingQuestion & { cancel: AbortController }) | undefined;

  constructor(private readonly options: TurnBackendsOptions) {}

  /** The question still waiting for the app, if any (it has gone to no app yet). */
  get waiting(): WaitingQuestion | undefined {
    return this.current && { question: this.current.question, options: this.current.options };
  }

  /** The backend source for a new turn asking `question`. */
  source(question: string, options: SendOptions): BackendSource {
    return () => this.resolve({ question, options, cancel: new AbortController() });
  }

  /** Ends the wait of the question waiting for the app (its turn is being stopped or dropped). */
  cancel(): void {
    this.current?.cancel.abort();
    this.current = undefined;
  }

  private async resolve(waiting: WaitingQuestion & { cancel: AbortController }): Promise<ChatBackend> {
    const { clients, appLoader, session } = this.options;
    this.current = waiting;
    try {
      await appLoader.whenResolved(waiting.cancel.signal, this.options.resolveTimeoutMs());
    } finally {
      if (this.current === waiting) this.current = undefined;
    }
    const app = appLoader.app;
    if (app && !session.inputsLocked) {
      const values = inputsWithDefaults(app.inputForm, session.inputs);
      const missing = missingInputs(app.inputForm, values);
      if (missing.length) throw new DifyError({ kind: 'badRequest', problem: { id: 'inputs.missing', fields: missing } });
      session.setInputs(values);
    }
    const client = await clients.getClient();
    if (client) return client;
    const profileName = clients.profileName;
    // No client is not always no key: the user may have declined to send it, or the keyring failed.
    const noKey = clients.connectionState.status === 'noKey';
    throw new DifyError({ kind: 'auth', problem: noKey ? { id: 'apiKey.missing', profileName } : { id: 'apiKey.notSent', profileName } });
  }
}
