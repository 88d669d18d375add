/**
 * The sentences for an answer that is not Dify's API: a web page, an empty or non-JSON body, JSON of the
 * wrong shape, or a chat answer that is not an event stream. Each comes in two whole sentences: when the
 * base URL ends in /v1 the advice is about the proxy in between, otherwise about the missing /v1.
 */
import type { RequestProblem, StreamProblem } from '../../dify/problems';
import { targetNoun } from './format';
import type { SentenceTable } from './translate';

/** The ids this file words. */
export type NotDifyId = 'http.errorPage' | 'http.notJson' | 'http.wrongJson';

type NotDifyProblem = Extract<RequestProblem, { id: NotDifyId }> | Extract<StreamProblem, { id: 'stream.notEventStream' }>;

/** One sentence per answer that is not Dify's. */
export const notDifySentences: SentenceTable<NotDifyProblem> = {
  'http.errorPage': (p, t) => {
    if (p.page === 'html') {
      return p.baseEndsInV1
        ? t('{0} answered with an HTML page (HTTP {1}), not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.', p.host, p.status)
        : t('{0} answered with an HTML page (HTTP {1}), not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).', p.host, p.status);
    }
    if (p.page === 'empty') {
      return p.baseEndsInV1
        ? t('{0} answered with an empty answer (HTTP {1}), not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.', p.host, p.status)
        : t('{0} answered with an empty answer (HTTP {1}), not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).', p.host, p.status);
    }
    return p.baseEndsInV1
      ? t(
          '{0} answered with an answer that is not Dify’s JSON (HTTP {1}), not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.',
          p.host,
          p.status,
        )
      : t(
          '{0} answered with an answer that is not Dify’s JSON (HTTP {1}), not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).',
          p.host,
          p.status,
        );
  },
  'http.notJson': (p, t) => {
    const target = targetNoun(p.target, t);
    if (p.page === 'html') {
      return p.baseEndsInV1
        ? t('{0} answered {1} with an HTML page (HTTP {2}), not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.', p.host, target, p.status)
        : t('{0} answered {1} with an HTML page (HTTP {2}), not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).', p.host, target, p.status);
    }
    return p.baseEndsInV1
      ? t(
          '{0} answered {1} with an answer that is not JSON (HTTP {2}), not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.',
          p.host,
          target,
          p.status,
        )
      : t(
          '{0} answered {1} with an answer that is not JSON (HTTP {2}), not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).',
          p.host,
          target,
          p.status,
        );
  },
  'http.wrongJson': (p, t) =>
    p.baseEndsInV1
      ? t('{0} answered {1} with JSON that is not Dify’s, not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.', p.host, targetNoun(p.target, t))
      : t('{0} answered {1} with JSON that is not Dify’s, not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).', p.host, targetNoun(p.target, t)),
  'stream.notEventStream': (p, t) => {
    const target = targetNoun(p.target, t);
    if (p.contentType === undefined) {
      return p.baseEndsInV1
        ? t(
            '{0} answered {1} with an HTML page instead of an event stream (HTTP {2}), not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.',
            p.host,
            target,
            p.status,
          )
        : t(
            '{0} answered {1} with an HTML page instead of an event stream (HTTP {2}), not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).',
            p.host,
            target,
            p.status,
          );
    }
    return p.baseEndsInV1
      ? t(
          '{0} answered {1} with “{3}” instead of an event stream (HTTP {2}), not Dify’s API; check that the base URL points at Dify’s API and that any proxy in between is working.',
          p.host,
          target,
          p.status,
          p.contentType,
        )
      : t(
          '{0} answered {1} with “{3}” instead of an event stream (HTTP {2}), not Dify’s API; check the base URL: Dify’s API usually ends with /v1 (for example http://localhost/v1).',
          p.host,
          target,
          p.status,
          p.contentType,
        );
  },
};
