/**
 * The one place the host turns what the pure core reports (an error, a diagnosis, a validation) into the
 * sentence a person reads. Every host file that shows such a thing calls these functions instead of reading
 * the core's fields itself. The words live in the table under `messages/` (plain TypeScript, tested in
 * Node); this file only binds it to VS Code's `l10n.t`, so localization reaches every sentence.
 */
import * as vscode from 'vscode';
import type { Diagnosis } from '../dify/diagnose';
import { isDifyError } from '../dify/errors';
import type { Problem } from '../dify/problems';
import type { Validation } from '../dify/validate';
import { sentence } from './messages/table';
import type { Translate } from './messages/translate';

const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

/** The sentence for a problem (what the chat session and the history mapping are given to describe errors). */
export function problemText(problem: Problem): string {
  return sentence(problem, t);
}

/** The sentence for an error the host caught; `fallback` when it is not one of Dify's (a bug, a rejected promise). */
export function errorText(e: unknown, fallback: string): string {
  return isDifyError(e) && e.problem !== undefined ? problemText(e.problem) : fallback;
}

/** The sentence of a connection diagnosis. */
export function diagnosisText(d: Diagnosis): string {
  return problemText(d.problem);
}

/** Why a typed value was refused, or undefined when it was accepted. */
export function validationError(v: Validation): string | undefined {
  return v.ok ? undefined : problemText(v.error);
}

/** The remark on an accepted value (for example that Dify's API is usually under /v1), if any. */
export function validationWarning(v: Validation): string | undefined {
  return v.ok && v.warning !== undefined ? problemText(v.warning) : undefined;
}
