/**
 * Which layers of a setting count for "Ask About Selection": the user's, and the workspace's only when the
 * workspace is trusted (a repository may bring its team's templates; an untrusted one changes nothing). The
 * folder's value wins over the workspace file's. No vscode import: given `inspect()`'s answer, pure.
 */

/** The parts of `WorkspaceConfiguration.inspect()` this reads. */
export interface SettingLayersInput<T> {
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

export function settingLayers<T>(inspected: SettingLayersInput<T> | undefined, trusted: boolean): { user: T | undefined; workspace: T | undefined } {
  return {
    user: inspected?.globalValue,
    workspace: trusted ? (inspected?.workspaceFolderValue ?? inspected?.workspaceValue) : undefined,
  };
}
