import * as vscode from 'vscode';
import { buildQuery, totalLength, truncateContexts } from '../../context/query';
import type { QueryWords } from '../../context/query';
import { expandTemplate, mergeTemplates, PLACEHOLDERS } from '../../context/templates';
import type { BuiltInTemplateId, Placeholder, PromptTemplate } from '../../context/templates';
import { placeholderValues } from '../../context/query';
import type { CodeContext } from '../../shared/codeContext';
import type { InputValues } from '../../shared/chatState';
import type { AskOptions } from '../chat/chatController';
import type { StateCell } from '../globalStore';
import type { Prompter } from '../prompts';
import { readAskSettings } from './askSettings';
import type { AskSettings } from './askSettings';
import { builtInTemplates } from './builtInTemplates';
import { formatNumber } from '../locale';

/** What "Ask About Selection" needs from the rest of the extension. */
export interface AskSelectionDeps {
  prompter: Prompter;
  /** Sends the question to the panel (the chat controller's `ask`). */
  ask(question: string, options: AskOptions): Promise<boolean>;
  /** The conversation in the panel has started (its app inputs are fixed). */
  conversationStarted(): boolean;
  /** Tells the user, in the panel, something about how the question was sent. */
  notice(message: string): void;
  /** True once the active app has a key: asks for one when it has none (false: the user gave none). */
  ensureKey(): Promise<boolean>;
  /** The label of the template chosen last (focused first next time). */
  lastTemplate: StateCell<string>;
  /** Read on each run; injectable for tests. */
  settings?: () => AskSettings;
}

/** How one question about code is asked: with a template chosen in the pick, or a given one. */
export interface AskRequest {
  contexts: readonly CodeContext[];
  /** A built-in template to use without the pick (the "Explain" lens, the context menu's entries). */
  template?: BuiltInTemplateId;
}

/** The words around the code in the query, in the display language. */
export const QUERY_WORDS: QueryWords = {
  location: (file, lines, single) => (single ? vscode.l10n.t('`{0}`, line {1}:', file, lines) : vscode.l10n.t('`{0}`, lines {1}:', file, lines)),
  truncated: (limit) => vscode.l10n.t('(The code was cut to its first {0} characters.)', formatNumber(limit)),
};

/** The message for a template that names a placeholder that does not exist. */
function unknownPlaceholders(label: string, unknown: readonly string[]): string {
  const names = unknown.map((n) => `\${${n}}`).join(', ');
  const known = PLACEHOLDERS.map((n) => `\${${n}}`).join(', ');
  return vscode.l10n.t('The template “{0}” uses {1}, which is not a placeholder, so nothing was sent; use {2}.', label, names, known);
}

/**
 * "Ask About Selection": the template pick, the user's own words for a custom question, the size limit's
 * question, the query (the instruction, then the code under its file and lines), the app inputs that carry
 * code, and the conversation it goes to. The panel shows the question and streams the answer.
 */
export class AskSelection {
  constructor(private readonly deps: AskSelectionDeps) {}

  /** Asks about `request.contexts`; resolves true when the question went to the panel (or its queue). */
  async run(request: AskRequest): Promise<boolean> {
    const settings = (this.deps.settings ?? readAskSettings)();
    if (!(await this.deps.ensureKey())) return false;
    const template = await this.chooseTemplate(settings, request.template);
    if (!template) return false;
    let input = '';
    if (template.builtIn === 'custom' || template.template.includes('${input}')) {
      const typed = await this.deps.prompter.inputBox({
        title: vscode.l10n.t('Ask Dify about this code'),
        prompt: vscode.l10n.t('Your question; the code follows it.'),
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Type a question, or press Escape to cancel.') : undefined),
      });
      if (typed === undefined || typed.trim() === '') return false;
      input = typed.trim();
    }
    const contexts = await this.withinLimit(request.contexts, settings.maxCharacters);
    if (!contexts) return false;
    return this.send(template, contexts, input, settings);
  }

