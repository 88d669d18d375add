// The foundation's proof that the real extension loads in a real VS Code: found by its id, activates,
// registers what its manifest promises, and runs in the VS Code the harness says it started.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../src/extension';
import { COMMAND_IDS } from '../../src/host/commands';
import { SETTING_KEYS, settingId } from '../../src/host/settingKeys';
import { EXTENSION_ID } from './support';

const extensionId = EXTENSION_ID;

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    viewsContainers: { activitybar: Array<{ id: string }> };
    views: Record<string, Array<{ id: string }>>;
    menus: { commandPalette: Array<{ command: string; when?: string }> };
    configuration: { properties: Record<string, unknown> };
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `${extensionId} is not loaded (is engines.vscode newer than this VS Code ${vscode.version}?)`);
  return ext;
}

describe('Extension activation', () => {
  it('is loaded by VS Code under its id', () => {
    const ext = extension();
    assert.equal(ext.id, extensionId);
    assert.equal((ext.packageJSON as { name: string }).name, 'dify-vscode');
  });

  it('activates when one of its commands runs', async () => {
    await vscode.commands.executeCommand('dify.focusChat');
    const ext = extension();
    await ext.activate(); // resolves once activation finished (a no-op if it already did)
    assert.equal(ext.isActive, true);
  });

  it('loads a feature only on its first use: Ask About Selection waits for one of its commands', async () => {
    // This file runs first, and nothing before this test asked about code (opening the chat view above builds the
    // chat panel, not Ask About Selection; the suites' extensionApi() builds everything, but it has not run yet).
    const api = await (extension() as vscode.Extension<DifyExtensionExports | undefined>).activate();
    assert.ok(api, 'activate() returned no test seam: the suites need the test build (node esbuild.js --tests)');
    assert.equal(api.startedFeatures.has('ask'), false, `started before any use: ${[...api.startedFeatures].join(', ')}`);
    // Without a lens's target the command does nothing, but it is Ask About Selection's: it builds the feature.
    assert.equal(await vscode.commands.executeCommand('dify.explainSymbol'), false);
    assert.equal(api.startedFeatures.has('ask'), true);
  });

  it('registers every dify.* command its manifest contributes', async () => {
    const manifest = extension().packageJSON as Manifest;
    const contributed = manifest.contributes.commands.map((c) => c.command).filter((c) => c.startsWith('dify.'));
    assert.ok(contributed.length > 0, 'the manifest contributes no dify.* command');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('registers exactly the dify.* commands the manifest declares, and the code knows them all', async () => {
    await extension().activate();
    const manifest = extension().packageJSON as Manifest;
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    // What VS Code knows, less the focus/toggle commands the workbench derives from the two views.
    const derived = /^dify\.(chatView|conversations)\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/;
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('dify.') && !(derived.test(c) && !declared.includes(c))).sort();
    assert.deepEqual(registered, declared, 'the dify.* commands VS Code knows differ from package.json');
    assert.deepEqual([...COMMAND_IDS].sort(), declared, 'src/host/commands.ts lists other commands than package.json');
  });

  it('hides the commands that are not for the palette (internal ones are declared with when: false)', () => {
    const manifest = extension().packageJSON as Manifest;
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
    for (const internal of ['dify.conversations.open', 'dify.conversations.loadMore']) {
      assert.ok(hidden.has(internal), `${internal} is not hidden from the palette`);
    }
  });

  it('declares every setting the code reads, and reads none it does not declare', () => {
    const manifest = extension().packageJSON as Manifest;
    const declared = Object.keys(manifest.contributes.configuration.properties).sort();
    assert.deepEqual(SETTING_KEYS.map(settingId).sort(), declared);
  });

  it('contributes the Dify view container with the Chat and Conversations views', async () => {
    const manifest = extension().packageJSON as Manifest;
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c) => c.id === 'dify'));
    const views = (manifest.contributes.views['dify'] ?? []).map((v) => v.id);
    assert.ok(views.includes('dify.chatView'), `views: ${views.join(', ')}`);
    assert.ok(views.includes('dify.conversations'), `views: ${views.join(', ')}`);
    // The workbench itself registered them: it creates a focus command per view and one for the container.
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of ['workbench.view.extension.dify', 'dify.chatView.focus', 'dify.conversations.focus']) {
      assert.ok(registered.has(c), `the workbench has no ${c} command`);
    }
  });

  it('runs in the VS Code the harness started', () => {
    // The code-server harness sets the expected version prefix (1.100); @vscode/test-electron may run any
    // stable release, so there only the manifest's floor is checked.
    const expected = process.env['DIFY_EXPECT_VSCODE_VERSION'];
    if (expected) {
      assert.ok(vscode.version.startsWith(expected), `VS Code ${vscode.version}, expected ${expected}.x`);
    } else {
      const [major = 0, minor = 0] = vscode.version.split('.').map(Number);
      assert.ok(major > 1 || (major === 1 && minor >= 90), `VS Code ${vscode.version} is older than engines.vscode ^1.90.0`);
    }
  });

  if (process.env['DIFY_HARNESS_SELFTEST_FAIL'] === '1') {
    // Proves the chain end to end: a failing assertion here must make `npm test` exit non-zero.
    it('harness self-test: fails on purpose (DIFY_HARNESS_SELFTEST_FAIL=1)', () => {
      assert.equal(1 + 1, 3, 'deliberate failure requested by DIFY_HARNESS_SELFTEST_FAIL=1');
    });
  }
});
