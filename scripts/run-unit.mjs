// Runs every unit test file (test/unit/**/*.test.ts and test/dify-sim/**/*.test.ts) with node's own test
// runner, TypeScript loaded through tsx. Node 20's `--test` takes no globs, so the files are listed here.
//   npm run test:unit                 all of them
//   npm run test:unit -- dify/ render (only files whose path contains one of the words)
// Ends with `unit: N passed, N failed`, also recorded in test-results/summary/ for `npm test`'s last line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const roots = ['test/unit', 'test/dify-sim', 'test/browser'];
const filter = process.argv.slice(2);
let files = roots.flatMap((r) => walk(r)).sort();
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('No unit test files found.');
  process.exit(1);
}

const summaryDir = join('test-results', 'summary');
mkdirSync(summaryDir, { recursive: true });
// Per process: several runs may share the working tree.
const countsFile = join(tmpdir(), `dify-unit-counts-${process.pid}.json`);
const began = Date.now();
const r = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/test-counts-reporter.mjs', `--test-reporter-destination=${countsFile}`,
    ...files,
  ],
  { stdio: 'inherit' },
);
const status = r.status ?? 1;

let counts;
try {
  counts = JSON.parse(readFileSync(countsFile, 'utf8'));
} catch {
  counts = undefined;
}
rmSync(countsFile, { force: true });
const seconds = ((Date.now() - began) / 1000).toFixed(1);
const passed = counts ? counts.pass : 0;
const failed = counts ? counts.fail + counts.cancelled : 1;
const skipped = counts ? counts.skipped + counts.todo : 0;
const note = counts ? `${files.length} files, ${seconds} s` : `no counts: the test runner exited with ${status}`;
console.log(`unit: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${note})`);
writeFileSync(join(summaryDir, 'unit.json'), JSON.stringify({ layer: 'unit', passed, failed, skipped, note, at: new Date().toISOString() }) + '\n');
process.exit(status !== 0 ? status : failed > 0 ? 1 : 0);
