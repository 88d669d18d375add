/**
 * The conversation open in the chat panel, remembered per window and app profile (workspace state), so that
 * it comes back after the panel, the window ("Developer: Reload Window") or the extension host restarts.
 * An answer that was still streaming is remembered too: after the restart the conversation is read again
 * from Dify, and that answer shows what Dify has stored of it (Dify goes on generating when the client
 * goes), marked as interrupted with Refresh. A first question whose conversation has no id yet goes back
 * into the composer, so it is never lost. No vscode import: the memento and the panel are passed in.
 */
import type { StateMemento } from '../globalStore';
import type { HostMessage } from '../../protocol';
import { RESTORED_ANSWER_CODE } from '../../shared/answer';
import type { Translate } from '../messages/translate';
import type { Turn } from '../../shared/chatState';

/** Workspace state: profile id -> what its panel had open. */
export const OPEN_CONVERSATION_STATE_KEY = 'dify.chat.openConversation';

/** The error code that marks a turn restored mid-answer: its Retry (shown as Refresh) reads the conversation again. */
const REFRESH_CODE = RESTORED_ANSWER_CODE;


/** What is kept for one profile. */
export interface RememberedConversation {
  conversationId?: string;
  name?: string;
  /** A question whose answer had not finished: its text, and the conversation it went to (none yet: new). */
  pending?: { question: string; conversationId?: string };
}

/** What reopening needs from the chat panel (see openConversation.ts, which owns the memory). */
export interface ReopenPanel {
  readonly profileId: string;
  readonly conversationId: string | undefined;
  /** A webview is showing (a message posted now reaches it). */
  readonly hasView: boolean;
  /** Opens a stored conversation, letting `adjust` mark its turns; resolves to false when it did not load. */
  open(id: string, name: string | undefined, adjust: (turns: Turn[]) => Turn[]): Promise<boolean>;
  post(message: HostMessage): void;
}

function parse(raw: unknown): RememberedConversation | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const out: RememberedConversation = {};
  if (typeof r['conversationId'] === 'string' && r['conversationId']) out.conversationId = r['conversationId'];
  if (typeof r['name'] === 'string') out.name = r['name'];
  const p = r['pending'];
  if (typeof p === 'object' && p !== null && typeof (p as Record<string, unknown>)['question'] === 'string') {
    const q = p as Record<string, unknown>;
    out.pending = { question: q['question'] as string };
    if (typeof q['conversationId'] === 'string' && q['conversationId']) out.pending.conversationId = q['conversationId'];
  }
  return out;
}

/**
 * Remembers what the panel has open, and reopens it once at start. The controller tells it each change (a
 * few calls); every write goes to the memento at once, since a reload gives no warning.
 */
export class OpenConversationMemory {
  /** A question to put back in the composer once the webview is ready. */
  private draft: string | undefined;

  constructor(
    private readonly memento: StateMemento | undefined,
    private readonly panel: ReopenPanel,
    /** VS Code's `l10n.t` (no vscode import here: unit-tested in Node). */
    private readonly t: Translate,
  ) {}

  /** What is remembered for the active profile. */
  get current(): RememberedConversation | undefined {
    const all = this.memento?.get(OPEN_CONVERSATION_STATE_KEY);
    if (typeof all !== 'object' || all === null || !Object.hasOwn(all, this.panel.profileId)) return undefined;
    return parse((all as Record<string, unknown>)[this.panel.profileId]);
  }

  /** A conversation was opened; an answer still pending in it stays pending (it is marked until refreshed). */
  opened(id: string, name: string | undefined): void {
    const pending = this.current?.pending;
    this.write({ conversationId: id, ...(name !== undefined ? { name } : {}), ...(pending?.conversationId === id ? { pending } : {}) });
  }

  /** A question was sent (to `conversationId`, or to a new conversation). */
  sending(question: string, conversationId: string | undefined, name: string | undefined): void {
    const base = conversationId !== undefined ? { conversationId, ...(name !== undefined ? { name } : {}) } : {};
    this.write({ ...base, pending: { question, ...(conversationId !== undefined ? { conversationId } : {}) } });
  }

