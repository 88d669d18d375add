// Files into the composer: paste (an image from the clipboard, or an http(s) link to a file the app takes),
// and drop (files from the OS; VS Code's Explorer delivers a drop to a webview only with Shift held). The
// bytes cross to the host as one validated `attachData` message each, never over the app's size limit (and
// never over 15 MB); the host checks the rest and uploads. User-visible strings: INPUT_WORDS.
import type { WebviewMessage } from '../src/protocol';
import { acceptedKind, formatBytes, maxBytesFor, type UploadRules } from '../src/shared/fileRules';
import { t } from './l10n';

export const INPUT_WORDS = {
  tooLarge: (name: string, max: number) => t('{0} is larger than the {1} this app accepts, so it was not attached.', name, formatBytes(max)),
  unreadable: (name: string) => t('{0} could not be read, so it was not attached.', name),
  dropHint: t('Drop files to attach them (from VS Code’s Explorer, hold Shift while dropping).'),
  pasted: 'pasted',
} as const;

export interface AttachInputDeps {
  rules(): UploadRules | undefined;
  post(message: WebviewMessage): void;
  refuse(message: string): void;
}

/** A name for a pasted image without one ("image.png" from the clipboard is common, and repeats). */
function pastedName(file: File, n: number): string {
  if (file.name && file.name !== 'image.png') return file.name;
  const ext = file.type.startsWith('image/') ? file.type.slice(6).replace('jpeg', 'jpg').replace(/[^a-z0-9]/g, '') : 'bin';
  return `${INPUT_WORDS.pasted}-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}${n > 0 ? `-${n}` : ''}.${ext}`;
}

function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

const URL_ONLY = /^https?:\/\/\S+$/i;

export class AttachInput {
  constructor(private readonly deps: AttachInputDeps) {}

  /** The files of a paste, or a lone link to a file the app takes; true when the paste was taken. */
  paste(e: ClipboardEvent): boolean {
    const rules = this.deps.rules();
    if (!rules?.enabled || e.clipboardData === null) return false;
    const files = [...e.clipboardData.files];
    if (files.length > 0) {
      e.preventDefault();
      void this.files(files, true);
      return true;
    }
    const text = e.clipboardData.getData('text/plain').trim();
    if (URL_ONLY.test(text) && rules.methods.includes('remote_url') && acceptedKind(rules, new URL(text).pathname) !== undefined) {
      e.preventDefault();
      this.deps.post({ type: 'attachUrl', url: text });
      return true;
    }
    return false;
  }

  /** Dropped files; true when the drop carried any. */
  drop(e: DragEvent): boolean {
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return false;
    e.preventDefault();
    void this.files(files, false);
    return true;
  }

  private async files(files: readonly File[], pasted: boolean): Promise<void> {
    const rules = this.deps.rules();
    if (rules === undefined) return;
    let n = 0;
    for (const file of files) {
      const name = pasted ? pastedName(file, n++) : file.name;
      // Over the limit, the bytes stay here; the host words every other refusal (type, number).
      const kind = acceptedKind(rules, name);
      const max = kind === undefined ? maxBytesFor(rules, 'custom') : maxBytesFor(rules, kind);
      if (file.size > max) {
        this.deps.refuse(INPUT_WORDS.tooLarge(name, max));
        continue;
      }
      try {
        this.deps.post({ type: 'attachData', name, mimeType: file.type, data: base64(await file.arrayBuffer()) });
      } catch {
        this.deps.refuse(INPUT_WORDS.unreadable(name));
      }
    }
  }
}
