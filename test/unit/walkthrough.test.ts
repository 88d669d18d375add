// The Getting Started walkthrough: every step's texts exist in English and Simplified Chinese, its Markdown
// exists in both (VS Code reads <name>.nls.zh-cn.md in a Chinese UI), its buttons run commands that exist, and
// the key step completes when the key is set.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
interface Step { id: string; title: string; description: string; media: { markdown?: string; image?: string; altText?: string }; completionEvents?: string[] }
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { walkthroughs: Array<{ id: string; title: string; description: string; steps: Step[] }>; commands: Array<{ command: string }>; views: Record<string, Array<{ id: string }>> };
};
const nls = {
  en: JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>,
  'zh-cn': JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>,
};
const [walkthrough] = manifest.contributes.walkthroughs;
const placeholder = (s: string): string => /^%([\w.-]+)%$/.exec(s)?.[1] ?? assert.fail(`not a %placeholder%: ${s}`);

describe('the Getting Started walkthrough', () => {
  test('six steps in order: server address, key, test, first question, Ask About Selection, Conversations', () => {
    assert.ok(walkthrough);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['server', 'key', 'test', 'ask', 'selection', 'conversations']);
  });

  test('every title and description is a %key% with an entry in both languages, and the Chinese is not the English', () => {
    assert.ok(walkthrough);
    const keys = [walkthrough.title, walkthrough.description, ...walkthrough.steps.flatMap((s) => [s.title, s.description])].map(placeholder);
    for (const key of keys) {
      assert.ok(nls.en[key], `package.nls.json has ${key}`);
      assert.ok(nls['zh-cn'][key], `package.nls.zh-cn.json has ${key}`);
      assert.notEqual(nls['zh-cn'][key], nls.en[key], key);
      assert.match(nls['zh-cn'][key] ?? '', /[\u4e00-\u9fff]/, `${key} is Chinese`);
    }
  });

  test('each step shows Markdown that exists in English and Chinese, with the same tables and code', () => {
    assert.ok(walkthrough);
    for (const step of walkthrough.steps) {
      const md = step.media.markdown;
      assert.ok(md, `${step.id} has Markdown media`);
      const en = readFileSync(join(ROOT, md), 'utf8');
      const zhFile = join(ROOT, md.replace(/\.md$/, '.nls.zh-cn.md'));
      assert.ok(existsSync(zhFile), `${zhFile} exists`);
      const zh = readFileSync(zhFile, 'utf8');
      const shape = (t: string): string[] => [...t.matchAll(/`[^`]+`|^\|.*$/gm)].map((m) => (m[0].startsWith('|') ? String(m[0].split('|').length) : m[0]));
      assert.deepEqual(shape(zh).filter((x) => /^\d+$/.test(x)), shape(en).filter((x) => /^\d+$/.test(x)), `${step.id}: the same table shape`);
      assert.deepEqual(shape(zh).filter((x) => x.startsWith('`')).sort(), shape(en).filter((x) => x.startsWith('`')).sort(), `${step.id}: the same code spans`);
    }
  });

  test('every button runs a command the extension contributes (or a view focus, or the settings editor), in both languages', () => {
    assert.ok(walkthrough);
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => `${v.id}.focus`));
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const step of walkthrough.steps) {
        const key: string = placeholder(step.description);
        const text: string = nls[lang][key] ?? '';
        const links: string[] = [...text.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1] ?? '');
        assert.equal(links.length, 1, `${lang} ${step.id}: one button`);
        for (const id of links) assert.ok(commands.has(id) || views.has(id) || id === 'workbench.action.openSettings', `${lang} ${step.id}: ${id}`);
      }
    }
  });

  test('the steps complete on what they ask for: the key step on Dify: Set API Key', () => {
    assert.ok(walkthrough);
    const events = Object.fromEntries(walkthrough.steps.map((s) => [s.id, s.completionEvents ?? []]));
    assert.ok(events['server']?.includes('onSettingChanged:dify.baseUrl'));
    assert.ok(events['key']?.includes('onCommand:dify.setApiKey'));
    assert.ok(events['test']?.includes('onCommand:dify.testConnection'));
    assert.ok(events['ask']?.includes('onView:dify.chatView'));
    assert.ok(events['selection']?.includes('onCommand:dify.askAboutSelection'));
    assert.ok(events['conversations']?.includes('onView:dify.conversations'));
  });
});
