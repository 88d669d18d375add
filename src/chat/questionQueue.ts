/**
 * Questions that wait for the answer in flight: an "Ask About Selection" (or a code lens click) while Dify is
 * still answering is queued, shown in the panel, and sent when that answer ends or is stopped, in order. The
 * user can take one back before it goes. Pure: the controller drives it.
 */
import type { CodeContext } from '../shared/codeContext';
import { copyCodeContext } from '../shared/codeContext';
import type { InputValues, QueuedQuestionView } from '../shared/chatState';

/** One waiting question and how it is to be sent. */
export interface QueuedQuestion {
  id: string;
  question: string;
  /** What the panel shows as the question (without the code, which the context shows). */
  instruction?: string;
  context?: CodeContext[];
  /** Send it in a new conversation (its app inputs carry the code, and inputs are fixed once a conversation started). */
  newConversation?: boolean;
  /** Input values for that new conversation. */
  inputs?: InputValues;
}

/** At most this many questions wait; one more is refused (the panel says so). */
export const MAX_QUEUED = 20;

/** The waiting questions, first in, first out. */
export class QuestionQueue {
  private items: QueuedQuestion[] = [];

  get length(): number {
    return this.items.length;
  }

  /** Adds a question at the end; false when the queue is full. */
  add(q: QueuedQuestion): boolean {
    if (this.items.length >= MAX_QUEUED) return false;
    const copy: QueuedQuestion = { ...q };
    if (q.context) copy.context = q.context.map(copyCodeContext);
    if (q.inputs) copy.inputs = { ...q.inputs };
    this.items.push(copy);
    return true;
  }

  /** Takes the first question out (to send it), or undefined. */
  next(): QueuedQuestion | undefined {
    return this.items.shift();
  }

  /** Takes one question back; false when it is not (or no longer) waiting. */
  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((q) => q.id !== id);
    return this.items.length !== before;
  }

  /** What the panel shows of each waiting question. */
  views(): QueuedQuestionView[] {
    return this.items.map((q) => {
      const view: QueuedQuestionView = { id: q.id, question: q.instruction ?? q.question };
      if (q.context?.length) view.files = q.context.map((c) => c.fileName);
      return view;
    });
  }
}
