// A new state (older history paged in, the panel shown again) lists many turns the panel already shows. A
// finished turn whose data did not change keeps its view: rebuilding it would render its Markdown again, and
// with a long history every page of older messages would re-render everything above it.
import { isFinished } from '../src/shared/answer';
import type { Turn } from '../src/shared/chatState';
import type { TurnView } from './components/turn';
import { SYNC_TEXT_CHARS } from './deferredTexts';

/** Whether `view` (of a finished turn) shows exactly `next`, so it can stay. */
export function canKeepView(view: TurnView, next: Turn): boolean {
  return view.turn.id === next.id && isFinished(view.turn.answer) && isFinished(next.answer) && JSON.stringify(view.turn) === JSON.stringify(next);
}

/**
 * Makes `parent`'s children exactly `wanted`, in order, moving only what is out of place: a kept turn stays
 * where it is (taking it out and putting it back would make the browser style and lay it out again).
 */
export function placeChildren(parent: Element, wanted: readonly Element[]): void {
  const keep = new Set<Node>(wanted);
  for (const child of Array.from(parent.childNodes)) if (!keep.has(child)) child.remove();
  let at: ChildNode | null = parent.firstChild;
  for (const el of wanted) {
    if (el === at) at = at.nextSibling;
    else parent.insertBefore(el, at);
  }
}

/** The views for a new state's turns, in order, and the held ones among them, newest first. */
export interface StateViews {
  views: Map<string, TurnView>;
  held: TurnView[];
}

/**
 * Views for `turns`: an unchanged finished turn keeps its view from `previous` (and `turns` then holds that
 * view's own turn object, which its later updates change); any other gets a new one from `create`, holding its
 * text when it is finished and the newer turns already hold SYNC_TEXT_CHARS of answer text. The views of
 * `previous` left over are disposed.
 */
export function stateViews(previous: ReadonlyMap<string, TurnView>, turns: Turn[], create: (turn: Turn, holdText: boolean) => TurnView): StateViews {
  const left = new Map(previous);
  const built: TurnView[] = [];
  let chars = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i] as Turn;
    const kept = left.get(t.id);
    if (kept && canKeepView(kept, t)) {
      left.delete(t.id);
      turns[i] = kept.turn;
      kept.render();
      built.push(kept);
    } else {
      built.push(create(t, chars > SYNC_TEXT_CHARS && isFinished(t.answer)));
    }
    chars += t.answer.text.length;
  }
  for (const v of left.values()) v.dispose();
  const held = built.filter((v) => v.isTextHeld);
  return { views: new Map(built.reverse().map((v) => [v.turn.id, v])), held };
}

/**
 * Views for an older page of history going in front of `newer` (the turns shown): the same rule as
 * {@link stateViews}, counting the newer turns' text first, so a page above a screenful of answers holds its
 * text. Returns the views in order and the held ones among them, newest first.
 */
export function olderViews(older: readonly Turn[], newer: readonly Turn[], create: (turn: Turn, holdText: boolean) => TurnView): { views: TurnView[]; held: TurnView[] } {
  let chars = newer.reduce((n, t) => n + t.answer.text.length, 0);
  const built: TurnView[] = [];
  for (let i = older.length - 1; i >= 0; i--) {
    const t = older[i] as Turn;
    built.push(create(t, chars > SYNC_TEXT_CHARS && isFinished(t.answer)));
    chars += t.answer.text.length;
  }
  const held = built.filter((v) => v.isTextHeld);
  return { views: built.reverse(), held };
}
