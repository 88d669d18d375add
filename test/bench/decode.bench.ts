/**
 * Decoder throughput: a ~5 MB recorded-looking Dify stream, in 1 KB chunks, through
 * (a) this project's decoder, bytes → typed DifyEvents (TextDecoder + eventsource-parser + JSON.parse + mapping), and
 * (b) bare eventsource-parser on the same chunks, with the same streaming TextDecoder step in front (fair: both
 *     start from bytes), producing raw SSE messages with unparsed data strings.
 * Rounds alternate between the two after a warm-up; the median round is reported. Never fails on time.
 */
import { createParser } from 'eventsource-parser';
import { DifyStreamDecoder } from '../../src/dify/stream';
import { buildDifyStream } from './decodeFixture';

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

  const tOurs: number[] = [];
  const tBare: number[] = [];
  for (let r = 0; r < WARMUP + ROUNDS; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    for (const which of order) {
      const t0 = performance.now();
      if (which === 0) ours(parts);
      else bare(parts);
      const dt = performance.now() - t0;
      if (r >= WARMUP) (which === 0 ? tOurs : tBare).push(dt);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const mo = median(tOurs);
  const mbare = median(tBare);
  console.log(`decode: ${mb.toFixed(2)} MB stream, ${parts.length} chunks of ${CHUNK} B, ${dataEvents} data events + ${pings} pings; median of ${ROUNDS} rounds after ${WARMUP} warm-up`);
  console.log('  both paths start from the same bytes and include the same streaming TextDecoder step (fair comparison)');
  console.log(`  ours (bytes -> typed DifyEvents):          ${(mb / (mo / 1000)).toFixed(1)} MB/s, ${((mo * 1000) / oursCount).toFixed(3)} us/event, ${mo.toFixed(1)} ms`);
  console.log(`  bare eventsource-parser (bytes -> strings): ${(mb / (mbare / 1000)).toFixed(1)} MB/s, ${((mbare * 1000) / bareCount).toFixed(3)} us/event, ${mbare.toFixed(1)} ms`);
  console.log(`  ratio ours/bare time: ${(mo / mbare).toFixed(2)}x (goal <= 1.5x; goal >= 50 MB/s)`);
}
