import * as vscode from 'vscode';
import type { ExportWords } from '../../chat/exportMarkdown';

/** The words of an exported conversation, in English (the localization issue moves them to l10n). */
export function exportWords(): ExportWords {
  return {
    app: 'App',
    conversationId: 'Conversation',
    started: 'Started',
    updated: 'Last updated',
    exported: 'Exported',
    inputs: 'Inputs',
    question: (n) => `Question ${n}`,
    answer: (n) => `Answer ${n}`,
    files: 'Files',
    sources: 'Sources',
    workflow: (steps) => `Workflow: ${steps} step${steps === 1 ? '' : 's'}`,
    toolCall: (tool) => `Tool call: ${tool}`,
    thought: 'Thought',
    toolInput: 'Input',
    observation: 'Result',
    failed: (error) => (error ? `The answer failed: ${error}` : 'The answer failed.'),
    noAnswer: 'No answer was stored.',
    untitled: 'New conversation',
    footer: 'Exported from Dify Chat for VS Code.',
  };
}

/** A Unix-seconds time as people read it, in VS Code's display language. */
export function formatDateTime(unixSeconds: number): string {
  return dateTimeFormat().format(new Date(unixSeconds * 1000));
}

let cached: { language: string; format: Intl.DateTimeFormat } | undefined;

function dateTimeFormat(): Intl.DateTimeFormat {
  const language = vscode.env.language;
  if (cached?.language !== language) {
    let format: Intl.DateTimeFormat;
    try {
      format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    } catch {
      format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    }
    cached = { language, format };
  }
  return cached.format;
}
