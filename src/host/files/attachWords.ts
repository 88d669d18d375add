/**
 * The sentences of attaching: why a file was refused (naming what the app accepts) and why an upload or a
 * fetch failed. Words only, through a {@link Translate} (VS Code's l10n.t in the host), so they are node-testable.
 */
import { type AttachRefusal, type FileKind, formatBytes, type UploadRules } from '../../shared/fileRules';
import type { Translate } from '../messages/translate';

function kindWord(kind: FileKind, t: Translate): string {
  switch (kind) {
    case 'image':
      return t('images');
    case 'document':
      return t('documents');
    case 'audio':
      return t('audio');
    case 'video':
      return t('video');
    case 'custom':
      return t('other files');
  }
}

/** "images and documents", "images, audio and files ending in .log or .csv". */
export function acceptedText(rules: UploadRules, t: Translate): string {
  const parts = rules.kinds.filter((k) => k !== 'custom').map((k) => kindWord(k, t));
  if (rules.kinds.includes('custom') && rules.extensions.length > 0) parts.push(t('files ending in {0}', rules.extensions.join(', ')));
  if (parts.length === 0) return t('no files');
  if (parts.length === 1) return parts[0] ?? '';
  return t('{0} and {1}', parts.slice(0, -1).join(', '), parts[parts.length - 1] ?? '');
}

/** Why `name` cannot be attached, in one sentence. */
export function refusalText(name: string, refusal: AttachRefusal, t: Translate): string {
  switch (refusal.reason) {
    case 'disabled':
      return t('This app does not take files, so {0} was not attached.', name);
    case 'type':
      return t('{0} was not attached: this app accepts {1}.', name, acceptedText(refusal.rules, t));
    case 'method':
      return refusal.method === 'remote_url'
        ? t('This app does not take links to files; download {0} and attach the file instead.', name)
        : t('This app takes only links to files, so {0} was not attached; paste its http(s) address instead.', name);
    case 'tooMany':
      return t('A question can carry at most {0} files for this app, so {1} was not attached.', refusal.max, name);
    case 'tooLarge':
      return t('{0} is larger than the {1} this app accepts, so it was not attached.', name, formatBytes(refusal.maxBytes));
    case 'empty':
      return t('{0} is empty, so it was not attached.', name);
  }
}

/** Why a file of Dify's could not be fetched. */
export type FileFetchFailure = 'origin' | 'redirect' | 'status' | 'tooLarge' | 'timeout' | 'network' | 'expired';

/** One sentence for a failed fetch of a file Dify named. */
export function fetchFailureText(reason: FileFetchFailure, t: Translate): string {
  switch (reason) {
    case 'origin':
      return t('This file is not on the Dify server, so the extension does not fetch it; open its link instead.');
    case 'redirect':
      return t('The Dify server sent this file elsewhere, so the extension did not follow it.');
    case 'expired':
      return t('The file’s link has expired or is gone; reopen the conversation to get a fresh one.');
    case 'status':
      return t('The Dify server did not give the file; try again.');
    case 'tooLarge':
      return t('The file is too large to show here; save it instead.');
    case 'timeout':
      return t('The Dify server took too long to send the file; try again.');
    case 'network':
      return t('The file could not be fetched from the Dify server; check the connection and try again.');
  }
}
