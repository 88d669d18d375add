// Runs the compiled integration suites inside the extension host of a real VS Code (code-server), the way
// `@vscode/test-electron` does on a desktop: the workbench is opened with extensionDevelopmentPath and
// extensionTestsPath in its `payload`, the extension host awaits our `run()`, and the workbench reports the
// outcome through window.codeAutomationExit, which only exists because we expose it before the page loads.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser';
import { startCodeServer, vscodeVersion } from './codeServer';
import { step } from './log';
import { integrationTestsEntry, repoRoot } from './paths';

/** The counts the suite's entry writes to $DIFY_TEST_RESULT_FILE (see test/integration/index.ts). */
export interface SuiteCounts {
  passed: number;
  failed: number;
  pending: number;
}

export interface ExtensionTestsOptions {
  /** Extra environment variables for the extension host (the simulator's address and keys). */
  env: Record<string, string>;
  /** Only tests whose full title matches this (mocha --grep). */
  grep?: string;
  /** Give up after this long; the extension host may have crashed or hung. */
  timeoutMs: number;
  /** Where extension-host output goes (default: stdout). */
  print?: (line: string) => void;
}

export interface ExtensionTestsResult {
  /** The extension host's exit code (0 = every test passed), or 1 for a harness-level failure. */
  code: number;
  /** Counts, when the suite got far enough to report them. */
  counts: SuiteCounts | undefined;
}

/** Known harmless console noise of an offline code-server (the extension gallery, a missing signing module). */
const noise = [/ENOTFOUND open-vsx\.org/, /\bvsda\b/];

export async function runExtensionTests(options: ExtensionTestsOptions): Promise<ExtensionTestsResult> {
  const print = options.print ?? ((line: string) => console.log(line));
  if (!fs.existsSync(integrationTestsEntry)) {
    throw new Error(`${integrationTestsEntry} does not exist: build the suites first with \`node esbuild.js --tests\`.`);
  }
  const env: Record<string, string> = {
    ...options.env,
    // Lets activation.test.ts check that it really runs in code-server's VS Code.
    DIFY_EXPECT_VSCODE_VERSION: vscodeVersion.split('.').slice(0, 2).join('.'),
  };
  if (options.grep) env['MOCHA_GREP'] = options.grep;
  const resultFile = resultFilePath();
  env['DIFY_TEST_RESULT_FILE'] = resultFile;

  step('starting code-server');
  const server = await startCodeServer({ env });
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    step(`code-server is up at ${server.origin}; opening the workbench in Chromium`);
    browser = await launchChromium();
    const page = await browser.newPage();

    let settle: { resolve: (code: number) => void; reject: (e: Error) => void } | undefined;
    const outcome = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));
    outcome.catch(() => undefined); // it may reject (timeout, crash) before it is awaited below
    // Both functions must exist before the workbench starts: it looks for them once, at start-up.
    await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      if (noise.some((n) => n.test(text))) return; // the whole message, stack included
      for (const line of text.split('\n')) print(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: unknown) => settle?.resolve(typeof code === 'number' ? code : 1));
    page.on('crash', () => settle?.reject(new Error('the browser page running the workbench crashed')));
    timer = setTimeout(() => {
      const seconds = Math.round(options.timeoutMs / 1000);
      settle?.reject(new Error(`the extension host did not finish the tests within ${seconds} s (crashed or hung)`));
    }, options.timeoutMs);

    const url = server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(integrationTestsEntry)],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(url);
    step('workbench loaded; the extension host is running the suites');
    const code = await outcome;
    return { code, counts: readCounts(resultFile) };
  } catch (e) {
    console.error(`[harness] ${(e as Error).message}`);
    const tail = server.recentOutput().split('\n').slice(-30).join('\n');
    if (tail.trim()) console.error(`[harness] last code-server output:\n${tail}`);
    return { code: 1, counts: readCounts(resultFile) };
  } finally {
    if (timer) clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

/** A fresh path for the suite's counts (removed first, so stale counts are never read). */
export function resultFilePath(): string {
  const file = path.join(os.tmpdir(), `dify-integration-result-${process.pid}.json`);
  fs.rmSync(file, { force: true });
  return file;
}

/** The counts the suite wrote, or undefined if it never got that far; the file is removed. */
export function readCounts(file: string): SuiteCounts | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteCounts;
  } catch {
    return undefined;
  } finally {
    fs.rmSync(file, { force: true });
  }
}
