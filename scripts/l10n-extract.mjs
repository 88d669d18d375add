#!/usr/bin/env node
// Writes l10n/bundle.l10n.json, the English bundle VS Code's `l10n.t` reads, from the source itself: every
// `l10n.t('…')`, `t('…')` and `translate('…')` call in src/ (the host and its messages table) and webview/
// (the panel's words, translated from the same bundle the host hands over), so the bundle never drifts from
// the code. `--check` writes nothing and exits 1 when the file is not what the source says it should be.
//
//   node scripts/l10n-extract.mjs           # write the bundle
//   node scripts/l10n-extract.mjs --check   # fail if it is stale
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'l10n', 'bundle.l10n.json');
const FOLDERS = ['src', 'webview'];

/**
 * Every message the source translates, with where it is used, and the calls the bundle cannot hold (a first
 * argument that is not one plain string: a variable, a template with `${}`), so a test can refuse them.
 * @returns {{ messages: Map<string, string[]>, dynamic: string[] }}
 */
export function extractMessages(root = ROOT) {
  const messages = new Map();
  const dynamic = [];
  for (const folder of FOLDERS) {
    for (const file of tsFiles(join(root, folder))) {
      const where = relative(root, file).split(sep).join('/');
      for (const call of calls(readFileSync(file, 'utf8'))) {
        const at = `${where}:${call.line}`;
        if (call.message === undefined) dynamic.push(at);
        else messages.set(call.message, [...(messages.get(call.message) ?? []), at]);
      }
    }
  }
  return { messages, dynamic };
}

/** The bundle's text: `{ "message": "message" }`, sorted, as VS Code's l10n tooling writes it. */
export function bundleText(messages) {
  const sorted = [...messages.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(sorted.map((m) => [m, m])), null, 2)}\n`;
}

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The translate calls in one file: a small scanner that skips comments, strings, templates and regular
 * expressions, so a `t(` inside any of them is not taken for a call.
 */
function* calls(src) {
  let i = 0;
  let line = 1;
  let lastToken = '';
  const n = src.length;
  const advance = (to) => {
    for (let k = i; k < to; k++) if (src.charCodeAt(k) === 10) line++;
    i = to;
  };
  while (i < n) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      advance(end < 0 ? n : end);
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      advance(end < 0 ? n : end + 2);
    } else if (c === "'" || c === '"' || c === '`') {
      advance(literalEnd(src, i));
      lastToken = 'literal';
    } else if (c === '/' && /^$|[(,=:[!&|?{};]$|return$|typeof$/.test(lastToken)) {
      advance(regexEnd(src, i));
      lastToken = 'literal';
    } else if (/[\w$]/.test(c)) {
      let end = i;
      while (end < n && /[\w$]/.test(src[end])) end++;
      const word = src.slice(i, end);
      advance(end);
      if ((word === 't' || word === 'translate') && lastToken !== 'function') {
        const open = skipSpace(src, i);
        if (src[open] === '(') yield { line, message: firstArgument(src, skipSpace(src, open + 1)) };
      }
      lastToken = word;
    } else {
      if (!/\s/.test(c)) lastToken = c;
      advance(i + 1);
    }
  }
}

function skipSpace(src, i) {
  while (i < src.length && /\s/.test(src[i])) i++;
  return i;
}

/** The message a call's first argument is, or undefined when it is not one plain string literal. */
function firstArgument(src, i) {
  const q = src[i];
  if (q !== "'" && q !== '"' && q !== '`') return undefined;
  const end = literalEnd(src, i);
  const after = src[skipSpace(src, end)];
  if (after !== ',' && after !== ')') return undefined;
  const body = src.slice(i + 1, end - 1);
  if (q === '`' && body.includes('${')) return undefined;
  return unescape(body);
}

function literalEnd(src, i) {
  const q = src[i];
  let depth = 0;
  for (let k = i + 1; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') k++;
    else if (q === '`' && c === '$' && src[k + 1] === '{') {
      depth++;
      k++;
    } else if (q === '`' && depth > 0 && c === '}') depth--;
    else if (c === q && depth === 0) return k + 1;
    else if (c === '\n' && q !== '`') return k;
  }
  return src.length;
}

function regexEnd(src, i) {
  let inClass = false;
  for (let k = i + 1; k < src.length; k++) {
    const c = src[k];
    if (c === '\\') k++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let end = k + 1;
      while (/[a-z]/.test(src[end] ?? '')) end++;
      return end;
    } else if (c === '\n') return k;
  }
  return src.length;
}

const ESCAPES = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };

function unescape(body) {
  return body.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r?\n|.)/g, (_, e) => {
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e[1] === '{' ? e.slice(2, -1) : e.slice(1), 16));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e === '\n' || e === '\r\n') return '';
    return ESCAPES[e] ?? e;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { messages, dynamic } = extractMessages();
  for (const at of dynamic) console.warn(`l10n: a translate call whose message is not one plain string, at ${at}`);
  const text = bundleText(messages);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(BUNDLE, 'utf8');
    } catch {
      // No bundle yet: stale by definition.
    }
    if (current !== text) {
      console.error('l10n: l10n/bundle.l10n.json is stale; run `npm run l10n`');
      process.exit(1);
    }
    console.log(`l10n: the bundle holds the ${messages.size} messages of the source`);
  } else {
    writeFileSync(BUNDLE, text);
    console.log(`l10n: wrote ${messages.size} messages to l10n/bundle.l10n.json`);
  }
}
