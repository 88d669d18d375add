// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'Only src/host and src/extension.ts may import vscode: keep the core pure.' }],
  }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'dist-vsix/**', '.vscode-test/**', 'node_modules/**', 'test-results/**', '.*.ts', '.*.mjs', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      ...noVscode,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or handles, a promise passed where a boolean or a void callback is
    // expected (an event handler, a condition), and a switch that misses a member of its union even when it has a
    // default. Each .ts file is checked with the tsconfig that owns it (src, webview, test).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/test return promises the runner itself awaits: calling them unawaited is the API.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
      }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
    },
  },
  {
    // src/shared is the floor below the host and the webview (both compile it): it imports nothing outside
    // itself, and the webview's DOM is not there either (the root tsconfig has no DOM lib; these globals
    // are the ones that would still slip through the webview's build).
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/shared is pure: no vscode.' }],
        patterns: [{ regex: '^\\.\\./', message: 'src/shared imports nothing from above it: only from src/shared.' }],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'acquireVsCodeApi'],
    },
  },
  {
    // The protocol sits on src/shared only; the webview reaches the host's code only through both.
    files: ['src/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The protocol is pure: no vscode.' }],
        patterns: [{ regex: '^\\./(?!shared/)', message: 'src/protocol.ts imports only from src/shared.' }],
      }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The webview never imports vscode.' }],
        patterns: [{ regex: '/src/(?!protocol$|shared/)', message: 'The webview imports from src/ only src/protocol and src/shared.' }],
      }],
    },
  },
  {
    // The extension host side and the tests that run inside VS Code are the only places vscode is allowed (and
    // the key-probe fixture, an extension of its own).
    files: ['src/host/**/*.ts', 'src/extension.ts', 'test/integration/**/*.ts', 'test/fixtures/key-probe/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // esbuild.js is CommonJS, as VS Code's esbuild sample is.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
