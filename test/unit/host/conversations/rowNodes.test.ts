import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RowNodes } from '../../../../src/host/conversations/rowNodes';
import type { ConversationRow } from '../../../../src/chat/conversationList';

const row = (id: string, name = `Name ${id}`): ConversationRow => ({ id, name, createdAt: 1, updatedAt: 1 });

describe('the conversation rows’ node objects', () => {
  test('a row shown again keeps its node object, given the row as it is now; a new row gets a new one', () => {
    const nodes = new RowNodes();
    const [a, b] = nodes.topLevel([row('a'), row('b')]);
    const again = nodes.topLevel([row('c'), row('b', 'Renamed'), row('a')]);
    assert.equal(again.length, 3);
    assert.equal(again[1], b, 'the same object for b');
    assert.equal(again[2], a, 'the same object for a, in its new place');
    assert.equal(again[1]?.conversation.name, 'Renamed');
    assert.deepEqual(again.map((n) => n.conversation.id), ['c', 'b', 'a']);
    assert.ok(!again.slice(1).includes(again[0]!));
  });

  test('pinned and loaded rows of one conversation are two nodes, each marked', () => {
    const nodes = new RowNodes();
    const [pinned] = nodes.inPinnedGroup([row('a')]);
    const [loaded] = nodes.topLevel([row('a')]);
    assert.notEqual(pinned, loaded);
    assert.equal(pinned?.pinned, true);
    assert.equal(loaded?.pinned, false);
    assert.deepEqual(nodes.showing(['a'], () => row('a')), [pinned, loaded]);
  });

  test('showing: the nodes of shown conversations only, once each, with their current row', () => {
    const nodes = new RowNodes();
    const [a] = nodes.topLevel([row('a'), row('b')]);
    const found = nodes.showing([undefined, 'a', 'a', 'gone'], (id) => (id === 'a' ? row('a', 'Dify named it') : undefined));
    assert.deepEqual(found, [a]);
    assert.equal(found[0]?.conversation.name, 'Dify named it');
    // A row that left the list is no longer shown, so it has no node to redraw.
    nodes.topLevel([row('b')]);
    assert.deepEqual(nodes.showing(['a'], () => row('a')), []);
  });

  test('clear: nothing shown before is reused', () => {
    const nodes = new RowNodes();
    const [a] = nodes.topLevel([row('a')]);
    nodes.clear();
    assert.deepEqual(nodes.showing(['a'], () => row('a')), []);
    assert.notEqual(nodes.topLevel([row('a')])[0], a);
  });
});
