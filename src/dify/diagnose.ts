/**
 * "Test Connection" as a pure function: given something that can call `GET /` and `GET /info`, tell apart
 * everything that stands between the editor and a working chat app, each as a {@link DiagnosisProblem}
 * the host words as one sentence that says what to do. No vscode, no I/O of its own.
 */
import { isDifyError } from './errors';
import type { DifyError } from './errors';
import type { DiagnosisProblem, Problem } from './problems';
import type { AppInfo, ServerInfo } from './types';
import { isChatAppMode } from './types';
import { hostPortOf } from './validate';
import { trimEndOf } from '../shared/trim';

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
  /**
   * What was found, for the host's sentence. Usually a {@link DiagnosisProblem}; the host may put another
   * problem here (an unusable base URL). Never contains the key.
   */
  problem: Problem;
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
    return { ok: false, kind: 'noKey', serverVersion, problem: { id: 'diagnosis.noKey', serverVersion, baseUrl: target.baseUrl } };
  }
  let app: AppInfo;
  try {
    app = await target.info();
  } catch (e) {
    return { ...diagnoseError(e, target, 'info'), serverVersion };
  }
  const found = { name: app.name, mode: app.mode };
  if (!isChatAppMode(app.mode)) {
    return { ok: false, kind: 'notChatApp', serverVersion, app: found, problem: { id: 'diagnosis.notChatApp', appName: app.name, mode: app.mode } };
  }
  return {
    ok: true,
    kind: 'ok',
    serverVersion,
    app: found,
    problem: { id: 'diagnosis.connected', appName: app.name, mode: app.mode, serverVersion, hostPort: hostPortOf(target.baseUrl) },
  };
}

