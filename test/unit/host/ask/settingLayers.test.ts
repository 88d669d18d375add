import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settingLayers } from '../../../../src/host/ask/settingLayers';

describe('which layers of an Ask setting count', () => {
  const all = { globalValue: 'user', workspaceValue: 'workspace', workspaceFolderValue: 'folder' };
  test('trusted: the user’s and the workspace’s (the folder’s over the workspace file’s)', () => {
    assert.deepEqual(settingLayers(all, true), { user: 'user', workspace: 'folder' });
    assert.deepEqual(settingLayers({ globalValue: 'user', workspaceValue: 'workspace' }, true), { user: 'user', workspace: 'workspace' });
  });
  test('untrusted: the workspace’s values are ignored', () => {
    assert.deepEqual(settingLayers(all, false), { user: 'user', workspace: undefined });
  });
  test('nothing set: nothing', () => {
    assert.deepEqual(settingLayers(undefined, true), { user: undefined, workspace: undefined });
  });
});
