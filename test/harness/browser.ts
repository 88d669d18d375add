import * as fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Where to find a Chromium: $CHROMIUM_PATH, else the Debian package's binary, else other common names. */
export function chromiumPath(): string {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ].filter((c): c is string => !!c);
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) {
    throw new Error(
      'No Chromium found (looked at /usr/bin/chromium and friends). Run scripts/ensure-os-deps.sh as root, ' +
        '`apt-get install chromium`, or set CHROMIUM_PATH to a Chrome/Chromium binary.',
    );
  }
  return found;
}

/**
 * Launches the system Chromium through playwright-core (which downloads nothing). The flags keep it quiet
 * and make it work as root in a container; the workbench is served over plain http on 127.0.0.1, which
 * browsers treat as a secure context, so webviews and their service worker work.
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: process.env['DIFY_HARNESS_HEADED'] ? false : true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}
