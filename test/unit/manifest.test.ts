// What the manifest promises about where the extension runs, and that the README explains it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { extensionKind?: unknown };
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('manifest: where the extension runs', () => {
  test('extensionKind is declared: workspace only, so under Remote localhost means the workspace machine', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });

  test('the README documents the Remote case with the declared value', () => {
    const start = readme.indexOf('\n## Remote');
    assert.ok(start >= 0, 'a "Remote" section');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    assert.ok(section.includes(`"extensionKind": ${JSON.stringify(manifest.extensionKind).replace(/,/g, ', ')}`), 'it names the declared extensionKind');
    for (const place of ['Remote-SSH', 'WSL', 'Dev Containers', 'code-server']) assert.ok(section.includes(place), place);
    assert.ok(section.includes('http://localhost/v1'), 'it says what localhost then means');
  });
});
