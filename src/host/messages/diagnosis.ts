/** The sentences of "Test Connection": what stands between the editor and a working chat app, and what to do. */
import type { DiagnosisProblem } from '../../dify/problems';
import { modeName } from './modeName';
import type { SentenceTable } from './translate';

/** One sentence per diagnosis. */
export const diagnosisSentences: SentenceTable<DiagnosisProblem> = {
  'diagnosis.connected': (p, t) => t('Connected to "{0}" ({1}) on Dify {2} at {3}.', p.appName, modeName(p.mode, t), p.serverVersion, p.hostPort),
  'diagnosis.noKey': (p, t) => t("Dify {0} is reachable at {1}; set the app's API key (Dify: Set API Key) to finish.", p.serverVersion, p.baseUrl),
  'diagnosis.keyNotSent': (p, t) =>
    p.serverVersion
      ? t(
          'Dify {0} is reachable at {1}, but the key of "{2}" was not sent to it; run Test Connection again to be asked, or set a new key for this server.',
          p.serverVersion,
          p.baseUrl,
          p.profileName,
        )
      : t('Dify is reachable at {0}, but the key of "{1}" was not sent to it; run Test Connection again to be asked, or set a new key for this server.', p.baseUrl, p.profileName),
  'diagnosis.notChatApp': (p, t) =>
    t('"{0}" is a {1} app; this extension chats with Chatbot, Agent or Chatflow apps, so use the API key of one of those.', p.appName, modeName(p.mode, t)),
  'diagnosis.unexpected': (p, t) =>
    p.errorName === undefined
      ? t('The connection test failed unexpectedly (error); see the Dify log for details.')
      : t('The connection test failed unexpectedly ({0}); see the Dify log for details.', p.errorName),
  'diagnosis.refused': (p, t) => t('Nothing is listening at {0}. Start Dify (e.g. docker compose up -d) or fix the base URL.', p.hostPort),
  'diagnosis.dnsFailed': (p, t) => t('The host name "{0}" could not be found (DNS); check its spelling in the base URL, or your network or VPN.', p.host),
  'diagnosis.noRoute': (p, t) => t('There is no network route to {0} from this machine; check the address, your network or VPN.', p.hostPort),
  'diagnosis.connectTimedOut': (p, t) => t('Connecting to {0} timed out; check the host and port, and any firewall in between.', p.hostPort),
  'diagnosis.closed': (p, t) =>
    t('{0} closed the connection without answering; check http:// versus https:// in the base URL, and any proxy or firewall in between.', p.hostPort),
  'diagnosis.unreachable': (p, t) =>
    p.code === undefined
      ? t('Could not reach {0}; check the base URL and that Dify is running.', p.hostPort)
      : t('Could not reach {0} ({1}); check the base URL and that Dify is running.', p.hostPort, p.code),
  'diagnosis.certUntrusted': (p, t) =>
    t(
      'The certificate of {0} is self-signed or from an unknown authority, so it is not trusted: add its CA to your OS trust store or to NODE_EXTRA_CA_CERTS and restart VS Code, or use http:// on a private network.',
      p.hostPort,
    ),
  'diagnosis.certExpired': (p, t) => t("The certificate of {0} is expired; renew it on the server (or check this machine's clock).", p.hostPort),
  'diagnosis.certNotYetValid': (p, t) => t("The certificate of {0} is not valid yet; renew it on the server (or check this machine's clock).", p.hostPort),
  'diagnosis.certWrongHost': (p, t) =>
    t('The certificate of {0} is not issued for "{1}"; use the host name the certificate names in the base URL.', p.hostPort, p.host),
  'diagnosis.notHttps': (p, t) => t('{0} does not speak https; if it is a plain http server on a private network, use http:// in the base URL.', p.hostPort),
  'diagnosis.tlsFailed': (p, t) =>
    p.code === undefined
      ? t("The secure (https) connection to {0} failed; check the server's certificate.", p.hostPort)
      : t("The secure (https) connection to {0} failed ({1}); check the server's certificate.", p.hostPort, p.code),
  'diagnosis.noAnswer': (p, t) =>
    t('The server at {0} accepted the connection but did not answer within {1} s; a local model may still be loading, so try again.', p.hostPort, p.seconds),
  'diagnosis.answerTooSlow': (p, t) =>
    t('The server at {0} began to answer but did not finish within {1} s; check the Dify server and any proxy in between, then try again.', p.hostPort, p.seconds),
  'diagnosis.proxy': (p, t) =>
    t(
      "A proxy answered instead of Dify (an HTTP {0} page, e.g. from nginx or a corporate proxy): Dify's API may be down or restarting (docker compose ps), or the proxy cannot reach it.",
      p.status,
    ),
  'diagnosis.webConsole': (p, t) =>
    p.confirmedVersion === undefined
      ? t("{0} is Dify's web console, not its API; use {1} as the base URL.", p.baseUrl, p.suggestion)
      : t("{0} is Dify's web console, not its API; use {1} as the base URL. (Dify {2} answers there.)", p.baseUrl, p.suggestion, p.confirmedVersion),
  'diagnosis.webPage': (p, t) =>
    p.status === undefined
      ? t("{0} answered with a web page instead of Dify's API; check the base URL and any proxy in between.", p.hostPort)
      : t("{0} answered with a web page (HTTP {1}) instead of Dify's API; check the base URL and any proxy in between.", p.hostPort, p.status),
  'diagnosis.noApi': (p, t) => {
    if (p.suggestion === undefined) return t('There is no Dify API at {0} (404); check the base URL.', p.baseUrl);
    return p.confirmedVersion === undefined
      ? t('There is no Dify API at {0} (404); use {1} as the base URL.', p.baseUrl, p.suggestion)
      : t('There is no Dify API at {0} (404); use {1} as the base URL. (Dify {2} answers there.)', p.baseUrl, p.suggestion, p.confirmedVersion);
  },
  'diagnosis.keyRejected': (_p, t) => t("Dify rejected the API key (401); copy the app's key again from its API Access page and run Dify: Set API Key."),
  'diagnosis.forbidden': (p, t) =>
    p.serverMessage === undefined
      ? t("Dify refused access to the app (403: forbidden); enable the app and its API in Dify's console, or use another app's key.")
      : t("Dify refused access to the app (403: {0}); enable the app and its API in Dify's console, or use another app's key.", p.serverMessage),
  'diagnosis.rateLimited': (p, t) =>
    p.retryAfterSeconds === undefined
      ? t('Dify is limiting requests (429); wait a moment and try again.')
      : t('Dify is limiting requests (429); wait {0} s and try again.', p.retryAfterSeconds),
  'diagnosis.serverError': (p, t) =>
    p.serverMessage
      ? t("Dify had an internal error (HTTP {0}: {1}); check its api container's log (docker compose logs api).", p.status, p.serverMessage)
      : t("Dify had an internal error (HTTP {0}); check its api container's log (docker compose logs api).", p.status),
  'diagnosis.badRequest': (p, t) => {
    if (p.step === 'root') {
      return p.serverMessage
        ? t("Dify refused the request ({0}: {1}); check the app's configuration in Dify.", p.label, p.serverMessage)
        : t("Dify refused the request ({0}); check the app's configuration in Dify.", p.label);
    }
    return p.serverMessage
      ? t("Dify refused the app request ({0}: {1}); check the app's configuration in Dify.", p.label, p.serverMessage)
      : t("Dify refused the app request ({0}); check the app's configuration in Dify.", p.label);
  },
  'diagnosis.cancelled': (_p, t) => t('The connection test was cancelled.'),
  'diagnosis.cutOff': (p, t) => t('The answer from {0} was cut off; try again, and check any proxy in between.', p.hostPort),
};
