// A ClientProvider whose client the test sets, and a client that answers only what the chat host asks.
import type { ClientProvider } from '../../../src/host/clientProvider';
import type { DifyClient } from '../../../src/dify/client';
import type { AppInfo, AppParameters, Conversation, HistoryMessage, Page } from '../../../src/dify/types';
import { NO_UPLOADS } from '../../../src/shared/fileRules';

export const APP_INFO: AppInfo = { name: 'Helper', description: 'A test app', tags: [], mode: 'chat', authorName: 'me' };

export const APP_PARAMETERS: AppParameters = {
  openingStatement: 'Hello',
  suggestedQuestions: ['What is Dify?'],
  suggestedQuestionsAfterAnswer: true,
  speechToText: false,
  textToSpeech: { enabled: false, autoPlay: false },
  retrieverResource: false,
  annotationReply: false,
  userInputForm: [{ type: 'text-input', label: 'Topic', variable: 'topic', required: false, default: 'VS Code' }],
  fileUpload: NO_UPLOADS,
  systemParameters: {},
  raw: {},
};

/** What the fake client answers; each may be replaced per test. */
export interface FakeClientScript {
  info?: () => Promise<AppInfo>;
  parameters?: () => Promise<AppParameters>;
  conversations?: () => Promise<Page<Conversation>>;
  messages?: (q: { conversationId: string; firstId?: string; limit?: number }) => Promise<Page<HistoryMessage>>;
  feedback?: (messageId: string, rating: 'like' | 'dislike' | null) => Promise<unknown>;
  suggested?: (messageId: string) => Promise<string[]>;
}

export function fakeClient(script: FakeClientScript = {}): DifyClient {
  const client = {
    info: script.info ?? (() => Promise.resolve(APP_INFO)),
    parameters: script.parameters ?? (() => Promise.resolve(APP_PARAMETERS)),
    conversations: script.conversations ?? (() => Promise.resolve({ limit: 20, hasMore: false, data: [] })),
    messages: script.messages ?? (() => Promise.resolve({ limit: 20, hasMore: false, data: [] })),
    feedback: script.feedback ?? (() => Promise.resolve({ result: 'success' })),
    suggested: script.suggested ?? (() => Promise.resolve([])),
  };
  return client as unknown as DifyClient;
}

export function conversation(id: string, name: string): Conversation {
  return { id, name, inputs: {}, status: 'normal', introduction: '', createdAt: 1, updatedAt: 1 };
}

/** A stored question and answer, as GET /messages returns it. */
export function storedMessage(id: string, over: Partial<HistoryMessage> = {}): HistoryMessage {
  return {
    id,
    conversationId: 'c-1',
    inputs: { topic: 'stored' },
    query: `q ${id}`,
    answer: `a ${id}`,
    messageFiles: [],
    feedback: null,
    retrieverResources: [],
    agentThoughts: [],
    createdAt: 1,
    status: 'normal',
    error: null,
    ...over,
  };
}

/** A promise the test resolves when it wants. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class FakeClients implements ClientProvider {
  profileId = 'p1';
  profileName = 'Local';
  connectionState: { status: string; detail?: string } = { status: 'connected' };
  client: DifyClient | undefined = fakeClient();
  getClientCalls = 0;

  getClient(): Promise<DifyClient | undefined> {
    this.getClientCalls++;
    return Promise.resolve(this.client);
  }

  readonly onDidChange = (): { dispose(): void } => ({ dispose: () => undefined });

  promptForKey(): Promise<void> {
    return Promise.resolve();
  }
}

export const silentLog = { debug: (): void => undefined, warn: (): void => undefined, error: (): void => undefined };
