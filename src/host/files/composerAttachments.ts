/**
 * The composer's attachments on the host side: every file (picked, pasted, dropped, or a pasted URL) is
 * checked against the app's upload rules before anything is uploaded (one sentence naming what the app
 * accepts), then uploaded at once with the profile's client, and shown as a chip with its progress. No vscode:
 * the client, the rules and the words are passed in.
 */
import { Attachments } from '../../chat/attachments';
import type { DifyClient } from '../../dify/client';
import type { AnswerFile } from '../../shared/answer';
import type { AttachmentView } from '../../shared/chatState';
import { acceptedKind, attachRefusal, fileKindOf, rasterImageType, type UploadRules } from '../../shared/fileRules';
import type { HostMessage } from '../../protocol';
import type { Translate } from '../messages/translate';
import { refusalText } from './attachWords';

/** Images up to this size get a thumbnail on their chip and their question (it crosses to the panel in every state). */
const MAX_PREVIEW_BYTES = 2 * 1024 * 1024;

export interface ComposerAttachmentsDeps {
  /** The app's upload rules now (nothing when the app is not loaded). */
  rules(): UploadRules;
  /** The active profile's client (may ask about the key); undefined without a key. */
  client(): Promise<DifyClient | undefined>;
  post(message: HostMessage): void;
  notice(level: 'info' | 'error', message: string): void;
  t: Translate;
  /** A failure as one sentence (the host's messages table). */
  errorText(error: unknown, fallback: string): string;
}

/** The files a question carries, or the sentence saying why it did not go. */
export type AttachedFiles = { ok: true; files: AnswerFile[] } | { ok: false; message: string };

/** A small raster `data:` image of `data`, when it is one and small enough. */
export function previewOf(data: Uint8Array): string | undefined {
  const type = rasterImageType(data);
  if (type === undefined || data.length > MAX_PREVIEW_BYTES) return undefined;
  return `data:${type};base64,${Buffer.from(data).toString('base64')}`;
}

/** The name a URL's file goes by: its last path segment, or the host. */
function nameOfUrl(url: URL): string {
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || url.hostname;
  } catch {
    return last || url.hostname;
  }
}

/** See the file's comment. */
export class ComposerAttachments {
  private readonly list: Attachments;

  constructor(private readonly deps: ComposerAttachmentsDeps) {
    this.list = new Attachments({
      upload: async (file, signal) => {
        const client = await deps.client();
        if (client === undefined) throw new Error('no key');
        return client.uploadFile(file, signal);
      },
      describe: (e) => (e instanceof Error && e.message === 'no key' ? deps.t('Set the app’s API key, then retry the upload.') : deps.errorText(e, deps.t('The file could not be uploaded.'))),
      onChange: (attachments) => deps.post({ type: 'attachments', attachments }),
    });
  }

  get views(): AttachmentView[] {
    return this.list.views();
  }

  get isEmpty(): boolean {
    return this.list.isEmpty;
  }

  /** True when the app takes a file of this name and size now; otherwise says why. */
  accepts(name: string, size: number): boolean {
    const refusal = attachRefusal(this.deps.rules(), { name, size }, this.list.count);
    if (refusal !== undefined) this.deps.notice('error', refusalText(name, refusal, this.deps.t));
    return refusal === undefined;
  }

  /** Attaches a file's bytes if the app takes it; otherwise says why (nothing is uploaded). */
  addBytes(name: string, mimeType: string, data: Uint8Array): boolean {
    if (!this.accepts(name, data.length)) return false;
    const rules = this.deps.rules();
    const kind = acceptedKind(rules, name) ?? fileKindOf(name);
    this.list.add({ name, mimeType: mimeType || 'application/octet-stream', data }, kind, kind === 'image' ? previewOf(data) : undefined);
    return true;
  }

  /** A pasted http(s) URL, sent as `remote_url` when the app takes links. */
  addUrl(href: string): boolean {
    const url = new URL(href);
    const name = nameOfUrl(url);
    const rules = this.deps.rules();
    const refusal = attachRefusal(rules, { name }, this.list.count, 'remote_url');
    if (refusal !== undefined) {
      this.deps.notice('error', refusalText(name, refusal, this.deps.t));
      return false;
    }
    this.list.addUrl(url.href, name, acceptedKind(rules, name) ?? fileKindOf(name));
    return true;
  }

  remove(id: string): void {
    this.list.remove(id);
  }

  retry(id: string): void {
    this.list.retry(id);
  }

  clear(): void {
    this.list.clear();
  }

  /** Waits for the uploads; the files to send, or why the question waits (a failed upload, with Retry on its chip). */
  async ready(): Promise<AttachedFiles> {
    const r = await this.list.ready();
    if (r.ok) return r;
    return { ok: false, message: this.deps.t('{0} did not upload; retry or remove it, then send again.', r.failed.join(', ')) };
  }
}
