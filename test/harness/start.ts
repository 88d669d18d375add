// `npm start`: the extension, built from source, running in a real VS Code in your browser, connected to the
// Dify simulator (or to your own Dify with --dify-url). Runs until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { optionValue } from './args';
import { codeServerVersion, startCodeServer, vscodeVersion } from './codeServer';
import type { CodeServer } from './codeServer';
import { step } from './log';
import { repoRoot, toolCacheDir } from './paths';
import { simulatorEnv, startSimulator } from './sim';
import type { Simulator } from './sim';

const usage = `Usage: npm start [-- options]

Runs the extension from source in VS Code ${vscodeVersion} (code-server) at http://127.0.0.1:8080 (or a free
port), next to the Dify simulator, whose chat app it is connected to.

Options:
  --dify-url <url>   Use a real Dify instead of the simulator, e.g. http://localhost/v1 (then run
                     "Dify: Set API Key" in VS Code and paste your app's key).
  --port <n>         Serve VS Code on this port (default 8080, or any free port if 8080 is taken).
  --folder <path>    Open this folder (default: a sample workspace under .vscode-test/start/).
  --watch            Rebuild on every source change; reload the browser window to pick it up.
  --fresh            Forget the settings kept from earlier runs (.vscode-test/start/).
  --help             This text.`;

/** Kept between runs so settings (profiles, the base URL) survive a restart; git-ignored. */
const stateDir = path.join(toolCacheDir, 'start');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(usage);
    return;
  }
  const difyUrl = optionValue(argv, 'dify-url');
  const portArg = optionValue(argv, 'port');
  const folderArg = optionValue(argv, 'folder');
  const port = portArg === undefined ? undefined : Number(portArg);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`--port: not a port number: ${portArg}`);
  if (difyUrl !== undefined) checkUrl(difyUrl);
  if (folderArg !== undefined && !fs.statSync(folderArg, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`--folder: not a folder: ${folderArg}`);
  }
  if (argv.includes('--fresh')) fs.rmSync(stateDir, { recursive: true, force: true });

  step('building the extension');
  const build = spawnSync(process.execPath, ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The build failed (see above).');

  let sim: Simulator | undefined;
  let server: CodeServer | undefined;
  let watcher: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    watcher?.kill();
    await server?.stop();
    await sim?.close();
  };

  try {
    const env: Record<string, string> = {};
    const userSettings: Record<string, unknown> = {};
    if (difyUrl !== undefined) {
      // The setting a user would change; the key is then set in VS Code (it never goes through a file or env).
      userSettings['dify.baseUrl'] = difyUrl.replace(/\/+$/, '');
      // A run without --dify-url kept a "Simulator" profile active in .vscode-test/start; dify.baseUrl is only
      // the default app's address, so that profile would win and point at a simulator that is gone.
      userSettings['dify.profiles'] = [];
      userSettings['dify.activeProfile'] = '';
      env['DIFY_DEV_BASE_URL'] = difyUrl.replace(/\/+$/, '');
    } else {
      step('starting the Dify simulator');
      sim = await startSimulator({ tokenDelayMs: 20 });
      Object.assign(env, simulatorEnv(sim), { DIFY_DEV_BASE_URL: sim.baseUrl, DIFY_DEV_API_KEY: sim.keys.chat });
    }

    const workspaceFolder = folderArg ? path.resolve(folderArg) : sampleWorkspace();
    step(`starting VS Code ${vscodeVersion} (code-server ${codeServerVersion})`);
    server = await startCodeServer({
      env,
      userSettings,
      stateDir,
      workspaceFolder,
      ...(port !== undefined ? { port } : { preferredPort: 8080 }),
    });
    if (argv.includes('--watch')) {
      watcher = spawn(process.execPath, ['esbuild.js', '--watch'], { cwd: repoRoot, stdio: 'inherit' });
    }

    const url = server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['skipWelcome', 'true'],
    ]);
    const lines = [
      '',
      'Dify Chat is running in VS Code. Open this address in your browser:',
      '',
      `  ${url}`,
      '',
      '(It must be this full address: its "payload" parameter loads the extension from this repository.)',
    ];
    if (sim) {
      lines.push(
        '',
        `Dify simulator: ${sim.baseUrl}  (answers stream at ~20 ms per token)`,
        `  The extension is connected to its chat app (profile "Simulator"). Simulator app keys (test keys, not secrets):`,
        ...Object.entries(sim.keys).map(([kind, key]) => `    ${kind.padEnd(9)} ${key}`),
        `  Run it on its own: npm run dify-sim`,
      );
    } else {
      lines.push('', `Dify: ${env['DIFY_DEV_BASE_URL']}`, '  In VS Code, run "Dify: Set API Key" (F1) and paste the key of your Dify app (its API Access page).');
    }
    lines.push('', 'Press Ctrl+C to stop.', '');
    console.log(lines.join('\n'));

    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    console.log('\nstopping...');
  } finally {
    await cleanup();
  }
}

function checkUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--dify-url: not a URL: ${raw} (expected something like http://localhost/v1)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--dify-url: use an http:// or https:// address, not ${url.protocol}`);
}

/** A small folder to try the extension in (a file to select code from for "Ask Dify"), created once. */
function sampleWorkspace(): string {
  const dir = path.join(stateDir, 'workspace');
  fs.mkdirSync(dir, { recursive: true });
  const sample = path.join(dir, 'example.ts');
  if (!fs.existsSync(sample)) {
    fs.writeFileSync(
      sample,
      [
        '// Select some code and ask Dify about it, or open the Dify view in the activity bar and chat.',
        'export function fibonacci(n: number): number {',
        '  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);',
        '}',
        '',
      ].join('\n'),
    );
  }
  return dir;
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
