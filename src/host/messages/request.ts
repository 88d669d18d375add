/** The sentences for failed requests: the base URL, the network, TLS, timeouts and Dify's HTTP errors. */
import type { RequestProblem, TlsReason } from '../../dify/problems';
import { byteSize, duration, statusLabel, targetNoun, withoutFinalStop } from './format';
import type { NotDifyId } from './notDify';
import type { SentenceTable, Translate } from './translate';

type Problem<K extends RequestProblem['id']> = Extract<RequestProblem, { id: K }>;

/** One sentence per request problem, except the answers that are not Dify's (`notDify.ts`). */
export const requestSentences: SentenceTable<Exclude<RequestProblem, { id: NotDifyId }>> = {
  'request.badBaseUrl': (p, t) => t('The base URL “{0}” is not a valid http:// or https:// URL; fix it in the Dify settings.', p.baseUrl),
  'request.cancelled': (_p, t) => t('The request was cancelled.'),
  'net.refused': (p, t) => t('Could not connect to {0} (connection refused); check that Dify is running and the base URL’s host and port are right.', p.host),
  'net.hostNotFound': (p, t) => t('Could not find the host {0} ({1}); check the base URL and your network or DNS.', p.hostName, p.code),
  'net.dropped': (p, t) =>
    p.midAnswer
      ? t('The connection to {0} was dropped while the answer was arriving ({1}); try again, and check any proxy or firewall in between.', p.host, p.code)
      : t('The connection to {0} was dropped ({1}); try again, and check any proxy or firewall in between.', p.host, p.code),
  'net.unreachable': (p, t) => t('{0} is unreachable from this machine ({1}); check your network or VPN and the base URL.', p.host, p.code),
  'net.failed': (p, t) =>
    p.code === undefined
      ? t('Could not reach {0}; check the base URL and your network.', p.host)
      : t('Could not reach {0} ({1}); check the base URL and your network.', p.host, p.code),
  'net.connectTimedOut': (p, t) => t('Connecting to {0} timed out; check that Dify is running and reachable from this machine (network, VPN, proxy).', p.host),
  'net.stoppedAnswering': (p, t) => t('{0} stopped answering; try again, and check that Dify and its model are running.', p.host),
  'tls.failed': (p, t) => tlsSentence(p.reason, p.host, p.code, t),
  'timeout.connect': (p, t) =>
    t("{0} did not answer within {1}; check that Dify and its model are running (a local model's first answer can be slow), or raise the timeout.", p.host, duration(p.ms, t)),
  'timeout.idle': (p, t) =>
    t('{0} sent nothing for {1}, so the answer was given up; try again, and check the Dify server if it keeps happening.', p.host, duration(p.ms, t)),
  'timeout.total': (p, t) =>
    t(
      '{0} did not finish sending {1} within {2}, so it was given up; try again, and check the Dify server and any proxy in between if it keeps happening.',
      p.host,
      targetNoun(p.target, t),
      duration(p.ms, t),
    ),
  'http.redirect': (p, t) =>
    p.location === undefined
      ? t('{0} redirects {1} elsewhere (HTTP {2}); set the base URL to the address it redirects to.', p.host, targetNoun(p.target, t), p.status)
      : t('{0} redirects {1} elsewhere (HTTP {2} to {3}); set the base URL to the address it redirects to.', p.host, targetNoun(p.target, t), p.status, p.location),
  'http.rateLimited': (p, t) =>
    p.retryAfterSeconds !== undefined && p.retryAfterSeconds > 0
      ? t('Dify is limiting requests to this app ({0}); wait {1} s and try again.', p.status, Math.ceil(p.retryAfterSeconds))
      : t('Dify is limiting requests to this app ({0}); wait a moment and try again.', p.status),
  'http.keyRejected': (_p, t) => t('Dify rejected the API key (401). Set a valid app key with “Dify: Set API Key”.'),
  'http.forbidden': (p, t) =>
    p.detail === undefined
      ? t('Dify refused access to this app ({0}); check in the Dify console that the app exists and its API access is enabled.', statusLabel(p.status, p.code))
      : t(
          'Dify refused access to this app ({0}: {1}); check in the Dify console that the app exists and its API access is enabled.',
          statusLabel(p.status, p.code),
          withoutFinalStop(p.detail),
        ),
  'http.notFound': (p, t) =>
    p.detail === undefined
      ? t('Dify could not find {0} (404); it may have been deleted, so refresh and try again.', targetNoun(p.target, t))
      : t('Dify could not find {0} (404: {1}); it may have been deleted, so refresh and try again.', targetNoun(p.target, t), withoutFinalStop(p.detail)),
  'http.serverError': (p, t) =>
    t('Dify had an internal error ({0}); try again, and check the Dify server logs if it keeps happening.', statusLabel(p.status, p.code)),
  'http.badRequest': (p, t) => badRequestSentence(p, t),
  'http.tooLarge': (p, t) =>
    t(
      'The answer for {0} from {1} is larger than {2}, so it was not read; raise the size limit or ask for less (a smaller page).',
      targetNoun(p.target, t),
      p.host,
      byteSize(p.maxBytes, t),
    ),
};

