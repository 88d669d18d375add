/**
 * "Test Connection" as a pure function: given something that can call `GET /` and `GET /info`, tell apart
 * everything that stands between the editor and a working chat app, each in one sentence that says what to
 * do. The host only presents the result. No vscode, no I/O of its own.
 */
import { isDifyError } from './errors';
import type { DifyError } from './errors';
import type { AppInfo, ServerInfo } from './types';
import { isChatAppMode } from './types';
import { hostPortOf } from './validate';

/** What the diagnosis can find. `ok` is the only success; `noKey` means the server is fine but no key is set. */
export type DiagnosisKind =
  | 'ok'
  | 'noKey'
  /** A key exists but the user declined to send it to this server (set by the host; diagnose never returns it). */
  | 'keyNotSent'
  | 'unreachable'
  | 'dns'
  | 'tls'
  | 'proxy'
  | 'notApi'
  | 'keyRejected'
  | 'appUnavailable'
  | 'notChatApp'
  | 'timeout'
  | 'rateLimited'
  | 'serverError'
  | 'badRequest'
  | 'cancelled'
  | 'unknown';

/** The result of a connection test. */
export interface Diagnosis {
  ok: boolean;
  kind: DiagnosisKind;
  /** One sentence: what was found and what to do. Never contains the key. */
  message: string;
  /** Dify's `server_version` from `GET /`, when the server answered. */
  serverVersion?: string;
  /** The app, when `GET /info` answered. */
  app?: { name: string; mode: string };
  /** A corrected base URL to offer (missing `/v1`, console URL). */
  suggestedBaseUrl?: string;
  /** HTTP status and the underlying code, for the log. */
  status?: number;
  causeCode?: string;
}

/** What diagnose needs: the base URL it is testing and the two calls (bound to a client by the caller). */
export interface DiagnoseTarget {
  /** The validated, normalised base URL. */
  baseUrl: string;
  /** The first-byte timeout in seconds, for the timeout sentence. */
  timeoutSeconds: number;
  /** `GET /` (no auth). */
  root(): Promise<ServerInfo>;
  /** `GET /info` with the key; absent when there is no key. */
  info?: () => Promise<AppInfo>;
  /** `GET /` at another base URL, to confirm a suggested correction; optional. */
  probeRoot?: (baseUrl: string) => Promise<ServerInfo>;
}

const MODE_LABELS: Record<string, string> = {
  chat: 'Chatbot',
  'agent-chat': 'Agent',
  'advanced-chat': 'Chatflow',
  workflow: 'Workflow',
  completion: 'Text Generator',
  agent: 'Agent (v2)',
};

/** The name Dify's console shows for an app mode ("advanced-chat" -> "Chatflow"). */
export function modeLabel(mode: string): string {
  return MODE_LABELS[mode] ?? mode;
}

/** Runs the test: the server first (no key involved), then the app with the key. */
export async function diagnose(target: DiagnoseTarget): Promise<Diagnosis> {
  let server: ServerInfo;
  try {
    server = await target.root();
  } catch (e) {
    return confirmSuggestion(diagnoseError(e, target, 'root'), target);
  }
  const serverVersion = server.serverVersion;
  if (!target.info) {
    return {
      ok: false,
      kind: 'noKey',
      serverVersion,
      message: `Dify ${serverVersion} is reachable at ${target.baseUrl}; set the app's API key (Dify: Set API Key) to finish.`,
    };
  }
  let app: AppInfo;
  try {
    app = await target.info();
  } catch (e) {
    return { ...diagnoseError(e, target, 'info'), serverVersion };
  }
  if (!isChatAppMode(app.mode)) {
    return {
      ok: false,
      kind: 'notChatApp',
      serverVersion,
      app: { name: app.name, mode: app.mode },
      message: `"${app.name}" is a ${modeLabel(app.mode)} app; this extension chats with Chatbot, Agent or Chatflow apps, so use the API key of one of those.`,
    };
  }
  return {
    ok: true,
    kind: 'ok',
    serverVersion,
    app: { name: app.name, mode: app.mode },
    message: `Connected to "${app.name}" (${modeLabel(app.mode)}) on Dify ${serverVersion} at ${hostPortOf(target.baseUrl)}.`,
  };
}

