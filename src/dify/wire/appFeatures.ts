/**
 * Readers for the feature blocks of `GET /parameters` the panel acts on: `file_upload` (with the sizes of
 * `system_parameters`) and `text_to_speech`. Defensive like every reader: a block of the wrong shape reads as
 * "off", never as an error, since the rest of the parameters still matter.
 */
import { DEFAULT_MAX_BYTES, FILE_KINDS, type FileKind, NO_UPLOADS, type TransferMethod, type UploadRules } from '../../shared/fileRules';
import type { TextToSpeech } from '../types';
import { isObject, optNum, record, str, strings } from './json';

const MB = 1024 * 1024;
const METHODS: readonly TransferMethod[] = ['local_file', 'remote_url'];

/** `system_parameters`' size limit keys (megabytes) for each file type. */
const SIZE_KEYS: Readonly<Record<FileKind, string>> = {
  image: 'image_file_size_limit',
  document: 'file_size_limit',
  audio: 'audio_file_size_limit',
  video: 'video_file_size_limit',
  custom: 'file_size_limit',
};

function isKind(k: string): k is FileKind {
  return (FILE_KINDS as readonly string[]).includes(k);
}

function isMethod(m: string): m is TransferMethod {
  return (METHODS as readonly string[]).includes(m);
}

function maxBytes(system: Record<string, unknown>): Record<FileKind, number> {
  const out = { ...DEFAULT_MAX_BYTES };
  for (const kind of FILE_KINDS) {
    const mb = optNum(system[SIZE_KEYS[kind]]);
    if (mb !== undefined && mb > 0) out[kind] = Math.floor(mb * MB);
  }
  return out;
}

/**
 * `file_upload` as upload rules. Dify 1.x sends `enabled`, `allowed_file_types`, `allowed_file_extensions`,
 * `allowed_file_upload_methods` and `number_limits`; older apps (and Dify's default when the block is not
 * configured) only `image: {enabled, number_limits, transfer_methods}`, which means images only.
 */
export function uploadRulesFromWire(fileUpload: unknown, systemParameters: unknown): UploadRules {
  if (!isObject(fileUpload)) return { ...NO_UPLOADS, maxBytes: maxBytes(record(systemParameters)) };
  const image = record(fileUpload['image']);
  const modern = fileUpload['enabled'] === true;
  const enabled = modern || image['enabled'] === true;
  const kinds = modern ? strings(fileUpload['allowed_file_types']).filter(isKind) : enabled ? (['image'] as FileKind[]) : [];
  const methodList = modern && Array.isArray(fileUpload['allowed_file_upload_methods']) ? fileUpload['allowed_file_upload_methods'] : image['transfer_methods'];
  const methods = Array.isArray(methodList) ? strings(methodList).filter(isMethod) : [...METHODS];
  const limit = optNum(modern ? (fileUpload['number_limits'] ?? image['number_limits']) : image['number_limits']);
  const extensions = strings(fileUpload['allowed_file_extensions'])
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '')
    .map((e) => (e.startsWith('.') ? e : `.${e}`));
  const usable = enabled && kinds.length > 0 && methods.length > 0;
  return {
    enabled: usable,
    kinds: usable ? [...new Set(kinds)] : [],
    extensions,
    methods: usable ? [...new Set(methods)] : [],
    maxFiles: usable ? Math.max(1, Math.floor(limit ?? 3)) : 0,
    maxBytes: maxBytes(record(systemParameters)),
  };
}

/** `text_to_speech: {enabled, voice?, language?, autoPlay?}` (`autoPlay` is `"enabled"` or `"disabled"`). */
export function textToSpeechFromWire(v: unknown): TextToSpeech {
  const o = record(v);
  const out: TextToSpeech = { enabled: o['enabled'] === true, autoPlay: o['autoPlay'] === 'enabled' || o['autoPlay'] === true };
  const voice = str(o['voice']).trim();
  if (voice !== '') out.voice = voice;
  const language = str(o['language']).trim();
  if (language !== '') out.language = language;
  return out;
}
