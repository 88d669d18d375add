/**
 * The one way the host owns what it must dispose: a {@link DisposableStore} collects disposables and disposes
 * them once, newest first; {@link Disposable} is the base class whose `register()` adds to its own store (the
 * `_register()` idiom of vscode-pull-request-github). No vscode import: VS Code's disposables are just objects
 * with `dispose()`.
 */

/** Anything with a `dispose()` (VS Code's Disposable, an EventEmitter, a subscription). */
export interface IDisposable {
  dispose(): unknown;
}

/** Disposes what it holds once, newest first; a disposable added after that is disposed at once. */
export class DisposableStore implements IDisposable {
  private items: IDisposable[] = [];
  private disposed = false;

  /** True once {@link dispose} ran. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Takes ownership of `d` and returns it, so `const x = store.add(new Thing())` reads naturally. */
  add<T extends IDisposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.items.push(d);
    return d;
  }

  /** Disposes everything held now, but keeps the store usable (a view's per-resolve subscriptions). */
  clear(): void {
    const items = this.items;
    this.items = [];
    disposeAll(items);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
  }
}

/** The base of every host class that owns subscriptions, emitters or registrations. */
export abstract class Disposable implements IDisposable {
  private readonly store = new DisposableStore();

  /** Takes ownership of `d`: it is disposed with this object. */
  protected register<T extends IDisposable>(d: T): T {
    return this.store.add(d);
  }

  /** True once this object was disposed. */
  protected get isDisposed(): boolean {
    return this.store.isDisposed;
  }

  dispose(): void {
    this.store.dispose();
  }
}

/** A disposable that runs `fn` once. */
export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      fn();
    },
  };
}

/** Disposes each item, newest first; one that throws does not stop the others (the first error is rethrown). */
function disposeAll(items: readonly IDisposable[]): void {
  let first: unknown;
  let failed = false;
  for (let i = items.length - 1; i >= 0; i--) {
    try {
      items[i]?.dispose();
    } catch (e) {
      if (!failed) first = e;
      failed = true;
    }
  }
  if (failed) throw first;
}
