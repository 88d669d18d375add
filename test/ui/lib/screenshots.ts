import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { testResultsDir } from '../../harness/paths';

/** Folder for UI screenshots (git-ignored). */
export const screenshotDir = path.join(testResultsDir, 'screenshots');

/** Saves a screenshot of the whole workbench as test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}
