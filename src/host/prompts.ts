import * as vscode from 'vscode';

/**
 * A button of a message or modal: `title` is what the user reads (translated), `id` is what the caller gets
 * back, so no code decides what was chosen by comparing a label that changes with the display language.
 */
export interface PromptAction<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
}

/**
 * Every question and message the connection code puts to the user, in one replaceable object. Production
 * uses VS Code's own dialogs; the integration tests swap single methods to answer them (a modal dialog
 * cannot be clicked from inside the extension host).
 */
export interface Prompter {
  inputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A pick; `active` is the item focused when it opens (the list keeps its order). */
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions, active?: T): Promise<T | undefined>;
  /** A modal question; resolves to the chosen action's id, or undefined for Cancel / Escape. */
  confirm<Id extends string>(message: string, detail: string, ...actions: PromptAction<Id>[]): Promise<Id | undefined>;
  /** A notification; resolves to the id of the button clicked, or undefined when it was closed. */
  info<Id extends string>(message: string, ...actions: PromptAction<Id>[]): Promise<Id | undefined>;
  warn<Id extends string>(message: string, ...actions: PromptAction<Id>[]): Promise<Id | undefined>;
  error<Id extends string>(message: string, ...actions: PromptAction<Id>[]): Promise<Id | undefined>;
  /** The save-file dialog; resolves to the chosen file, or undefined for Cancel. */
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  /** The open-file dialog; resolves to the chosen files, or undefined for Cancel. */
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
  /** Runs `task` under a cancellable notification. */
  progress<T>(title: string, task: (token: vscode.CancellationToken) => Promise<T>): Promise<T>;
  openExternal(url: string): Promise<void>;
}

/** The Prompter made of VS Code's dialogs. */
export function vscodePrompter(): Prompter {
  return {
    inputBox: async (options) => vscode.window.showInputBox(options),
    quickPick: async (items, options, active) => (active === undefined ? vscode.window.showQuickPick(items, options) : pickWithActive(items, options, active)),
    confirm: async (message, detail, ...actions) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions))?.id,
    info: async (message, ...actions) => (await vscode.window.showInformationMessage(message, ...actions))?.id,
    warn: async (message, ...actions) => (await vscode.window.showWarningMessage(message, ...actions))?.id,
    error: async (message, ...actions) => (await vscode.window.showErrorMessage(message, ...actions))?.id,
    saveDialog: async (options) => vscode.window.showSaveDialog(options),
    openDialog: async (options) => vscode.window.showOpenDialog(options),
    progress: async (title, task) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => task(token)),
    openExternal: async (url) => {
      await vscode.env.openExternal(vscode.Uri.parse(url));
    },
  };
}

/** showQuickPick, but with `active` focused when it opens (showQuickPick always focuses the first item). */
function pickWithActive<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions, active: T): Promise<T | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<T>();
    pick.items = items;
    pick.activeItems = [active];
    if (options.title !== undefined) pick.title = options.title;
    if (options.placeHolder !== undefined) pick.placeholder = options.placeHolder;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
    let chosen: T | undefined;
    pick.onDidAccept(() => {
      chosen = pick.selectedItems[0] ?? pick.activeItems[0];
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
