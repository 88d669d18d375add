// The screenshots the README shows are taken by the UI tests. Each run saves them under
// test-results/screenshots/readme/; with DIFY_README_SHOTS=1 (`npm run readme:shots`) they are also written to
// media/readme/, where the README (and the packaged extension's page) find them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../../harness/paths';
import { screenshotDir } from './screenshots';

/** Where the committed README screenshots live. */
export const readmeMediaDir = path.join(repoRoot, 'media', 'readme');

/** Screenshots `what` (default: the side bar) as `<name>.png` for the README. */
export async function readmeShot(page: Page, name: string, what?: Locator): Promise<string> {
  const dir = path.join(screenshotDir, 'readme');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await (what ?? page.locator('.part.sidebar')).screenshot({ path: file });
  if (process.env['DIFY_README_SHOTS'] === '1') {
    fs.mkdirSync(readmeMediaDir, { recursive: true });
    fs.copyFileSync(file, path.join(readmeMediaDir, `${name}.png`));
  }
  return file;
}
