import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { Disposable } from '../disposables';
import type { DifyLog } from '../log';
import type { Profile, ProfileSetting } from './profileModel';
import { newProfileId } from './profileModel';
import * as settings from '../settings';

/** Something kept per profile that goes when the profile is removed (its key, its app summary). */
export interface ProfileDataOwner {
  forget(profileId: string): Promise<void>;
}

export interface ProfileStoreDeps {
  log: DifyLog;
  /** The default end-user id (generated once, synced). */
  defaultUserId: string;
  /** What is removed with a profile, in this order, before the profile itself. */
  owners: readonly ProfileDataOwner[];
}

/**
 * The apps (profiles) the user has set up and the active one, as the user settings say (`dify.profiles`,
 * `dify.activeProfile`, `dify.baseUrl`), re-read on every change of them. Writes go to the user settings.
 */
export class ProfileStore extends Disposable {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<void>());
  /** Fires after every re-read of the settings (a name or another app may have changed). */
  readonly onDidChange = this._onDidChange.event;
  private readonly _onDidChangeActive = this.register(new vscode.EventEmitter<void>());
  /** Fires when the active app changed, or how it is reached (base URL, user id, timeouts). */
  readonly onDidChangeActive = this._onDidChangeActive.event;

  private list: Profile[];
  private current: Profile;
  /** What identifies how the active app is reached (not its key). */
  private reach: string;
  /** The last `dify.user` problem shown, so each is shown once. */
  private lastUserProblem: string | undefined;

  constructor(private readonly deps: ProfileStoreDeps) {
    super();
    this.warnAboutUserSetting();
    const { profiles, active } = settings.readProfiles();
    this.list = profiles;
    this.current = active;
    this.reach = this.reachSignature(active);
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.affectsConnection(e)) this.reload();
      }),
    );
  }

  get active(): Profile {
    return this.current;
  }

  get profiles(): readonly Profile[] {
    return this.list;
  }

  find(profileId: string): Profile | undefined {
    return this.list.find((p) => p.id === profileId);
  }

  /** The end-user id requests for this profile carry. */
  userFor(profile: Profile): string {
    return profile.user ?? settings.userIdSetting() ?? this.deps.defaultUserId;
  }

  /** Re-reads the settings. */
  reload(): void {
    this.warnAboutUserSetting();
    const { profiles, active } = settings.readProfiles();
    this.list = profiles;
    this.current = active;
    const reach = this.reachSignature(active);
    const moved = reach !== this.reach;
    this.reach = reach;
    if (moved) this._onDidChangeActive.fire();
    this._onDidChange.fire();
  }

  /** Makes a profile active (writes `dify.activeProfile`). */
  async switchTo(profileId: string): Promise<void> {
    if (!this.find(profileId)) throw new Error(`No app with id ${profileId}.`);
    await this.activate(profileId);
  }

  /** Writes `dify.activeProfile` without checking the list (it may have just been written). */
  async activate(profileId: string): Promise<void> {
    await settings.writeActiveProfile(profileId);
    this.reload();
  }

  /** Adds a profile (the implicit default is written into the list first so it stays selectable). */
  async add(p: { name: string; baseUrl: string; user?: string }, id?: string): Promise<Profile> {
    const list = this.listForWriting();
    const newId = id ?? newProfileId(list.map((x) => x.id), () => randomBytes(4).toString('hex'));
    const profile: Profile = { ...p, id: newId, implicit: false };
    const existing = list.findIndex((x) => x.id === newId);
    if (existing >= 0) list[existing] = profile;
    else list.push(profile);
    await settings.writeProfiles(list);
    this.reload();
    return profile;
  }

  /**
   * Writes `setting` among the added apps, replacing the one with its id, without reloading; the implicit
   * default is not kept (the development seed).
   */
  async put(setting: ProfileSetting): Promise<void> {
    const list: ProfileSetting[] = this.list.filter((p) => !p.implicit);
    const i = list.findIndex((p) => p.id === setting.id);
    if (i >= 0) list[i] = setting;
    else list.push(setting);
    await settings.writeProfiles(list);
  }

  /** Changes a profile's name, base URL or user id. */
  async update(profileId: string, changes: Partial<Pick<Profile, 'name' | 'baseUrl' | 'user'>>): Promise<void> {
    const current = this.find(profileId);
    if (!current) throw new Error(`No app with id ${profileId}.`);
    if (current.implicit && changes.name === undefined && changes.user === undefined && changes.baseUrl !== undefined) {
      // The implicit profile is `dify.baseUrl` itself.
      await settings.writeBaseUrl(changes.baseUrl);
    } else {
      const list = this.listForWriting().map((p) => (p.id === profileId ? { ...p, ...changes, implicit: false } : p));
      await settings.writeProfiles(list);
    }
    this.reload();
  }

  /** Removes a profile and what is kept for it (its key first). The implicit default cannot be removed. */
  async remove(profileId: string): Promise<void> {
    const current = this.find(profileId);
    if (!current) return;
    if (current.implicit) throw new Error('The default app cannot be removed; clear its key instead.');
    for (const owner of this.deps.owners) await owner.forget(profileId);
    const list = this.list.filter((p) => p.id !== profileId && !p.implicit);
    await settings.writeProfiles(list);
    if (this.current.id === profileId && list[0]) await settings.writeActiveProfile(list[0].id);
    this.reload();
  }

  private listForWriting(): Profile[] {
    return this.list.map((p) => ({ ...p, implicit: false }));
  }

  private reachSignature(profile: Profile): string {
    return JSON.stringify([profile.id, profile.name, profile.baseUrl, this.userFor(profile), settings.requestTimeoutSeconds(), settings.idleTimeoutSeconds()]);
  }

  /** An unusable `dify.user` falls back to the default id; say so once per value, not silently. */
  private warnAboutUserSetting(): void {
    const problem = settings.userIdSettingProblem();
    if (problem === undefined || problem === this.lastUserProblem) return;
    this.lastUserProblem = problem;
    this.deps.log.warn(problem);
    void vscode.window.showWarningMessage(problem);
  }
}
