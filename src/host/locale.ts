/**
 * Numbers, dates and relative times in VS Code's display language (`vscode.env.language`), through `Intl`,
 * so a Chinese VS Code shows `12,345`, `2026年12月2日` and `5分钟前` where an English one shows `12,345`,
 * `Dec 2, 2026` and `5 minutes ago`. A language Intl does not know falls back to the runtime's default.
 */
import * as vscode from 'vscode';
import { ageOf } from '../chat/conversationList';

/** A count for people: `20,000` (grouped as the display language groups digits). */
export function formatNumber(n: number): string {
  return formats().number.format(n);
}

/** A Unix-seconds time as people read it: date and time. */
export function formatDateTime(unixSeconds: number): string {
  return formats().dateTime.format(new Date(unixSeconds * 1000));
}

/** How long ago a Unix-seconds time was, as the tree's descriptions say it ("5 minutes ago", then a date). */
export function formatRelativeTime(unixSeconds: number, nowMs: number): string {
  const age = ageOf(unixSeconds, nowMs);
  const f = formats();
  switch (age.unit) {
    case 'now':
      return vscode.l10n.t('just now');
    case 'date':
      return f.date.format(new Date(unixSeconds * 1000));
    case 'minute':
    case 'hour':
    case 'day':
      return f.relative.format(-age.value, age.unit);
  }
}

interface Formats {
  language: string;
  number: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
}

let cached: Formats | undefined;

function formats(): Formats {
  const language = vscode.env.language;
  if (cached?.language !== language) cached = makeFormats(language);
  return cached;
}

function makeFormats(language: string): Formats {
  const make = (locale: string | undefined): Formats => ({
    language,
    number: new Intl.NumberFormat(locale),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    relative: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  });
  try {
    return make(language);
  } catch {
    // A display language Intl rejects (a malformed tag): the runtime's own formats.
    return make(undefined);
  }
}
