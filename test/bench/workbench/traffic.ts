// Host-to-panel traffic: every message the panel's document receives while one long answer streams at 1,000
// tokens/s (a `message` listener added in the webview frame before the question goes), its bytes as JSON, and
// the answer text rebuilt from the messages, to check that every character arrived.
import type { BenchPanel } from './panels';
import { settled } from './cpu';
import { longQuestion } from './streams';
import type { FrameLog } from './streams';

export interface TrafficFigure {
  panel: string;
  messages: number;
  bytes: number;
  byType: Record<string, number>;
  /** Over the simulator's stream (first text frame written to message_end written). */
  messagesPerSecond: number;
  bytesPerChar: number;
  /** The simulator's answer, and whether the text rebuilt from the messages is exactly it. */
  chars: number;
  complete: boolean;
  received: number;
}

interface Collected {
  messages: number;
  bytes: number;
  byType: Record<string, number>;
  text: string;
}

declare global {
  interface Window {
    benchTraffic?: Collected;
  }
}

/** Counts messages and rebuilds the newest answer: `turnAdded`/`turnUpdate` (extension) or `delta` (naive). */
function listen(panel: BenchPanel): Promise<void> {
  return panel.frame.evaluate(() => {
    const c: Collected = { messages: 0, bytes: 0, byType: {}, text: '' };
    window.benchTraffic = c;
    const encoder = new TextEncoder();
    let turnId: string | undefined;
    window.addEventListener('message', (e: MessageEvent) => {
      const m = e.data as { type?: unknown; [k: string]: unknown };
      if (!m || typeof m.type !== 'string') return;
      c.messages++;
      c.bytes += encoder.encode(JSON.stringify(m)).length;
      c.byType[m.type] = (c.byType[m.type] ?? 0) + 1;
      if (m.type === 'delta') c.text += String(m['text'] ?? '');
      if (m.type === 'turnAdded') {
        const turn = m['turn'] as { id: string; answer: { text: string } };
        turnId = turn.id;
        c.text = turn.answer.text;
      }
      if (m.type === 'turnUpdate' && m['turnId'] === turnId) {
        const patch = m['patch'] as { text?: string };
        if (typeof patch.text === 'string') c.text = patch.text;
        if (typeof m['append'] === 'string') c.text += m['append'];
      }
    });
  });
}

/** One long answer at 1,000 tokens/s into `panel`, counted from the question to the answer shown as finished. */
export async function measureTraffic(panel: BenchPanel, frames: FrameLog, n: number): Promise<TrafficFigure> {
  await listen(panel);
  const ended = frames.next();
  await panel.ask(longQuestion(1000, n));
  const stream = await ended;
  await panel.waitDone();
  await settled(panel.frame);
  const c = (await panel.frame.evaluate(() => window.benchTraffic)) as Collected;
  const seconds = (stream.endAt - stream.firstTextAt) / 1000;
  return {
    panel: panel.name,
    messages: c.messages,
    bytes: c.bytes,
    byType: c.byType,
    messagesPerSecond: c.messages / seconds,
    bytesPerChar: c.bytes / stream.text.length,
    chars: stream.text.length,
    complete: c.text === stream.text,
    received: c.text.length,
  };
}
