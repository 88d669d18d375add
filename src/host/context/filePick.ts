import * as vscode from 'vscode';
import type { Prompter } from '../prompts';

/** At most this many workspace files are offered (the pick filters them as you type). */
const MAX_FILES = 5_000;

interface FileItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

/**
 * The `files.exclude` and `search.exclude` globs that are on, as one glob for findFiles (which, given an exclude
 * of its own, no longer applies `files.exclude` by itself). Conditional entries (`{ "when": … }`) are left out.
 */
export function excludeGlob(): string | undefined {
  const globs = new Set<string>();
  for (const section of ['files', 'search']) {
    const raw = vscode.workspace.getConfiguration(section).get<Record<string, unknown>>('exclude') ?? {};
    for (const [glob, on] of Object.entries(raw)) if (on === true) globs.add(glob);
  }
  return globs.size > 0 ? `{${[...globs].join(',')}}` : undefined;
}

function item(uri: vscode.Uri, openEditor: boolean): FileItem {
  const relative = vscode.workspace.asRelativePath(uri, false);
  const slash = relative.lastIndexOf('/');
  return {
    label: slash >= 0 ? relative.slice(slash + 1) : relative,
    description: slash >= 0 ? relative.slice(0, slash) : undefined,
    ...(openEditor ? { detail: vscode.l10n.t('open editor') } : {}),
    iconPath: vscode.ThemeIcon.File,
    uri,
  };
}

/**
 * The workspace's files to add to the chat: the open editors' files first (the active one leading), then the workspace's (the pick
 * filters them fuzzily as you type), honouring `files.exclude` and `search.exclude`. Undefined: Escape.
 */
export async function pickWorkspaceFile(prompter: Prompter): Promise<vscode.Uri | undefined> {
  // The active editor first, then the other groups' visible ones, then every other tab.
  const groups = vscode.window.tabGroups;
  const tabs = [groups.activeTabGroup.activeTab, ...groups.all.map((g) => g.activeTab), ...groups.all.flatMap((g) => g.tabs)];
  const open = new Map<string, vscode.Uri>();
  for (const tab of tabs) {
    if (tab?.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'file' && !open.has(tab.input.uri.toString())) open.set(tab.input.uri.toString(), tab.input.uri);
  }
  const files = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles('**/*', excludeGlob(), MAX_FILES) : [];
  const rest = files.filter((u) => !open.has(u.toString())).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  const items: FileItem[] = [...[...open.values()].map((u) => item(u, true)), ...rest.map((u) => item(u, false))];
  const picked = await prompter.quickPick(items, { title: vscode.l10n.t('Add a file to the chat'), placeHolder: vscode.l10n.t('Type to search the workspace’s files'), matchOnDescription: true });
  return picked?.uri;
}
