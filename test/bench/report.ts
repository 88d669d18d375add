// The one report `npm run bench` prints and writes (test-results/bench/report.json, for comparing commits):
// one row per figure, each beside its baseline measured in the same run where it has one, and its goal.
// Benchmarks add rows; index.ts adds the figures other layers wrote (sizes from `npm run package`, activation
// and code lenses from the integration suites) and names what is not measured yet. Never fails on time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export interface Row {
  area: string;
  figure: string;
  value: string;
  /** The same-run baseline, when there is one. */
  baseline?: string;
  goal?: string;
  /** Whether the goal is met: undefined when there is no goal or the figure was not measured. */
  met?: boolean;
  /** Where a figure not measured by this run comes from. */
  source?: string;
}

const rows: Row[] = [];

export function addRow(row: Row): void {
  rows.push(row);
}

export const ms = (n: number): string => (n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(n < 10 ? 2 : 1)} ms`);
export const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

/** A JSON figure another layer wrote under test-results/bench/, or undefined. */
export function readFigures<T>(root: string, name: string): T | undefined {
  const file = join(root, 'test-results', 'bench', name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function cell(s: string | undefined): string {
  return (s ?? '').replace(/\|/g, '\\|');
}

/** The table (Markdown, so the README can hold it as printed) and the JSON file. */
export function printReport(root: string): void {
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadavg()[0]?.toFixed(1)}, Node ${process.version}`;
  const lines = [
    '| Area | Figure | Value | Baseline (same run) | Goal | Met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${cell(r.area)} | ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.baseline)} | ${cell(r.goal)} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`,
    ),
  ];
  console.log(`\n== report (${machine})\n`);
  console.log(lines.join('\n'));
  const dir = join(root, 'test-results', 'bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'report.json');
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, rows }, null, 2));
  console.log(`\nwritten to ${join('test-results', 'bench', 'report.json')}`);
}
