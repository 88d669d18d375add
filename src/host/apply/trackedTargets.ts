import * as vscode from 'vscode';
import { applyEdits } from '../../context/rangeTracking';
import type { TrackedRange } from '../../context/rangeTracking';
import type { CodeContext } from '../../shared/codeContext';
import type { Turn } from '../../shared/chatState';
import { Disposable } from '../disposables';
import { toCodeRange } from '../ask/documentSymbols';

/** The turns whose targets are followed; older ones are forgotten (their Apply asks where to). */
const MAX_TURNS = 100;

/** What Apply puts an answer's code in place of: the question's code, where it is now. */
export interface ApplyTarget {
  context: CodeContext;
  /** Followed through edits since the question; `touched` when an edit went inside it. */
  tracked: TrackedRange;
}

/** The code a turn's question was about (a selection or a symbol), if any: the first such piece. */
export function targetContext(turn: Turn): CodeContext | undefined {
  return turn.context?.find((c) => c.origin === 'selection' || c.origin === 'symbol');
}

/**
 * Follows the code of each question about code through the edits made to its document since, so Apply finds it
 * where it is now (edits elsewhere in the file move it; one inside it marks it changed).
 */
export class TrackedTargets extends Disposable {
  private readonly targets = new Map<string, ApplyTarget>();

  constructor() {
    super();
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const uri = e.document.uri.toString();
        const edits = e.contentChanges.map((c) => ({ range: toCodeRange(c.range), text: c.text.replace(/\r\n/g, '\n') }));
        for (const t of this.targets.values()) {
          if (t.context.uri === uri) t.tracked = applyEdits(t.tracked, edits);
        }
      }),
    );
  }

  /** Starts following a turn's code (once; a turn already followed keeps where it got to). */
  follow(turn: Turn): void {
    const context = targetContext(turn);
    if (!context || this.targets.has(turn.id)) return;
    this.targets.set(turn.id, { context, tracked: { range: { ...context.range }, touched: false } });
    while (this.targets.size > MAX_TURNS) {
      const oldest = this.targets.keys().next().value;
      if (oldest === undefined) break;
      this.targets.delete(oldest);
    }
  }

  get(turnId: string): ApplyTarget | undefined {
    return this.targets.get(turnId);
  }
}
