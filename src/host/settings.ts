import * as vscode from 'vscode';
import { validateUserId } from '../dify/validate';
import type { Profile, ProfileSetting } from './profileModel';
import { DEFAULT_BASE_URL, resolveProfiles, toSetting } from './profileModel';

/**
 * The connection settings, read from the user's OWN settings only. They are declared `"scope": "application"`
 * and listed as restricted in untrusted workspaces, but we do not rely on that alone: `inspect().globalValue`
 * is the user-settings layer, so a repository's `.vscode/settings.json` (flat `"dify.baseUrl"` or nested
 * `"dify": {"baseUrl": …}`) can never choose where the API key is sent.
 */
export const SECTION = 'dify';

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 120;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** The user-settings value of `dify.<key>`, ignoring workspace and folder values. */
export function userValue<T>(key: string): T | undefined {
  return config().inspect<T>(key)?.globalValue;
}

function seconds(key: string, fallback: number, min: number, max: number): number {
  const v = userValue<unknown>(key);
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, v));
}

/** Connect / first-byte timeout. Generous by default: a local model's cold start can take a minute. */
export function requestTimeoutSeconds(): number {
  return seconds('requestTimeoutSeconds', DEFAULT_REQUEST_TIMEOUT_SECONDS, 5, 3600);
}

/** Longest silence allowed inside a response once it has started. */
export function idleTimeoutSeconds(): number {
  return seconds('idleTimeoutSeconds', DEFAULT_IDLE_TIMEOUT_SECONDS, 5, 3600);
}

/** `dify.user` from the user's settings, when set to a usable id (blank or invalid: the default id is used). */
export function userIdSetting(): string | undefined {
  const v = userValue<unknown>('user');
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const checked = validateUserId(v);
  return checked.ok ? checked.value : undefined;
}

/** Why `dify.user` in the user's settings is not used (one sentence), or undefined when it is usable or unset. */
export function userIdSettingProblem(): string | undefined {
  const v = userValue<unknown>('user');
  if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v !== 'string') return 'The setting dify.user must be text; the default user id is used instead.';
  const checked = validateUserId(v);
  return checked.ok ? undefined : `The setting dify.user is not used: ${checked.error}`;
}

/** The profiles and the active one, from user settings. */
export function readProfiles(): { profiles: Profile[]; active: Profile } {
  return resolveProfiles({
    baseUrl: userValue<unknown>('baseUrl') ?? DEFAULT_BASE_URL,
    profiles: userValue<unknown>('profiles'),
    activeProfile: userValue<unknown>('activeProfile'),
  });
}

/** Writes the profile list to user settings. */
export async function writeProfiles(list: readonly (Profile | ProfileSetting)[]): Promise<void> {
  await config().update('profiles', list.map(toSetting), vscode.ConfigurationTarget.Global);
}

/** Writes the active profile id to user settings. */
export async function writeActiveProfile(id: string): Promise<void> {
  await config().update('activeProfile', id, vscode.ConfigurationTarget.Global);
}

/** Writes `dify.baseUrl` (the implicit profile's URL) to user settings. */
export async function writeBaseUrl(url: string): Promise<void> {
  await config().update('baseUrl', url, vscode.ConfigurationTarget.Global);
}

/** True when a configuration change touches one of the settings the connection depends on. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return ['baseUrl', 'profiles', 'activeProfile', 'user', 'requestTimeoutSeconds', 'idleTimeoutSeconds'].some((k) =>
    e.affectsConfiguration(`${SECTION}.${k}`),
  );
}
