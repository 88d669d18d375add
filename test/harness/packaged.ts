// The two .vsix files the packaged-extension UI test installs: the extension as `npm run package` builds it, and
// the key-probe fixture (test/fixtures/key-probe), a second extension that looks for the key.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { step } from './log';
import { repoRoot } from './paths';

/** What the packaged .vsix is built from: when any of it is newer than the .vsix, the .vsix is stale. */
const PACKAGE_INPUTS = ['src', 'webview', 'media', 'l10n', 'package.json', 'esbuild.js', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE'];

function newestChange(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((newest, name) => Math.max(newest, newestChange(path.join(p, name))), stat.mtimeMs);
}

function run(args: string[], what: string, cwd = repoRoot): void {
  const r = spawnSync(process.execPath, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? 'signal'})`);
}

/**
 * The packaged extension, dist-vsix/<name>-<version>.vsix: the one `npm test` just built, or (when it is missing
 * or older than its sources) built now with `npm run package`, after which the test build the other suites load
 * from source is built again (packaging leaves the production build in dist/).
 */
export function packagedVsix(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = path.join(repoRoot, 'dist-vsix', `${name}-${version}.vsix`);
  const stale = !fs.existsSync(vsix) || PACKAGE_INPUTS.some((p) => newestChange(path.join(repoRoot, p)) > fs.statSync(vsix).mtimeMs);
  if (stale) {
    step('the .vsix is missing or older than its sources: npm run package');
    run(['scripts/package.mjs'], 'npm run package');
    run(['esbuild.js', '--tests'], 'the test build');
  }
  return vsix;
}

/** Builds the key-probe fixture into `<dir>/key-probe.vsix` (esbuild, then vsce, both offline). */
export async function keyProbeVsix(dir: string): Promise<string> {
  const source = path.join(repoRoot, 'test', 'fixtures', 'key-probe');
  const stage = path.join(dir, 'key-probe');
  fs.mkdirSync(stage, { recursive: true });
  for (const f of ['package.json', 'README.md']) fs.copyFileSync(path.join(source, f), path.join(stage, f));
  fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(stage, 'LICENSE'));
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(source, 'extension.ts')],
    outfile: path.join(stage, 'extension.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const out = path.join(dir, 'key-probe.vsix');
  run([vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], 'packaging the key probe', stage);
  return out;
}
