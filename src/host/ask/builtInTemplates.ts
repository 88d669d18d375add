import * as vscode from 'vscode';
import type { BuiltInTemplateId, PromptTemplate } from '../../context/templates';
import { BUILT_IN_TEMPLATE_IDS } from '../../context/templates';

/** The pick's label of each built-in template, in the display language. */
export function builtInLabel(id: BuiltInTemplateId): string {
  switch (id) {
    case 'explain':
      return vscode.l10n.t('Explain');
    case 'findBugs':
      return vscode.l10n.t('Find Bugs');
    case 'writeTests':
      return vscode.l10n.t('Write Tests');
    case 'addDocs':
      return vscode.l10n.t('Add Documentation');
    case 'optimize':
      return vscode.l10n.t('Optimize');
    case 'custom':
      return vscode.l10n.t('Custom Question…');
  }
}

/** The instruction each built-in template sends, in the display language (the code follows it). */
function builtInInstruction(id: BuiltInTemplateId): string {
  switch (id) {
    case 'explain':
      return vscode.l10n.t('Explain what this code does and how it works.');
    case 'findBugs':
      return vscode.l10n.t('Find the bugs in this code. For each one, say where it is, why it is wrong, and how to fix it.');
    case 'writeTests':
      return vscode.l10n.t('Write unit tests for this code, with the test framework this project appears to use. Cover the edge cases.');
    case 'addDocs':
      return vscode.l10n.t('Add documentation comments to this code, in the usual style of its language, and return the whole code with them.');
    case 'optimize':
      return vscode.l10n.t('Make this code faster or simpler without changing what it does, and explain each change.');
    case 'custom':
      return '${input}';
  }
}

/** The built-in templates, in the order the pick shows them. */
export function builtInTemplates(): PromptTemplate[] {
  return BUILT_IN_TEMPLATE_IDS.map((id) => ({ builtIn: id, label: builtInLabel(id), template: builtInInstruction(id), source: 'builtIn' }));
}
