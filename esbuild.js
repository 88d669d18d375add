// Builds the two bundles the extension ships (host and webview) and, with --tests, the integration suites
// that run inside a real VS Code extension host. Type checking is separate: `npm run typecheck`.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Prints esbuild's problems in the `file:line:col: error: text` form VS Code's problem matchers read. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

const common = {
  bundle: true,
  // Another extension can call activate() and read what it returns. Only the test build hands out the seam the
  // integration suites drive (src/host/testSeam.ts); every other build sets this false, so esbuild drops the
  // branch and the seam's code with it (`npm run package` checks the packaged bundle for it).
  define: { DIFY_TEST_SEAM: String(tests) },
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  // The bundles carry marked, DOMPurify and highlight.js, whose licences ask that their notices ship along.
  legalComments: 'eof',
  plugins: [problemReporter],
};

/**
 * The one way the ES module chunks reach the vscode API: VS Code (1.90 to 1.100 at least) resolves `vscode` only
 * for require(), so `import * as vscode from 'vscode'` is bundled as a CommonJS module whose exports are what a
 * require made with createRequire(import.meta.url) returns. The extension host intercepts that require and knows
 * the extension by the requiring file's path, which is inside the extension's folder like any chunk's.
 */
const vscodeShim = {
  name: 'vscode-shim',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'vscode-shim' }));
    build.onResolve({ filter: /^vscode-require$/ }, () => ({ path: 'vscode-require', namespace: 'vscode-shim' }));
    build.onLoad({ filter: /^vscode$/, namespace: 'vscode-shim' }, () => ({ contents: "module.exports = require('vscode-require').vscodeApi();", loader: 'js' }));
    build.onLoad({ filter: /^vscode-require$/, namespace: 'vscode-shim' }, () => ({
      contents: "import { createRequire } from 'node:module';\nexport function vscodeApi() { return createRequire(import.meta.url)('vscode'); }\n",
      loader: 'js',
    }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    // dist/extension.js (package.json's main): CommonJS, activation itself (src/extensionEntry.ts); it imports
    // dist/esm/extension.mjs on a feature's first use.
    ...common,
    entryPoints: ['src/extensionEntry.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The features as ES modules: their root (dist/esm/extension.mjs, src/host/lazy/builders.ts, loaded by
    // activation on the first feature's use) and a chunk behind each `import()` of a feature, loaded on its first use.
    ...common,
    entryPoints: { extension: 'src/host/lazy/builders.ts' },
    outdir: 'dist/esm',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [problemReporter, vscodeShim],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.ttf': 'file' },
  },
];

if (tests) {
  const dir = 'test/integration';
  // A suite that moved or was deleted must not run from a stale bundle of an earlier build.
  fs.rmSync('out/test/integration', { recursive: true, force: true });
  // index.ts and every *.test.ts below it (suites mirror the source: host/…), each its own bundle.
  const entries = fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: entries.map((f) => path.join(dir, f)),
    outbase: dir,
    outdir: 'out/test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

async function main() {
  // Chunk names carry a hash: a chunk of an earlier build must not linger (and ship).
  fs.rmSync('dist/esm', { recursive: true, force: true });
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[watch] watching for changes');
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
