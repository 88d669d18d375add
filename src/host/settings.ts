import * as vscode from 'vscode';
import { validationError } from './messages';
import { CONNECTION_SETTINGS, SECTION, Setting, settingId } from './settingKeys';
import type { SettingKey } from './settingKeys';
import { validateUserId } from '../dify/validate';
import { DEFAULT_LIMITS, DEFAULT_MAX_ANSWER_BYTES } from '../chat/answerLimits';
import type { AnswerLimits } from '../chat/answerLimits';
import type { Profile, ProfileSetting } from './connection/profileModel';
import { DEFAULT_BASE_URL, resolveProfiles, toSetting } from './connection/profileModel';

/**
 * The connection settings, read from the user's OWN settings only. They are declared `"scope": "application"`
 * and listed as restricted in untrusted workspaces, but we do not rely on that alone: `inspect().globalValue`
 * is the user-settings layer, so a repository's `.vscode/settings.json` (flat `"dify.baseUrl"` or nested
 * `"dify": {"baseUrl": …}`) can never choose where the API key is sent.
 */

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 120;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** The user-settings value of `dify.<key>`, ignoring workspace and folder values. */
export function userValue<T>(key: SettingKey): T | undefined {
  return config().inspect<T>(key)?.globalValue;
}

/** A number setting's value kept within [min, max]; `fallback` when it is not a finite number. */
export function clampedNumber(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

function seconds(key: SettingKey, fallback: number, min: number, max: number): number {
  return clampedNumber(userValue<unknown>(key), fallback, min, max);
}

/** Connect / first-byte timeout. Generous by default: a local model's cold start can take a minute. */
export function requestTimeoutSeconds(): number {
  return seconds(Setting.requestTimeoutSeconds, DEFAULT_REQUEST_TIMEOUT_SECONDS, 5, 3600);
}

/** Longest silence allowed inside a response once it has started. */
export function idleTimeoutSeconds(): number {
  return seconds(Setting.idleTimeoutSeconds, DEFAULT_IDLE_TIMEOUT_SECONDS, 5, 3600);
}

const MIB = 1024 * 1024;

/**
 * The bounds on one answer: the text limit from `dify.chat.maxAnswerSizeMiB` (any settings layer: a lower
 * limit sends nothing anywhere), the steps and events limits fixed (see `answerLimits.ts` for why).
 */
export function answerLimits(): AnswerLimits {
  const mib = clampedNumber(config().get<unknown>(Setting.chatMaxAnswerSizeMiB), DEFAULT_MAX_ANSWER_BYTES / MIB, 1, 64);
  return { ...DEFAULT_LIMITS, maxTextBytes: Math.round(mib * MIB) };
}

/** `dify.user` from the user's settings, when set to a usable id (blank or invalid: the default id is used). */
export function userIdSetting(): string | undefined {
  const v = userValue<unknown>(Setting.user);
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const checked = validateUserId(v);
  return checked.ok ? checked.value : undefined;
}

/** Why `dify.user` in the user's settings is not used (one sentence), or undefined when it is usable or unset. */
export function userIdSettingProblem(): string | undefined {
  const v = userValue<unknown>(Setting.user);
  if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v !== 'string') return vscode.l10n.t('The setting dify.user must be text; the default user id is used instead.');
  const checked = validateUserId(v);
  return checked.ok ? undefined : vscode.l10n.t('The setting dify.user is not used: {0}', validationError(checked) ?? '');
}

/** The profiles and the active one, from user settings. */
export function readProfiles(): { profiles: Profile[]; active: Profile } {
  return resolveProfiles({
    baseUrl: userValue<unknown>(Setting.baseUrl) ?? DEFAULT_BASE_URL,
    profiles: userValue<unknown>(Setting.profiles),
    activeProfile: userValue<unknown>(Setting.activeProfile),
  });
}

/** Writes the profile list to user settings. */
export async function writeProfiles(list: readonly (Profile | ProfileSetting)[]): Promise<void> {
  await config().update(Setting.profiles, list.map(toSetting), vscode.ConfigurationTarget.Global);
}

/** Writes the active profile id to user settings. */
export async function writeActiveProfile(id: string): Promise<void> {
  await config().update(Setting.activeProfile, id, vscode.ConfigurationTarget.Global);
}

/** Writes `dify.baseUrl` (the implicit profile's URL) to user settings. */
export async function writeBaseUrl(url: string): Promise<void> {
  await config().update(Setting.baseUrl, url, vscode.ConfigurationTarget.Global);
}

/** True when a configuration change touches one of the settings the connection depends on. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return CONNECTION_SETTINGS.some((k) => e.affectsConfiguration(settingId(k)));
}
