// The translations are complete and in step with the code: the English bundle is exactly what the source
// translates (scripts/l10n-extract.mjs), the Chinese one has every key and no other, each translation keeps
// the English placeholders, and every `%key%` of the manifest has its words in both languages.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script, without type declarations.
import { BUNDLE, bundleText, extractMessages } from '../../scripts/l10n-extract.mjs';

const ROOT = join(__dirname, '..', '..');
const readJson = (file: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
const extracted = (extractMessages as (root?: string) => { messages: Map<string, string[]>; dynamic: string[] })(ROOT);

/** The languages besides English the extension ships, with VS Code's language id. */
const LANGUAGES = ['zh-cn'];

/** `{0}`, `{1}`… of a sentence, sorted (a translation may reorder them, not add or drop one). */
function placeholders(s: string): string[] {
  return (s.match(/\{\d+\}/g) ?? []).sort();
}

/** The `(command:…)` links of a welcome view, in order: a translation must keep every button working. */
function commandLinks(s: string): string[] {
  return s.match(/\]\(command:[^)]*\)/g) ?? [];
}

function keyDiff(actual: Record<string, unknown>, expected: Record<string, unknown>): { missing: string[]; unused: string[] } {
  return {
    missing: Object.keys(expected).filter((k) => !Object.hasOwn(actual, k)),
    unused: Object.keys(actual).filter((k) => !Object.hasOwn(expected, k)),
  };
}

/** Every string of the manifest that names an entry of package.nls.json (`%key%`). */
function manifestKeys(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m?.[1] !== undefined) out.push(m[1]);
  } else if (Array.isArray(value)) for (const v of value) manifestKeys(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) manifestKeys(v, out);
  return out;
}

describe('l10n: the host and panel bundle', () => {
  test('l10n/bundle.l10n.json is what the source translates (run `npm run l10n` after changing a sentence)', () => {
    assert.equal(BUNDLE, join(ROOT, 'l10n', 'bundle.l10n.json'));
    const english = readJson('l10n/bundle.l10n.json');
    const expected = Object.fromEntries([...extracted.messages.keys()].map((m) => [m, m]));
    assert.deepEqual(keyDiff(english, expected), { missing: [], unused: [] }, 'sentences missing from the bundle, or no longer in the code');
    for (const [k, v] of Object.entries(english)) assert.equal(v, k, `the English entry of "${k}" is the sentence itself`);
    assert.equal(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'), (bundleText as (m: Map<string, string[]>) => string)(extracted.messages), 'written as the script writes it');
  });

  test('the extractor finds the sentences of the host, the messages table and the panel', () => {
    const where = (message: string): string[] => extracted.messages.get(message) ?? [];
    assert.ok(where('Send Key').some((at) => at.startsWith('src/host/connection/originConsent.ts:')), 'an injected t in the host');
    assert.ok(where('Nothing is listening at {0}. Start Dify (e.g. docker compose up -d) or fix the base URL.').some((at) => at.startsWith('src/host/messages/')), 'the messages table');
    assert.ok(where('Message Dify').some((at) => at.startsWith('webview/components/composer.ts:')), 'the panel');
    assert.ok(where('Explain').some((at) => at.startsWith('src/host/ask/builtInTemplates.ts:')), 'the built-in templates');
  });

  test('every translate call names its sentence as one plain string (so the bundle can hold it)', () => {
    // The one exception is the binding of vscode.l10n.t itself, which passes every sentence through.
    // (Its file, not its line: an import added above it must not break this test.)
    assert.deepEqual(extracted.dynamic.map((at) => at.replace(/:\d+$/, '')), ['src/host/messages.ts']);
  });

  for (const language of LANGUAGES) {
    test(`${language}: every sentence translated, none left over, the placeholders kept`, () => {
      const english = readJson('l10n/bundle.l10n.json');
      const translated = readJson(`l10n/bundle.l10n.${language}.json`);
      assert.deepEqual(keyDiff(translated, english), { missing: [], unused: [] });
      for (const [k, v] of Object.entries(translated)) {
        assert.ok(typeof v === 'string' && v.trim() !== '', `"${k}" has a translation`);
        assert.deepEqual(placeholders(v), placeholders(k), `the placeholders of "${k}"`);
      }
    });
  }
});

describe('l10n: the manifest (package.nls.json)', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { l10n?: unknown; contributes: Record<string, unknown> };
  const english = readJson('package.nls.json');
  const used = manifestKeys(manifest);

  test('the manifest points VS Code at the l10n folder', () => {
    assert.equal(manifest.l10n, './l10n');
  });

  test('every %placeholder% has an English entry, and every entry is used', () => {
    assert.deepEqual(keyDiff(english, Object.fromEntries(used.map((k) => [k, k]))), { missing: [], unused: [] });
  });

  test('the words people read come from package.nls.json, not from the manifest itself', () => {
    const { commands, views, viewsWelcome, configuration, submenus } = manifest.contributes as {
      commands: Array<{ title: string; category?: string }>;
      views: Record<string, Array<{ name: string }>>;
      viewsWelcome: Array<{ contents: string }>;
      configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string; enumDescriptions?: string[] }> };
      submenus: Array<{ label: string }>;
    };
    const named = (s: string | undefined): boolean => s === undefined || /^%[^%\s]+%$/.test(s);
    for (const c of commands) assert.ok(named(c.title) && named(c.category), `command title ${c.title}`);
    for (const v of Object.values(views).flat()) assert.ok(named(v.name), `view ${v.name}`);
    for (const w of viewsWelcome) assert.ok(named(w.contents), `welcome ${w.contents}`);
    for (const s of submenus) assert.ok(named(s.label), `submenu ${s.label}`);
    assert.ok(named(configuration.title));
    for (const [key, p] of Object.entries(configuration.properties)) {
      assert.ok(named(p.description) && named(p.markdownDescription), `setting ${key}`);
      for (const d of p.enumDescriptions ?? []) assert.ok(named(d), `setting ${key}: ${d}`);
    }
    assert.ok(named(manifest['displayName'] as string) && named(manifest['description'] as string));
  });

  for (const language of LANGUAGES) {
    test(`${language}: every entry translated, none left over, placeholders and command links kept`, () => {
      const translated = readJson(`package.nls.${language}.json`);
      assert.deepEqual(keyDiff(translated, english), { missing: [], unused: [] });
      for (const [k, v] of Object.entries(translated)) {
        const en = english[k] ?? '';
        assert.ok(typeof v === 'string' && v.trim() !== '', `${k} has a translation`);
        assert.deepEqual(placeholders(v), placeholders(en), `the placeholders of ${k}`);
        assert.deepEqual(commandLinks(v), commandLinks(en), `the command links of ${k}`);
      }
    });
  }
});
