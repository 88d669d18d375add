/**
 * The one place the host turns what the pure core reports (an error, a diagnosis, a validation) into the
 * sentence a person reads. Every host file that shows such a thing calls these functions instead of reading
 * the core's fields itself, so the wording (and, with localization, the language) lives here.
 */
import type { Diagnosis } from '../dify/diagnose';
import { isDifyError } from '../dify/errors';
import type { Validation } from '../dify/validate';

/** The sentence for an error the host caught; `fallback` when it is not one of Dify's (a bug, a rejected promise). */
export function errorText(e: unknown, fallback: string): string {
  return isDifyError(e) ? e.message : fallback;
}

/** The sentence of a connection diagnosis. */
export function diagnosisText(d: Diagnosis): string {
  return d.message;
}

/** Why a typed value was refused, or undefined when it was accepted. */
export function validationError(v: Validation): string | undefined {
  return v.ok ? undefined : v.error;
}

/** The remark on an accepted value (for example "Dify's API is usually under /v1"), if any. */
export function validationWarning(v: Validation): string | undefined {
  return v.ok ? v.warning : undefined;
}
