// The chat panel's App mounted in jsdom with a fake host bridge: what the App tests share.
import { document } from './dom';
import assert from 'node:assert/strict';
import { App } from '../../../webview/app';
import type { HostBridge, PersistedState } from '../../../webview/vscodeApi';
import type { ChatState, Turn } from '../../../src/shared/chatState';
import type { HostMessage, WebviewMessage } from '../../../src/protocol';
import { emptyAnswer } from '../../../src/shared/answer';
import type { Answer } from '../../../src/shared/answer';

export function fakeBridge(initial?: PersistedState) {
  const posted: WebviewMessage[] = [];
  let state = initial;
  const bridge: HostBridge = {
    inVsCode: false,
    post: (m) => posted.push(m),
    getState: () => state,
    setState: (s) => (state = s),
    onMessage: () => () => undefined,
  };
  return { bridge, posted, saved: () => state };
}

export function baseState(over: Partial<ChatState> = {}): ChatState {
  return {
    connection: { status: 'ready', profileName: 'Local' },
    app: {
      name: 'Helper',
      description: 'A test app',
      mode: 'chat',
      openingStatement: 'Hello **there**',
      suggestedQuestions: ['What is Dify?'],
      suggestedAfterAnswer: true,
      inputForm: [],
    },
    conversation: { hasOlder: false, loadingOlder: false },
    turns: [],
    busy: false,
    inputs: {},
    inputsLocked: false,
    queue: [],
    chips: [],
    attachments: [],
    settings: { fontSize: 13 },
    ...over,
  };
}

export function doneTurn(id: string, text: string, extra: Partial<Answer> = {}): Turn {
  return { id, question: `q ${id}`, answer: { ...emptyAnswer(), status: 'done', text, messageId: `m-${id}`, ...extra }, feedback: null, suggestions: [] };
}

export function mount(initial?: PersistedState) {
  const root = document.getElementById('root') as HTMLElement;
  root.replaceChildren();
  const b = fakeBridge(initial);
  const app = new App(root, b.bridge);
  const send = (m: HostMessage): void => app.handle(m);
  const q = <T extends Element = HTMLElement>(sel: string): T => {
    const el = root.querySelector<T>(sel);
    assert.ok(el, `no ${sel}`);
    return el;
  };
  return { root, app, send, q, ...b };
}

export function key(el: HTMLElement, init: KeyboardEventInit & { keyCode?: number }): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  if (init.keyCode !== undefined) Object.defineProperty(e, 'keyCode', { value: init.keyCode });
  el.dispatchEvent(e);
  return e;
}

export function type(box: HTMLTextAreaElement, text: string): void {
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
}
