// Installs and runs code-server (a real VS Code, served to a browser) for the integration and UI tests and
// for `npm start`. Desktop VS Code cannot be downloaded on offline machines; code-server comes from the npm
// registry, so it works wherever `npm ci` works. The recipe (and why each step is needed) is in the
// README's "Testing" section.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { step, secondsSince } from './log';
import { buildLanguagePack, writeLanguagePacksJson } from './languagePack';
import type { DisplayLanguage } from './languagePack';
import { toolCacheDir } from './paths';

/** Pinned: 4.100.3 carries VS Code 1.100.3 and is the last release that runs on Node 20. */
export const codeServerVersion = '4.100.3';
/** The VS Code version inside {@link codeServerVersion}. */
export const vscodeVersion = '1.100.3';

/** Where the pinned code-server is installed once and reused (git-ignored). */
export const codeServerDir = path.join(toolCacheDir, `code-server-${codeServerVersion}`);
const entryScript = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Written only after an install finished and was checked; its absence means "install (again)". */
const markerFile = path.join(codeServerDir, '.install-complete');

// @vscode/ripgrep (a dependency of VS Code) downloads `rg` from GitHub in its postinstall unless it finds
// this tarball in its cache folder under os.tmpdir(). The names are tied to the pinned code-server version.
const ripgrepCacheFolder = 'vscode-ripgrep-cache-1.15.11';
const ripgrepTarball = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/**
 * Makes sure the pinned code-server is installed and returns the path of its node entry script.
 * The first call installs it (about a minute, about 300 MB); later calls return at once.
 */
export async function ensureCodeServer(): Promise<string> {
  if (fs.existsSync(markerFile) && fs.existsSync(entryScript)) return entryScript;
  fs.mkdirSync(toolCacheDir, { recursive: true });
  const release = await acquireLock(`${codeServerDir}.lock`);
  try {
    // Another process may have finished the install while we waited for the lock.
    if (fs.existsSync(markerFile) && fs.existsSync(entryScript)) return entryScript;
    await install();
    return entryScript;
  } finally {
    release();
  }
}