/** When a correction was suggested and a probe is available, check the suggestion actually answers as Dify. */
async function confirmSuggestion(d: Diagnosis, target: DiagnoseTarget): Promise<Diagnosis> {
  if (d.suggestedBaseUrl === undefined || !target.probeRoot) return d;
  try {
    const s = await target.probeRoot(d.suggestedBaseUrl);
    return { ...d, message: `${d.message} (Dify ${s.serverVersion} answers there.)` };
  } catch {
    return d;
  }
}

const CONSOLE_PATHS = /^\/(apps?|signin|explore|datasets|tools|plugins|install|console|account|education-apply)(\/|$)/i;

/** The base URL with `/v1` where it belongs, for a base URL that lacks it; undefined when it has it. */
export function suggestApiUrl(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/v1$/i.test(path)) return undefined;
  // A URL copied from the console's address bar (…/app/<id>/develop) -> the API at the same origin.
  if (CONSOLE_PATHS.test(path)) return `${url.origin}/v1`;
  return `${url.origin}${path}/v1`;
}

const SELF_SIGNED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/**
 * Maps one failure of `GET /` (step `root`) or `GET /info` (step `info`) to a diagnosis. Exported for tests:
 * it is the table that says which sentence each failure gets.
 */
export function diagnoseError(e: unknown, target: Pick<DiagnoseTarget, 'baseUrl' | 'timeoutSeconds'>, step: 'root' | 'info'): Diagnosis {
  const hp = hostPortOf(target.baseUrl);
  let host = hp;
  try {
    host = new URL(target.baseUrl).hostname;
  } catch {
    // keep host:port
  }
  if (!isDifyError(e)) {
    return { ok: false, kind: 'unknown', message: `The connection test failed unexpectedly (${e instanceof Error ? e.name : 'error'}); see the Dify log for details.` };
  }
  const err: DifyError = e;
  const base = { ok: false as const, ...(err.status !== undefined ? { status: err.status } : {}), ...(err.causeCode !== undefined ? { causeCode: err.causeCode } : {}) };
  const code = err.causeCode ?? '';
  switch (err.kind) {
    case 'network': {
      if (code === 'ECONNREFUSED') {
        return { ...base, kind: 'unreachable', message: `Nothing is listening at ${hp}. Start Dify (e.g. docker compose up -d) or fix the base URL.` };
      }
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
        return { ...base, kind: 'dns', message: `The host name "${host}" could not be found (DNS); check its spelling in the base URL, or your network or VPN.` };
      }
      if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') {
        return { ...base, kind: 'unreachable', message: `There is no network route to ${hp} from this machine; check the address, your network or VPN.` };
      }
      if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        return { ...base, kind: 'unreachable', message: `Connecting to ${hp} timed out; check the host and port, and any firewall in between.` };
      }
      if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED') {
        return {
          ...base,
          kind: 'unreachable',
          message: `${hp} closed the connection without answering; check http:// versus https:// in the base URL, and any proxy or firewall in between.`,
        };
      }
      return { ...base, kind: 'unreachable', message: `Could not reach ${hp}${code ? ` (${code})` : ''}; check the base URL and that Dify is running.` };
    }
    case 'tls': {
      if (SELF_SIGNED.has(code)) {
        return {
          ...base,
          kind: 'tls',
          message: `The certificate of ${hp} is self-signed or from an unknown authority, so it is not trusted: add its CA to your OS trust store or to NODE_EXTRA_CA_CERTS and restart VS Code, or use http:// on a private network.`,
        };
      }
      if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
        return { ...base, kind: 'tls', message: `The certificate of ${hp} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'}; renew it on the server (or check this machine's clock).` };
      }
      if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
        return { ...base, kind: 'tls', message: `The certificate of ${hp} is not issued for "${host}"; use the host name the certificate names in the base URL.` };
      }
      if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
        return { ...base, kind: 'tls', message: `${hp} does not speak https; if it is a plain http server on a private network, use http:// in the base URL.` };
      }
      return { ...base, kind: 'tls', message: `The secure (https) connection to ${hp} failed${code ? ` (${code})` : ''}; check the server's certificate.` };
    }
    case 'timeout':
      if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        return { ...base, kind: 'unreachable', message: `Connecting to ${hp} timed out; check the host and port, and any firewall in between.` };
      }
      return {
        ...base,
        kind: 'timeout',
        message: `The server at ${hp} accepted the connection but did not answer within ${target.timeoutSeconds} s; a local model may still be loading, so try again.`,
      };
    case 'notDify':
    case 'tooLarge': {
      const status = err.status;
      if (status === 502 || status === 503 || status === 504) {
        return {
          ...base,
          kind: 'proxy',
          message: `A proxy answered instead of Dify (an HTTP ${status} page, e.g. from nginx or a corporate proxy): Dify's API may be down or restarting (docker compose ps), or the proxy cannot reach it.`,
        };
      }
      const suggestion = suggestApiUrl(target.baseUrl);
      if (suggestion !== undefined) {
        return {
          ...base,
          kind: 'notApi',
          suggestedBaseUrl: suggestion,
          message: `${target.baseUrl} is Dify's web console, not its API; use ${suggestion} as the base URL.`,
        };
      }
      return {
        ...base,
        kind: 'notApi',
        message: `${hp} answered with a web page${status !== undefined ? ` (HTTP ${status})` : ''} instead of Dify's API; check the base URL and any proxy in between.`,
      };
    }
    case 'notFound': {
      const suggestion = suggestApiUrl(target.baseUrl);
      return suggestion !== undefined
        ? { ...base, kind: 'notApi', suggestedBaseUrl: suggestion, message: `There is no Dify API at ${target.baseUrl} (404); use ${suggestion} as the base URL.` }
        : { ...base, kind: 'notApi', message: `There is no Dify API at ${target.baseUrl} (404); check the base URL.` };
    }
    case 'auth':
      return {
        ...base,
        kind: 'keyRejected',
        message: `Dify rejected the API key (401); copy the app's key again from its API Access page and run Dify: Set API Key.`,
      };
    case 'forbidden':
      return {
        ...base,
        kind: 'appUnavailable',
        message: `Dify refused access to the app (403: ${err.serverMessage ?? 'forbidden'}); enable the app and its API in Dify's console, or use another app's key.`,
      };
    case 'rateLimited':
      return {
        ...base,
        kind: 'rateLimited',
        message: `Dify is limiting requests (429); wait ${err.retryAfterSeconds !== undefined ? `${err.retryAfterSeconds} s` : 'a moment'} and try again.`,
      };
    case 'server':
      return {
        ...base,
        kind: 'serverError',
        message: `Dify had an internal error (HTTP ${err.status ?? 500}${err.serverMessage ? `: ${err.serverMessage}` : ''}); check its api container's log (docker compose logs api).`,
      };
    case 'badRequest':
      return {
        ...base,
        kind: 'badRequest',
        message: `Dify refused the ${step === 'root' ? 'request' : 'app request'} (${err.code ?? err.status ?? 400}${err.serverMessage ? `: ${err.serverMessage}` : ''}); check the app's configuration in Dify.`,
      };
    case 'aborted':
      return { ...base, kind: 'cancelled', message: 'The connection test was cancelled.' };
    case 'interrupted':
    case 'streamError':
      return { ...base, kind: 'unknown', message: `The answer from ${hp} was cut off; try again, and check any proxy in between.` };
  }
}
