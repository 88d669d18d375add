// The size budgets `npm test` checks (scripts/size-budgets.mjs), run on stand-in artefacts: within the limits
// it passes; a bundle over its limit, a bundle with a source map or a missing .vsix fails, naming which. The
// extension's budget counts what activation loads: the entry, dist/esm/extension.mjs and the chunks it imports
// statically (transitively), not those behind import(); the line gives the total of all chunks too.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const script = join(process.cwd(), 'scripts', 'size-budgets.mjs');
const KB = 1024;
const roots: string[] = [];

/** A folder shaped like the repository after `npm run package`, with artefacts of the given sizes. */
function fakeBuild(sizes: { extension: number; webview: number; vsix?: number }, sourceMap = false): string {
  const root = mkdtempSync(join(tmpdir(), 'size-budgets-'));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'dify-vscode', version: '9.9.9' }));
  mkdirSync(join(root, 'dist'));
  mkdirSync(join(root, 'dist-vsix'));
  const tail = sourceMap ? '\n//# sourceMappingURL=extension.js.map' : '';
  writeFileSync(join(root, 'dist', 'extension.js'), 'x'.repeat(sizes.extension - tail.length) + tail);
  writeFileSync(join(root, 'dist', 'webview.js'), 'y'.repeat(sizes.webview));
  if (sizes.vsix !== undefined) writeFileSync(join(root, 'dist-vsix', 'dify-vscode-9.9.9.vsix'), Buffer.alloc(sizes.vsix));
  return root;
}

/** Writes dist/esm/<name> of `size` bytes starting with `head` (its imports), under `root`. */
function writeChunk(root: string, name: string, size: number, head = ''): void {
  const file = join(root, 'dist', 'esm', name);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, head + ' '.repeat(size - head.length));
}

function check(root: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('size budgets (scripts/size-budgets.mjs)', () => {
  after(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('passes artefacts within their limits and prints each with its goal', () => {
    const r = check(fakeBuild({ extension: 10 * KB, webview: 300 * KB, vsix: 500 * KB }));
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /extension\s+10\.0 KB, [\d.]+ KB gzipped; limit [\d.]+ KB, goal 150\.0 KB met/);
    assert.match(r.out, /webview\s+300\.0 KB, [\d.]+ KB gzipped; limit 400\.0 KB, goal 400\.0 KB met/);
    assert.match(r.out, /vsix\s+500\.0 KB; limit 1024\.0 KB, goal 1024\.0 KB met/);
  });

  it('says a goal is missed while the size is still within its limit', async () => {
    // No budget today has a limit above its goal (the ratchet case), so the check is run on such a budget directly.
    const { checkSizes } = (await import(pathToFileURL(script).href)) as {
      checkSizes(sizes: Record<string, { bytes: number; goal: number; limit: number }>): { lines: string[]; failures: string[] };
    };
    const r = checkSizes({ extension: { bytes: 200 * KB, goal: 150 * KB, limit: 240 * KB } });
    assert.deepEqual(r.failures, []);
    assert.match(r.lines.join('\n'), /extension\s+200\.0 KB.*goal 150\.0 KB NOT met/);
  });

  it('counts what activation loads (the entry, extension.mjs and its static imports, transitively), and all chunks', () => {
    const root = fakeBuild({ extension: 1 * KB, webview: 300 * KB, vsix: 500 * KB });
    writeChunk(root, 'extension.mjs', 3 * KB, 'import{a}from"./chunks/shared-A.mjs";import"./chunks/side-B.mjs";const f=()=>import("./chunks/feature-C.mjs");');
    writeChunk(root, 'chunks/shared-A.mjs', 2 * KB, 'import{b}from"./nested-D.mjs";');
    writeChunk(root, 'chunks/side-B.mjs', 1 * KB);
    writeChunk(root, 'chunks/nested-D.mjs', 1 * KB);
    writeChunk(root, 'chunks/feature-C.mjs', 100 * KB, 'import{a}from"./shared-A.mjs";');
    const r = check(root);
    assert.equal(r.status, 0, r.out);
    // 1 + 3 + 2 + 1 + 1 KB at activation; feature-C (100 KB) only in the total.
    assert.match(r.out, /extension\s+8\.0 KB, [\d.]+ KB gzipped; limit [\d.]+ KB, goal 150\.0 KB met \(loaded at activation: 5 of 6 files; all of them 108\.0 KB\)/);
  });

  it('fails when activation loads more than the limit, and when a chunk it imports is missing', () => {
    const root = fakeBuild({ extension: 1 * KB, webview: 300 * KB, vsix: 500 * KB });
    writeChunk(root, 'extension.mjs', 200 * KB, 'import{a}from"./chunks/gone-A.mjs";');
    const r = check(root);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /extension: 201\.0 KB is over its limit/);
    assert.match(r.out, /extension: activation imports chunks that are not there: dist\/esm\/chunks\/gone-A\.mjs/);
  });

  it('fails a chunk that is not a production build', () => {
    const root = fakeBuild({ extension: 1 * KB, webview: 300 * KB, vsix: 500 * KB });
    writeChunk(root, 'extension.mjs', 2 * KB, 'const f=()=>import("./chunks/lazy-A.mjs");');
    writeChunk(root, 'chunks/lazy-A.mjs', 2 * KB, '//# sourceMappingURL=lazy-A.mjs.map\n');
    const r = check(root);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /extension: not a production build/);
  });

  it('fails a bundle over its limit, naming it', () => {
    const r = check(fakeBuild({ extension: 10 * KB, webview: 401 * KB, vsix: 500 * KB }));
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /webview: 401\.0 KB is over its limit of 400\.0 KB/);
  });

  it('fails a .vsix over 1 MB and an extension bundle over its limit', () => {
    const r = check(fakeBuild({ extension: 300 * KB, webview: 300 * KB, vsix: 1025 * KB }));
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /extension: 300\.0 KB is over its limit/);
    assert.match(r.out, /vsix: 1025\.0 KB is over its limit of 1024\.0 KB/);
  });

  it('fails a bundle that is not a production build, and a missing .vsix', () => {
    const r = check(fakeBuild({ extension: 10 * KB, webview: 300 * KB }, true));
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /extension: not a production build/);
    assert.match(r.out, /vsix: not built/);
  });
});
