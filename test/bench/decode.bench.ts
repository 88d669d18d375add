/**
 * Decoder throughput: a ~5 MB recorded-looking Dify stream, in 1 KB chunks, through
 * (a) this project's decoder, bytes → typed DifyEvents (TextDecoder + eventsource-parser + JSON.parse + mapping), and
 * (b) bare eventsource-parser on the same chunks, with the same streaming TextDecoder step in front (fair: both
 *     start from bytes), producing raw SSE messages with unparsed data strings, and
 * (c) for context, the obvious decoder: (b) plus `JSON.parse` + `eventFromWire` on every frame (what the
 *     decoder's delta fast path avoids).
 * Rounds alternate between the two after a warm-up; the median round is reported. Never fails on time.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createParser } from 'eventsource-parser';
import type { DifyEvent } from '../../src/dify/events';
import { DifyStreamDecoder } from '../../src/dify/stream';
import { eventFromWire } from '../../src/dify/wire/events';
import { buildDifyStream } from './decodeFixture';
import { addRow } from './report';

const TARGET_BYTES = 5 * 1024 * 1024;
const CHUNK = 1024;
const WARMUP = 3;
const ROUNDS = 9;

function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, Math.min(bytes.length, i + size)));
  return out;
}

function ours(parts: Uint8Array[]): number {
  const d = new DifyStreamDecoder();
  let n = 0;
  for (const c of parts) n += d.push(c).length;
  d.end();
  return n;
}

function bare(parts: Uint8Array[]): number {
  const text = new TextDecoder();
  let n = 0;
  const p = createParser({ onEvent: () => void n++ });
  for (const c of parts) p.feed(text.decode(c, { stream: true }));
  p.feed(text.decode());
  return n;
}

function naive(parts: Uint8Array[]): number {
  const text = new TextDecoder();
  const out: DifyEvent[] = [];
  const p = createParser({
    onEvent: (m) => {
      const ev = eventFromWire(JSON.parse(m.data) as Record<string, unknown>, m.event);
      if (ev) out.push(ev);
    },
  });
  for (const c of parts) p.feed(text.decode(c, { stream: true }));
  return out.length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export async function run(): Promise<void> {
  const { bytes, dataEvents, pings } = buildDifyStream(TARGET_BYTES);
  const parts = chunks(bytes, CHUNK);
  const mb = bytes.length / 1e6;
  const oursCount = ours(parts);
  const bareCount = bare(parts);
  if (oursCount !== dataEvents + pings) throw new Error(`decoder produced ${oursCount} events, expected ${dataEvents + pings}`);
  if (bareCount !== dataEvents) throw new Error(`bare parser produced ${bareCount} events, expected ${dataEvents}`);
  // The fast path must give exactly what full parsing gives.
  const d = new DifyStreamDecoder();
  const fast = parts.flatMap((c) => d.push(c)).filter((e) => e.event !== 'ping');
  const slow: DifyEvent[] = [];
  const p = createParser({ onEvent: (m) => void slow.push(eventFromWire(JSON.parse(m.data) as Record<string, unknown>) as DifyEvent) });
  const td = new TextDecoder();
  for (const c of parts) p.feed(td.decode(c, { stream: true }));
  if (JSON.stringify(fast) !== JSON.stringify(slow)) throw new Error('the decoder and full JSON.parse disagree');

  const paths = [ours, bare, naive];
  const times: number[][] = [[], [], []];
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    // Rotate the order each round so no path always runs first (or right after a GC-heavy one).
    for (let k = 0; k < paths.length; k++) {
      const which = (r + k) % paths.length;
      const t0 = performance.now();
      paths[which]?.(parts);
      const dt = performance.now() - t0;
      if (r >= WARMUP) times[which]?.push(dt);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const [mo, mbare, mnaive] = times.map(median) as [number, number, number];
  const [bo, bbare, bnaive] = times.map((t) => Math.min(...t)) as [number, number, number];
  const line = (name: string, med: number, best: number, events: number): string =>
    `  ${name.padEnd(44)} ${(mb / (med / 1000)).toFixed(1).padStart(6)} MB/s (best ${(mb / (best / 1000)).toFixed(1)}), ${((med * 1000) / events).toFixed(3)} us/event, ${med.toFixed(1)} ms`;
  console.log(`decode: ${mb.toFixed(2)} MB stream, ${parts.length} chunks of ${CHUNK} B, ${dataEvents} data events + ${pings} pings; median (and best) of ${ROUNDS} rounds after ${WARMUP} warm-up`);
  console.log(`  machine: ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)} (a loaded machine spreads the medians; the best rounds are steadier)`);
  console.log('  all paths start from the same bytes and include the same streaming TextDecoder step (fair comparison);');
  console.log("  the decoder's events were checked equal to full JSON.parse + eventFromWire before timing");
  console.log(line('ours (bytes -> typed DifyEvents):', mo, bo, oursCount));
  console.log(line('bare eventsource-parser (bytes -> strings):', mbare, bbare, bareCount));
  console.log(line('context: bare + JSON.parse + eventFromWire:', mnaive, bnaive, dataEvents));
  console.log(`  ratio ours/bare time: median ${(mo / mbare).toFixed(2)}x, best ${(bo / bbare).toFixed(2)}x (goal <= 1.5x); JSON.parse on every frame: ${(bnaive / bbare).toFixed(2)}x; goal >= 50 MB/s`);
  const oursMbs = mb / (mo / 1000);
  addRow({
    area: 'Stream decoding',
    figure: `${mb.toFixed(1)} MB Dify stream, bytes to typed events (median of ${ROUNDS})`,
    value: `${oursMbs.toFixed(1)} MB/s`,
    baseline: `bare eventsource-parser ${(mb / (mbare / 1000)).toFixed(1)} MB/s`,
    goal: '>= 50 MB/s',
    met: oursMbs >= 50,
  });
}
