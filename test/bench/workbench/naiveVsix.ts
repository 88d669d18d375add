// Builds the naive panel (test/bench/naivePanel) into `<dir>/naive-panel.vsix`: its host with esbuild for Node,
// its webview with esbuild for the browser (minified, like the real webview bundle), then vsce, all offline.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';

/** The naive panel's extension id (its webview iframes are tagged with it). */
export const NAIVE_EXTENSION_ID = 'dify-bench.naive-panel';

export async function naivePanelVsix(dir: string): Promise<string> {
  const source = path.join(repoRoot, 'test', 'bench', 'naivePanel');
  const stage = path.join(dir, 'naive-panel');
  fs.mkdirSync(stage, { recursive: true });
  for (const f of ['package.json', 'README.md']) fs.copyFileSync(path.join(source, f), path.join(stage, f));
  fs.copyFileSync(path.join(repoRoot, 'LICENSE'), path.join(stage, 'LICENSE'));
  const esbuild = await import('esbuild');
  const common = { bundle: true, logLevel: 'warning', legalComments: 'none' } as const;
  await esbuild.build({
    ...common,
    entryPoints: [path.join(source, 'extension.ts')],
    outfile: path.join(stage, 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(source, 'webview.ts')],
    outfile: path.join(stage, 'webview.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
  });
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const out = path.join(dir, 'naive-panel.vsix');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: stage, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging the naive panel failed:\n${r.stdout}${r.stderr}`);
  return out;
}
