/**
 * VS Code's mementos (global and workspace state) echo. `update` changes the value in this extension host at
 * once and, a moment later, sends the whole state to the workbench, which sends it back as it stored it. The
 * echo of an earlier write that arrives after a later `update` carries the state without that update: until
 * the later write's own echo, `get` returns the older value, and when the echo lands before the later write
 * was sent, the older state is what gets stored (microsoft/vscode#137132, and ExtensionMemento, which replaces
 * its whole value on every change event). A change made from such a read loses the newer value: two pins a
 * moment apart, while another key was being written, kept only the second.
 *
 * This memento reads its own writes: while the state shows a value that one of its writes replaced, `get`
 * returns the newest value written, and writes it again so that it is stored. A value that came from
 * elsewhere (another window, Settings Sync, a test seeding the state) is taken as it is. Everything that uses
 * one VS Code memento must share one of these ({@link readYourWrites}). No vscode import: unit-tested in Node.
 */
import type { StateMemento } from './globalStore';
import type { SyncableState } from './syncedKeys';

/** How often one write is sent again when echoes keep bringing back an older state. */
const MAX_REPAIRS = 3;

/** A key written here whose writes may still be undone by an older echo. */
interface Pending {
  /** What was written last, as JSON ('' for undefined: deleted). */
  json: string;
  /** The values this key showed before its writes (as JSON): seeing one again means an old echo. */
  superseded: Set<string>;
  repairs: number;
  /** A re-send under way, which an update of this value waits for too. */
  resending?: Promise<void>;
}

function toJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value);
}

function fromJson(json: string): unknown {
  return json === '' ? undefined : JSON.parse(json);
}

export class ReadYourWritesMemento implements StateMemento, SyncableState {
  private readonly pending = new Map<string, Pending>();
  /**
   * This memento's writes not yet answered, of any key. Every write sends the whole state, and one sent after
   * an older echo had undone a key carries that older value too: only when none of them is on its way is what
   * the state shows final.
   */
  private inFlight = 0;

  constructor(private readonly inner: StateMemento & Partial<SyncableState>) {}

  get(key: string): unknown {
    const raw = this.inner.get(key);
    const p = this.pending.get(key);
    if (!p) return raw;
    const json = toJson(raw);
    if (json === p.json) {
      if (this.inFlight === 0) this.pending.delete(key);
      return raw;
    }
    if (p.superseded.has(json) && p.repairs < MAX_REPAIRS) {
      this.repair(key, p);
      // A copy, as VS Code hands out what it parsed: nobody changes the pending value in place.
      return fromJson(p.json);
    }
    // From elsewhere (another window, Settings Sync), or echoes that keep undoing it: the state as it is.
    this.pending.delete(key);
    return raw;
  }

  update(key: string, value: unknown): Promise<void> {
    const before = toJson(this.get(key));
    const json = toJson(value);
    const p = this.pending.get(key) ?? { json, superseded: new Set<string>(), repairs: 0 };
    p.superseded.add(before);
    p.superseded.delete(json);
    p.json = json;
    p.repairs = 0;
    this.pending.set(key, p);
    return this.send(key, value).then(
      // Answered: if an old echo replaced it before it went, it is sent again (the caller awaits that too).
      () => this.resend(key, p),
      (e: unknown) => {
        if (this.pending.get(key) === p && p.json === json) this.pending.delete(key);
        throw e;
      },
    );
  }

  setKeysForSync(keys: readonly string[]): void {
    this.inner.setKeysForSync?.(keys);
  }

  /** One write, counted until it is answered; when the last is, each key is checked once more. */
  private send(key: string, value: unknown): Promise<void> {
    this.inFlight++;
    return Promise.resolve(this.inner.update(key, value)).finally(() => {
      if (--this.inFlight === 0) this.settle();
    });
  }

  /** Nothing is on its way: a key that shows its value is stored; one an echo undid is sent again. */
  private settle(): void {
    for (const key of [...this.pending.keys()]) this.get(key);
  }

  /** After a write is answered: sent again if an echo undid it (or the re-send already under way). */
  private resend(key: string, p: Pending): Promise<void> | undefined {
    if (this.pending.get(key) !== p) return undefined;
    return p.resending ?? this.resendNow(key, p);
  }

  private resendNow(key: string, p: Pending): Promise<void> | undefined {
    if (this.pending.get(key) !== p) return undefined;
    const json = toJson(this.inner.get(key));
    if (json === p.json || !p.superseded.has(json) || p.repairs >= MAX_REPAIRS) return undefined;
    p.repairs++;
    return this.send(key, fromJson(p.json)).then(() => this.resendNow(key, p));
  }

  /** A read found an echo's older value: the newest is sent again (once at a time). */
  private repair(key: string, p: Pending): void {
    if (p.resending) return;
    p.repairs++;
    const resending: Promise<void> = this.send(key, fromJson(p.json))
      .then(() => this.resendNow(key, p))
      .finally(() => {
        if (p.resending === resending) delete p.resending;
      });
    p.resending = resending;
    resending.catch(() => undefined);
  }
}

const wrapped = new WeakMap<object, ReadYourWritesMemento>();

/** The one read-your-writes view of `memento` (the same object for every caller, so they share what is pending). */
export function readYourWrites(memento: StateMemento & Partial<SyncableState>): ReadYourWritesMemento {
  if (memento instanceof ReadYourWritesMemento) return memento;
  let view = wrapped.get(memento);
  if (!view) {
    view = new ReadYourWritesMemento(memento);
    wrapped.set(memento, view);
  }
  return view;
}
