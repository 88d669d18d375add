import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GlobalStore, parseNonEmptyString, parseStringFields, parseStringList } from '../../../src/host/globalStore';
import { FakeMemento } from './fakeMemento';

describe('StateCell', () => {
  test('reads the default while nothing is stored, then what was set', async () => {
    const memento = new FakeMemento();
    const cell = new GlobalStore(memento).cell<readonly string[]>('dify.list', [], parseStringList);
    assert.deepEqual(cell.get(), []);
    await cell.set(['http://a', 'http://b']);
    assert.deepEqual(cell.get(), ['http://a', 'http://b']);
    assert.deepEqual(memento.get('dify.list'), ['http://a', 'http://b']);
  });

  test('a stored value of the wrong shape reads as the default, and is not thrown at the caller', () => {
    const memento = new FakeMemento();
    const store = new GlobalStore(memento);
    memento.put('dify.list', { not: 'a list' });
    memento.put('dify.id', 42);
    assert.deepEqual(store.cell<readonly string[]>('dify.list', ['fallback'], parseStringList).get(), ['fallback']);
    assert.equal(store.cell<string | undefined>('dify.id', undefined, parseNonEmptyString).get(), undefined);
    memento.put('dify.id', '');
    assert.equal(store.cell<string | undefined>('dify.id', undefined, parseNonEmptyString).get(), undefined);
  });

  test('a list keeps its strings and drops anything else', () => {
    const memento = new FakeMemento();
    memento.put('dify.list', ['http://a', 7, null, { x: 1 }, 'http://b']);
    assert.deepEqual(new GlobalStore(memento).cell<readonly string[]>('dify.list', [], parseStringList).get(), ['http://a', 'http://b']);
  });
});

describe('StateMap', () => {
  const summary = parseStringFields('name', 'mode');

  test('set, get and delete one entry without touching the others', async () => {
    const memento = new FakeMemento();
    const map = new GlobalStore(memento).map('dify.apps', summary);
    assert.equal(map.get('a'), undefined);
    await map.set('a', { name: 'A', mode: 'chat' });
    await map.set('b', { name: 'B', mode: 'workflow' });
    assert.deepEqual(map.get('a'), { name: 'A', mode: 'chat' });
    await map.delete('a');
    assert.equal(map.get('a'), undefined);
    assert.deepEqual(map.get('b'), { name: 'B', mode: 'workflow' });
    assert.deepEqual(memento.get('dify.apps'), { b: { name: 'B', mode: 'workflow' } });
  });

  test('an entry of the wrong shape is left out; the others still read', () => {
    const memento = new FakeMemento();
    memento.put('dify.apps', { good: { name: 'G', mode: 'chat', extra: 1 }, noMode: { name: 'N' }, text: 'x', nul: null });
    const map = new GlobalStore(memento).map('dify.apps', summary);
    assert.deepEqual([...map.entries().keys()], ['good']);
    assert.deepEqual(map.get('good'), { name: 'G', mode: 'chat' }, 'fields other than the parsed ones are dropped');
    assert.equal(map.get('noMode'), undefined);
  });

  test('a stored value that is not an object reads as empty, and the next write replaces it', async () => {
    const memento = new FakeMemento();
    memento.put('dify.origins', ['not', 'a', 'map']);
    const map = new GlobalStore(memento).map('dify.origins', parseNonEmptyString);
    assert.equal(map.entries().size, 0);
    await map.set('p', 'http://a');
    assert.deepEqual(memento.get('dify.origins'), { p: 'http://a' });
  });

  test('ids that name Object.prototype members find nothing that was not stored under them', async () => {
    const memento = new FakeMemento();
    const map = new GlobalStore(memento).map('dify.origins', parseNonEmptyString);
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) assert.equal(map.get(id), undefined, id);
    await map.set('__proto__', 'http://proto');
    await map.set('other', 'http://other');
    assert.equal(map.get('__proto__'), 'http://proto');
    assert.equal(map.get('other'), 'http://other');
    for (const id of ['constructor', 'toString', 'hasOwnProperty']) assert.equal(map.get(id), undefined, `${id} once something is stored`);
    assert.deepEqual(Object.keys(memento.get('dify.origins') as object).sort(), ['__proto__', 'other']);
  });
});
