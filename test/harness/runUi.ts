// `npm run test:ui`: every test/ui/*.test.ts, driving the real VS Code workbench (code-server) in Chromium with
// the extension loaded from source and the Dify simulator behind it. Screenshots land in test-results/.
//   npm run test:ui -- chat            (only files whose name contains "chat")
//   npm run test:ui -- --grep "theme"  (only tests whose title matches)
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { openWorkbenches } from '../ui/lib/workbench';
import { screenshot } from '../ui/lib/screenshots';
import { optionValue, secondsFromEnv } from './args';
import { ensureCodeServer } from './codeServer';
import { secondsSince, step } from './log';
import { repoRoot } from './paths';
import { reportLayer } from './summary';

async function main(): Promise<number> {
  const began = Date.now();
  const argv = process.argv.slice(2);
  const grep = optionValue(argv, 'grep') ?? process.env['MOCHA_GREP'];
  const fileFilters = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--grep');

  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: build first (`node esbuild.js`), or use `npm run test:ui`.');
  }
  const uiDir = path.join(repoRoot, 'test', 'ui');
  let files = fs.readdirSync(uiDir).filter((f) => f.endsWith('.test.ts')).sort();
  if (fileFilters.length) files = files.filter((f) => fileFilters.some((x) => f.includes(x)));
  if (files.length === 0) throw new Error(`No UI test files in test/ui${fileFilters.length ? ` match ${fileFilters.join(', ')}` : ''}.`);

  // Install outside any test's timeout (a no-op once cached).
  await ensureCodeServer();
  step(`running ${files.length} UI test file(s): ${files.join(', ')}`);

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // Opening a workbench (simulator, code-server, Chromium, extension) takes a few seconds, more on a cold machine.
    timeout: secondsFromEnv('DIFY_UI_TEST_TIMEOUT_S', 120) * 1000,
    slow: 10_000,
    color: !!process.stdout.isTTY,
    rootHooks: {
      async afterEach(this: Mocha.Context) {
        const test = this.currentTest;
        if (test?.state !== 'failed') return;
        // The picture of the moment of failure is usually the fastest way to see why.
        for (const [i, wb] of openWorkbenches().entries()) {
          const file = await screenshot(wb.page, `FAILED ${test.fullTitle()}${i ? ` ${i}` : ''}`).catch(() => undefined);
          if (file) console.log(`      screenshot: ${path.relative(repoRoot, file)}`);
        }
      },
    },
  });
  if (grep) mocha.grep(grep);
  for (const f of files) mocha.addFile(path.join(uiDir, f));

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
  });
  // A test file that forgot to close its workbench must not leave servers behind.
  for (const wb of openWorkbenches()) await wb.close();
  reportLayer('ui', { passed: stats.passes, failed: stats.failures, skipped: stats.pending }, `${secondsSince(began)} s`);
  return stats.failures > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[harness] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    reportLayer('ui', { passed: 0, failed: 1, skipped: 0 }, 'the UI runner itself failed');
    process.exit(1);
  },
);
