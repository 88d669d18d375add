import * as vscode from 'vscode';
import type { ExportWords } from '../../chat/exportMarkdown';

export { formatDateTime } from '../locale';

/** The words of an exported conversation (its Markdown headings and labels), in VS Code's display language. */
export function exportWords(): ExportWords {
  return {
    app: vscode.l10n.t('App'),
    conversationId: vscode.l10n.t('Conversation'),
    started: vscode.l10n.t('Started'),
    updated: vscode.l10n.t('Last updated'),
    exported: vscode.l10n.t('Exported'),
    inputs: vscode.l10n.t('Inputs'),
    question: (n) => vscode.l10n.t('Question {0}', n),
    answer: (n) => vscode.l10n.t('Answer {0}', n),
    files: vscode.l10n.t('Files'),
    sources: vscode.l10n.t('Sources'),
    workflow: (steps) => (steps === 1 ? vscode.l10n.t('Workflow: 1 step') : vscode.l10n.t('Workflow: {0} steps', steps)),
    toolCall: (tool) => vscode.l10n.t('Tool call: {0}', tool),
    thought: vscode.l10n.t('Thought'),
    toolInput: vscode.l10n.t('Input'),
    observation: vscode.l10n.t('Result'),
    failed: (error) => (error ? vscode.l10n.t('The answer failed: {0}', error) : vscode.l10n.t('The answer failed.')),
    noAnswer: vscode.l10n.t('No answer was stored.'),
    untitled: vscode.l10n.t('New conversation'),
    footer: vscode.l10n.t('Exported from Dify Chat for VS Code.'),
  };
}
