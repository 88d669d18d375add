import type * as vscode from 'vscode';
import { LazyFeatures } from './host/lazy/features';
import type { DifyExtensionExports } from './host/testSeam';
import { extensionExports } from './host/testSeam';

export type { DifyExtensionExports } from './host/testSeam';

/** True only in the test build (an esbuild `define`, see esbuild.js); false in every bundle that ships. */
declare const DIFY_TEST_SEAM: boolean;

/**
 * The composition root, loaded by dist/extension.js (src/extensionEntry.ts) as an ES module. It registers what
 * the workbench needs at once (commands, the chat view's provider, the Conversations view, the code lens
 * provider) and builds each feature on first use ({@link LazyFeatures}); every disposable goes to
 * `context.subscriptions`. Activation reads no key, sends nothing and loads no feature's code. Returns nothing in
 * production: any installed extension can call activate() and read its result, so only the test build returns
 * the test seam.
 *
 * @param started when the entry's activate() was called (performance.now()), so the time taken includes loading
 * this module.
 */
export function activate(context: vscode.ExtensionContext, started = performance.now()): DifyExtensionExports | undefined {
  const timing: { ms?: number } = {};
  const features = new LazyFeatures(context, () => timing.ms);
  // Its cost goes to the log when the connection (and with it the log) is built, and `npm run bench` reports it.
  const activationMs = (timing.ms = performance.now() - started);
  return DIFY_TEST_SEAM ? extensionExports(context, features, activationMs) : undefined;
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
