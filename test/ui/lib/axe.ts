// axe-core (the pinned dev dependency) run inside the chat webview's document. The page's CSP allows only its
// own nonce'd script, so axe is evaluated through the browser's debugging protocol, which the CSP does not
// govern; the page itself never loads it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { repoRoot } from '../../harness/paths';

let source: string | undefined;

/** The WCAG 2.1 A and AA rule sets. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string; failureSummary: string; any?: Array<{ data?: unknown }> }>;
}

async function frameOf(frame: FrameLocator): Promise<Frame> {
  const handle = await frame.locator('html').elementHandle();
  const owner = await handle?.ownerFrame();
  if (!owner) throw new Error('axe: the chat webview has no document');
  return owner;
}

/**
 * The colour the workbench paints behind the chat view. A webview view is transparent over the side bar, and axe
 * cannot see through the iframe (it would measure the text against white), so the run lends the page that colour.
 */
export async function sideBarBackground(page: Page): Promise<string> {
  return page.locator('.part.sidebar').evaluate((el) => getComputedStyle(el).backgroundColor);
}

/**
 * Runs axe over the chat webview's document, over `background` (see {@link sideBarBackground}), and returns the
 * violations of `minImpact` or worse.
 */
export async function axeViolations(frame: FrameLocator, background: string, minImpact: 'serious' | 'moderate' = 'serious'): Promise<AxeViolation[]> {
  const doc = await frameOf(frame);
  source ??= fs.readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  if (!(await doc.evaluate('typeof window.axe === "object"'))) await doc.evaluate(`${source}\n;0`);
  const violations = (await doc.evaluate(async ({ tags, background }) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Array<{ id: string }>; passes: Array<{ id: string }> }> } }).axe;
    const root = document.documentElement;
    const before = root.style.backgroundColor;
    root.style.backgroundColor = background;
    try {
      const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      // A run that checked no text's contrast (nothing measured) could never fail on it: say so.
      if (!result.passes.some((r) => r.id === 'color-contrast') && !result.violations.some((r) => r.id === 'color-contrast')) {
        throw new Error('axe measured the contrast of no text');
      }
      return result.violations;
    } finally {
      root.style.backgroundColor = before;
    }
  }, { tags: [...WCAG_21_AA], background })) as AxeViolation[];
  const rank = (impact: string | null): number => ['minor', 'moderate', 'serious', 'critical'].indexOf(impact ?? 'minor');
  return violations.filter((v) => rank(v.impact) >= rank(minImpact));
}

/** One line per violation and node, for an assertion message a reader can act on. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact ?? '?'} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.html.slice(0, 160)}${n.any?.[0]?.data ? ` ${JSON.stringify(n.any[0].data)}` : ''}`)).join('\n');
}

/** The roles a person operates (as the browser's accessibility tree names them). */
const CONTROL_ROLES = ['button', 'link', 'textbox', 'searchbox', 'combobox', 'listbox', 'checkbox', 'radio', 'switch', 'tab', 'menuitem', 'slider', 'spinbutton'];

export interface ControlName {
  role: string;
  /** The name a screen reader says ('' when there is none). */
  name: string;
}

/**
 * Every control on screen in the chat webview with the name the accessibility tree gives it (Playwright's aria
 * snapshot: what the browser computes, through the toolkit's shadow roots; hidden controls are not in it).
 */
export async function controlNames(frame: FrameLocator): Promise<ControlName[]> {
  const snapshot = await frame.locator('body').ariaSnapshot();
  const line = new RegExp(`^\\s*- (${CONTROL_ROLES.join('|')})(?: "((?:[^"\\\\]|\\\\.)*)")?(?=$|[ :\\[])`);
  const controls: ControlName[] = [];
  for (const text of snapshot.split('\n')) {
    const m = line.exec(text);
    if (m?.[1]) controls.push({ role: m[1], name: m[2] === undefined ? '' : (JSON.parse(`"${m[2]}"`) as string) });
  }
  return controls;
}
