/**
 * Pinned conversations. Dify's Service API has no pin route and no working `pinned` filter, so pins are kept
 * here: in a key of the extension's global state (synced by Settings Sync), per app profile and end user, each
 * with the conversation's name as it was when pinned, so a pinned conversation shows even when it is not on
 * a loaded page. Pure: the memento is passed in (VS Code's globalState in the host, a fake in tests).
 */

/** The part of a VS Code Memento the pins use. */
export interface PinMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** One pinned conversation. */
export interface Pin {
  id: string;
  /** The name when it was pinned (or last renamed here). */
  name: string;
  /** When it was pinned, Unix milliseconds. */
  pinnedAt: number;
}

/** The global state key that holds every scope's pins (registered for Settings Sync). */
export const PINS_STATE_KEY = 'dify.conversations.pins';

/** More pins than anyone keeps; a synced value beyond it is cut, not trusted whole. */
export const MAX_PINS = 200;
const MAX_NAME = 256;

/** The scope of a set of pins: one app profile and one end user (profile ids never contain `:`). */
export function pinScope(profileId: string, userId: string): string {
  return `${profileId}:${userId}`;
}

function parsePin(raw: unknown): Pin | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const { id, name, pinnedAt } = r;
  if (typeof id !== 'string' || id === '' || id.length > 128) return undefined;
  return {
    id,
    name: typeof name === 'string' ? name.slice(0, MAX_NAME) : '',
    pinnedAt: typeof pinnedAt === 'number' && Number.isFinite(pinnedAt) ? pinnedAt : 0,
  };
}

/** Every scope's pins as stored; whatever does not parse (another version, a hand edit) is left out. */
function readAll(memento: PinMemento): Map<string, Pin[]> {
  const out = new Map<string, Pin[]>();
  const raw = memento.get(PINS_STATE_KEY);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [scope, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const seen = new Set<string>();
    const pins: Pin[] = [];
    for (const item of list as unknown[]) {
      const pin = parsePin(item);
      if (pin && !seen.has(pin.id) && pins.length < MAX_PINS) {
        seen.add(pin.id);
        pins.push(pin);
      }
    }
    if (pins.length) out.set(scope, pins);
  }
  return out;
}

/**
 * The pins of the current scope. Every read goes to the memento, so pins made in another window (or synced
 * from another machine) show on the next read.
 */
export class PinStore {
  constructor(
    private readonly memento: PinMemento,
    /** The scope in force now ({@link pinScope} of the active profile and its user). */
    private readonly scope: () => string,
  ) {}

  /** The scope in force now (the active profile and its user). */
  currentScope(): string {
    return this.scope();
  }

  /** This scope's pins, most recently pinned first. */
  list(): Pin[] {
    return [...(readAll(this.memento).get(this.scope()) ?? [])].sort((a, b) => b.pinnedAt - a.pinnedAt);
  }

  has(id: string): boolean {
    return this.list().some((p) => p.id === id);
  }

  /** Pins conversations (already pinned ones keep their place); `now` in Unix milliseconds. */
  async pin(conversations: ReadonlyArray<{ id: string; name: string }>, now: number): Promise<void> {
    await this.change((pins) => {
      const have = new Set(pins.map((p) => p.id));
      const added = conversations.filter((c) => !have.has(c.id)).map((c, i) => ({ id: c.id, name: c.name.slice(0, MAX_NAME), pinnedAt: now + i }));
      return [...added, ...pins].slice(0, MAX_PINS);
    });
  }

  /** Unpins (or prunes) conversations; ids that are not pinned are ignored. */
  async unpin(ids: Iterable<string>): Promise<void> {
    const drop = new Set(ids);
    if (drop.size === 0) return;
    await this.change((pins) => pins.filter((p) => !drop.has(p.id)));
  }

  /** A pinned conversation was renamed: the pin keeps the new name. */
  async rename(id: string, name: string): Promise<void> {
    if (!this.has(id)) return;
    await this.change((pins) => pins.map((p) => (p.id === id ? { ...p, name: name.slice(0, MAX_NAME) } : p)));
  }

  private async change(edit: (pins: Pin[]) => Pin[]): Promise<void> {
    const all = readAll(this.memento);
    const scope = this.scope();
    const before = all.get(scope) ?? [];
    const after = edit(before);
    if (after.length === before.length && after.every((p, i) => p === before[i])) return;
    if (after.length) all.set(scope, after);
    else all.delete(scope);
    // fromEntries defines own properties, so a scope such as `__proto__:x` is stored as an ordinary key.
    await this.memento.update(PINS_STATE_KEY, Object.fromEntries(all));
  }
}

/** What looking a pinned conversation up at Dify found: there, gone (404), or unknown (any other failure). */
export type PinCheck = 'exists' | 'gone' | 'unknown';

/**
 * Prunes the pins whose conversation is gone. Pins in `known` (on a loaded page) are not looked up; the
 * others are checked one by one, and only a definite "gone" removes a pin, so a network error or an outage
 * never loses one. Returns the ids pruned.
 */
export async function pruneGonePins(
  store: PinStore,
  known: ReadonlySet<string>,
  check: (id: string) => Promise<PinCheck>,
  scope = store.currentScope(),
): Promise<string[]> {
  // The checks ask one app (the client of `scope`): if the user switched apps meanwhile, a 404 from the old app
  // says nothing about the new app's pins, so nothing is pruned.
  if (store.currentScope() !== scope) return [];
  const gone: string[] = [];
  for (const pin of store.list()) {
    if (known.has(pin.id)) continue;
    if ((await check(pin.id)) === 'gone') gone.push(pin.id);
    if (store.currentScope() !== scope) return [];
  }
  await store.unpin(gone);
  return gone;
}
