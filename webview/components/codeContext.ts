// The code a question carries (a selection, a symbol, a file, a chip), shown as a collapsible block: the file
// and lines in the summary, the code highlighted below it with the usual code toolbar. One look for every place
// code context appears (a question's code, the composer's chips).
import type { CodeContext } from '../../src/shared/codeContext';
import { fencedBlock, lineSpan } from '../../src/shared/codeBlock';
import { MarkdownView } from '../render/markdown';
import { h } from '../dom';
import { t } from '../l10n';

/** Blocks this short open by themselves; longer ones start folded (the summary says where they are from). */
const OPEN_LINES = 12;

/** "src/a.ts · line 3" / "src/a.ts · lines 12–20", the truncation noted. */
export function codeContextLabel(c: CodeContext): string {
  const { first, last } = lineSpan(c.range);
  const lines = first === last ? t('line {0}', first) : t('lines {0}–{1}', first, last);
  return `${c.fileName} · ${lines}${c.truncated ? ` ${t('(truncated)')}` : ''}`;
}

/** A collapsible code block for one piece of code context; dispose() releases its renderer. */
export class CodeContextView {
  readonly el: HTMLDetailsElement;
  private readonly markdown: MarkdownView;

  constructor(context: CodeContext) {
    const body = h('div', { class: 'code-context-body' });
    this.markdown = new MarkdownView(body);
    this.markdown.setText(fencedBlock(context.text, context.languageId));
    this.markdown.finish();
    const label = codeContextLabel(context);
    this.el = h('details', { class: 'code-context', 'data-origin': context.origin }, h('summary', { title: context.uri }, label), body);
    this.el.open = context.text.split('\n').length <= OPEN_LINES;
  }

  dispose(): void {
    this.markdown.dispose();
  }
}
