// The first and last step of `npm test`:
//   --reset   forget the previous run's per-layer results (test-results/summary/*.json)
//   (none)    print each layer's line and the final `npm test: N passed, N failed`; exit 1 if anything failed
//   --failed  the chain stopped early: say where, print what ran, exit 1
// Each layer (unit, integration, ui) records its counts there when it finishes; lint, typecheck and the package
// check (`npm run package`, which builds the .vsix and checks what it holds) have none.
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('test-results', 'summary');
const layers = ['unit', 'integration', 'ui'];
const mode = process.argv[2] ?? '';

if (mode === '--reset') {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.exit(0);
}

const results = {};
for (const f of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json'))) {
  try {
    const r = JSON.parse(readFileSync(join(dir, f.name), 'utf8'));
    if (layers.includes(r.layer)) results[r.layer] = r;
  } catch {
    // a half-written file of an interrupted run: ignore
  }
}
const ran = layers.filter((l) => results[l]);
const passed = ran.reduce((n, l) => n + results[l].passed, 0);
const failed = ran.reduce((n, l) => n + results[l].failed, 0);
const skipped = ran.reduce((n, l) => n + (results[l].skipped ?? 0), 0);
const perLayer = ran.map((l) => `${l} ${results[l].passed}/${results[l].passed + results[l].failed}`).join(', ');

console.log('');
if (mode === '--failed') {
  const firstMissing = layers.find((l) => !results[l] || results[l].failed > 0);
  const where =
    firstMissing === 'unit' && !results.unit ? 'in lint, typecheck, packaging or the unit tests' : `in the ${firstMissing ?? 'last'} layer`;
  console.log(`npm test: FAILED ${where}: ${passed} passed, ${failed} failed so far${perLayer ? ` (${perLayer})` : ''}`);
  process.exit(1);
}
const missing = layers.filter((l) => !results[l]);
if (missing.length) {
  console.log(`npm test: FAILED: no results from ${missing.join(', ')}; ${passed} passed, ${failed} failed`);
  process.exit(1);
}
const skippedNote = skipped ? `, ${skipped} skipped` : '';
console.log(`npm test: ${passed} passed, ${failed} failed${skippedNote} (${perLayer}; lint, typecheck and package clean)`);
process.exit(failed > 0 ? 1 : 0);
