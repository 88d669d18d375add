/**
 * The one messages table: every {@link Problem} the core (or the host) reports, to the sentence a person
 * reads. Split by area; this file joins the areas and looks a problem up by its id.
 */
import type { Problem } from '../../dify/problems';
import { answerSentences } from './answer';
import { diagnosisSentences } from './diagnosis';
import { notDifySentences } from './notDify';
import { requestSentences } from './request';
import type { SentenceTable, Translate } from './translate';
import { validationSentences } from './validation';

/** Every problem id with its sentence (the type makes a missing one a compile error). */
export const SENTENCES: SentenceTable<Problem> = {
  ...requestSentences,
  ...notDifySentences,
  ...answerSentences,
  ...diagnosisSentences,
  ...validationSentences,
};

/** The sentence for `problem`, in the language `t` translates to. */
export function sentence(problem: Problem, t: Translate): string {
  return (SENTENCES[problem.id] as (p: Problem, t: Translate) => string)(problem, t);
}
