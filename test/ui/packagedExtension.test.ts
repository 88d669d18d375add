// The packaged extension (the .vsix `npm run package` builds) in a clean code-server, beside a second extension
// that looks for the key (test/fixtures/key-probe). A key is entered the way a user does (Dify: Set API Key);
// the probe then activates Dify, reads every extension's exports, runs the dify.* commands that ask nothing,
// reads its own secret storage and state under Dify's names and every file of the user data folder, and writes
// what it saw. Nothing it saw holds the key, and nothing it was handed leads to one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keyProbeVsix, packagedVsix } from '../harness/packaged';
import { repoRoot } from '../harness/paths';
import { startSimulator } from '../harness/sim';
import type { Simulator } from '../harness/sim';
import { answerCount, notifications, openDifyContainer, openWorkbench, quickInput, runCommand, screenshot, viewHeader, waitForAnswerAt, waitForChatWebview } from './lib';
import type { Workbench } from './lib';

/** src/host/testSeam.ts TEST_SEAM_NOTICE: the sentence only a bundle with the test seam holds. */
const SEAM_NOTICE = 'Test build: activate() returns the integration test seam.';

/** The extension's code under a dist/ folder: the entry and every ES module chunk it loads (dist/esm/). */
function extensionCode(dist: string): string {
  const esm = path.join(dist, 'esm');
  const chunks = fs.existsSync(esm) ? (fs.readdirSync(esm, { recursive: true }) as string[]).filter((f) => f.endsWith('.mjs')).map((f) => path.join(esm, f)) : [];
  assert.ok(chunks.length > 0, `no ES module chunks under ${esm}`);
  return [path.join(dist, 'extension.js'), ...chunks].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

interface ProbeReport {
  dify: { found: boolean; active: boolean; exportsType: string; exported: string[] };
  extensions: Array<{ id: string; active: boolean; exportsType: string; exported: string[] }>;
  commands: { dify: string[]; run: Array<{ id: string; result: string }>; notRun: string[] };
  secrets: Array<{ key: string; value: string | null }>;
  globalState: Array<{ key: string; value: string }>;
  workspaceState: Array<{ key: string; value: string }>;
  configuration: string;
  files: Array<{ path: string; size: number; text: string }>;
}

describe('The packaged extension, beside a curious extension', function () {
  let sim: Simulator;
  let wb: Workbench;
  let tmp: string;
  let resultFile: string;
  let key: string;

  before(async function () {
    // Building the .vsix (when stale) and the probe comes on top of opening a workbench.
    this.timeout(300_000);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dify-packaged-'));
    resultFile = path.join(tmp, 'probe-result.json');
    const vsix = packagedVsix();
    const probe = await keyProbeVsix(tmp);
    sim = await startSimulator();
    key = sim.keys.chat;
    wb = await openWorkbench({
      sim: false,
      fromSource: false,
      vsix: [vsix, probe],
      userSettings: { 'dify.baseUrl': sim.baseUrl },
      env: { KEY_PROBE_RESULT: resultFile },
    });
  });

  after(async function () {
    await wb?.close();
    await sim?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the installed bundle is a production build without the test seam (the test build has it)', function () {
    const installed = path.join(wb.server.tempDir, 'extensions', 'dify-community.dify-vscode-0.1.0', 'dist', 'extension.js');
    assert.ok(fs.existsSync(installed), `not installed where expected: ${installed}`);
    assert.ok(!extensionCode(path.dirname(installed)).includes(SEAM_NOTICE), 'the packaged bundle holds the test seam');
    // The same check on the test build proves that it can see a seam.
    assert.ok(extensionCode(path.join(repoRoot, 'dist')).includes(SEAM_NOTICE), 'the test build has no seam to find');
  });

  it('a key entered with "Dify: Set API Key" is stored and used', async function () {
    const { page } = wb;
    await runCommand(page, 'Dify: Set API Key');
    const input = quickInput(page).locator('input.input');
    await quickInput(page).getByText('API key for "Dify"').waitFor();
    await input.fill(key);
    await page.keyboard.press('Enter');
    await notifications(page).filter({ hasText: 'API key saved: "Dify" is connected to "Sim Chatbot"' }).waitFor();
    await screenshot(page, 'packaged-key-saved');
  });

  it('the second extension finds no key and no way to one', async function () {
    const { page } = wb;
    const infoBefore = sim.stats.requests['GET /v1/info'] ?? 0;
    await runCommand(page, 'Key Probe: Look for the Dify Key');
    await notifications(page).filter({ hasText: 'Key Probe: finished.' }).waitFor({ timeout: 60_000 });
    const report = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ProbeReport;
    printSummary(report);

    // activate() hands out nothing.
    assert.equal(report.dify.found, true);
    assert.equal(report.dify.active, true);
    assert.equal(report.dify.exportsType, 'undefined');
    assert.deepEqual(report.dify.exported, []);
    assert.equal(report.extensions.find((e) => e.id === 'dify-community.dify-vscode')?.exportsType, 'undefined');
    // Its own secret storage and state under Dify's names hold nothing of Dify's.
    assert.ok(report.secrets.length >= 3);
    assert.deepEqual(report.secrets.filter((s) => s.value !== null), []);
    assert.deepEqual([...report.globalState, ...report.workspaceState].map((s) => s.key), []);
    // The commands it could run return nothing; the ones that ask the user were not run.
    assert.ok(report.commands.dify.includes('dify.setApiKey') && report.commands.dify.includes('dify.testConnection'));
    assert.deepEqual(report.commands.run.filter((r) => r.result !== 'undefined'), []);
    assert.ok(report.commands.run.some((r) => r.id === 'dify.testConnection'), 'Test Connection ran');
    // The key was live while the probe looked: Test Connection, run by the probe, sent it to the simulator.
    assert.ok((sim.stats.requests['GET /v1/info'] ?? 0) > infoBefore, 'the key was used during the probe');
    // It read Dify's own log among the files, and the key is in none of what it saw.
    assert.ok(report.files.some((f) => /dify-community\.dify-vscode/.test(f.path) && f.text.includes('Test Connection "Dify"')), 'the probe read Dify\'s log files');
    const seen = JSON.stringify(report);
    assert.ok(!seen.includes(key) && !seen.includes(key.slice('app-'.length)), 'the key is in what the probe saw');
  });

  it('the installed extension chats: a question typed into its panel gets a streamed answer from Dify', async function () {
    const { page } = wb;
    const before = sim.stats.requests['POST /v1/chat-messages'] ?? 0;
    await openDifyContainer(page);
    await viewHeader(page, 'Conversations').click();
    const frame = await waitForChatWebview(page);
    await frame.getByRole('heading', { name: 'Sim Chatbot' }).waitFor();
    const box = frame.getByRole('textbox', { name: 'Message Dify' });
    await box.click();
    await box.fill('Show me a code sample, packaged');
    const answers = await answerCount(frame);
    await box.press('Enter');
    const answer = await waitForAnswerAt(frame, answers);
    assert.match(await answer.innerText(), /You asked/);
    assert.equal(await answer.getAttribute('data-status'), 'done');
    assert.equal((sim.stats.requests['POST /v1/chat-messages'] ?? 0) - before, 1, 'one chat request reached the simulator');
    await screenshot(page, 'packaged-chat');
  });
});

/** What the probe saw, in a few lines (the test's output documents it). */
function printSummary(report: ProbeReport): void {
  const lines = [
    `dify: found ${report.dify.found}, active ${report.dify.active}, exports ${report.dify.exportsType} (${report.dify.exported.length} reachable values)`,
    `active extensions: ${report.extensions.map((e) => `${e.id} (exports ${e.exportsType}${e.exported.length ? `: ${e.exported.slice(0, 6).join(', ')}` : ''})`).join('; ')}`,
    `dify commands: ${report.commands.dify.length}; run: ${report.commands.run.map((r) => `${r.id} -> ${r.result}`).join(', ')}; not run (they ask the user, or are the workbench's own view commands): ${report.commands.notRun.join(', ')}`,
    `secrets under Dify's names: ${report.secrets.map((s) => `${s.key}=${s.value === null ? 'none' : 'SOMETHING'}`).join(', ')}`,
    `its globalState: ${report.globalState.length} keys; workspaceState: ${report.workspaceState.length} keys; dify configuration: ${report.configuration.slice(0, 200)}`,
    `files read: ${report.files.length} (${(report.files.reduce((n, f) => n + f.size, 0) / 1024).toFixed(0)} KB): ${report.files.map((f) => f.path).filter((p) => /dify|state|settings/i.test(p)).join(', ')}`,
  ];
  for (const l of lines) console.log(`      probe: ${l}`);
}
