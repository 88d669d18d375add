// The one wrapper around acquireVsCodeApi. In a plain browser page (tests, a design preview) there is no
// VS Code: a stand-in keeps state in sessionStorage and hands outgoing messages to the page, which can
// answer by posting host messages to the window, exactly as VS Code does.
import type { HostMessage, WebviewMessage } from '../src/protocol';

/** What the webview keeps across hide/show (VS Code's webview state survives until the view is closed). */
export interface PersistedState {
  draft: string;
  history: string[];
}

export interface HostBridge {
  post(message: WebviewMessage): void;
  getState(): PersistedState | undefined;
  setState(state: PersistedState): void;
  /** Subscribes to host messages; returns the unsubscribe function. */
  onMessage(handler: (message: HostMessage) => void): () => void;
  /** True inside VS Code, false in the stand-in. */
  readonly inVsCode: boolean;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  interface Window {
    /** Present only inside a VS Code webview. */
    acquireVsCodeApi?: () => VsCodeApi;
    /** Stand-in only: every message the webview posted, for a test page to read. */
    __difyOutbox?: WebviewMessage[];
  }
}

const STAND_IN_KEY = 'dify.webviewState';

function isPersistedState(x: unknown): x is PersistedState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as { draft?: unknown; history?: unknown };
  return typeof s.draft === 'string' && Array.isArray(s.history) && s.history.every((h) => typeof h === 'string');
}

function standIn(win: Window): VsCodeApi {
  const outbox: WebviewMessage[] = (win.__difyOutbox ??= []);
  return {
    postMessage(message) {
      outbox.push(message as WebviewMessage);
      win.dispatchEvent(new CustomEvent('dify:post', { detail: message }));
    },
    getState() {
      try {
        const raw = win.sessionStorage.getItem(STAND_IN_KEY);
        return raw === null ? undefined : (JSON.parse(raw) as unknown);
      } catch {
        return undefined;
      }
    },
    setState(state) {
      try {
        win.sessionStorage.setItem(STAND_IN_KEY, JSON.stringify(state));
      } catch {
        // Storage may be unavailable (opaque origins); the draft is then kept for this page only.
      }
    },
  };
}

let api: VsCodeApi | undefined;

/** Creates the bridge. acquireVsCodeApi may be called only once per page, so the api is cached. */
export function createBridge(win: Window = window): HostBridge {
  const inVsCode = typeof win.acquireVsCodeApi === 'function';
  api ??= inVsCode ? win.acquireVsCodeApi!() : standIn(win);
  const vscode = api;
  return {
    inVsCode,
    post: (message) => vscode.postMessage(message),
    getState: () => {
      const s = vscode.getState();
      return isPersistedState(s) ? s : undefined;
    },
    setState: (state) => vscode.setState(state),
    onMessage(handler) {
      const listener = (event: MessageEvent<unknown>): void => {
        const data = event.data;
        // The host is trusted, but other frames can post to this window too: accept only protocol-shaped data.
        if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') {
          handler(data as HostMessage);
        }
      };
      win.addEventListener('message', listener);
      return () => win.removeEventListener('message', listener);
    },
  };
}
