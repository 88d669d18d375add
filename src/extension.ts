import * as vscode from 'vscode';

/**
 * The composition root: builds the host objects and registers them. No logic of its own; every
 * disposable it creates is pushed to `context.subscriptions`.
 */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('dify.focusChat', () => vscode.commands.executeCommand('dify.chatView.focus')),
  );
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
