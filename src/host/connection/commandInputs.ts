import * as vscode from 'vscode';
import type { Diagnosis } from '../../dify/diagnose';
import type { Validation } from '../../dify/validate';
import { validateBaseUrl } from '../../dify/validate';
import type { ApiKeys } from './apiKeys';
import type { AppInfoCache } from './appInfoCache';
import type { HealthCheck } from './healthCheck';
import type { DifyLog } from '../log';
import { validationError, validationWarning } from '../messages';
import type { Profile } from './profileModel';
import type { ProfileClients } from './profileClients';
import type { ProfileStore } from './profileStore';
import type { Prompter } from '../prompts';

/** How a Set API Key run ended (returned for tests; the user sees messages). */
export type SetKeyOutcome = 'saved' | 'cancelled' | 'rejected' | 'failed';

/** What the connection commands work with. */
export interface CommandContext {
  store: ProfileStore;
  keys: ApiKeys;
  clients: ProfileClients;
  appInfo: AppInfoCache;
  check: HealthCheck;
  prompter: Prompter;
  log: DifyLog;
}

/**
 * The connection commands as methods, each returning its outcome. One command hands over to another
 * through this (Test Connection's "Set API Key", the app picker's items), so the command files do not
 * import each other.
 */
export interface ConnectionActions {
  setApiKey(profileId?: string): Promise<SetKeyOutcome>;
  clearApiKey(profileId?: string): Promise<boolean>;
  testConnection(profileId?: string): Promise<Diagnosis | undefined>;
  switchProfile(): Promise<void>;
  addProfile(): Promise<Profile | undefined>;
  editProfile(profileId?: string): Promise<void>;
  removeProfile(profileId?: string): Promise<boolean>;
}

/** Turns a Validation into what `showInputBox`'s `validateInput` expects. */
export function toInputMessage(v: Validation): vscode.InputBoxValidationMessage | undefined {
  const error = validationError(v);
  if (error !== undefined) return { message: error, severity: vscode.InputBoxValidationSeverity.Error };
  const warning = validationWarning(v);
  if (warning !== undefined) return { message: warning, severity: vscode.InputBoxValidationSeverity.Warning };
  return undefined;
}

/** A cancellation token as an AbortSignal (the client speaks AbortSignal). */
export function signalOf(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  // The token's owner (the progress notification) disposes the token and, with it, this listener.
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}

/** The profile a command was given (by id, from a menu or another command), or the active one. */
export function profileOrActive(ctx: CommandContext, profileId: string | undefined): Profile | undefined {
  if (profileId === undefined) return ctx.store.active;
  const p = ctx.store.find(profileId);
  if (!p) void ctx.prompter.error(vscode.l10n.t('There is no Dify app with the id "{0}".', profileId));
  return p;
}

/** Asks for a base URL; a URL without /v1 gets a choice between the suggestion and what was typed. */
export async function askBaseUrl(prompter: Prompter, title: string, value: string): Promise<string | undefined> {
  const typed = await prompter.inputBox({
    title,
    prompt: vscode.l10n.t("The Service API address shown on the app's API Access page, e.g. http://localhost/v1 or https://api.dify.ai/v1."),
    value,
    ignoreFocusOut: true,
    validateInput: (v) => toInputMessage(validateBaseUrl(v)),
  });
  if (typed === undefined) return undefined;
  const r = validateBaseUrl(typed);
  if (!r.ok) {
    await prompter.error(validationError(r) ?? '');
    return undefined;
  }
  const warning = validationWarning(r);
  if (warning && r.suggestion) {
    const picked = await prompter.quickPick(
      [
        { label: r.suggestion, description: vscode.l10n.t('recommended'), value: r.suggestion },
        { label: r.value, description: vscode.l10n.t('as typed'), value: r.value },
      ],
      { title: warning },
    );
    return picked?.value;
  }
  return r.value;
}

/** The string argument a command was invoked with (a profile id from a menu), if any. */
export function idArgument(arg: unknown): string | undefined {
  return typeof arg === 'string' ? arg : undefined;
}