  /** The first answer gave the new conversation its id. */
  started(id: string, name: string | undefined): void {
    const pending = this.current?.pending;
    this.write({ conversationId: id, ...(name !== undefined ? { name } : {}), ...(pending ? { pending: { question: pending.question, conversationId: id } } : {}) });
  }

  /** The answer in flight ended (done, stopped, failed): nothing is pending. */
  finished(conversationId: string | undefined, name: string | undefined): void {
    this.write(conversationId !== undefined ? { conversationId, ...(name !== undefined ? { name } : {}) } : {});
  }

  renamed(id: string, name: string): void {
    const now = this.current;
    if (now?.conversationId === id) this.write({ ...now, name });
  }

  /** New chat (or another app): nothing open. */
  cleared(): void {
    this.write({});
  }

  /** The remembered conversation no longer exists at Dify: forget it (a pending question goes to the composer). */
  gone(): void {
    const pending = this.current?.pending;
    if (pending) this.draft = pending.question;
    this.cleared();
  }

  /** True for a turn that was restored mid-answer: its Retry button is Refresh. */
  isRefreshable(turn: Turn): boolean {
    return turn.answer.status === 'interrupted' && turn.answer.error?.code === REFRESH_CODE;
  }

  /**
   * Reopens what was open before the restart: the conversation from Dify, with its pending answer marked,
   * or the pending first question back in the composer. Does nothing when the panel has moved on already.
   */
  async reopen(): Promise<void> {
    const remembered = this.current;
    if (!remembered) return;
    const id = remembered.conversationId ?? remembered.pending?.conversationId;
    if (id === undefined) {
      if (remembered.pending) this.draft = remembered.pending.question;
      this.flushDraft();
      return;
    }
    if (this.panel.conversationId !== undefined) return;
    await this.panel.open(id, remembered.name, (turns) => this.markPending(turns, remembered.pending?.question));
    this.flushDraft();
  }

  /** Refresh on a restored answer: the conversation is read from Dify again. */
  async refresh(): Promise<void> {
    const remembered = this.current;
    const id = this.panel.conversationId;
    if (id === undefined) return;
    await this.panel.open(id, remembered?.name, (turns) => this.markPending(turns, remembered?.pending?.question));
  }

  /** The webview (re)appeared: a question restored for the composer goes there now. */
  ready(): void {
    this.flushDraft();
  }

  /**
   * Marks the pending answer: the newest turn, when it is the pending question and Dify has stored no answer
   * for it yet (it is still generating). An answer stored since (or a failure) shows as it is, and the
   * question is no longer pending. A pending question Dify never received goes back into the composer.
   */
  private markPending(turns: Turn[], question: string | undefined): Turn[] {
    if (question === undefined) return turns;
    const last = turns[turns.length - 1];
    if (!last || last.question.trim() !== question.trim()) {
      this.draft = question;
      this.finished(this.panel.conversationId ?? this.current?.conversationId, this.current?.name);
      return turns;
    }
    if (last.answer.text !== '' || last.answer.status !== 'done') {
      this.finished(this.current?.conversationId, this.current?.name);
      return turns;
    }
    const marked: Turn = { ...last, answer: { ...last.answer, status: 'interrupted', error: { kind: 'interrupted', code: REFRESH_CODE, message: this.t('The window reloaded while Dify was answering, so this shows what Dify has stored of the answer; Refresh reads it again.') } } };
    return [...turns.slice(0, -1), marked];
  }

  private flushDraft(): void {
    if (this.draft === undefined || !this.panel.hasView) return;
    const text = this.draft;
    this.draft = undefined;
    this.panel.post({ type: 'draft', text });
  }

  private write(value: RememberedConversation): void {
    if (!this.memento) return;
    const raw = this.memento.get(OPEN_CONVERSATION_STATE_KEY);
    const all: Record<string, unknown> = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
    Object.defineProperty(all, this.panel.profileId, { value, enumerable: true, configurable: true, writable: true });
    void this.memento.update(OPEN_CONVERSATION_STATE_KEY, all);
  }
}
