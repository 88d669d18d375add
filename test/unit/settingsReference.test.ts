// The settings reference in README.md and README.zh-CN.md is generated from the manifest
// (scripts/settings-reference.mjs): a setting added, removed or reworded without regenerating fails here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface Generator {
  READMES: Record<string, string | null>;
  settingsTable(manifest: unknown, lang: string | null): string;
  withSettingsTable(text: string, manifest: unknown, lang: string | null): string;
}

async function generator(): Promise<Generator> {
  return (await import(join(ROOT, 'scripts', 'settings-reference.mjs'))) as Generator;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } };

describe('the README settings reference', () => {
  test('both READMEs hold the table the manifest generates (run node scripts/settings-reference.mjs)', async () => {
    const g = await generator();
    assert.deepEqual(Object.keys(g.READMES), ['README.md', 'README.zh-CN.md']);
    for (const [file, lang] of Object.entries(g.READMES)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      assert.equal(g.withSettingsTable(text, manifest, lang), text, `${file} is out of date`);
    }
  });

  test('one row per setting, and a changed default shows in the table', async () => {
    const g = await generator();
    const keys = Object.keys(manifest.contributes.configuration.properties);
    const table = g.settingsTable(manifest, null);
    assert.equal(table.split('\n').filter((l) => l.startsWith('| `dify.')).length, keys.length);
    for (const key of keys) assert.ok(table.includes(`| \`${key}\` |`), key);
    const changed = structuredClone(manifest);
    (changed.contributes.configuration.properties['dify.baseUrl'] as { default: string }).default = 'http://example.test/v1';
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.notEqual(g.withSettingsTable(readme, changed, null), readme);
  });
});
