/**
 * The files that go with the next question: each uploaded as soon as it is attached (`POST /files/upload`),
 * shown as a chip while it uploads, and sent as `files` once every upload has answered. A failed upload keeps
 * its bytes, so Retry sends them again and nothing the user attached is lost. Pure: the upload, the wording of
 * a failure and the id source are passed in.
 */
import type { AnswerFile } from '../shared/answer';
import type { AttachmentView } from '../shared/chatState';
import type { FileKind } from '../shared/fileRules';
import type { ChatRequest } from '../dify/types';

/** A file to attach: its name, media type and bytes. */
export interface FileToAttach {
  name: string;
  mimeType: string;
  data: Uint8Array;
}

/** What {@link Attachments} is given. */
export interface AttachmentsDeps {
  /** Uploads one file; resolves with Dify's id for it. */
  upload(file: FileToAttach, signal: AbortSignal): Promise<{ id: string }>;
  /** The one sentence a failed upload shows on its chip. */
  describe(error: unknown): string;
  /** The chips changed. */
  onChange(views: AttachmentView[]): void;
  newId?: () => string;
}

interface Attachment {
  view: AttachmentView;
  file?: FileToAttach;
  uploadFileId?: string;
  mimeType: string;
  controller?: AbortController;
  /** Settles when the upload in progress has answered (either way). */
  done?: Promise<void>;
}

/** The files a question carries, or why it cannot go yet. */
export type ReadyFiles = { ok: true; files: AnswerFile[] } | { ok: false; failed: string[] };

/** The attachments above the message box (see the file's comment). */
export class Attachments {
  private list: Attachment[] = [];
  private readonly newId: () => string;

  constructor(private readonly deps: AttachmentsDeps) {
    this.newId = deps.newId ?? (() => globalThis.crypto.randomUUID());
  }

  get count(): number {
    return this.list.length;
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  views(): AttachmentView[] {
    return this.list.map((a) => ({ ...a.view }));
  }

  /** Attaches a file and starts its upload; `preview` is a small `data:` image for an image. */
  add(file: FileToAttach, kind: FileKind, preview?: string): string {
    const view: AttachmentView = { id: this.newId(), name: file.name, kind, size: file.data.length, status: 'uploading' };
    if (preview !== undefined) view.preview = preview;
    const a: Attachment = { view, file, mimeType: file.mimeType };
    this.list.push(a);
    this.start(a);
    this.changed();
    return view.id;
  }

  /** Attaches a URL Dify fetches itself (`remote_url`): nothing to upload, ready at once. */
  addUrl(url: string, name: string, kind: FileKind): string {
    const view: AttachmentView = { id: this.newId(), name, kind, status: 'ready', url };
    this.list.push({ view, mimeType: '' });
    this.changed();
    return view.id;
  }

  /** Uploads a failed attachment again, from the bytes it kept. */
  retry(id: string): void {
    const a = this.list.find((x) => x.view.id === id);
    if (a === undefined || a.view.status !== 'failed' || a.file === undefined) return;
    this.start(a);
    this.changed();
  }

  /** Removes an attachment (an upload in progress is abandoned). */
  remove(id: string): boolean {
    const a = this.list.find((x) => x.view.id === id);
    if (a === undefined) return false;
    a.controller?.abort();
    this.list = this.list.filter((x) => x !== a);
    this.changed();
    return true;
  }

  /** After the question went: the attachments were used (or a new chat dropped them). */
  clear(): void {
    if (this.list.length === 0) return;
    for (const a of this.list) a.controller?.abort();
    this.list = [];
    this.changed();
  }

  /**
   * Waits for every upload in progress, then gives the files to send (as the question shows them and as
   * `files` carries them), or the names of those that failed (nothing is sent then; they stay, with Retry).
   */
  async ready(): Promise<ReadyFiles> {
    for (;;) {
      const pending = this.list.filter((a) => a.view.status === 'uploading' && a.done !== undefined);
      if (pending.length === 0) break;
      await Promise.all(pending.map((a) => a.done));
    }
    const failed = this.list.filter((a) => a.view.status === 'failed').map((a) => a.view.name);
    if (failed.length > 0) return { ok: false, failed };
    return { ok: true, files: this.list.map(sentFile) };
  }

  private start(a: Attachment): void {
    const file = a.file;
    if (file === undefined) return;
    const controller = new AbortController();
    a.controller = controller;
    a.view = { ...a.view, status: 'uploading' };
    delete a.view.error;
    a.done = this.deps.upload(file, controller.signal).then(
      (uploaded) => {
        if (controller.signal.aborted) return;
        a.uploadFileId = uploaded.id;
        a.view = { ...a.view, status: 'ready' };
        // The bytes are Dify's now; only a failure keeps them, for Retry.
        delete a.file;
        this.changed();
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        a.view = { ...a.view, status: 'failed', error: this.deps.describe(e) };
        this.changed();
      },
    );
  }

  private changed(): void {
    this.deps.onChange(this.views());
  }
}

/** One attachment as the question carries it. */
function sentFile(a: Attachment): AnswerFile {
  const f: AnswerFile = { id: a.view.id, type: a.view.kind, url: a.view.url ?? '', belongsTo: 'user', filename: a.view.name };
  if (a.view.size !== undefined) f.size = a.view.size;
  if (a.mimeType !== '') f.mimeType = a.mimeType;
  if (a.view.preview !== undefined) f.preview = a.view.preview;
  if (a.uploadFileId !== undefined) {
    f.transferMethod = 'local_file';
    f.uploadFileId = a.uploadFileId;
  } else if (a.view.url !== undefined) f.transferMethod = 'remote_url';
  return f;
}

/** The `files` of a chat request, from the files a question carries (those Dify can be given again). */
export function chatRequestFiles(files: readonly AnswerFile[]): NonNullable<ChatRequest['files']> {
  const out: NonNullable<ChatRequest['files']> = [];
  for (const f of files) {
    if (f.transferMethod === 'local_file' && f.uploadFileId !== undefined) out.push({ type: f.type, transferMethod: 'local_file', uploadFileId: f.uploadFileId });
    else if (f.transferMethod === 'remote_url' && f.url !== '') out.push({ type: f.type, transferMethod: 'remote_url', url: f.url });
  }
  return out;
}
