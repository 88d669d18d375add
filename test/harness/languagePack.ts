// A display language for code-server, made offline. Without a language pack `--locale zh-cn` changes nothing
// (VS Code stays English, `vscode.env.language` is `en`). With one, VS Code loads the extension's
// package.nls.<language>.json and l10n/bundle.l10n.<language>.json itself, as on a user's Chinese desktop.
// The pack made here is empty (the workbench's own words stay English), which is all testing the extension
// needs: its words are what is checked.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The display languages the harness can start code-server in. */
export type DisplayLanguage = 'zh-cn';

const PACKS: Record<DisplayLanguage, { name: string; languageName: string; localizedLanguageName: string }> = {
  'zh-cn': { name: 'test-language-pack-zh-cn', languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)' },
};

const PUBLISHER = 'dify-test';
const VERSION = '1.0.0';

/**
 * Builds the language pack of `language` as a .vsix in `workDir` (with the project's own vsce, offline) and
 * returns it, with what {@link writeLanguagePacksJson} needs once it is installed.
 */
export function buildLanguagePack(language: DisplayLanguage, workDir: string): { vsix: string; id: string; folderName: string } {
  const pack = PACKS[language];
  const dir = path.join(workDir, pack.name);
  fs.mkdirSync(path.join(dir, 'translations'), { recursive: true });
  const manifest = {
    name: pack.name,
    publisher: PUBLISHER,
    version: VERSION,
    displayName: `${pack.languageName} (test)`,
    description: 'An empty language pack, so the workbench runs in this display language during the tests.',
    license: 'MIT',
    engines: { vscode: '^1.90.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: language,
          languageName: pack.languageName,
          localizedLanguageName: pack.localizedLanguageName,
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(dir, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  // vsce takes a while on a busy machine: the same pack is built once and kept in the temp folder.
  const hash = createHash('sha256').update(JSON.stringify(manifest)).digest('hex').slice(0, 12);
  const vsix = path.join(os.tmpdir(), `dify-vscode-${pack.name}-${hash}.vsix`);
  const done = { vsix, id: `${PUBLISHER}.${pack.name}`, folderName: `${PUBLISHER}.${pack.name}-${VERSION}` };
  if (fs.existsSync(vsix)) return done;
  const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const partial = `${vsix}.${process.pid}.partial.vsix`;
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', partial], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Packaging the ${language} language pack failed:\n${r.stdout}${r.stderr}`);
  fs.renameSync(partial, vsix);
  return done;
}

/**
 * `code-server --install-extension` does not write the cache VS Code reads its language packs from at start,
 * so write `<user-data-dir>/languagepacks.json` for the installed pack.
 */
export function writeLanguagePacksJson(language: DisplayLanguage, userDataDir: string, extensionsDir: string, pack: { id: string; folderName: string }): void {
  const translations = path.join(extensionsDir, pack.folderName, 'translations', 'main.i18n.json');
  if (!fs.existsSync(translations)) throw new Error(`The ${language} language pack is not installed where expected (${translations})`);
  const cache = {
    [language]: {
      hash: `${pack.id}-${VERSION}`,
      label: PACKS[language].localizedLanguageName,
      extensions: [{ extensionIdentifier: { id: pack.id }, version: VERSION }],
      translations: { vscode: translations },
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(cache, null, 2));
}
