import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { asNode, conversationsOf, displayName } from '../../../../src/host/conversations/nodes';
import { english } from '../messages/english';
import type { ConversationNode } from '../../../../src/host/conversations/nodes';

const row = (id: string) => ({ id, name: `Name ${id}`, createdAt: 1, updatedAt: 1 });
const node = (id: string): ConversationNode => ({ type: 'conversation', conversation: row(id) });

describe('which conversations a command acts on', () => {
  test('a context menu on one of several selected rows: all selected', () => {
    assert.deepEqual(conversationsOf(node('b'), [node('a'), node('b'), node('c')], []).map((c) => c.id), ['a', 'b', 'c']);
  });

  test('a context menu on a row outside the selection: just that row', () => {
    assert.deepEqual(conversationsOf(node('z'), [node('a'), node('b')], []).map((c) => c.id), ['z']);
    assert.deepEqual(conversationsOf(node('z'), undefined, [node('a')]).map((c) => c.id), ['z']);
  });

  test('a keybinding (no arguments): the view selection; other rows and duplicates are left out', () => {
    const sel: ConversationNode[] = [node('a'), { type: 'loadMore' }, { type: 'pinnedGroup' }, node('a'), node('b')];
    assert.deepEqual(conversationsOf(undefined, undefined, sel).map((c) => c.id), ['a', 'b']);
    assert.deepEqual(conversationsOf(undefined, undefined, []), []);
  });

  test('arguments that are not nodes are ignored', () => {
    assert.equal(asNode('c1'), undefined);
    assert.equal(asNode({ type: 'command' }), undefined);
    assert.equal(asNode(null), undefined);
    assert.deepEqual(asNode({ type: 'loadMore' }), { type: 'loadMore' });
  });

  test('a conversation without a name yet is shown as a new one', () => {
    assert.equal(displayName({ name: '  ' }, english), 'New conversation');
    assert.equal(displayName({ name: 'Plan' }, english), 'Plan');
  });
});
