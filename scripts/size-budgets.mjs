// `npm run size` (a step of `npm test`, after `npm run package`): the shipped sizes against their budgets. Sizes
// are deterministic, so unlike the timings of `npm run bench` they are checked: a bundle or a .vsix over its
// limit fails. Each budget has the goal the performance report sets and the limit enforced; where today's size
// misses its goal the limit holds today's size (a ratchet: it may not grow), and the line says the goal is missed.
//
// Measures what `npm run package` built: dist/extension.js and dist/webview.js (production: minified) and the
// .vsix in dist-vsix/. `npm run bench` imports measureSizes() for its report.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const KB = 1024;

/** The budgets, in bytes. `goal`: the performance report's; `limit`: what fails the check. */
export const BUDGETS = {
  // Goal 150 KB; the bundle was 217.5 KB when the budget was set (all own code: the host's features and the words
  // of every problem), so the limit stops growth until the goal is reached (see the README's Performance section).
  // Attachments and speech (issue 13) added about 20 KB: the ratchet moved once, to 240 KB.
  extension: { goal: 150 * KB, limit: 240 * KB, file: 'dist/extension.js' },
  webview: { goal: 400 * KB, limit: 400 * KB, file: 'dist/webview.js' },
  vsix: { goal: 1024 * KB, limit: 1024 * KB, file: '' },
};

function vsixPath(root) {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(root, 'dist-vsix', `${name}-${version}.vsix`);
}

/** True when `file` is a production bundle (minified, no source map). */
function isProduction(text) {
  return !text.includes('sourceMappingURL=');
}

/**
 * The sizes of the shipped artefacts under `root`: bytes and gzipped bytes of each bundle, bytes of the .vsix.
 * A missing artefact is reported as `missing`.
 */
export function measureSizes(root = process.cwd()) {
  const out = {};
  for (const [name, budget] of Object.entries(BUDGETS)) {
    const file = name === 'vsix' ? vsixPath(root) : join(root, budget.file);
    if (!existsSync(file)) {
      out[name] = { missing: true, goal: budget.goal, limit: budget.limit };
      continue;
    }
    const bytes = statSync(file).size;
    const entry = { bytes, goal: budget.goal, limit: budget.limit };
    if (name !== 'vsix') {
      const text = readFileSync(file);
      entry.gzip = gzipSync(text, { level: 9 }).length;
      entry.production = isProduction(text.toString('utf8'));
    }
    out[name] = entry;
  }
  return out;
}

const kb = (n) => `${(n / KB).toFixed(1)} KB`;

/** The check: one line per artefact, and the list of failures (over the limit, missing, or not a production build). */
export function checkSizes(sizes) {
  const lines = [];
  const failures = [];
  for (const [name, s] of Object.entries(sizes)) {
    if (s.missing) {
      failures.push(`${name}: not built (run npm run package first)`);
      continue;
    }
    if (s.production === false) failures.push(`${name}: not a production build (it refers to a source map)`);
    const gzip = s.gzip === undefined ? '' : `, ${kb(s.gzip)} gzipped`;
    const goal = s.bytes <= s.goal ? `goal ${kb(s.goal)} met` : `goal ${kb(s.goal)} NOT met`;
    lines.push(`  ${name.padEnd(9)} ${kb(s.bytes).padStart(9)}${gzip}; limit ${kb(s.limit)}, ${goal}`);
    if (s.bytes > s.limit) failures.push(`${name}: ${kb(s.bytes)} is over its limit of ${kb(s.limit)}`);
  }
  return { lines, failures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { lines, failures } = checkSizes(measureSizes());
  console.log('size budgets:');
  for (const l of lines) console.log(l);
  if (failures.length) {
    console.error(`size: ${failures.join('; ')}`);
    process.exit(1);
  }
}