  private async chooseTemplate(settings: AskSettings, given: BuiltInTemplateId | undefined): Promise<PromptTemplate | undefined> {
    const templates = mergeTemplates(builtInTemplates(), settings.userTemplates, settings.workspaceTemplates);
    if (given !== undefined) return templates.find((t) => t.builtIn === given);
    const items = templates.map((t) => ({ label: t.label, description: t.source === 'builtIn' ? undefined : t.source === 'user' ? vscode.l10n.t('your template') : vscode.l10n.t('workspace template'), template: t }));
    const last = this.deps.lastTemplate.get();
    const active = items.find((i) => i.label === last);
    const picked = await this.deps.prompter.quickPick(items, { title: vscode.l10n.t('Ask Dify about this code'), placeHolder: vscode.l10n.t('What should Dify do with it?') }, active);
    if (!picked) return undefined;
    await this.deps.lastTemplate.set(picked.label);
    return picked.template;
  }

  /** The contexts within the size limit: as they are, cut after the user chose "Send Truncated", or none (Cancel). */
  private async withinLimit(contexts: readonly CodeContext[], limit: number): Promise<readonly CodeContext[] | undefined> {
    const size = totalLength(contexts);
    if (size <= limit) return contexts;
    const choice = await this.deps.prompter.confirm(
      vscode.l10n.t('The code has {0} characters, more than the {1} a question sends.', formatNumber(size), formatNumber(limit)),
      vscode.l10n.t('Send its first {0} characters (the question says it was cut), or cancel and select less. The limit is the setting dify.ask.maxCharacters.', formatNumber(limit)),
      { id: 'sendTruncated', title: vscode.l10n.t('Send Truncated') },
    );
    return choice === 'sendTruncated' ? truncateContexts(contexts, limit) : undefined;
  }

  private async send(template: PromptTemplate, contexts: readonly CodeContext[], input: string, settings: AskSettings): Promise<boolean> {
    const query = settings.codeInQuery
      ? buildQuery(template.template, contexts, QUERY_WORDS, { input, limit: settings.maxCharacters })
      : expandTemplate(template.template, { ...placeholderValues(contexts, input), selection: '' });
    if (!query.ok) {
      await this.deps.prompter.error(unknownPlaceholders(template.label, query.unknown));
      return false;
    }
    const inputs = this.inputValues(contexts, input, settings);
    if (inputs === 'failed') return false;
    const options: AskOptions = { context: contexts, instruction: this.instruction(template, contexts, input) };
    if (inputs !== undefined) options.inputs = inputs;
    // Inputs are fixed once a conversation exists: code that goes into them needs a new one (the panel says so).
    const forNewInputs = inputs !== undefined && this.deps.conversationStarted();
    if (settings.conversation === 'new' || forNewInputs) options.newConversation = true;
    const sent = await this.deps.ask(query.text, options);
    if (sent && forNewInputs && settings.conversation !== 'new') {
      this.deps.notice(vscode.l10n.t("A new conversation was started: this app takes the code in its inputs, and a conversation's inputs are fixed once it has begun."));
    }
    return sent;
  }

  /** The app inputs that carry code (`dify.ask.inputs`), expanded; 'failed' after telling the user why. */
  private inputValues(contexts: readonly CodeContext[], input: string, settings: AskSettings): InputValues | undefined | 'failed' {
    const entries = Object.entries(settings.inputs);
    if (entries.length === 0) return undefined;
    const values = placeholderValues(contexts, input);
    const out: InputValues = {};
    for (const [variable, template] of entries) {
      const expanded = expandTemplate(template, values);
      if (!expanded.ok) {
        void this.deps.prompter.error(unknownPlaceholders(`dify.ask.inputs.${variable}`, expanded.unknown));
        return 'failed';
      }
      out[variable] = expanded.text;
    }
    return out;
  }

  /** What the panel shows as the question (the words without the code, which the code blocks show). */
  private instruction(template: PromptTemplate, contexts: readonly CodeContext[], input: string): string {
    const values: Record<Placeholder, string> = { ...placeholderValues(contexts, input), selection: '' };
    const words = expandTemplate(template.template, values);
    return words.ok ? words.text.trim() : '';
  }
}
