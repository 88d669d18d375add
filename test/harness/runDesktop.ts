// `npm run test:desktop`: the same integration suites in desktop VS Code (Electron) through
// @vscode/test-electron. It downloads VS Code from Microsoft on first use, so it needs internet: use it on a
// laptop or a public CI. (Offline machines use `npm run test:integration`, which runs them in code-server.)
//   DIFY_DESKTOP_VSCODE=1.100.3 npm run test:desktop    (default: the latest stable release)
//   npm run test:desktop -- --grep activation
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { optionValue } from './args';
import { readCounts, resultFilePath } from './extensionTests';
import { secondsSince, step } from './log';
import { integrationTestsEntry, repoRoot } from './paths';
import { simulatorEnv, startSimulator } from './sim';
import { reportLayer } from './summary';

async function main(): Promise<number> {
  const began = Date.now();
  const argv = process.argv.slice(2);
  const grep = optionValue(argv, 'grep') ?? argv.find((a) => !a.startsWith('--')) ?? process.env['MOCHA_GREP'];
  if (!fs.existsSync(integrationTestsEntry)) {
    throw new Error(`${integrationTestsEntry} does not exist: build the suites first with \`node esbuild.js --tests\`.`);
  }
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dify-vscode-desktop-'));
  step('starting the Dify simulator');
  const sim = await startSimulator();
  try {
    step(`simulator at ${sim.baseUrl}; launching desktop VS Code`);
    const resultFile = resultFilePath();
    let code = 0;
    try {
      code = await runTests({
        version: process.env['DIFY_DESKTOP_VSCODE'] ?? 'stable',
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: integrationTestsEntry,
        extensionTestsEnv: { ...simulatorEnv(sim), DIFY_TEST_RESULT_FILE: resultFile, ...(grep ? { MOCHA_GREP: grep } : {}) },
        // The workspace first (VS Code opens it); no other extension may interfere.
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      });
    } catch (e) {
      if (e instanceof TestRunFailedError) {
        code = e.code ?? 1;
      } else if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(String(e))) {
        throw new Error(
          `Could not download VS Code (${String(e)}): test:desktop needs internet. Offline, run the same suites with \`npm run test:integration\`.`,
          { cause: e },
        );
      } else {
        throw e;
      }
    }
    const counts = readCounts(resultFile);
    const seconds = secondsSince(began);
    if (counts) reportLayer('desktop', { passed: counts.passed, failed: counts.failed, skipped: counts.pending }, `${seconds} s`);
    else reportLayer('desktop', { passed: 0, failed: 1, skipped: 0 }, `no results: VS Code exited with ${code} after ${seconds} s`);
    return code !== 0 ? code : counts && counts.failed > 0 ? 1 : 0;
  } finally {
    await sim.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`[harness] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
