const started = Date.now();

/** Prints one harness progress line with the seconds elapsed since the process started, e.g. `[harness 3.2s] ...`. */
export function step(message: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[harness ${seconds}s] ${message}`);
}

/** Seconds since `since` (a Date.now() value), with one decimal, for timing figures. */
export function secondsSince(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
