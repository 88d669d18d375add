import { inputsWithDefaults, missingInputs } from '../../chat/appView';
import type { ContextChip } from '../../chat/contextChips';
import type { BackendSource, ChatSession, SendOptions } from '../../chat/session';
import type { AppView, InputValues } from '../../shared/chatState';
import type { HostMessage } from '../../protocol';
import { QUERY_WORDS } from '../ask/askSelection';
import { readChip } from '../context/chipText';
import { formatNumber } from '../locale';
import { translate } from '../messages';
import { maxContextCharacters } from './chatSettings';
import { ComposerChips } from './composerChips';
import { QuestionAsker } from './questionAsker';
import type { QueuedQuestion } from '../../chat/questionQueue';
import type { ComposerAttachments } from '../files/composerAttachments';

/** What the composer needs from the chat controller. */
export interface ChatComposerDeps {
  session: ChatSession;
  /** Where the turn asking `question` gets its backend (it may wait for the app to be resolved). */
  backend(question: string, options: SendOptions): BackendSource;
  /** The app shown (its input form decides what must be filled in), if loaded. */
  app(): AppView | undefined;
  newChat(): void;
  post(message: HostMessage): void;
  notice(level: 'info' | 'error', message: string): void;
  /** A question went (the open conversation is told, so the tree shows it on top). */
  sent(question: string): void;
  /** The files attached to the next question. */
  attachments: ComposerAttachments;
}

/**
 * Everything that puts a question into the session: the checks before it goes (an answer streaming, required
 * inputs), the composer's chips, questions from other features (sent now or queued), and the `@` file pick.
 */
export class ChatComposer {
  readonly chips: ComposerChips;
  readonly asker: QuestionAsker;
  /** Opens the `@` file pick and makes a chip of the file chosen (set by the context feature). */
  private filePicker: (() => Promise<ContextChip | undefined>) | undefined;

  constructor(private readonly deps: ChatComposerDeps) {
    this.chips = new ComposerChips({ post: deps.post, notice: deps.notice, read: readChip, words: QUERY_WORDS, limit: maxContextCharacters, t: translate, count: formatNumber });
    this.asker = new QuestionAsker({
      session: deps.session,
      send: (question, options) => this.send(question, options),
      newChat: deps.newChat,
      inputsFor: (values) => inputsWithDefaults(deps.app()?.inputForm ?? [], values),
      post: deps.post,
      notice: deps.notice,
      t: translate,
    });
  }

  setFilePicker(picker: () => Promise<ContextChip | undefined>): void {
    this.filePicker = picker;
  }

  /** A question typed in the panel: with the chips' code when there are chips (cut to the limit if `truncate`). */
  fromPanel(text: string, inputs: InputValues, truncate: boolean): void {
    const { session } = this.deps;
    if (!session.inputsLocked) session.setInputs(inputs);
    if (this.chips.isEmpty && this.deps.attachments.isEmpty && !truncate) this.send(text);
    else void this.sendWithChips(text, truncate);
  }

  /** A question from another feature: now, or queued behind the answer in flight. */
  ask(q: Omit<QueuedQuestion, 'id'>): boolean {
    return this.asker.ask(q);
  }

  /**
   * Sends now, or says why not (the question goes back into the message box, so it is never lost): an answer
   * is streaming, or a required input is empty.
   */
  send(question: string, options: SendOptions = {}): boolean {
    const { session } = this.deps;
    if (session.busy) {
      this.deps.post({ type: 'draft', text: question });
      this.deps.notice('info', translate('Dify is still answering. Stop it or wait, then send again.'));
      return false;
    }
    const app = this.deps.app();
    if (!session.inputsLocked && app) {
      const values = inputsWithDefaults(app.inputForm, session.inputs);
      const missing = missingInputs(app.inputForm, values);
      if (missing.length) {
        this.deps.post({ type: 'draft', text: question });
        this.deps.notice('error', translate('Fill in {0} before sending.', missing.join(', ')));
        return false;
      }
      session.setInputs(values);
    }
    const sent = session.send(question, this.deps.backend(question, options), options) !== undefined;
    if (sent) this.deps.sent(question);
    return sent;
  }

  /** The `@` file pick: a file chosen becomes a chip, and the panel is told (so the typed `@` goes). */
  async pickFile(): Promise<void> {
    const chip = await this.filePicker?.();
    const added = chip !== undefined && this.chips.add(chip) !== 'full';
    this.deps.post({ type: 'filePicked', added });
  }

  /**
   * The typed words with the chips' code and the attached files (Send waits for their uploads); chips and
   * files go once the question went, and stay when it did not.
   */
  private async sendWithChips(text: string, truncate: boolean): Promise<void> {
    if (this.deps.session.busy) {
      this.send(text);
      return;
    }
    const attached = await this.deps.attachments.ready();
    if (!attached.ok) {
      this.deps.post({ type: 'draft', text });
      this.deps.notice('error', attached.message);
      return;
    }
    const files = attached.files.length > 0 ? { files: attached.files } : {};
    if (this.chips.isEmpty && !truncate) {
      if (this.send(text.trim(), files)) this.deps.attachments.clear();
      return;
    }
    const q = await this.chips.question(text, truncate);
    if (!q.ok) {
      this.deps.post({ type: 'draft', text });
      if (q.reason === 'tooLarge') this.deps.post({ type: 'chipsTooLarge', message: q.message });
      else this.deps.notice('error', q.message);
      return;
    }
    if (this.send(q.query, { context: q.context, instruction: q.instruction, ...files })) {
      this.chips.clear();
      this.deps.attachments.clear();
    }
  }
}
