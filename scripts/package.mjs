// `npm run package`: builds the production bundles and packs dist-vsix/dify-vscode-<version>.vsix with
// @vscode/vsce (offline). Before packing it checks that the package holds only what runs: the manifest, the two
// bundles (+ their CSS), media, the docs, and no source, tests, maps or node_modules.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));

function run(args, capture = false) {
  const r = spawnSync(process.execPath, [vsce, ...args], { encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
  if (r.status !== 0) {
    console.error(`package: vsce ${args[0]} failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  return r.stdout ?? '';
}

// The production build first (vsce runs it again as vscode:prepublish when packing), then what .vscodeignore lets through.
const build = spawnSync(process.execPath, ['esbuild.js', '--production'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('package: the production build failed');
  process.exit(1);
}
const files = run(['ls', '--no-dependencies'], true)
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('npm ') && !l.startsWith('>') && !l.startsWith('Executing'));
const allowed = [
  /^package\.json$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE$/,
  /^media\/[\w./-]+$/,
  /^l10n\/[\w./-]+$/,
  /^dist\/(extension|webview)\.js$/,
  /^dist\/[\w-]+\.(css|ttf|woff2?)$/,
];
const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
const required = ['package.json', 'dist/extension.js', 'dist/webview.js', 'README.md', 'LICENSE', 'media/icon.png'];
const absent = required.filter((f) => !files.includes(f));
if (unexpected.length || absent.length) {
  if (unexpected.length) console.error(`package: files that should not ship (fix .vscodeignore): ${unexpected.join(', ')}`);
  if (absent.length) console.error(`package: missing from the package: ${absent.join(', ')}`);
  process.exit(1);
}
console.log(`package: ${files.length} files: ${files.join(', ')}`);

mkdirSync('dist-vsix', { recursive: true });
const out = join('dist-vsix', `${name}-${version}.vsix`);
run(['package', '--no-dependencies', '--out', out]);
console.log(`package: ${out} (${(statSync(out).size / 1024).toFixed(1)} KB). Install it with: code --install-extension ${out}`);
