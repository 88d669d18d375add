// A node:test reporter that writes only the run's final counts as JSON (used next to the spec reporter by
// run-unit.mjs, so `npm test` can end with one summary line). The root test's closing diagnostics carry the
// totals ("tests 12", "pass 12", "fail 0", ...); the last value seen for each wins.
export default async function* countsReporter(source) {
  const counts = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  for await (const event of source) {
    if (event.type !== 'test:diagnostic' || event.data.nesting !== 0) continue;
    const m = /^(tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(event.data.message);
    if (m) counts[m[1]] = Number(m[2]);
  }
  yield JSON.stringify(counts);
}
