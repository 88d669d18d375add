// dist/extension.js, the file package.json's "main" names. VS Code loads an extension with require(), and up to
// 1.100 at least it resolves `import 'vscode'` only for CommonJS, so this entry is CommonJS. It holds activation
// itself (src/extension.ts, src/host/lazy/features.ts and what they import: the command router, the views'
// forwarding providers), so activate() loads no ES module: in the extension host the first import() costs more
// than the rest of activation together. The features are ES modules in dist/esm/ (root: extension.mjs,
// src/host/lazy/builders.ts), which esbuild splits into chunks sharing one copy of every module (so
// `instanceof DifyError` holds across them); activation imports them on a feature's first use.
export { activate, deactivate } from './extension';
