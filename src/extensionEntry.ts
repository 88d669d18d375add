// dist/extension.js, the file package.json's "main" names. VS Code loads an extension with require(), and up to
// 1.100 at least it resolves `import 'vscode'` only for CommonJS, so this entry is CommonJS and tiny: the
// extension itself is ES modules in dist/esm/, which esbuild splits into chunks sharing one copy of every module
// (so `instanceof DifyError` holds across them); they reach vscode through createRequire (see esbuild.js).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Main {
  activate(context: unknown, started: number): unknown;
  deactivate(): void;
}

let main: Main | undefined;

/** VS Code's activate(): loads the extension's modules and hands the context (and when this began) to them. */
export async function activate(context: unknown): Promise<unknown> {
  const started = performance.now();
  main = (await import(pathToFileURL(join(__dirname, 'esm', 'extension.mjs')).href)) as Main;
  return main.activate(context, started);
}

export function deactivate(): void {
  main?.deactivate();
}
