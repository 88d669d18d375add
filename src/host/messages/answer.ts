/**
 * The sentences a failed answer shows beyond the request's own (a stream that broke or ended early, an
 * error frame from Dify), and the few problems the host itself raises (no key, an unusable profile).
 */
import type { AnswerProblem, HostProblem, StreamProblem } from '../../dify/problems';
import { byteSize, duration, withoutFinalStop } from './format';
import type { SentenceTable } from './translate';
import { validationSentence } from './validation';

/** One sentence per stream, answer and host problem (the stream that is not an event stream: `notDify.ts`). */
export const answerSentences: SentenceTable<Exclude<StreamProblem, { id: 'stream.notEventStream' }> | AnswerProblem | HostProblem> = {
  'stream.endedEarly': (p, t) => t('The answer from {0} ended before it was complete; the partial answer is kept, so try again.', p.host),
  'stream.broken': (p, t) => t('The connection to {0} broke before the answer was complete; the partial answer is kept, so try again.', p.host),
  'stream.frameNotJson': (_p, t) =>
    t('The server sent a stream frame that is not JSON, so it is not a Dify chat stream; check the base URL and any proxy in between.'),
  'stream.eventTooLarge': (p, t) =>
    t("One event from Dify was larger than {0}, so the answer was stopped; raise the event size limit or make the app's output smaller.", byteSize(p.maxBytes, t)),
  'stream.errorFrame': (p, t) => {
    const said = withoutFinalStop(p.message);
    return said
      ? t('Dify stopped the answer with an error ({0}): {1}; try again, and check the app in Dify if it keeps happening.', p.code, said)
      : t('Dify stopped the answer with an error ({0}); try again, and check the app in Dify if it keeps happening.', p.code);
  },
  'answer.unexpected': (_p, t) => t('Something went wrong while getting the answer. Try again.'),
  'answer.endedEarly': (_p, t) => t('The answer ended before it was complete. Try again.'),
  'answer.failedInHistory': (_p, t) => t('This answer failed.'),
  'answer.tooLong': (p, t) =>
    t(
      'The answer was cut off at {0}, the answer size limit (setting dify.chat.maxAnswerSizeMiB); the part that arrived is kept, so ask for a shorter answer or raise the limit, then Retry.',
      byteSize(p.maxBytes, t),
    ),
  'answer.tooManySteps': (p, t) =>
    t('The answer was cut off after {0} workflow steps, agent thoughts or files, the most one answer may hold; the part that arrived is kept, so check the app in Dify, then Retry.', p.max),
  'answer.tooManyEvents': (p, t) =>
    t('The answer was cut off after {0} stream events, the most one answer may take; the part that arrived is kept, so check the app in Dify, then Retry.', p.max),
  'apiKey.missing': (p, t) => t('Profile “{0}” has no API key. Set the key, then Retry.', p.profileName),
  'apiKey.notSent': (p, t) => t('The API key of “{0}” was not sent, so neither was the question; run “Dify: Test Connection” to see why, then Retry.', p.profileName),
  'apiKey.neededToRate': (_p, t) => t('Set the API key to rate answers.'),
  'app.notReady': (p, t) => t('The app of “{0}” was not ready within {1}, so the question was not sent; check the connection (Dify: Test Connection), then Retry.', p.profileName, duration(p.ms, t)),
  'inputs.missing': (p, t) => t('Fill in {0} before sending, then Retry.', p.fields.join(', ')),
  'baseUrl.unusable': (p, t) => t('The base URL of "{0}" is not usable: {1}', p.profileName, validationSentence(p.reason, t)),
};
