// Runs every benchmark in this folder (`*.bench.ts`, each exporting `async function run()` that prints its
// figures and adds its rows to the report), one after the other, then prints the one report table and writes it
// as JSON (report.ts). Benchmarks report; they never fail on time. A benchmark that throws is reported and the
// run goes on, and the exit code says that one broke.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addOtherLayers } from './otherLayers';
import { printReport } from './report';

async function main(): Promise<void> {
  const filter = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
    .sort();
  let broken = 0;
  for (const f of files) {
    console.log(`\n== ${f}`);
    try {
      const mod = (await import(pathToFileURL(join(__dirname, f)).href)) as { run?: () => Promise<void> };
      if (typeof mod.run !== 'function') throw new Error('exports no run() function');
      await mod.run();
    } catch (e) {
      broken++;
      console.error(`  ${f} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  if (files.length === 0) console.log('No benchmarks found.');
  const root = join(__dirname, '..', '..');
  if (filter.length === 0) await addOtherLayers(root);
  printReport(root);
  process.exitCode = broken > 0 ? 1 : 0;
}

void main();