async function install(): Promise<void> {
  const began = Date.now();
  step(`installing code-server ${codeServerVersion} (VS Code ${vscodeVersion}) into ${path.relative(process.cwd(), codeServerDir) || codeServerDir} (first run only, about a minute)`);
  fs.rmSync(codeServerDir, { recursive: true, force: true });
  fs.mkdirSync(codeServerDir, { recursive: true });
  // Its own package.json makes this folder the npm project root, so nothing lands in the repo's node_modules.
  fs.writeFileSync(
    path.join(codeServerDir, 'package.json'),
    JSON.stringify({ name: 'code-server-test-install', private: true, description: 'Installed by test/harness/codeServer.ts' }, null, 2),
  );

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dify-code-server-install-'));
  try {
    seedRipgrep(tmp);
    const env = installEnv(tmp);
    const logFile = path.join(toolCacheDir, `code-server-${codeServerVersion}-install.log`);
    const { command, args } = npmCommand(['install', '--no-audit', '--no-fund', '--loglevel=warn', `code-server@${codeServerVersion}`]);
    const code = await runLogged(command, args, { cwd: codeServerDir, env }, logFile);
    if (code !== 0) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n');
      throw new Error(
        `Installing code-server ${codeServerVersion} failed (npm exited with ${code}). Last lines of ${logFile}:\n${tail}\n` +
          'If a native module failed to build or rg is missing, run scripts/ensure-os-deps.sh (as root) and try again.',
      );
    }
    if (!fs.existsSync(entryScript)) throw new Error(`code-server installed but ${entryScript} is missing; see ${logFile}.`);
    fs.writeFileSync(markerFile, JSON.stringify({ version: codeServerVersion, seconds: Number(secondsSince(began)) }) + '\n');
    step(`code-server installed in ${secondsSince(began)} s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Puts Debian's `rg` where @vscode/ripgrep looks for a cached download, so its postinstall stays offline. */
function seedRipgrep(tmp: string): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') return; // elsewhere it downloads its own, as usual
  const rg = findOnPath('rg');
  if (!rg) {
    step('warning: `rg` (Debian package ripgrep) is not installed; @vscode/ripgrep will try to download it from GitHub');
    return;
  }
  const dir = path.join(tmp, ripgrepCacheFolder);
  fs.mkdirSync(dir, { recursive: true });
  // The archive must hold a file named `rg` at its root; stage a copy so a differently named binary works too.
  const stage = path.join(tmp, 'rg-stage');
  fs.mkdirSync(stage);
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  fs.chmodSync(path.join(stage, 'rg'), 0o755);
  const r = spawnSync('tar', ['-czf', path.join(dir, ripgrepTarball), '-C', stage, 'rg'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('Could not create the ripgrep tarball with tar.');
}

/** The environment for the nested `npm install`: the recipe's switches, minus the outer npm run's own variables. */
function installEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // `npm run` exports the project's prefix and package fields; the nested install must not see them.
    if (/^npm_(package|lifecycle)_/i.test(k) || /^npm_config_(local_prefix|prefix|global_prefix|yes|unsafe_perm)$/i.test(k)) continue;
    env[k] = v;
  }
  env['TMPDIR'] = tmp; // @vscode/ripgrep reads its cache from os.tmpdir()
  env['npm_config_yes'] = 'true'; // node-pty's postinstall runs `npx node-gyp`, which would stop at a prompt
  if (process.getuid?.() === 0) env['npm_config_unsafe_perm'] = 'true'; // code-server's postinstall refuses root otherwise
  // Native modules (kerberos, argon2, node-pty) compile against Node's headers; use the local ones when
  // the distribution ships them instead of letting node-gyp download them.
  const localHeaders = path.resolve(path.dirname(process.execPath), '..');
  if (!env['npm_config_nodedir'] && fs.existsSync(path.join(localHeaders, 'include', 'node', 'node.h'))) {
    env['npm_config_nodedir'] = localHeaders;
  }
  return env;
}

function npmCommand(args: string[]): { command: string; args: string[] } {
  // Under `npm run`, npm_execpath names the very npm that is running us: use it with this Node.
  const execPath = process.env['npm_execpath'];
  if (execPath && /npm-cli\.c?js$/.test(execPath)) return { command: process.execPath, args: [execPath, ...args] };
  return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args };
}

function runLogged(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, logFile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(command, args, { ...options, stdio: ['ignore', out, out], shell: process.platform === 'win32' });
    // A heartbeat, so a CI log does not look stuck during the native builds.
    const timer = setInterval(() => step('  ...still installing code-server'), 20_000);
    child.on('error', (e) => {
      clearInterval(timer);
      fs.closeSync(out);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      fs.closeSync(out);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return fs.realpathSync(candidate);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A cross-process lock: a directory holding the owner's pid. A lock left by a dead process is taken over. */
async function acquireLock(lockDir: string): Promise<() => void> {
  const pidFile = path.join(lockDir, 'pid');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(pidFile, String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number(readOr(pidFile, ''));
    if (!owner || !isAlive(owner)) {
      // The holder died (or is between mkdir and writing its pid: give it a moment before taking over).
      if (attempt > 2) fs.rmSync(lockDir, { recursive: true, force: true });
    } else if (attempt % 30 === 0) {
      step(`waiting for another process (pid ${owner}) that is installing code-server`);
    }
    if (attempt > 900) throw new Error(`Gave up waiting for the code-server install lock ${lockDir}.`);
    await delay(1000);
  }
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** How to start code-server. */
export interface CodeServerOptions {
  /** Extra environment variables; they reach the extension host (e.g. DIFY_SIM_BASE_URL). */
  env?: Record<string, string>;
  /** Written to User/settings.json in the private user-data-dir before start, over the harness defaults. */
  userSettings?: Record<string, unknown>;
  /** The folder to open; a fresh empty temp folder when omitted. */
  workspaceFolder?: string;
  /** Use exactly this port (fails if it is taken). */
  port?: number;
  /** Try this port first and fall back to any free one (`npm start` uses 8080). */
  preferredPort?: number;
  /**
   * Keep HOME, user data and extensions in this folder across runs (`npm start` does); settings saved there
   * win over the harness defaults (not over `userSettings`). Default: a fresh temp folder, removed by stop().
   */
  stateDir?: string;
  /** Install these .vsix files into the private extensions folder before starting (to test the packaged extension). */
  vsix?: string | readonly string[];
  /** Hide the workspace-trust prompt. Default true; set false to exercise Restricted Mode. */
  disableWorkspaceTrust?: boolean;
  /** The display language (`--locale`), with a language pack installed so that VS Code really uses it. Default English. */
  locale?: DisplayLanguage;
  /** Receives every line code-server prints (default: dropped, but kept for error messages). */
  onOutput?: (line: string) => void;
}

/** A running code-server. */
export interface CodeServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly workspaceFolder: string;
  readonly userDataDir: string;
  /** The private folder holding HOME, user data, extensions and the default workspace (temp unless `stateDir`). */
  readonly tempDir: string;
  /** A path on this machine as the workbench's remote URI (`vscode-remote://127.0.0.1:<port><path>`). */
  remoteUri(absolutePath: string): string;
  /** The workbench URL opening {@link workspaceFolder} with the given workbench payload (e.g. extensionDevelopmentPath). */
  workbenchUrl(payload: ReadonlyArray<readonly [string, string]>): string;
  /** Everything code-server printed recently (for failure messages). */
  recentOutput(): string;
  /** Stops code-server and every process it started, and removes the temp folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Settings that keep a test workbench quiet and deterministic; callers' `userSettings` override them. */
const defaultUserSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

/** Installs code-server if needed, starts it on 127.0.0.1 with everything private to a temp folder, and waits until it is healthy. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = await ensureCodeServer();
  const keep = options.stateDir !== undefined;
  const tempDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'dify-vscode-'));
  const home = path.join(tempDir, 'home');
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  const configFile = path.join(tempDir, 'code-server.yaml');
  const workspaceFolder = options.workspaceFolder ?? path.join(tempDir, 'workspace');
  for (const d of [home, path.join(userDataDir, 'User'), extensionsDir, workspaceFolder]) fs.mkdirSync(d, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  writeUserSettings(settingsFile, options.userSettings ?? {}, keep);

  for (const vsix of typeof options.vsix === 'string' ? [options.vsix] : (options.vsix ?? [])) {
    const r = spawnSync(process.execPath, [entry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
      env: { ...process.env, HOME: home },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`Installing ${vsix} into code-server failed:\n${r.stdout}${r.stderr}`);
  }

  if (options.locale !== undefined) {
    const pack = buildLanguagePack(options.locale, tempDir);
    const r = spawnSync(process.execPath, [entry, '--install-extension', pack.vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
      env: { ...process.env, HOME: home },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`Installing the ${options.locale} language pack into code-server failed:\n${r.stdout}${r.stderr}`);
    writeLanguagePacksJson(options.locale, userDataDir, extensionsDir, pack);
  }

  const port = options.port ?? (await freePort(options.preferredPort));
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
  ];
  if (options.disableWorkspaceTrust !== false) args.push('--disable-workspace-trust');
  if (options.locale !== undefined) args.push('--locale', options.locale);

  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Variables of an enclosing VS Code (running the harness from its terminal) would confuse this one.
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local', 'share') }, options.env);

  // detached: code-server gets its own process group, so stop() can end it together with its extension hosts.
  const child = spawn(process.execPath, args, { env, cwd: workspaceFolder, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const onLine = (line: string): void => {
    output.push(line);
    if (output.length > 300) output.shift();
    options.onOutput?.(line);
  };
  pipeLines(child, onLine);
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // If the harness dies without calling stop() (an exception, Ctrl+C), do not leave a server behind.
  const emergencyKill = (): void => killGroup('SIGKILL');
  live.add(emergencyKill);
  watchSignals();

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    live.delete(emergencyKill);
    killGroup('SIGTERM');
    await within(exitPromise, 5000);
    killGroup('SIGKILL'); // the extension host and its children, even if the server itself went first
    if (!exited) await within(exitPromise, 2000);
    if (!keep && !process.env['DIFY_HARNESS_KEEP_TMP']) fs.rmSync(tempDir, { recursive: true, force: true });
  };

  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(origin, () => exited);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\ncode-server output:\n${output.slice(-40).join('\n')}`, { cause: e });
  }

  const remoteUri = (p: string): string => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
  return {
    port,
    origin,
    workspaceFolder,
    userDataDir,
    tempDir,
    remoteUri,
    workbenchUrl: (payload) =>
      `${origin}/?folder=${encodeURIComponent(workspaceFolder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    recentOutput: () => output.join('\n'),
    stop,
  };
}

/**
 * Writes the start-up settings: the harness defaults, then (with a kept state folder) what the user saved there,
 * then the caller's `settings`. A saved file that is not plain JSON (comments...) is left alone.
 */
function writeUserSettings(file: string, settings: Record<string, unknown>, keepSaved: boolean): void {
  let saved: Record<string, unknown> = {};
  if (keepSaved && fs.existsSync(file)) {
    try {
      saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return; // comments or trailing commas: the user edited it by hand; do not touch it
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...defaultUserSettings, ...saved, ...settings }, null, 2));
}

/** Kill switches of the servers still running, used when the process ends without stopping them. */
const live = new Set<() => void>();
let signalsWatched = false;

function watchSignals(): void {
  if (signalsWatched) return;
  signalsWatched = true;
  process.on('exit', () => live.forEach((kill) => kill()));
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => {
      live.forEach((kill) => kill());
      // Leave the exit to whoever else listens (npm start stops gracefully); alone, behave like the default.
      if (process.listenerCount(signal) === 1) process.exit(code);
    });
  }
}

/** Waits for `promise`, but at most `ms`; the timer never keeps the process alive. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

function pipeLines(child: ChildProcess, onLine: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) onLine(l);
    });
    stream?.on('end', () => buffered && onLine(buffered));
  }
}

/** Polls /healthz a bounded number of times (about 30 s); code-server is usually healthy within a second. */
async function waitHealthy(origin: string, hasExited: () => boolean): Promise<void> {
  const tries = 120;
  for (let i = 0; i < tries; i++) {
    if (hasExited()) throw new Error('code-server exited during start-up.');
    try {
      const res = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await delay(250);
  }
  throw new Error(`code-server did not become healthy at ${origin}/healthz after ${tries} tries.`);
}

/** A free loopback port: `preferred` when it can be bound, else one the OS picks. */
export async function freePort(preferred?: number): Promise<number> {
  const tryListen = (port: number): Promise<number | undefined> =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : undefined;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred !== undefined) {
    const p = await tryListen(preferred);
    if (p !== undefined) return p;
  }
  const p = await tryListen(0);
  if (p === undefined) throw new Error('Could not find a free port on 127.0.0.1.');
  return p;
}
