// A new state (older history paged in, the panel shown again) lists many turns the panel already shows. A
// finished turn whose data did not change keeps its view: rebuilding it would render its Markdown again, and
// with a long history every page of older messages would re-render everything above it.
import { isFinished } from '../src/shared/answer';
import type { Turn } from '../src/shared/chatState';
import type { TurnView } from './components/turn';

/** Whether `view` (of a finished turn) shows exactly `next`, so it can stay. */
export function canKeepView(view: TurnView, next: Turn): boolean {
  return view.turn.id === next.id && isFinished(view.turn.answer) && isFinished(next.answer) && JSON.stringify(view.turn) === JSON.stringify(next);
}
