// The size budgets `npm test` checks (scripts/size-budgets.mjs), run on stand-in artefacts: within the limits
// it passes; a bundle over its limit, a bundle with a source map or a missing .vsix fails, naming which.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

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

function check(root: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('size budgets (scripts/size-budgets.mjs)', () => {
  after(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('passes artefacts within their limits and prints each with its goal', () => {
    const r = check(fakeBuild({ extension: 100 * KB, webview: 300 * KB, vsix: 500 * KB }));
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /extension\s+100\.0 KB, [\d.]+ KB gzipped; limit [\d.]+ KB, goal 150\.0 KB met/);
    assert.match(r.out, /webview\s+300\.0 KB, [\d.]+ KB gzipped; limit 400\.0 KB, goal 400\.0 KB met/);
    assert.match(r.out, /vsix\s+500\.0 KB; limit 1024\.0 KB, goal 1024\.0 KB met/);
  });

  it('says a goal is missed while the size is still within its limit', () => {
    const r = check(fakeBuild({ extension: 200 * KB, webview: 300 * KB, vsix: 500 * KB }));
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /extension\s+200\.0 KB.*goal 150\.0 KB NOT met/);
  });

  it('fails a bundle over its limit, naming it', () => {
    const r = check(fakeBuild({ extension: 100 * KB, webview: 401 * KB, vsix: 500 * KB }));
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
    const r = check(fakeBuild({ extension: 100 * KB, webview: 300 * KB }, true));
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /extension: not a production build/);
    assert.match(r.out, /vsix: not built/);
  });
});
