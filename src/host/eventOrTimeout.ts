import type { IDisposable } from './disposables';

/** An event as VS Code spells one: subscribe with a listener, get back the subscription. */
export type EventLike<T> = (listener: (e: T) => unknown) => IDisposable;

/**
 * Resolves when `event` fires with a value `until` accepts (true), or when `timeoutMs` has passed first
 * (false); it never rejects, so a caller waiting for the workbench cannot hang. The subscription and the
 * timer are gone once it has resolved.
 */
export function eventOrTimeout<T>(event: EventLike<T>, timeoutMs: number, until: (e: T) => boolean = () => true): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const finish = (fired: boolean): void => {
      clearTimeout(timer);
      sub.dispose();
      resolve(fired);
    };
    // Emitters call listeners later, never while subscribing, so `sub` and `timer` exist by then.
    const sub = event((e) => {
      if (until(e)) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
  });
}
