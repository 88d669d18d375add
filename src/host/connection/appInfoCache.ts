import * as vscode from 'vscode';
import { Disposable } from '../disposables';
import type { GlobalStore, StateMap } from '../globalStore';
import { parseStringFields } from '../globalStore';

/** What is kept about an app: its name and mode as `/info` (or a connection test) last reported them. */
export interface AppSummary {
  name: string;
  mode: string;
}

/** globalState: profile id -> the app's name and mode (for the status bar and the app picker). */
export const APP_INFO_STATE_KEY = 'dify.appInfo';

/** The last name and mode each profile's app reported, so the status bar and the picker can show them at once. */
export class AppInfoCache extends Disposable {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<string>());
  /** Fires with the profile id whose app summary changed. */
  readonly onDidChange = this._onDidChange.event;
  private readonly apps: StateMap<AppSummary>;

  constructor(store: GlobalStore) {
    super();
    this.apps = store.map(APP_INFO_STATE_KEY, parseStringFields('name', 'mode'));
  }

  get(profileId: string): AppSummary | undefined {
    return this.apps.get(profileId);
  }

  async remember(profileId: string, app: AppSummary): Promise<void> {
    const prev = this.apps.get(profileId);
    if (prev?.name === app.name && prev.mode === app.mode) return;
    await this.apps.set(profileId, { name: app.name, mode: app.mode });
    this._onDidChange.fire(profileId);
  }

  /** A removed profile takes its summary with it. */
  async forget(profileId: string): Promise<void> {
    await this.apps.delete(profileId);
    this._onDidChange.fire(profileId);
  }
}
