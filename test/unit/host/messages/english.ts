// The messages table in plain Node: an English `t` that does what `vscode.l10n.t` does without a translation
// bundle (fills `{0}`-style placeholders in one pass, leaves unknown ones), and shorthands for tests that
// check the sentence a problem becomes.
import type { Problem } from '../../../../src/dify/problems';
import { sentence } from '../../../../src/host/messages/table';
import type { Translate } from '../../../../src/host/messages/translate';
import { createWords } from '../../../../src/host/messages/words';
import type { Words } from '../../../../src/host/messages/words';

/** VS Code's `l10n.t(message, ...args)` for the default language (its `format2`). */
export const english: Translate = (message, ...args) => {
  if (args.length === 0) return message;
  const values = args as unknown as Record<string, unknown>;
  return message.replace(/{([^}]+)}/g, (match, group: string) => {
    const v = values[group];
    return v === undefined || v === null ? match : String(v);
  });
};

/** The English sentence for a problem. */
export function say(problem: Problem): string {
  return sentence(problem, english);
}

/** The host's words in English, for host classes that take a `Words` (VS Code's own is not there in Node). */
export const englishWords: Words = createWords(english);
