import { randomUUID } from 'node:crypto';
import type { ChatSession, SendOptions } from '../../chat/session';
import { QuestionQueue } from '../../chat/questionQueue';
import type { Translate } from '../messages/translate';
import type { QueuedQuestion } from '../../chat/questionQueue';
import type { InputValues } from '../../shared/chatState';
import type { HostMessage } from '../../protocol';

/** What the asker needs from the chat controller. */
export interface QuestionAskerDeps {
  session: ChatSession;
  /** Sends a question now (the controller's own checks: required inputs...); false when it did not go. */
  send(question: string, options: SendOptions): boolean;
  /** Starts an empty conversation with the app's default inputs. */
  newChat(): void;
  /** The app's default input values merged with `values` (for a new conversation that carries code in its inputs). */
  inputsFor(values: InputValues): InputValues;
  post(message: HostMessage): void;
  notice(level: 'info' | 'error', message: string): void;
  /** VS Code's `l10n.t` (no vscode import here: unit-tested in Node). */
  t: Translate;
}

/**
 * Questions from other features (Ask About Selection, a code lens, the composer's chips): sent at once when
 * Dify is idle, otherwise queued (the panel lists them) and sent in order as each answer ends or is stopped.
 */
export class QuestionAsker {
  private readonly queue = new QuestionQueue();
  /** A question is being sent: the New Chat it may start must not drain the next one ahead of it. */
  private sending = false;

  constructor(private readonly deps: QuestionAskerDeps) {}

  /** What the panel lists as waiting. */
  get queued(): ReturnType<QuestionQueue['views']> {
    return this.queue.views();
  }

  /** Sends `q` now, or queues it behind the answer in flight. False when it could be neither. */
  ask(q: Omit<QueuedQuestion, 'id'>): boolean {
    if (!this.deps.session.busy && this.queue.length === 0) return this.sendNow(q);
    if (!this.queue.add({ ...q, id: randomUUID() })) {
      this.deps.notice('error', this.deps.t('Twenty questions are already waiting for Dify; wait for some answers, then ask again.'));
      return false;
    }
    this.postQueue();
    return true;
  }

  /** Sends the next waiting question if Dify is idle (after an answer ended or was stopped, after New Chat). */
  drain(): void {
    if (this.deps.session.busy || this.sending) return;
    const next = this.queue.next();
    if (!next) return;
    this.postQueue();
    this.sendNow(next);
  }

  /** The user took a waiting question back. */
  unqueue(id: string): void {
    if (this.queue.remove(id)) this.postQueue();
  }

  private sendNow(q: Omit<QueuedQuestion, 'id'>): boolean {
    const { session } = this.deps;
    this.sending = true;
    try {
      if (q.newConversation) this.deps.newChat();
      if (q.inputs && !session.inputsLocked) session.setInputs(this.deps.inputsFor(q.inputs));
      const options: SendOptions = {};
      if (q.context) options.context = q.context;
      if (q.instruction !== undefined) options.instruction = q.instruction;
      return this.deps.send(q.question, options);
    } finally {
      this.sending = false;
    }
  }

  private postQueue(): void {
    this.deps.post({ type: 'queue', queue: this.queue.views() });
  }
}
