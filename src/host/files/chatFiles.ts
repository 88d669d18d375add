/**
 * Files in the chat panel, wired to VS Code: the Attach button's file picker, Save As…, and the webview
 * messages of attaching, showing and saving files and reading answers aloud. The work itself is in
 * {@link ComposerAttachments} and {@link TurnFiles}; this file only gives them VS Code's dialogs and file system.
 */
import * as vscode from 'vscode';
import type { ChatSession } from '../../chat/session';
import type { AppView } from '../../shared/chatState';
import { NO_UPLOADS, pickerExtensions } from '../../shared/fileRules';
import type { HostMessage } from '../../protocol';
import type { ClientProvider } from '../clientProvider';
import { errorText, translate } from '../messages';
import type { WebviewMessageHandlers } from '../chat/webviewDispatch';
import { ComposerAttachments } from './composerAttachments';
import { TurnFiles } from './turnFiles';

export interface ChatFilesDeps {
  clients: ClientProvider;
  session: ChatSession;
  app(): AppView | undefined;
  post(message: HostMessage): void;
  notice(level: 'info' | 'error', message: string): void;
  timeoutMs(): number;
}

/** The file dialogs (the extension's Prompter, which the integration tests answer). */
export interface FileDialogs {
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
  saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
}

const windowDialogs: FileDialogs = {
  openDialog: async (o) => vscode.window.showOpenDialog(o),
  saveDialog: async (o) => vscode.window.showSaveDialog(o),
};

type FileHandlers = Pick<WebviewMessageHandlers, 'attachPick' | 'attachData' | 'attachUrl' | 'removeAttachment' | 'retryAttachment' | 'loadFile' | 'saveFile' | 'readAloud'>;

export class ChatFiles {
  readonly attachments: ComposerAttachments;
  readonly turnFiles: TurnFiles;
  /** Set by the composition root to the extension's Prompter. */
  dialogs: FileDialogs = windowDialogs;

  constructor(private readonly deps: ChatFilesDeps) {
    const rules = () => deps.app()?.uploads ?? NO_UPLOADS;
    this.attachments = new ComposerAttachments({ rules, client: () => deps.clients.getClient(), post: deps.post, notice: deps.notice, t: translate, errorText });
    this.turnFiles = new TurnFiles({
      findTurn: (id) => deps.session.findTurn(id),
      client: (interactive) => deps.clients.getClient({ interactive }),
      post: deps.post,
      notice: deps.notice,
      save: (name, bytes) => saveAs(this.dialogs, name, bytes),
      voice: () => deps.app()?.speech?.voice,
      timeoutMs: deps.timeoutMs,
      t: translate,
      errorText,
    });
  }

  /** The handlers of the file messages, for the controller's table. */
  handlers(): FileHandlers {
    return {
      attachPick: () => this.pick(),
      attachData: ({ name, mimeType, data }) => {
        this.attachments.addBytes(name, mimeType, new Uint8Array(Buffer.from(data, 'base64')));
      },
      attachUrl: ({ url }) => {
        this.attachments.addUrl(url);
      },
      removeAttachment: ({ id }) => this.attachments.remove(id),
      retryAttachment: ({ id }) => this.attachments.retry(id),
      loadFile: ({ turnId, fileId }) => this.turnFiles.load(turnId, fileId),
      saveFile: ({ turnId, fileId }) => this.turnFiles.save(turnId, fileId),
      readAloud: ({ turnId }) => this.turnFiles.readAloud(turnId),
    };
  }

  /** The Attach button: a file picker offering what the app accepts; each file chosen is checked, then uploaded. */
  private async pick(): Promise<void> {
    const rules = this.deps.app()?.uploads ?? NO_UPLOADS;
    if (!rules.enabled) {
      this.deps.notice('error', translate('This app does not take files.'));
      return;
    }
    const extensions = pickerExtensions(rules);
    const uris = await this.dialogs.openDialog({
      canSelectMany: rules.maxFiles > 1,
      openLabel: translate('Attach'),
      title: translate('Attach files to the question'),
      ...(extensions.length > 0 ? { filters: { [translate('Files this app accepts')]: extensions } } : {}),
    });
    for (const uri of uris ?? []) await this.attachUri(uri);
  }

  private async attachUri(uri: vscode.Uri): Promise<void> {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    try {
      // The size first: a file over the limit is refused without being read.
      const { size } = await vscode.workspace.fs.stat(uri);
      if (!this.attachments.accepts(name, size)) return;
      this.attachments.addBytes(name, mimeTypeOf(name), await vscode.workspace.fs.readFile(uri));
    } catch {
      this.deps.notice('error', translate('{0} could not be read, so it was not attached.', name));
    }
  }
}

/** Save As…, in the workspace's folder by default. */
async function saveAs(dialogs: FileDialogs, defaultName: string, bytes: Uint8Array): Promise<boolean> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await dialogs.saveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}), saveLabel: translate('Save'), title: translate('Save {0}', defaultName) });
  if (target === undefined) return false;
  await vscode.workspace.fs.writeFile(target, bytes);
  return true;
}

const MIME: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.md': 'text/markdown',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.html': 'text/html',
  '.json': 'application/json',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
};

/** The media type Dify's upload wants (it refuses a file without one), from the extension. */
export function mimeTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 ? MIME[name.slice(dot).toLowerCase()] : undefined) ?? 'application/octet-stream';
}
