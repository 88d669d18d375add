import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { modeName } from '../../../../src/host/messages/modeName';
import type { Translate } from '../../../../src/host/messages/translate';
import { english } from './english';

const zhBundle = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
/** What `vscode.l10n.t` does in a Chinese VS Code: the bundle's sentence, or the English one when it has none. */
const chinese: Translate = (message, ...args) => english(zhBundle[message] ?? message, ...args);

describe('modeName: the name Dify’s console gives an app mode', () => {
  test('English, as Dify’s English console names them', () => {
    assert.deepEqual(
      ['chat', 'agent-chat', 'advanced-chat', 'workflow', 'completion', 'agent'].map((m) => modeName(m, english)),
      ['Chatbot', 'Agent', 'Chatflow', 'Workflow', 'Text Generator', 'Agent (v2)'],
    );
  });
  test('Chinese, in the words of Dify’s Chinese console (Agent and Chatflow keep their names there)', () => {
    assert.deepEqual(
      ['chat', 'agent-chat', 'advanced-chat', 'workflow', 'completion'].map((m) => modeName(m, chinese)),
      ['聊天助手', 'Agent', 'Chatflow', '工作流', '文本生成'],
    );
  });
  test('a mode Dify adds later is shown as sent', () => {
    assert.equal(modeName('rag-pipeline', english), 'rag-pipeline');
    assert.equal(modeName('rag-pipeline', chinese), 'rag-pipeline');
  });
});
