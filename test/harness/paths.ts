import * as path from 'node:path';

/** The repository root, found from this file's place (test/harness) so no absolute path is ever written down. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Git-ignored folder for downloaded test tools (code-server), kept between runs. */
export const toolCacheDir = path.join(repoRoot, '.vscode-test');

/** Git-ignored folder for screenshots and per-layer result summaries. */
export const testResultsDir = path.join(repoRoot, 'test-results');

/** The compiled integration-test entry (built by `node esbuild.js --tests`). */
export const integrationTestsEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');

/** The extension's identifier as VS Code knows it: `<publisher>.<name>` from package.json. */
export const extensionId = 'dify-community.dify-vscode';
