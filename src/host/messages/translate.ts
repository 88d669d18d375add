/**
 * The shape of the messages table: small functions of `(problem, t)`, where `t` has VS Code's `l10n.t`
 * shape, so the table runs in plain Node (tests pass an English `t`) and in the extension host
 * (`messages.ts` passes `vscode.l10n.t`). No vscode import here or anywhere in this folder.
 */
import type { Problem } from '../../dify/problems';

/**
 * Translates one whole sentence template and fills its `{0}`-style placeholders with `args`, as
 * `vscode.l10n.t(message, ...args)` does. Every template is a whole sentence, so a translator can reorder it.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** The sentence function of one problem id. */
export type Sentence<P extends Problem> = (problem: P, t: Translate) => string;

/** A sentence for every id of `P`: the mapped type makes a missing id a compile error. */
export type SentenceTable<P extends Problem> = { readonly [K in P['id']]: Sentence<Extract<P, { id: K }>> };
