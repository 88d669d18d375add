/**
 * The host's words for what the core reports, over any translate function: `src/host/messages.ts` binds them
 * to VS Code's `l10n.t`; unit tests bind them to plain English. Classes that turn errors into sentences take a
 * {@link Words} in their options, so they run in Node without VS Code. No vscode import here.
 */
import type { Diagnosis } from '../../dify/diagnose';
import { isDifyError } from '../../dify/errors';
import type { Problem } from '../../dify/problems';
import type { Validation } from '../../dify/validate';
import { sentence } from './table';
import type { Translate } from './translate';

/** Every way the host words a core report. */
export interface Words {
  /** The translate function itself, for the host's own sentences that are not core reports. */
  readonly t: Translate;
  /** The sentence for a problem (what the chat session and the history mapping are given to describe errors). */
  problemText(problem: Problem): string;
  /** The sentence for an error the host caught; `fallback` when it is not one of Dify's (a bug, a rejected promise). */
  errorText(e: unknown, fallback: string): string;
  /** The sentence of a connection diagnosis. */
  diagnosisText(d: Diagnosis): string;
  /** Why a typed value was refused, or undefined when it was accepted. */
  validationError(v: Validation): string | undefined;
  /** The remark on an accepted value (for example that Dify's API is usually under /v1), if any. */
  validationWarning(v: Validation): string | undefined;
}

/** The {@link Words} that translate with `t`. */
export function createWords(t: Translate): Words {
  const problemText = (problem: Problem): string => sentence(problem, t);
  return {
    t,
    problemText,
    errorText: (e, fallback) => (isDifyError(e) && e.problem !== undefined ? problemText(e.problem) : fallback),
    diagnosisText: (d) => problemText(d.problem),
    validationError: (v) => (v.ok ? undefined : problemText(v.error)),
    validationWarning: (v) => (v.ok && v.warning !== undefined ? problemText(v.warning) : undefined),
  };
}
