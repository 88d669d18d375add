// What the manifest promises about where the extension runs, and that the README explains it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/**
 * The keys that appear twice in one object of `json` (JSON.parse keeps the last and drops the first in silence,
 * so a merge that leaves two "keybindings" arrays loses one). A scan of strings and brackets; no regex.
 */
function duplicateKeys(json: string): string[] {
  const dups: string[] = [];
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const text = json.slice(i + 1, j);
      const keys = stack.at(-1);
      if (expectKey && keys) {
        if (keys.has(text)) dups.push(text);
        keys.add(text);
      }
      expectKey = false;
      i = j;
    } else if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      expectKey = stack.at(-1) != null;
    }
  }
  return dups;
}

describe('manifest: JSON files have no duplicate keys', () => {
  test('the scan finds a duplicate, in nested objects too', () => {
    assert.deepEqual(duplicateKeys('{"a": 1, "b": {"c": [1, {"d": 2, "d": 3}]}, "a": "x\\"y"}'), ['d', 'a']);
    assert.deepEqual(duplicateKeys('{"a": ["a", "a"], "b": {"a": 1}}'), []);
  });

  const files = ['package.json', ...readdirSync(ROOT).filter((f) => /^package\.nls(\.[\w-]+)?\.json$/.test(f))];
  const l10n = join(ROOT, 'l10n');
  if (existsSync(l10n)) files.push(...readdirSync(l10n).filter((f) => f.endsWith('.json')).map((f) => join('l10n', f)));
  for (const file of files) {
    test(file, () => assert.deepEqual(duplicateKeys(readFileSync(join(ROOT, file), 'utf8')), []));
  }
});
