// `npm run package`: builds the production bundles and packs dist-vsix/dify-vscode-<version>.vsix with
// @vscode/vsce (offline). Before packing it checks that the package holds only what runs: the manifest, the
// extension's entry and exactly the ES module chunks the build wrote (dist/esm/), the webview bundle (+ its CSS),
// media, the docs, and no source, tests, maps or node_modules. After packing it opens the
// .vsix and checks it again: the same files, the manifest as written, and no link in the packaged README or
// CHANGELOG that points at a file the package does not hold, and no test seam in any of the extension's files
// (activate() of the packaged extension returns nothing). `npm test` runs this, so a broken package fails CI.
//
// The project has no public home yet, so the manifest names no repository, and relative links are not rewritten
// to one (vsce would refuse to guess): the README links only to files that ship (LICENSE, media/…), which VS Code's
// extension page resolves inside the installed extension.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { readZip, relativeLinks } from './vsix.mjs';

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
  /^README\.zh-CN\.md$/,
  /^LICENSE$/,
  /^media\/[\w./-]+$/,
  /^l10n\/[\w./-]+$/,
  /^dist\/(extension|webview)\.js$/,
  /^dist\/esm\/(extension|chunks\/[\w-]+)\.mjs$/,
  /^dist\/[\w-]+\.(css|ttf|woff2?)$/,
];
const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
// Every chunk the build wrote ships (a missing one would fail at its feature's first use), and no other .mjs does.
const chunks = readdirSync('dist/esm', { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => `dist/esm/${f.split('\\').join('/')}`);
const required = ['package.json', 'dist/extension.js', 'dist/esm/extension.mjs', ...chunks, 'dist/webview.js', 'README.md', 'LICENSE', 'media/icon.png'];
const absent = required.filter((f) => !files.includes(f));
unexpected.push(...files.filter((f) => f.endsWith('.mjs') && !chunks.includes(f)));
if (unexpected.length || absent.length) {
  if (unexpected.length) console.error(`package: files that should not ship (fix .vscodeignore): ${unexpected.join(', ')}`);
  if (absent.length) console.error(`package: missing from the package: ${absent.join(', ')}`);
  process.exit(1);
}
console.log(`package: ${files.length} files: ${files.join(', ')}`);

mkdirSync('dist-vsix', { recursive: true });
const out = join('dist-vsix', `${name}-${version}.vsix`);
run(['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out]);

// The package as built: exactly the files listed above (under extension/), plus vsce's two metadata files.
const zip = readZip(out);
const packed = zip.entries.map((e) => e.name);
// vsce stores the docs under the names the Marketplace expects.
const renamed = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };
const expected = ['extension.vsixmanifest', '[Content_Types].xml', ...files.map((f) => `extension/${renamed[f] ?? f}`)];
const missing = expected.filter((f) => !packed.includes(f));
const extra = packed.filter((f) => !expected.includes(f));
if (missing.length || extra.length) {
  console.error(`package: the .vsix differs from the checked list: missing ${missing.join(', ') || 'nothing'}; unexpected ${extra.join(', ') || 'nothing'}`);
  process.exit(1);
}
// Every relative link of the packaged docs must land on a packaged file (vsce renames LICENSE to LICENSE.txt,
// so a link to LICENSE would break on the extension's page).
const problems = [];
for (const doc of ['readme.md', 'changelog.md', 'README.zh-CN.md']) {
  for (const target of relativeLinks(zip.read(`extension/${doc}`).toString('utf8'))) {
    if (!packed.includes(posix.join('extension', posix.normalize(target)))) problems.push(`${doc} links to ${target}`);
  }
}
if (problems.length) {
  console.error(`package: links to files the package does not hold: ${problems.join('; ')}. Link only to shipped files, or use an absolute URL.`);
  process.exit(1);
}
const manifest = JSON.parse(zip.read('extension/package.json').toString('utf8'));
const source = JSON.parse(readFileSync('package.json', 'utf8'));
for (const key of ['name', 'publisher', 'version', 'main', 'engines', 'contributes']) {
  if (JSON.stringify(manifest[key]) !== JSON.stringify(source[key])) {
    console.error(`package: the packaged package.json differs from package.json in "${key}"`);
    process.exit(1);
  }
}
// The extension's code as packaged: the entry and every chunk.
const code = ['dist/extension.js', 'dist/esm/extension.mjs', ...chunks.filter((c) => c !== 'dist/esm/extension.mjs')].map((f) => ({ f, text: zip.read(`extension/${f}`).toString('utf8') }));
const mapped = code.filter(({ text }) => text.includes('sourceMappingURL='));
if (mapped.length) {
  console.error(`package: packaged extension code refers to a source map (not a production build): ${mapped.map(({ f }) => f).join(', ')}`);
  process.exit(1);
}
// The integration tests' seam (src/host/testSeam.ts) hands out the key store and the clients: it must not ship.
// It logs TEST_SEAM_NOTICE when used, so a file holding that sentence holds the seam; so does one holding the
// name of its one function (esbuild keeps it in a chunk's exports when a chunk would share it).
const seamNotice = 'Test build: activate() returns the integration test seam.';
const seamed = code.filter(({ text }) => text.includes(seamNotice) || text.includes('test seam is not ready'));
if (seamed.length || !readFileSync('src/host/testSeam.ts', 'utf8').includes(seamNotice)) {
  console.error(`package: the packaged extension holds the test seam (activate() would hand other extensions the key store) in ${seamed.map(({ f }) => f).join(', ') || '(none)'}, or the check lost sight of it (TEST_SEAM_NOTICE changed in src/host/testSeam.ts)`);
  process.exit(1);
}
console.log(`package: ${out} (${(statSync(out).size / 1024).toFixed(1)} KB, ${packed.length} entries). Install it with: code --install-extension ${out}`);
