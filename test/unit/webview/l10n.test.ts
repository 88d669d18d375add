// The panel's words come from the bundle the host puts in the page: the page chatPageHtml builds (with a
// zh-cn bundle and language) is loaded in jsdom, and the webview's `t` reads it from there, as in VS Code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { chatPageHtml } from '../../../src/host/chat/chatPage';

const ROOT = join(__dirname, '..', '..', '..');
const zh = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
// A translation that tries to end the attribute and the body: it must arrive as text.
const bundle = { ...zh, 'Details': '"></body><script>alert(1)</script>' };
const page = (language: string | undefined, b: Record<string, string> | undefined): string =>
  chatPageHtml({ nonce: 'Tk9OQ0U', cspSource: 'https://x.example', scriptUri: 'https://x.example/w.js', styleUri: 'https://x.example/w.css', ...(language ? { language } : {}), ...(b ? { bundle: b } : {}) });

const dom = new JSDOM(page('zh-cn', bundle));
(globalThis as Record<string, unknown>)['document'] = dom.window.document;

describe('the webview words (webview/l10n.ts)', () => {
  test('the page says its language; an unknown or missing one is English', () => {
    assert.equal(dom.window.document.documentElement.lang, 'zh-cn');
    assert.match(page(undefined, undefined), /<html lang="en">/);
    assert.match(page('"><script>', undefined), /<html lang="en">/);
  });

  test('t: the bundle the page carries, with its placeholders filled; an unknown sentence stays English', async () => {
    const { t, formatNumber } = await import('../../../webview/l10n');
    assert.equal(t('Send'), '发送');
    assert.equal(t('Connecting to {0}…', 'Sim'), '正在连接到 Sim…');
    assert.equal(t('Dify app {0}, {1}. Click to switch apps.', 'A', 'B'), 'Dify 应用 A，B。单击以切换应用。');
    assert.equal(t('Not in the bundle {0}', 7), 'Not in the bundle 7');
    assert.equal(t('Details'), '"></body><script>alert(1)</script>', 'a translation is data, not markup');
    assert.equal(dom.window.document.querySelectorAll('script[src]').length, 1, 'the attribute did not end early');
    assert.equal(formatNumber(12345), (12345).toLocaleString('zh-cn'));
  });
});
