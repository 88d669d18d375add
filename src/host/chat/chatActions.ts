import * as vscode from 'vscode';
import { openableLink } from '../../shared/links';
import type { WebviewMessageHandlers } from './webviewDispatch';

/** Tells the user, in the panel, how an action went. */
export type Notify = (level: 'info' | 'error', message: string) => void;

/** Code fence tags that differ from VS Code's language ids. */
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  jsx: 'javascriptreact',
  py: 'python',
  rb: 'ruby',
  sh: 'shellscript',
  bash: 'shellscript',
  zsh: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  yml: 'yaml',
  md: 'markdown',
  'c++': 'cpp',
  cc: 'cpp',
  hpp: 'cpp',
  'c#': 'csharp',
  cs: 'csharp',
  'f#': 'fsharp',
  kt: 'kotlin',
  rs: 'rust',
  golang: 'go',
  ps1: 'powershell',
  pwsh: 'powershell',
  dockerfile: 'dockerfile',
  objc: 'objective-c',
  'objective-c': 'objective-c',
  html: 'html',
  xml: 'xml',
  svg: 'xml',
  text: 'plaintext',
  txt: 'plaintext',
  plain: 'plaintext',
};

/** The VS Code language id for a code fence's tag, or plaintext when VS Code does not know it. */
export async function languageIdFor(tag: string): Promise<string> {
  const t = tag.trim().toLowerCase();
  if (!t) return 'plaintext';
  const id = LANGUAGE_ALIASES[t] ?? t;
  const known = await vscode.languages.getLanguages();
  return known.includes(id) ? id : 'plaintext';
}

/** Opens code in a new untitled editor with its language. */
export async function openCodeInEditor(code: string, language: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content: code, language: await languageIdFor(language) });
  return vscode.window.showTextDocument(doc, { preview: false });
}

/**
 * Inserts code at the cursor(s) of the last active text editor (replacing selections), or opens it in
 * a new editor when none is open. Returns the sentence to tell the user.
 */
export async function insertCodeAtCursor(code: string, language: string): Promise<string> {
  // Focus is in the webview, but VS Code keeps the editor that had focus as the active text editor.
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    await openCodeInEditor(code, language);
    return vscode.l10n.t('No editor was open, so the code opened in a new one.');
  }
  const ok = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
  if (!ok) return vscode.l10n.t('The editor did not accept the code (is it read-only?).');
  await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  return vscode.l10n.t('Inserted into {0}.', vscode.workspace.asRelativePath(editor.document.uri, false));
}

/** Opens a URI outside VS Code (the browser, the mail client); `vscode.env.openExternal` unless a test gives another. */
export type OpenExternal = (uri: vscode.Uri) => Thenable<boolean>;

/**
 * Checks a link again on the host and opens what the check makes of it (http(s) with a host; mailto with
 * only its subject and body), never the href as the webview sent it. False when it may not be opened.
 */
export async function openExternalLink(href: string, openExternal: OpenExternal = (uri) => vscode.env.openExternal(uri)): Promise<boolean> {
  const link = openableLink(href);
  if (link === null) return false;
  return openExternal(vscode.Uri.parse(link, true));
}

/** The panel's clipboard, code and link actions, as the handlers of their webview messages. */
export function editorActionHandlers(notify: Notify, openExternal?: OpenExternal): Pick<WebviewMessageHandlers, 'copy' | 'insertCode' | 'openCode' | 'openLink'> {
  return {
    copy: async ({ text }) => {
      await vscode.env.clipboard.writeText(text);
      notify('info', vscode.l10n.t('Copied.'));
    },
    insertCode: async ({ code, language }) => notify('info', await insertCodeAtCursor(code, language)),
    openCode: async ({ code, language }) => {
      await openCodeInEditor(code, language);
    },
    openLink: async ({ href }) => {
      if (!(await openExternalLink(href, openExternal))) notify('error', vscode.l10n.t('Only http, https and mailto links can be opened.'));
    },
  };
}
