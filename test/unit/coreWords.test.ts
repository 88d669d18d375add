// The pure core (src/dify, src/chat) reports problems as data and emits no sentence of its own: the words live
// in the host's messages table, where localization reaches them. This scans every string literal of the core
// (through the TypeScript parser, so comments and regular expressions are not strings) for anything that
// reads like a sentence for people.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const CORE = ['src/dify', 'src/chat'];

/** Technical strings that look like sentences but are not for people. Keep it short. */
const ALLOWED: ReadonlySet<string> = new Set<string>([]);

/**
 * A literal reads like a sentence when it has words and spaces and a full stop or semicolon: either it starts
 * with a capital letter, or (a sentence opening with a host name, say) it has at least four words. `…` stands
 * for a template placeholder.
 */
function looksLikeSentence(text: string): boolean {
  const stops = /[^\s.][.;](\s|$)/.test(text);
  if (!stops || !/\s/.test(text)) return false;
  const words = text.split(/\s+/).filter((w) => /[a-z]{2}/i.test(w));
  return /^[\s"“'(…]*[A-Z][a-z]/.test(text) || words.length >= 4;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every string and template literal of a file, with `…` for placeholders; import paths are not literals here. */
function literals(path: string): Array<{ text: string; line: number }> {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ text: string; line: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
    if (text !== undefined) out.push({ text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    if (!ts.isTemplateExpression(node)) ts.forEachChild(node, visit);
    else node.templateSpans.forEach((s) => visit(s.expression));
  };
  visit(source);
  return out;
}

describe('the core has no words of its own', () => {
  test('the detector knows a sentence when it sees one (and a technical string when it does not)', () => {
    for (const s of ['The request was cancelled.', '… did not answer within …; check that Dify and its model are running.', 'Enter the base URL of your Dify API, for example http://localhost/v1.', '“…” is a … app; use another key.']) {
      assert.ok(looksLikeSentence(s), s);
    }
    for (const s of ['app info: no string "name"', 'stop … failed: …', 'http.notFound target=conversation', 'Text Generator', 'Agent (v2)', 'EOF_MID_EVENT', 'application/json', '… timeout']) {
      assert.ok(!looksLikeSentence(s), s);
    }
  });

  test('no string literal in src/dify or src/chat reads like a sentence for people', () => {
    const found: string[] = [];
    let scanned = 0;
    for (const dir of CORE) {
      for (const file of files(join(ROOT, dir))) {
        for (const { text, line } of literals(file)) {
          scanned++;
          if (looksLikeSentence(text) && !ALLOWED.has(text)) found.push(`${relative(ROOT, file)}:${line}: ${text}`);
        }
      }
    }
    assert.ok(scanned > 500, `only ${scanned} literals scanned`);
    assert.deepEqual(found, []);
  });
});
