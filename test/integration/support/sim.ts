// The Dify simulator's admin API (`/__sim/`): seeding, faults, statistics, releasing held streams.
import * as assert from 'node:assert/strict';
import { simEnv } from './env';

/** The simulator's admin API (`/__sim/`). */
export async function simAdmin(origin: string, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${origin}/__sim/${route}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as unknown;
  assert.ok(res.ok, `sim admin ${method} ${route}: ${JSON.stringify(json)}`);
  return json;
}

/** Queues a simulator fault for requests whose path matches `pathRegex`. */
export async function injectFault(origin: string, fault: string | Record<string, unknown>, pathRegex: string, times = 1): Promise<void> {
  await simAdmin(origin, 'POST', 'faults', { fault, match: { pathRegex, times } });
}

/** The simulator's admin API at the harness's simulator, typed by the caller. */
export async function admin<T = unknown>(method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<T> {
  return (await simAdmin(simEnv().origin, method, route, body)) as T;
}

/** What `GET /__sim/stats` reports. */
export interface SimStats {
  stops: number;
  requests: Record<string, number>;
  log: Array<{ method: string; path: string; body: string; status: number }>;
}

/**
 * Lets the simulator's held streams (a `/fault hold:N` question) go on to their end. The hold begins just
 * after frame N is written, so this asks again until one stream was waiting (a bounded loop, not a race).
 */
export async function releaseHeld(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await admin<{ released: number }>('POST', 'release')).released > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.fail('no stream was held by the simulator');
}
