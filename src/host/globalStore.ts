/**
 * Typed access to the extension's global state. Global state is synced between machines and can be edited
 * by hand or by another version of the extension, so nothing read from it is trusted: every key has a
 * default and a parser, and a value that does not parse reads as the default. No vscode import (a Memento
 * is just `get` and `update`), so the store is unit-tested in Node against a fake.
 */

/** The part of `vscode.Memento` the store uses. */
export interface StateMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Turns a raw stored value into a `T`, or undefined when it is not one. */
export type Parse<T> = (raw: unknown) => T | undefined;

/** One key of global state holding one value. */
export class StateCell<T> {
  constructor(
    private readonly memento: StateMemento,
    /** The global state key (`dify.…`). */
    readonly key: string,
    private readonly fallback: T,
    private readonly parse: Parse<T>,
  ) {}

  /** The stored value, or the default when nothing (or nothing usable) is stored. */
  get(): T {
    const raw = this.memento.get(this.key);
    return raw === undefined ? this.fallback : (this.parse(raw) ?? this.fallback);
  }

  async set(value: T): Promise<void> {
    await this.memento.update(this.key, value);
  }
}

/**
 * One key of global state holding a value per id (a JSON object on disk). An entry that does not parse is
 * left out rather than spoiling the others, and ids are looked up as own keys only, so an id such as
 * `__proto__` or `constructor` finds nothing that was not stored under it.
 */
export class StateMap<V> {
  constructor(
    private readonly memento: StateMemento,
    /** The global state key (`dify.…`). */
    readonly key: string,
    private readonly parseValue: Parse<V>,
  ) {}

  /** Every usable entry. */
  entries(): Map<string, V> {
    const out = new Map<string, V>();
    const raw = this.memento.get(this.key);
    if (!isPlainRecord(raw)) return out;
    for (const [id, value] of Object.entries(raw)) {
      const parsed = this.parseValue(value);
      if (parsed !== undefined) out.set(id, parsed);
    }
    return out;
  }

  get(id: string): V | undefined {
    return this.entries().get(id);
  }

  async set(id: string, value: V): Promise<void> {
    const all = this.entries();
    all.set(id, value);
    await this.write(all);
  }

  async delete(id: string): Promise<void> {
    const all = this.entries();
    all.delete(id);
    await this.write(all);
  }

  private async write(all: Map<string, V>): Promise<void> {
    // fromEntries defines own properties, so even `__proto__` is stored as an ordinary key.
    await this.memento.update(this.key, Object.fromEntries(all));
  }
}

/** Global state, one typed cell or map per key. */
export class GlobalStore {
  constructor(private readonly memento: StateMemento) {}

  cell<T>(key: string, fallback: T, parse: Parse<T>): StateCell<T> {
    return new StateCell(this.memento, key, fallback, parse);
  }

  map<V>(key: string, parseValue: Parse<V>): StateMap<V> {
    return new StateMap(this.memento, key, parseValue);
  }
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string. */
export const parseNonEmptyString: Parse<string> = (raw) => (typeof raw === 'string' && raw !== '' ? raw : undefined);

/** A list of strings; other items are dropped. */
export const parseStringList: Parse<readonly string[]> = (raw) =>
  Array.isArray(raw) ? (raw as unknown[]).filter((x): x is string => typeof x === 'string') : undefined;

/** An object with the given string fields (other fields are dropped). */
export function parseStringFields<K extends string>(...fields: K[]): Parse<Record<K, string>> {
  return (raw) => {
    if (!isPlainRecord(raw)) return undefined;
    const out = {} as Record<K, string>;
    for (const f of fields) {
      const v = raw[f];
      if (typeof v !== 'string') return undefined;
      out[f] = v;
    }
    return out;
  };
}