/** When a correction was suggested and a probe is available, check the suggestion actually answers as Dify. */
async function confirmSuggestion(d: Diagnosis, target: DiagnoseTarget): Promise<Diagnosis> {
  const p = d.problem;
  if (d.suggestedBaseUrl === undefined || !target.probeRoot || (p.id !== 'diagnosis.webConsole' && p.id !== 'diagnosis.noApi')) return d;
  try {
    const s = await target.probeRoot(d.suggestedBaseUrl);
    return { ...d, problem: { ...p, confirmedVersion: s.serverVersion } };
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
  const path = trimEndOf(url.pathname, '/');
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
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const NO_ROUTE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
const CONNECT_TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const NOT_HTTPS_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);

/** Where a test went: the base URL, its `host:port` and its host name alone. */
interface Place {
  baseUrl: string;
  hostPort: string;
  host: string;
  timeoutSeconds: number;
}

/** The kind and problem of one failure; the caller adds what every failed diagnosis carries. */
type Finding = Pick<Diagnosis, 'kind' | 'problem' | 'suggestedBaseUrl'>;

/**
 * Maps one failure of `GET /` (step `root`) or `GET /info` (step `info`) to a diagnosis. Exported for tests:
 * it is the table that says which problem each failure is.
 */
export function diagnoseError(e: unknown, target: Pick<DiagnoseTarget, 'baseUrl' | 'timeoutSeconds'>, step: 'root' | 'info'): Diagnosis {
  const hostPort = hostPortOf(target.baseUrl);
  let host = hostPort;
  try {
    host = new URL(target.baseUrl).hostname;
  } catch {
    // keep host:port
  }
  if (!isDifyError(e)) {
    return { ok: false, kind: 'unknown', problem: { id: 'diagnosis.unexpected', errorName: e instanceof Error ? e.name : undefined } };
  }
  const err: DifyError = e;
  const base = { ok: false as const, ...(err.status !== undefined ? { status: err.status } : {}), ...(err.causeCode !== undefined ? { causeCode: err.causeCode } : {}) };
  return { ...base, ...finding(err, { baseUrl: target.baseUrl, hostPort, host, timeoutSeconds: target.timeoutSeconds }, step) };
}

function finding(err: DifyError, at: Place, step: 'root' | 'info'): Finding {
  const code = err.causeCode ?? '';
  const { hostPort } = at;
  switch (err.kind) {
    case 'network':
      return networkFinding(code, at);
    case 'tls':
      return tlsFinding(code, at);
    case 'timeout':
      if (CONNECT_TIMEOUT_CODES.has(code)) return { kind: 'unreachable', problem: { id: 'diagnosis.connectTimedOut', hostPort } };
      if (err.problem.id === 'timeout.total') return { kind: 'timeout', problem: { id: 'diagnosis.answerTooSlow', hostPort, seconds: Math.round(err.problem.ms / 1000) } };
      return { kind: 'timeout', problem: { id: 'diagnosis.noAnswer', hostPort, seconds: at.timeoutSeconds } };
    case 'notDify':
    case 'tooLarge':
      return pageFinding(err.status, at);
    case 'notFound': {
      const suggestion = suggestApiUrl(at.baseUrl);
      return suggestion !== undefined
        ? { kind: 'notApi', suggestedBaseUrl: suggestion, problem: { id: 'diagnosis.noApi', baseUrl: at.baseUrl, suggestion } }
        : { kind: 'notApi', problem: { id: 'diagnosis.noApi', baseUrl: at.baseUrl } };
    }
    case 'auth':
      return { kind: 'keyRejected', problem: { id: 'diagnosis.keyRejected' } };
    case 'forbidden':
      return { kind: 'appUnavailable', problem: { id: 'diagnosis.forbidden', serverMessage: err.serverMessage } };
    case 'rateLimited':
      return { kind: 'rateLimited', problem: { id: 'diagnosis.rateLimited', retryAfterSeconds: err.retryAfterSeconds } };
    case 'server':
      return { kind: 'serverError', problem: { id: 'diagnosis.serverError', status: err.status ?? 500, serverMessage: err.serverMessage } };
    case 'badRequest':
      return { kind: 'badRequest', problem: { id: 'diagnosis.badRequest', step, label: err.code ?? err.status ?? 400, serverMessage: err.serverMessage } };
    case 'aborted':
      return { kind: 'cancelled', problem: { id: 'diagnosis.cancelled' } };
    case 'interrupted':
    case 'streamError':
      return { kind: 'unknown', problem: { id: 'diagnosis.cutOff', hostPort } };
  }
}

function networkFinding(code: string, { hostPort, host }: Place): Finding {
  if (code === 'ECONNREFUSED') return { kind: 'unreachable', problem: { id: 'diagnosis.refused', hostPort } };
  if (DNS_CODES.has(code)) return { kind: 'dns', problem: { id: 'diagnosis.dnsFailed', host } };
  if (NO_ROUTE_CODES.has(code)) return { kind: 'unreachable', problem: { id: 'diagnosis.noRoute', hostPort } };
  if (CONNECT_TIMEOUT_CODES.has(code)) return { kind: 'unreachable', problem: { id: 'diagnosis.connectTimedOut', hostPort } };
  if (CLOSED_CODES.has(code)) return { kind: 'unreachable', problem: { id: 'diagnosis.closed', hostPort } };
  return { kind: 'unreachable', problem: { id: 'diagnosis.unreachable', hostPort, code: code || undefined } };
}

function tlsFinding(code: string, { hostPort, host }: Place): Finding {
  const tls = (problem: DiagnosisProblem): Finding => ({ kind: 'tls', problem });
  if (SELF_SIGNED.has(code)) return tls({ id: 'diagnosis.certUntrusted', hostPort });
  if (code === 'CERT_HAS_EXPIRED') return tls({ id: 'diagnosis.certExpired', hostPort });
  if (code === 'CERT_NOT_YET_VALID') return tls({ id: 'diagnosis.certNotYetValid', hostPort });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return tls({ id: 'diagnosis.certWrongHost', hostPort, host });
  if (NOT_HTTPS_CODES.has(code)) return tls({ id: 'diagnosis.notHttps', hostPort });
  return tls({ id: 'diagnosis.tlsFailed', hostPort, code: code || undefined });
}

/** Something answered, but not Dify's API: a proxy's error page, the web console, another web page. */
function pageFinding(status: number | undefined, { baseUrl, hostPort }: Place): Finding {
  if (status === 502 || status === 503 || status === 504) return { kind: 'proxy', problem: { id: 'diagnosis.proxy', status } };
  const suggestion = suggestApiUrl(baseUrl);
  if (suggestion !== undefined) return { kind: 'notApi', suggestedBaseUrl: suggestion, problem: { id: 'diagnosis.webConsole', baseUrl, suggestion } };
  return { kind: 'notApi', problem: { id: 'diagnosis.webPage', hostPort, status } };
}
