// Every test layer leaves a one-line verdict (`integration: 5 passed, 0 failed`) in the log and a small JSON
// file in test-results/summary/, from which scripts/test-summary.mjs prints the final line of `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testResultsDir } from './paths';

export interface LayerCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Prints `<layer>: N passed, N failed[, N skipped]` and records it for the final `npm test` summary. */
export function reportLayer(layer: string, counts: LayerCounts, note?: string): void {
  const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
  console.log(`${layer}: ${counts.passed} passed, ${counts.failed} failed${skipped}${note ? ` (${note})` : ''}`);
  const dir = path.join(testResultsDir, 'summary');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${layer}.json`), JSON.stringify({ layer, ...counts, note, at: new Date().toISOString() }) + '\n');
}
