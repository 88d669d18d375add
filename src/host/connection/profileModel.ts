/**
 * The profile list as plain data: how the `dify.profiles`, `dify.activeProfile` and `dify.baseUrl` user
 * settings turn into the apps the user can switch between. No vscode import, so it is unit-tested in Node.
 */

/** One Dify app the user can talk to: a name, where its API is, and (optionally) its own end-user id. */
export interface Profile {
  /** Stable id; the key is stored in SecretStorage under `dify.apiKey.<id>`. */
  id: string;
  name: string;
  /** As written in the settings (validated when used, so a typo is reported rather than silently "fixed"). */
  baseUrl: string;
  /** Overrides `dify.user` for this app. */
  user?: string;
  /** True for the profile made up from `dify.baseUrl` while `dify.profiles` is empty. */
  implicit: boolean;
}

/** The shape one entry of `dify.profiles` has in settings.json. */
export interface ProfileSetting {
  id: string;
  name: string;
  baseUrl: string;
  user?: string;
}

/** The user's own values (never the workspace's) of the connection settings, as read from the configuration. */
export interface ConnectionSettingValues {
  baseUrl: unknown;
  profiles: unknown;
  activeProfile: unknown;
}

export const DEFAULT_BASE_URL = 'http://localhost/v1';
/** The id of the implicit profile (and of the default profile once materialised into the list). */
export const DEFAULT_PROFILE_ID = 'default';
export const DEFAULT_PROFILE_NAME = 'Dify';

const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/**
 * Ids the pattern allows but that name a property every JavaScript object has: a profile id keys maps and
 * stored records (keys, origins, app info), where `__proto__` would reach the prototype instead.
 */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);

/** True for an id a profile may have: the settings pattern, and not a name every object already has. */
export function isUsableProfileId(id: string): boolean {
  return ID_PATTERN.test(id) && !RESERVED_IDS.has(id);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * Reads the profile list leniently: entries without a usable id, name or base URL are skipped, and a
 * duplicated id keeps its first entry, so one bad hand edit of settings.json never hides the other apps.
 */
export function parseProfiles(raw: unknown): ProfileSetting[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: ProfileSetting[] = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const id = str(e['id']);
    const name = str(e['name']);
    const baseUrl = str(e['baseUrl']);
    if (id === undefined || !isUsableProfileId(id) || name === undefined || baseUrl === undefined || seen.has(id)) continue;
    seen.add(id);
    const user = str(e['user']);
    out.push(user === undefined ? { id, name, baseUrl } : { id, name, baseUrl, user });
  }
  return out;
}

/** The profiles the user can switch between, and which one is active. There is always at least one. */
export function resolveProfiles(values: ConnectionSettingValues): { profiles: Profile[]; active: Profile } {
  const listed = parseProfiles(values.profiles);
  const profiles: Profile[] =
    listed.length > 0
      ? listed.map((p) => ({ ...p, implicit: false }))
      : [{ id: DEFAULT_PROFILE_ID, name: DEFAULT_PROFILE_NAME, baseUrl: str(values.baseUrl) ?? DEFAULT_BASE_URL, implicit: true }];
  const wanted = str(values.activeProfile);
  const active = profiles.find((p) => p.id === wanted) ?? (profiles[0] as Profile);
  return { profiles, active };
}

/** The settings.json form of a profile (drops `implicit`). */
export function toSetting(p: Profile | ProfileSetting): ProfileSetting {
  return p.user === undefined ? { id: p.id, name: p.name, baseUrl: p.baseUrl } : { id: p.id, name: p.name, baseUrl: p.baseUrl, user: p.user };
}

/** A new profile id that is not in `taken`, from a random source (injected for tests). */
export function newProfileId(taken: Iterable<string>, random: () => string): string {
  const used = new Set(taken);
  for (;;) {
    const id = `p-${random()}`;
    if (!used.has(id)) return id;
  }
}

/** Two profiles that would produce different clients (or a different display) compare unequal. */
export function sameProfile(a: Profile, b: Profile): boolean {
  return a.id === b.id && a.name === b.name && a.baseUrl === b.baseUrl && a.user === b.user && a.implicit === b.implicit;
}
