// Small formatting helpers shared by the answer's parts.
import type { Usage } from '../../src/shared/answer';
import type { StepStatus } from '../../src/shared/answer';
import { formatNumber, t } from '../l10n';

/** Seconds as "0.42 s" / "12.3 s" / "2 min 5 s". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 10) return t('{0} s', seconds.toFixed(2));
  if (seconds < 60) return t('{0} s', seconds.toFixed(1));
  const m = Math.floor(seconds / 60);
  return t('{0} min {1} s', m, Math.round(seconds - m * 60));
}

/** "1,234 tokens · 1.20 s · 0.0012 USD", with the price only when Dify reported a non-zero one. */
export function formatUsage(usage: Usage): string {
  const parts = [usage.totalTokens === 1 ? t('1 token') : t('{0} tokens', formatNumber(usage.totalTokens))];
  if (typeof usage.latency === 'number') parts.push(formatSeconds(usage.latency));
  if (usage.totalPrice !== undefined && Number(usage.totalPrice) > 0) {
    parts.push(`${usage.totalPrice}${usage.currency ? ` ${usage.currency}` : ''}`);
  }
  return parts.join(' · ');
}

/** Words for a step status (the icon is decorative; this is what a screen reader hears). */
export const STEP_STATUS_LABEL: Record<StepStatus, string> = {
  running: t('Running'),
  succeeded: t('Succeeded'),
  failed: t('Failed'),
  exception: t('Exception'),
  stopped: t('Stopped'),
  retry: t('Retrying'),
  'partial-succeeded': t('Partly succeeded'),
};

/** A glyph per status, drawn with text so it follows the theme's foreground colour. */
export const STEP_STATUS_GLYPH: Record<StepStatus, string> = {
  running: '◌',
  succeeded: '✓',
  failed: '✕',
  exception: '!',
  stopped: '■',
  retry: '↻',
  'partial-succeeded': '◐',
};