function tlsSentence(reason: TlsReason, host: string, code: string, t: Translate): string {
  switch (reason) {
    case 'selfSigned':
      return t(
        'The secure connection to {0} failed because the server presented a self-signed certificate ({1}); trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or use a certificate from a public authority.',
        host,
        code,
      );
    case 'selfSignedChain':
      return t(
        'The secure connection to {0} failed because the server presented a certificate chain with a self-signed root that is not trusted ({1}); trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or use a certificate from a public authority.',
        host,
        code,
      );
    case 'unknownAuthority':
      return t(
        'The secure connection to {0} failed because the server presented a certificate signed by an unknown authority ({1}); trust its certificate authority (for example with NODE_EXTRA_CA_CERTS) or serve the full certificate chain.',
        host,
        code,
      );
    case 'untrusted':
      return t('The secure connection to {0} failed because the server presented an untrusted certificate ({1}); check the server certificate and the base URL.', host, code);
    case 'expired':
      return t('The secure connection to {0} failed because the server presented an expired certificate ({1}); renew the server certificate.', host, code);
    case 'notYetValid':
      return t(
        "The secure connection to {0} failed because the server presented a certificate that is not valid yet ({1}); check the server's certificate dates and both clocks.",
        host,
        code,
      );
    case 'revoked':
      return t('The secure connection to {0} failed because the server presented a revoked certificate ({1}); check the server certificate and the base URL.', host, code);
    case 'wrongHost':
      return t(
        'The secure connection to {0} failed because the server presented a certificate for a different host name ({1}); use the host name the certificate was issued for in the base URL.',
        host,
        code,
      );
    case 'notTls':
      return t(
        'The secure connection to {0} failed because the server did not answer in TLS (is it plain http:// on that port?) ({1}); check whether the base URL should start with http:// instead of https://.',
        host,
        code,
      );
    case 'handshakeFailed':
      return t('The secure connection to {0} failed because the server failed the TLS handshake ({1}); check the server certificate and the base URL.', host, code);
    case 'handshakeTimeout':
      return t('The secure connection to {0} failed because the server did not finish the TLS handshake ({1}); check the server certificate and the base URL.', host, code);
  }
}

/** Dify's 400s: a sentence per code it documents, Dify's own words where they help. */
function badRequestSentence(p: Problem<'http.badRequest'>, t: Translate): string {
  const label = statusLabel(p.status, p.code);
  const said = p.detail === undefined ? undefined : withoutFinalStop(p.detail);
  switch (p.code) {
    case 'not_chat_app':
      return t('This app is not a chat app ({0}); use the API key of a Chatbot, Agent or Chatflow app.', label);
    case 'app_unavailable':
      return t('The Dify app is unavailable ({0}); check its configuration in the Dify console and publish it.', label);
    case 'provider_not_initialize':
      return t('The app’s model provider has no valid credentials ({0}); set them in Dify under Settings → Model Provider.', label);
    case 'provider_quota_exceeded':
      return t('The model provider’s quota is used up ({0}); add credit or switch the app to another model in Dify.', label);
    case 'model_currently_not_support':
      return t('The app’s model is not available ({0}); choose another model for the app in Dify.', label);
    case 'completion_request_error':
      return said === undefined
        ? t('The model provider refused the request ({0}); check the model settings in Dify and try again.', label)
        : t('The model provider refused the request ({0}: {1}); check the model settings in Dify and try again.', label, said);
    case 'conversation_completed':
      return t('This conversation has ended ({0}); start a new chat.', label);
    case 'unsupported_media_type':
      return said === undefined
        ? t('Dify refused the request’s format ({0}); this is a bug in the extension, so please report it.', label)
        : t('Dify refused the request’s format ({0}: {1}); this is a bug in the extension, so please report it.', label, said);
    case 'file_too_large':
    case 'request_entity_too_large':
      return t('The file is too large for Dify ({0}); pick a smaller file.', label);
    case 'unsupported_file_type':
      return t('Dify does not accept this type of file ({0}); pick another file.', label);
    case undefined:
    default:
      return said === undefined
        ? t('Dify refused the request ({0}); check the app’s inputs and settings, then try again.', label)
        : t('Dify refused the request ({0}: {1}); check the app’s inputs and settings, then try again.', label, said);
  }
}
