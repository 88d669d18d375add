// Small formatting helpers shared by the answer's parts.
import type { Usage } from '../../src/shared/answer';
import type { StepStatus } from '../../src/shared/answer';

/** Seconds as "0.42 s" / "12.3 s" / "2 min 5 s". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/** "1,234 tokens · 1.20 s · 0.0012 USD", with the price only when Dify reported a non-zero one. */
export function formatUsage(usage: Usage): string {
  const parts = [`${usage.totalTokens.toLocaleString('en-US')} tokens`];
  if (typeof usage.latency === 'number') parts.push(formatSeconds(usage.latency));
  if (usage.totalPrice !== undefined && Number(usage.totalPrice) > 0) {
    parts.push(`${usage.totalPrice}${usage.currency ? ` ${usage.currency}` : ''}`);
  }
  return parts.join(' · ');
}

/** Words for a step status (the icon is decorative; this is what a screen reader hears). */
export const STEP_STATUS_LABEL: Record<StepStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  exception: 'Exception',
  stopped: 'Stopped',
  retry: 'Retrying',
  'partial-succeeded': 'Partly succeeded',
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
