import * as fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { allProcs } from './procs';

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

/** Chromium features to switch off on top of Playwright's list, and those of its list to leave as Chromium has them. */
export interface ChromiumFeatures {
  disable?: readonly string[];
  keep?: readonly string[];
}

/** The flags every launch passes on top of Playwright's own. */
const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function launch(args: readonly string[] = [], ignoreDefaultArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: process.env['DIFY_HARNESS_HEADED'] ? false : true,
    args: [...BASE_ARGS, ...args],
    ignoreDefaultArgs,
  });
}

/** The `--disable-features=...` switches of the Chromium processes this process started. */
function ownBrowserFeatureSwitches(): string[] {
  return allProcs()
    .filter((p) => p.ppid === process.pid)
    .flatMap((p) => p.argv.filter((a) => a.startsWith('--disable-features=')));
}

/**
 * Playwright's own `--disable-features` switches, read once from a first launch. Browsers of this process already
 * running are read too: theirs are Playwright's list or one merged into it, so taking them all adds nothing else.
 */
let playwrightSwitches: string[] | undefined;

async function playwrightFeatureSwitches(): Promise<string[]> {
  if (!playwrightSwitches) {
    const probe = await launch();
    playwrightSwitches = [...new Set(ownBrowserFeatureSwitches())];
    await probe.close();
  }
  return playwrightSwitches;
}

/**
 * Launches the system Chromium through playwright-core (which downloads nothing). The flags keep it quiet
 * and make it work as root in a container; the workbench is served over plain http on 127.0.0.1, which
 * browsers treat as a secure context, so webviews and their service worker work.
 * `features.disable` are added to Playwright's own `--disable-features` list (Chromium keeps only the last copy of
 * a switch, so a second one would turn Playwright's back on; its list is read from a first launch, once), and
 * `features.keep` are taken off it, so they stay as Chromium has them.
 */
export async function launchChromium(features: ChromiumFeatures = {}): Promise<Browser> {
  const disableFeatures = features.disable ?? [];
  const keep = new Set(features.keep ?? []);
  if (disableFeatures.length === 0 && keep.size === 0) return launch();
  const defaults = await playwrightFeatureSwitches();
  const merged = [...new Set([...defaults.flatMap((d) => d.slice('--disable-features='.length).split(',')), ...disableFeatures])].filter((f) => f !== '' && !keep.has(f));
  const browser = await launch([`--disable-features=${merged.join(',')}`], defaults);
  // Other browsers of this process may be running; one of the switches must now be the merged list.
  const now = ownBrowserFeatureSwitches();
  if (!now.some((sw) => merged.every((f) => sw.split(/[=,]/).includes(f)))) {
    await browser.close();
    throw new Error(`Chromium was not launched with one merged --disable-features list: ${now.join(' ')}`);
  }
  return browser;
}
