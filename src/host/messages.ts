/**
 * The one place the host turns what the pure core reports (an error, a diagnosis, a validation) into the
 * sentence a person reads. Every host file that shows such a thing calls these functions instead of reading
 * the core's fields itself. The words live in the table under `messages/` (plain TypeScript, tested in
 * Node); this file only binds it to VS Code's `l10n.t`, so localization reaches every sentence.
 */
import * as vscode from 'vscode';
import { modeName } from './messages/modeName';
import { createWords } from './messages/words';
import type { Translate } from './messages/translate';
import type { Words } from './messages/words';

/** VS Code's `l10n.t` as a {@link Translate}, for host classes that take their words as a dependency. */
export const translate: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

/** The host's words, in VS Code's display language. */
export const words: Words = createWords(translate);

export const { problemText, errorText, diagnosisText, validationError, validationWarning } = words;

/** The name Dify's console gives an app mode ("advanced-chat" is Chatflow), in VS Code's display language. */
export const appModeName = (mode: string): string => modeName(mode, translate);
