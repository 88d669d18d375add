// Where the suites find what the harness started (the simulator's address and keys arrive through the
// environment) and the extension under test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../src/extension';

export const EXTENSION_ID = 'dify-community.dify-vscode';

export interface SimEnv {
  origin: string;
  baseUrl: string;
  keys: { chat: string; agent: string; chatflow: string; disabled: string; deleted: string; workflow: string };
}

/** The simulator the harness started (its address and keys arrive through the environment). */
export function simEnv(): SimEnv {
  const origin = process.env['DIFY_SIM_ORIGIN'];
  const baseUrl = process.env['DIFY_SIM_BASE_URL'];
  const keys = process.env['DIFY_SIM_KEYS'];
  assert.ok(origin && baseUrl && keys, 'DIFY_SIM_ORIGIN, DIFY_SIM_BASE_URL and DIFY_SIM_KEYS must be set by the harness');
  return { origin, baseUrl, keys: JSON.parse(keys) as SimEnv['keys'] };
}

export async function extensionApi(): Promise<DifyExtensionExports> {
  const ext = vscode.extensions.getExtension<DifyExtensionExports>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  const api: DifyExtensionExports | undefined = await ext.activate();
  assert.ok(api, 'activate() returned no test seam: the suites need the test build (node esbuild.js --tests)');
  // activate() builds each feature on first use; the suites drive them all, so build them now.
  await api.ready();
  return api;
}
