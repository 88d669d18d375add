// The entry VS Code's extension host loads for the integration suites (the `extensionTestsPath` contract shared
// by code-server and @vscode/test-electron): it must export `run()`, and a rejected promise is how a failing
// test turns into a non-zero exit code of `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';


/** Runs every `*.test.js` compiled next to this file with mocha (bdd) and rejects if any test fails. */
export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // Generous: the first test also pays for activating the extension in a cold extension host.
    timeout: 60_000,
    slow: 5_000,
    color: false,
    reporter: 'spec',
  });
  const grep = process.env['MOCHA_GREP'];
  if (grep) mocha.grep(grep);

  // Suites mirror the source (host/chat/chatController.test.js for src/host/chat/chatController.ts): look below this folder.
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) throw new Error(`No integration test files (*.test.js) found under ${__dirname}.`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  await mocha.loadFilesAsync();

  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    const runner = mocha.run(() => {
      const s = runner.stats;
      resolve({ passes: s?.passes ?? 0, failures: s?.failures ?? 0, pending: s?.pending ?? 0 });
    });
  });
  // The harness (code-server or Electron) cannot see mocha's objects; it reads the counts from this file.
  const resultFile = process.env['DIFY_TEST_RESULT_FILE'];
  if (resultFile) {
    fs.writeFileSync(resultFile, JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending }));
  }
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed.`);
}
