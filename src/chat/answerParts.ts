/**
 * The growing parts of an answer (workflow steps, agent thoughts, files) as the {@link AnswerBuilder} of
 * `transcript.ts` keeps them: lists changed in place, in constant time per event, that hand out their array
 * as a snapshot and copy it only when they change after one was taken (copy on write). A snapshot is never
 * changed afterwards, so the answers built from them stay plain, immutable data.
 */
import type { AgentThought, AnswerFile, StepStatus, WorkflowState, WorkflowStep } from '../shared/answer';

/** Which entry an id finds when a list holds it twice (only lists that came from elsewhere can). */
type Duplicates = 'first' | 'last';

/** A list with an index by id (built on first use), shared with its snapshots until it changes. */
export class CowList<T extends { id: string }> {
  private items: T[];
  private shared = true;
  private index: Map<string, number> | undefined;

  /** @param items the starting entries: shared, never changed (the list copies them before its first change). */
  constructor(
    items: readonly T[],
    private readonly duplicates: Duplicates,
  ) {
    this.items = items as T[];
  }

  get length(): number {
    return this.items.length;
  }

  at(i: number): T | undefined {
    return this.items[i];
  }

  /** The position of the entry with `id`, or -1. */
  find(id: string): number {
    if (this.index === undefined) {
      this.index = new Map();
      for (let i = 0; i < this.items.length; i++) {
        const key = this.items[i]?.id ?? '';
        if (this.duplicates === 'last' || !this.index.has(key)) this.index.set(key, i);
      }
    }
    return this.index.get(id) ?? -1;
  }

  set(i: number, item: T): void {
    this.writable()[i] = item;
  }

  push(item: T): void {
    const items = this.writable();
    items.push(item);
    if (this.index !== undefined && (this.duplicates === 'last' || !this.index.has(item.id))) this.index.set(item.id, items.length - 1);
  }

  /** Inserts at `at`, moving what follows (rare: an entry that arrives out of order). */
  insert(at: number, item: T): void {
    this.writable().splice(at, 0, item);
    this.index = undefined;
  }

  /** The entries as they are now; the next change copies them first. */
  snapshot(): T[] {
    this.shared = true;
    return this.items;
  }

  private writable(): T[] {
    if (this.shared) {
      this.items = this.items.slice();
      this.shared = false;
    }
    return this.items;
  }
}

/** The files of an answer: each id once (a file without an id is always added). */
export class FileList {
  private readonly list: CowList<AnswerFile>;

  constructor(files: readonly AnswerFile[]) {
    this.list = new CowList(files, 'first');
  }

  get length(): number {
    return this.list.length;
  }

  /** Adds `file` unless one with its id is there; false when it was not added. */
  add(file: AnswerFile): boolean {
    if (file.id !== '' && this.list.find(file.id) >= 0) return false;
    this.list.push(file);
    return true;
  }

  has(id: string): boolean {
    return id !== '' && this.list.find(id) >= 0;
  }

  snapshot(): AnswerFile[] {
    return this.list.snapshot();
  }
}

/** An agent's thoughts in position order; a thought that repeats (same id) replaces the earlier one. */
export class ThoughtList {
  private readonly list: CowList<AgentThought>;

  constructor(thoughts: readonly AgentThought[]) {
    this.list = new CowList(thoughts, 'first');
  }

  get length(): number {
    return this.list.length;
  }

  /** True when a thought with this id is there (an update, not a new entry). */
  has(id: string): boolean {
    return this.list.find(id) >= 0;
  }

  /** Replaces the thought with the same id in place, or inserts it in position order. */
  upsert(t: AgentThought): void {
    const i = this.list.find(t.id);
    if (i >= 0) {
      this.list.set(i, t);
      return;
    }
    // Dify numbers thoughts in order, so this is nearly always an append.
    let at = this.list.length;
    while (at > 0 && (this.list.at(at - 1)?.position ?? 0) > t.position) at--;
    if (at === this.list.length) this.list.push(t);
    else this.list.insert(at, t);
  }

  snapshot(): AgentThought[] {
    return this.list.snapshot();
  }
}

/** A chatflow run as it unfolds: its fields, its steps (by id, the latest of a repeated id) and which still run. */
export class WorkflowRun {
  runId: string;
  status: StepStatus;
  elapsedTime: number | undefined;
  totalTokens: number | undefined;
  error: string | undefined;
  private readonly steps: CowList<WorkflowStep>;
  /** Positions of the steps whose status is `running` (built on first use), so settling them skips the rest. */
  private running: Set<number> | undefined;
  private cached: WorkflowState | undefined;

  constructor(from: WorkflowState) {
    this.runId = from.runId;
    this.status = from.status;
    this.elapsedTime = from.elapsedTime;
    this.totalTokens = from.totalTokens;
    this.error = from.error;
    this.steps = new CowList(from.steps, 'last');
    this.cached = from;
  }

  get stepCount(): number {
    return this.steps.length;
  }

  /** The step with `id`, and where it is (-1: none). */
  step(id: string): { at: number; step: WorkflowStep | undefined } {
    const at = this.steps.find(id);
    return { at, step: at >= 0 ? this.steps.at(at) : undefined };
  }

  /** Puts `step` at `at` (-1: a new step at the end). */
  put(at: number, step: WorkflowStep): void {
    let i = at;
    if (i >= 0) this.steps.set(i, step);
    else {
      this.steps.push(step);
      i = this.steps.length - 1;
    }
    const running = this.runningSteps();
    if (step.status === 'running') running.add(i);
    else running.delete(i);
    this.changed();
  }

  /** Steps still running when the run stops or fails will not finish: they show as stopped. */
  settleRunning(): void {
    const running = this.runningSteps();
    for (const i of running) {
      const s = this.steps.at(i);
      if (s !== undefined) this.steps.set(i, { ...s, status: 'stopped' });
    }
    running.clear();
    this.changed();
  }

  /** Marks the run as changed (its fields were set directly). */
  changed(): void {
    this.cached = undefined;
  }

  snapshot(): WorkflowState {
    if (this.cached !== undefined) return this.cached;
    const wf: WorkflowState = { runId: this.runId, status: this.status, steps: this.steps.snapshot() };
    if (this.elapsedTime !== undefined) wf.elapsedTime = this.elapsedTime;
    if (this.totalTokens !== undefined) wf.totalTokens = this.totalTokens;
    if (this.error !== undefined) wf.error = this.error;
    this.cached = wf;
    return wf;
  }

  private runningSteps(): Set<number> {
    if (this.running === undefined) {
      this.running = new Set();
      for (let i = 0; i < this.steps.length; i++) if (this.steps.at(i)?.status === 'running') this.running.add(i);
    }
    return this.running;
  }
}
