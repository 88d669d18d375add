// What a release needs besides the code: the licence, the Marketplace icon and banner, a changelog entry for
// the version, no invented project URLs, and an explicit answer for every dependency with an install script.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (f: string): string => readFileSync(join(ROOT, f), 'utf8');
const manifest = JSON.parse(read('package.json')) as Record<string, unknown> & {
  version: string;
  icon: string;
  license: string;
  galleryBanner?: { color?: string; theme?: string };
  allowScripts?: Record<string, boolean>;
};

describe('release hygiene', () => {
  test('LICENSE is the MIT licence the manifest names', () => {
    assert.equal(manifest.license, 'MIT');
    assert.match(read('LICENSE'), /^MIT License\n/);
  });

  test('the icon is a 128x128 PNG', () => {
    const png = readFileSync(join(ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  test('the Marketplace banner has a colour and a theme', () => {
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
  });

  test('no repository, bugs or homepage URL until the project has a public home, and the README says so', () => {
    for (const key of ['repository', 'bugs', 'homepage']) assert.equal(manifest[key], undefined, key);
    assert.match(read('README.md'), /no public home yet/);
  });

  test('CHANGELOG.md has an Unreleased section and one for the current version', () => {
    const changelog = read('CHANGELOG.md');
    assert.match(changelog, /^## \[Unreleased\]$/m);
    assert.ok(changelog.includes(`\n## [${manifest.version}]`), `a section for ${manifest.version}`);
  });

  test('every installed package with an install script is allowed or denied in allowScripts', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([p, info]) => p !== '' && info.hasInstallScript === true && info.optional !== true)
      .map(([p]) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length));
    assert.ok(withScripts.length > 0, 'the lock file records install scripts');
    for (const name of withScripts) assert.equal(typeof manifest.allowScripts?.[name], 'boolean', `allowScripts declares ${name}`);
  });
});
