// Opens the real VS Code workbench (code-server) in Chromium with the extension loaded from source, next to
// a Dify simulator, for the UI tests. Each test file opens its own workbench in `before` and closes it in
// `after`, so files never see each other's state.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../harness/browser';
import { startCodeServer } from '../../harness/codeServer';
import type { CodeServer } from '../../harness/codeServer';
import type { DisplayLanguage } from '../../harness/languagePack';
import { extensionId, repoRoot } from '../../harness/paths';
import { simulatorEnv, startSimulator } from '../../harness/sim';
import type { Simulator, SimulatorOptions } from '../../harness/sim';
import { currentThemeKind, setColorTheme } from './settings';
import type { ThemeKind } from './settings';
import { ISOLATED_WEBVIEW_FEATURES, isolateWebviews } from './webviewOrigin';

export interface WorkbenchOptions {
  /** Simulator options (e.g. `{ tokenDelayMs: 20 }`), or `false` to start none. */
  sim?: SimulatorOptions | false;
  /**
   * Hand the simulator's chat app to the extension through DIFY_DEV_BASE_URL / DIFY_DEV_API_KEY (it seeds a
   * "Simulator" profile from them when loaded from source). Default true; false shows the unconfigured state.
   */
  connectToSimulator?: boolean;
  /** Which simulator app DIFY_DEV_API_KEY carries the key of (default `chat`). */
  simulatorApp?: keyof Simulator['keys'];
  /** User settings, over the defaults below. */
  userSettings?: Record<string, unknown>;
  /** More environment variables for the extension host. */
  env?: Record<string, string>;
  /** Files to create in the workspace folder before the workbench opens (relative path -> content). */
  workspaceFiles?: Record<string, string>;
  /** Leave workspace trust on (the folder opens in Restricted Mode until trusted). */
  workspaceTrust?: boolean;
  /** The color theme to start in (default `dark`), so screenshots are comparable. */
  theme?: ThemeKind;
  /** Browser viewport; default 1400x900. */
  viewport?: { width: number; height: number };
  /** Extensions to install (.vsix files) before the workbench opens. */
  vsix?: readonly string[];
  /** Load the extension from this repository (extensionDevelopmentPath). Default true; false runs only what is installed. */
  fromSource?: boolean;
  /** VS Code's display language (a language pack is installed for it); default English. */
  locale?: DisplayLanguage;
  /** Serve webviews from their own site, so each runs in its own renderer process (see webviewOrigin.ts). */
  isolateWebviews?: boolean;
}

export interface Workbench {
  readonly page: Page;
  readonly browser: Browser;
  readonly server: CodeServer;
  /** Undefined when started with `sim: false`. */
  readonly sim: Simulator | undefined;
  /** Console messages of the page that were errors (for assertions and failure reports). */
  readonly consoleErrors: string[];
  /** The user settings file of this workbench (see {@link updateUserSettings} in settings.ts). */
  readonly settingsFile: string;
  close(): Promise<void>;
}

/** Settings every UI test starts from: no distractions, so screenshots are comparable. */
const uiDefaults: Record<string, unknown> = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': true,
  'editor.minimap.enabled': false,
  // updateUserSettings() types settings.json through the editor: it must insert the text verbatim.
  '[jsonc]': {
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoIndent': 'none',
    'editor.autoSurround': 'never',
    'editor.formatOnType': false,
    'editor.formatOnPaste': false,
    'editor.suggestOnTriggerCharacters': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
  },
};

const open = new Set<Workbench>();

/** The workbenches currently open (the UI runner screenshots them when a test fails). */
export function openWorkbenches(): readonly Workbench[] {
  return [...open];
}

/** Starts simulator + code-server + Chromium and waits until the workbench shows the Dify activity bar entry. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const sim = options.sim === false ? undefined : await startSimulator(options.sim ?? {});
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const env: Record<string, string> = { ...(sim ? simulatorEnv(sim) : {}) };
    if (sim && options.connectToSimulator !== false) {
      env['DIFY_DEV_BASE_URL'] = sim.baseUrl;
      env['DIFY_DEV_API_KEY'] = sim.keys[options.simulatorApp ?? 'chat'];
    }
    Object.assign(env, options.env);
    server = await startCodeServer({
      env,
      userSettings: { ...uiDefaults, ...options.userSettings },
      disableWorkspaceTrust: !options.workspaceTrust,
      ...(options.vsix ? { vsix: options.vsix } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    });
    for (const [rel, content] of Object.entries(options.workspaceFiles ?? {})) {
      const file = path.join(server.workspaceFolder, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    browser = await launchChromium(options.isolateWebviews ? ISOLATED_WEBVIEW_FEATURES : {});
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/open-vsx\.org|vsda/.test(m.text())) consoleErrors.push(m.text());
    });
    const fromSource: ReadonlyArray<readonly [string, string]> = options.fromSource === false ? [] : [['extensionDevelopmentPath', server.remoteUri(repoRoot)]];
    const unroute = options.isolateWebviews ? await isolateWebviews(page) : undefined;
    await page.goto(server.workbenchUrl([...fromSource, ['skipWelcome', 'true']]));
    await unroute?.();
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The container's activity bar entry appears once the workbench has read the extension's manifest.
    await difyActivityItem(page).waitFor({ timeout: 60_000 });

    const s = server;
    const b = browser;
    let closed = false;
    const wb: Workbench = {
      page,
      browser: b,
      server: s,
      sim,
      consoleErrors,
      settingsFile: path.join(s.userDataDir, 'User', 'settings.json'),
      async close() {
        if (closed) return;
        closed = true;
        open.delete(wb);
        await b.close().catch(() => undefined);
        await s.stop();
        await sim?.close();
      },
    };
    // A workbench opened for extension development starts in Light+ whatever settings.json says: set it here.
    const theme = options.theme ?? 'dark';
    if ((await currentThemeKind(wb)) !== theme) await setColorTheme(wb, theme);
    open.add(wb);
    return wb;
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await sim?.close();
    throw e;
  }
}

/** The Dify entry of the activity bar. */
export function difyActivityItem(page: Page): ReturnType<Page['locator']> {
  return page.locator('.part.activitybar a.action-label[aria-label^="Dify"]');
}

/** The CSS selector of this extension's webview iframes (the outer frame; the content is in `#active-frame`). */
export const extensionWebviewSelector = `iframe.webview[src*="extensionId=${extensionId}"]`;
