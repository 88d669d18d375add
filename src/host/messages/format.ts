/** The small pieces sentences share: sizes, durations, the noun of a request, Dify's text inside ours. */
import { isSpace } from '../../dify/pageText';
import type { RequestTarget } from '../../dify/problems';
import type { Translate } from './translate';

/** A size for people: `1000 bytes`, `16 MiB`, `1.5 MiB`. */
export function byteSize(n: number, t: Translate): string {
  return n >= 1024 * 1024 ? t('{0} MiB', +(n / (1024 * 1024)).toFixed(1)) : t('{0} bytes', n);
}

/** A duration for people: `150 ms`, `90 s`, `2.5 s`. */
export function duration(ms: number, t: Translate): string {
  if (ms < 1000) return t('{0} ms', Math.round(ms));
  return ms % 1000 === 0 ? t('{0} s', ms / 1000) : t('{0} s', (ms / 1000).toFixed(1));
}

/**
 * Dify's own text without its final full stop (and the blanks after it), so it reads inside our sentence
 * ("…: boom; try again"). A scan back from the end, not a regular expression: the text is the server's.
 */
export function withoutFinalStop(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s.charCodeAt(end - 1))) end--;
  const last = s.charCodeAt(end - 1);
  return end > 0 && (last === 0x2e || last === 0x3002) ? s.slice(0, end - 1) : s;
}

/** `403` or `403 forbidden`: the status and Dify's code, as the sentences quote them. */
export function statusLabel(status: number, code: string | undefined): string {
  return code === undefined ? `${status}` : `${status} ${code}`;
}

/** What a request was for, as the noun a sentence names it by ("the conversation list"). */
export function targetNoun(target: RequestTarget, t: Translate): string {
  switch (target) {
    case 'apiRoot':
      return t('the API root');
    case 'appInfo':
      return t('the app info');
    case 'appParameters':
      return t('the app parameters');
    case 'appMeta':
      return t('the app meta');
    case 'chatMessage':
      return t('the chat message');
    case 'stopRequest':
      return t('the stop request');
    case 'message':
      return t('the message');
    case 'messageList':
      return t('the conversation’s messages');
    case 'conversationList':
      return t('the conversation list');
    case 'conversation':
      return t('the conversation');
    case 'fileUpload':
      return t('the file upload');
  }
}
