import type { StateMemento } from '../../../src/host/globalStore';

/** A Memento in memory that stores what it is given as JSON does (global state is serialised, and synced). */
export class FakeMemento implements StateMemento {
  readonly values = new Map<string, string>();
  writes = 0;

  get(key: string): unknown {
    const raw = this.values.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
  }

  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
  }

  /** What another machine (Settings Sync) or a hand edit could leave under a key. */
  put(key: string, value: unknown): void {
    this.values.set(key, JSON.stringify(value));
  }
}
