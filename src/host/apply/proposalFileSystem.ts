import * as vscode from 'vscode';
import { Disposable } from '../disposables';

/** The scheme of an Apply diff's right side: the proposed document, editable, kept in memory. */
export const PROPOSAL_SCHEME = 'dify-proposal';

/**
 * The proposed documents of open Apply diffs, in memory. Being a file system (not a read-only content provider)
 * makes the proposal side of the diff editable, and saving it (Accept does, before closing) stores the edit here.
 */
export class ProposalFileSystem extends Disposable implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.FileChangeEvent[]>());
  readonly onDidChangeFile = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.registerFileSystemProvider(PROPOSAL_SCHEME, this, { isCaseSensitive: true }));
  }

  /** Stores a proposal's text. */
  put(uri: vscode.Uri, text: string): void {
    this.files.set(uri.path, { data: new TextEncoder().encode(text), mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** Forgets a proposal (its diff was accepted or rejected). */
  drop(uri: vscode.Uri): void {
    if (this.files.delete(uri.path)) this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const f = this.files.get(uri.path);
    if (f) return { type: vscode.FileType.File, ctime: f.mtime, mtime: f.mtime, size: f.data.length };
    // The folder a proposal sits in (`/<id>/`) exists while it does.
    if ([...this.files.keys()].some((p) => p.startsWith(`${uri.path}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    // Folders exist implicitly.
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    if (!this.files.has(uri.path)) throw vscode.FileSystemError.NoPermissions(uri);
    this.files.set(uri.path, { data: content, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.drop(uri);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Proposals cannot be renamed.'));
  }
}
