/**
 * What a Dify app accepts as attachments (its `/parameters` → `file_upload`, with the sizes of
 * `system_parameters`) and the check a file must pass before it is uploaded. Both sides use it: the panel to
 * show Attach and refuse oversized pastes before their bytes cross, the host to refuse a file with one
 * sentence naming what the app accepts. Plain data and functions; imports nothing.
 */

/** Dify's file types (`files[].type`). */
export const FILE_KINDS = ['image', 'document', 'audio', 'video', 'custom'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** How Dify gets a file: uploaded first (`local_file`) or fetched by Dify from a URL (`remote_url`). */
export type TransferMethod = 'local_file' | 'remote_url';

/** The app's upload rules, as the client reads them. */
export interface UploadRules {
  /** Files may be attached at all. */
  enabled: boolean;
  /** The types the app takes; `custom` means "the extensions below". */
  kinds: FileKind[];
  /** For `custom`: the extensions taken, lower case with the dot (`.pdf`). */
  extensions: string[];
  methods: TransferMethod[];
  /** How many files one question may carry. */
  maxFiles: number;
  /** The largest file of each type, in bytes. */
  maxBytes: Record<FileKind, number>;
}

const MB = 1024 * 1024;

/** The most a pasted or dropped file may be (whatever the app says): its bytes cross the webview boundary. */
export const MAX_ATTACHMENT_BYTES = 15 * MB;

/** Dify's own defaults when `system_parameters` says nothing (`api/configs/feature/__init__.py`). */
export const DEFAULT_MAX_BYTES: Readonly<Record<FileKind, number>> = { image: 10 * MB, document: 15 * MB, audio: 50 * MB, video: 100 * MB, custom: 15 * MB };

/** Nothing may be attached (an app without `file_upload`, whose model has no vision). */
export const NO_UPLOADS: UploadRules = { enabled: false, kinds: [], extensions: [], methods: [], maxFiles: 0, maxBytes: { ...DEFAULT_MAX_BYTES } };

/** The extensions of each standard type, as Dify's `api/constants/__init__.py` lists them. */
const EXTENSIONS: Readonly<Record<Exclude<FileKind, 'custom'>, readonly string[]>> = {
  image: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'svg'],
  video: ['mp4', 'mov', 'mpeg', 'webm'],
  audio: ['mp3', 'm4a', 'wav', 'amr', 'mpga'],
  document: ['txt', 'markdown', 'md', 'mdx', 'pdf', 'html', 'htm', 'xlsx', 'xls', 'vtt', 'properties', 'doc', 'docx', 'csv', 'eml', 'msg', 'pptx', 'xml', 'epub', 'ppt'],
};

/** `.png` for `shot.PNG`; empty without an extension. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 || dot === name.length - 1 ? '' : name.slice(dot).toLowerCase();
}

/** The Dify type of a file, by its extension (`custom` for any other). */
export function fileKindOf(name: string): FileKind {
  const ext = extensionOf(name).slice(1);
  for (const kind of ['image', 'document', 'audio', 'video'] as const) if (EXTENSIONS[kind].includes(ext)) return kind;
  return 'custom';
}

/** Why a file cannot be attached, as data (each side words it). */
export type AttachRefusal =
  | { reason: 'disabled' }
  | { reason: 'type'; rules: UploadRules }
  | { reason: 'method'; method: TransferMethod }
  | { reason: 'tooMany'; max: number }
  | { reason: 'tooLarge'; maxBytes: number }
  | { reason: 'empty' };

/** The Dify type a file goes as under these rules, or undefined when the app does not take it. */
export function acceptedKind(rules: UploadRules, name: string): FileKind | undefined {
  const kind = fileKindOf(name);
  if (kind !== 'custom' && rules.kinds.includes(kind)) return kind;
  // Dify checks `custom` files against the app's own extension list; a listed standard one goes as custom too.
  if (rules.kinds.includes('custom') && rules.extensions.includes(extensionOf(name))) return 'custom';
  return undefined;
}

/** The largest file these rules take for a type, and never more than a paste may carry. */
export function maxBytesFor(rules: UploadRules, kind: FileKind, method: TransferMethod = 'local_file'): number {
  const app = rules.maxBytes[kind];
  return method === 'local_file' ? Math.min(app, MAX_ATTACHMENT_BYTES) : app;
}

/**
 * What stops this file from being attached, or undefined: uploads off, a type or method the app does not
 * take, one file too many (`count` files are attached already), over the app's size for its type (or
 * {@link MAX_ATTACHMENT_BYTES}), or empty. `size` is undefined for a URL (Dify fetches it).
 */
export function attachRefusal(rules: UploadRules, file: { name: string; size?: number }, count: number, method: TransferMethod = 'local_file'): AttachRefusal | undefined {
  if (!rules.enabled) return { reason: 'disabled' };
  if (!rules.methods.includes(method)) return { reason: 'method', method };
  if (count >= rules.maxFiles) return { reason: 'tooMany', max: rules.maxFiles };
  const kind = acceptedKind(rules, file.name);
  if (kind === undefined) return { reason: 'type', rules };
  if (file.size === undefined) return undefined;
  if (file.size === 0) return { reason: 'empty' };
  const max = maxBytesFor(rules, kind, method);
  return file.size > max ? { reason: 'tooLarge', maxBytes: max } : undefined;
}

/** The extensions a file picker offers for these rules (without dots), or undefined for "any". */
export function pickerExtensions(rules: UploadRules): string[] {
  const out = new Set<string>();
  for (const kind of rules.kinds) {
    if (kind === 'custom') for (const e of rules.extensions) out.add(e.replace(/^\./, ''));
    else for (const e of EXTENSIONS[kind]) out.add(e);
  }
  return [...out];
}

/** "12.3 MB", "640 KB", "12 bytes": a size as a chip shows it. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes >= 10 * MB ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The raster image types a panel shows inline (by their first bytes, never by what a server claims). */
export function rasterImageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | undefined {
  const at = (i: number): number => bytes[i] ?? -1;
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x47 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x38) return 'image/gif';
  if (at(0) === 0x52 && at(1) === 0x49 && at(2) === 0x46 && at(3) === 0x46 && at(8) === 0x57 && at(9) === 0x45 && at(10) === 0x42 && at(11) === 0x50) return 'image/webp';
  return undefined;
}

/** A `data:` URL the panel may show as an image: base64 png, jpeg, gif or webp only. */
export const RASTER_DATA_URL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]*={0,2}$/;

/** A `data:` URL the panel may play: base64 audio only. */
export const AUDIO_DATA_URL = /^data:audio\/(mpeg|mp3|wav|ogg|webm|aac|mp4);base64,[A-Za-z0-9+/]*={0,2}$/;
