import type * as vscode from 'vscode';
import type { DifyClient } from '../dify/client';

/** What the chat panel and the tree need from the connection layer: the active app's client, and news of changes. */
export interface ClientProvider {
  /** The active profile's id: what tells one app from another (names may repeat). */
  readonly profileId: string;
  /** The active profile's display name (e.g. "Code reviewer"). */
  readonly profileName: string;
  /**
   * Why {@link getClient} last gave no client: `noKey` when none is stored; otherwise another status (the
   * key was not sent to a changed or plain-http server, the keyring failed...) with one sentence in `detail`.
   */
  readonly connectionState: { status: string; detail?: string };
  /**
   * A client for the active profile, or undefined when it has no key yet. Never throws for a missing key. When
   * the key needs the user's yes (a new server, no server on record, plain http) it asks, unless `interactive`
   * is false: background work (a refresh nobody asked for) never opens a dialog, it gets undefined.
   */
  getClient(options?: { interactive?: boolean }): Promise<DifyClient | undefined>;
  /** Fires when the active profile, its settings or its key change. */
  readonly onDidChange: vscode.Event<void>;
  /** Asks the user for the active profile's key (the welcome's "Set API key" button). */
  promptForKey(): Promise<void>;
}
