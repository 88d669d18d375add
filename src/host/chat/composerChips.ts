import { ContextChips } from '../../chat/contextChips';
import type { ContextChip } from '../../chat/contextChips';
import { codeSection, totalLength, truncateContexts } from '../../context/query';
import type { QueryWords } from '../../context/query';
import type { CodeContext } from '../../shared/codeContext';
import type { HostMessage } from '../../protocol';
import type { ChipText } from '../context/chipText';
import type { Translate } from '../messages/translate';

/** What the composer's chips need from the host. */
export interface ComposerChipsDeps {
  post(message: HostMessage): void;
  notice(level: 'info' | 'error', message: string): void;
  /** Reads a chip's code now (from the open document or the disk). */
  read(chip: ContextChip): Promise<ChipText>;
  /** The words around each piece of code in the query (the same as Ask About Selection's). */
  words: QueryWords;
  /** `dify.chat.maxContextCharacters`, read when a question is sent. */
  limit(): number;
  /** Translates the sentences here (VS Code's l10n.t in the host). */
  t: Translate;
  /** A count as the display language writes it (`formatNumber` in the host). */
  count(n: number): string;
}

/** A question with its chips' code, ready to send; or why it is not. */
export type ChipQuestion =
  | { ok: true; query: string; context: CodeContext[]; instruction: string }
  | { ok: false; reason: 'tooLarge' | 'empty'; message: string };

/**
 * The chips above the message box, owned here (so they survive the panel being hidden), and the question
 * they make: the typed words, then each chip's code, read now, under its file and lines.
 */
export class ComposerChips {
  private readonly chips = new ContextChips();

  constructor(private readonly deps: ComposerChipsDeps) {}

  get views(): ReturnType<ContextChips['views']> {
    return this.chips.views();
  }

  get isEmpty(): boolean {
    return this.chips.all.length === 0;
  }

  add(chip: ContextChip): 'added' | 'duplicate' | 'full' {
    const result = this.chips.add(chip);
    if (result === 'added') this.postChips();
    if (result === 'full') this.deps.notice('error', this.deps.t('Twenty pieces of code are already added; remove some before adding more.'));
    return result;
  }

  remove(id: string): void {
    if (this.chips.remove(id)) this.postChips();
  }

  /** After a question went: the chips were used. */
  clear(): void {
    if (this.isEmpty) return;
    this.chips.clear();
    this.postChips();
  }

  /**
   * The question `words` with the chips' code as it is now. A chip whose file is gone or binary is dropped with a
   * sentence; over the size limit nothing is sent (unless `truncate`), and the panel is told which chips are large.
   */
  async question(words: string, truncate: boolean): Promise<ChipQuestion> {
    const contexts: CodeContext[] = [];
    for (const chip of [...this.chips.all]) {
      const read = await this.deps.read(chip);
      if (read.ok) {
        contexts.push(read.context);
        continue;
      }
      this.chips.remove(chip.id);
      this.postChips();
      this.deps.notice('error', read.reason === 'missing' ? this.deps.t('{0} is gone, so it was left out of the question.', chip.fileName) : this.deps.t('{0} is not a text file, so it was left out of the question.', chip.fileName));
    }
    if (contexts.length === 0) return { ok: false, reason: 'empty', message: this.deps.t('None of the added code could be read; the question was not sent.') };
    const limit = this.deps.limit();
    const total = totalLength(contexts);
    let sent = contexts;
    if (total > limit) {
      if (!truncate) return { ok: false, reason: 'tooLarge', message: tooLargeMessage(contexts, total, limit, this.deps) };
      sent = truncateContexts(contexts, limit);
    }
    const code = sent.map((c) => codeSection(c, this.deps.words, limit)).join('\n\n');
    return { ok: true, query: `${words.trim()}\n\n${code}`, context: sent, instruction: words.trim() };
  }

  private postChips(): void {
    this.deps.post({ type: 'chips', chips: this.chips.views() });
  }
}

/** Which chips make the code too large, largest first. */
function tooLargeMessage(contexts: readonly CodeContext[], total: number, limit: number, { t, count }: Pick<ComposerChipsDeps, 't' | 'count'>): string {
  const largest = [...contexts].sort((a, b) => b.text.length - a.text.length).slice(0, 3);
  const names = largest.map((c) => `${c.fileName} (${count(c.text.length)})`).join(', ');
  return t('The added code has {0} characters, more than the {1} a question sends (largest: {2}); remove some, or send it cut to the limit.', count(total), count(limit), names);
}
