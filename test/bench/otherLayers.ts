// The report's figures that other layers measure: the shipped sizes (what `npm run package` built, checked as
// budgets by `npm run size`), activate() and the code lenses (written by the integration suites to
// test-results/bench/), and the figures of issue 14 no benchmark measures yet, named so the table shows the gap
// (CPU per answer, first token and traffic are answer.bench.ts's).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addRow, kb, ms, readFigures } from './report';

interface Size {
  bytes?: number;
  gzip?: number;
  goal: number;
  limit: number;
  missing?: boolean;
}

async function sizes(root: string): Promise<void> {
  const script = pathToFileURL(join(root, 'scripts', 'size-budgets.mjs')).href;
  const mod = (await import(script)) as { measureSizes(root: string): Record<string, Size> };
  const names: Record<string, string> = { extension: 'extension bundle (minified)', webview: 'webview bundle (minified)', vsix: '.vsix' };
  for (const [name, s] of Object.entries(mod.measureSizes(root))) {
    const figure = names[name] ?? name;
    if (s.missing || s.bytes === undefined) {
      addRow({ area: 'Size', figure, value: 'not built (run npm run package)', goal: `< ${kb(s.goal)}` });
      continue;
    }
    const gzip = s.gzip === undefined ? '' : ` (${kb(s.gzip)} gzipped)`;
    addRow({ area: 'Size', figure, value: `${kb(s.bytes)}${gzip}`, goal: `< ${kb(s.goal)} (npm test fails over ${kb(s.limit)})`, met: s.bytes <= s.goal });
  }
}

function integrationFigures(root: string): void {
  const activation = readFigures<{ activateMs?: number }>(root, 'activation.json');
  addRow({
    area: 'Activation',
    figure: 'activate() in the extension host (test build)',
    value: activation?.activateMs === undefined ? 'not measured' : ms(activation.activateMs),
    goal: '< 20 ms',
    ...(activation?.activateMs === undefined ? {} : { met: activation.activateMs < 20 }),
    source: 'npm run test:integration -- --grep Activation',
  });
  addRow({ area: 'Activation', figure: 'key reads and requests during activation', value: '0 (tested: test/integration/host/connection/activation.test.ts)', goal: '0', met: true });
  const lenses = readFigures<{ lines: number; lenses: number; uncachedMedianMs: number; cachedMedianMs: number }>(root, 'codelens.json');
  addRow({
    area: 'Code lenses',
    figure: lenses ? `provideCodeLenses, ${lenses.lines} lines (${lenses.lenses} lenses)` : 'provideCodeLenses, 5,000 lines',
    value: lenses ? `uncached median ${ms(lenses.uncachedMedianMs)}, cached ${ms(lenses.cachedMedianMs)}` : 'not measured',
    source: 'npm run test:integration -- --grep "code lens"',
  });
  addRow({ area: 'Memory', figure: 'host heap, 5,000 conversations in the tree', value: 'printed by the integration suite ([memory] line)', goal: '< +30 MB', source: 'npm run test:integration -- --grep "5,000"' });
}

export async function addOtherLayers(root: string): Promise<void> {
  await sizes(root);
  integrationFigures(root);
}
