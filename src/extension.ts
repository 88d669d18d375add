import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as vscode from 'vscode';
import type { BuildersModule } from './host/lazy/features';
import { LazyFeatures } from './host/lazy/features';
import type { DifyExtensionExports } from './host/testSeam';
import { extensionExports } from './host/testSeam';

export type { DifyExtensionExports } from './host/testSeam';

/** True only in the test build (an esbuild `define`, see esbuild.js); false in every bundle that ships. */
declare const DIFY_TEST_SEAM: boolean;

/**
 * The features' root module, ES modules in dist/esm/ next to this bundle (dist/extension.js). The specifier is
 * computed, so esbuild leaves this import() to Node rather than bundling the features into activation's file.
 */
const loadBuilders = (): Promise<BuildersModule> => import(pathToFileURL(join(__dirname, 'esm', 'extension.mjs')).href) as Promise<BuildersModule>;

/**
 * The composition root, bundled as CommonJS into dist/extension.js (src/extensionEntry.ts). It registers what the
 * workbench needs at once (commands, the chat view's provider, the Conversations view, the code lens provider)
 * and builds each feature on first use ({@link LazyFeatures}), importing the features' ES modules then; every
 * disposable goes to `context.subscriptions`. Activation reads no key, sends nothing and loads no feature's code
 * and no ES module. Returns nothing in production: any installed extension can call activate() and read its
 * result, so only the test build returns the test seam.
 */
export function activate(context: vscode.ExtensionContext): DifyExtensionExports | undefined {
  const started = performance.now();
  const timing: { ms?: number } = {};
  const features = new LazyFeatures(context, () => timing.ms, loadBuilders);
  // Its cost goes to the log when the connection (and with it the log) is built, and `npm run bench` reports it.
  const activationMs = (timing.ms = performance.now() - started);
  return DIFY_TEST_SEAM ? extensionExports(context, features, activationMs) : undefined;
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
