// Citations (retriever_resources): document name, score and snippet, collapsible.
import type { RetrieverResource } from '../../src/shared/answer';
import { h, replaceChildren, setHidden, setText } from '../dom';
import { t } from '../l10n';

const SNIPPET_CHARS = 600;

export class CitationsView {
  readonly el: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLOListElement;
  private rendered: RetrieverResource[] | undefined;

  constructor() {
    this.summary = h('summary', { class: 'section-summary' });
    this.list = h('ol', { class: 'citations' });
    this.el = h('details', { class: 'section citations-section' }, this.summary, this.list);
    this.el.hidden = true;
  }

  update(citations: RetrieverResource[]): void {
    if (citations === this.rendered) return;
    this.rendered = citations;
    setHidden(this.el, citations.length === 0);
    if (!citations.length) return;
    setText(this.summary, t('Citations ({0})', citations.length));
    replaceChildren(this.list, ...citations.map((c) => this.item(c)));
  }

  private item(c: RetrieverResource): HTMLLIElement {
    const snippet = c.content.length > SNIPPET_CHARS ? `${c.content.slice(0, SNIPPET_CHARS)}…` : c.content;
    const score = typeof c.score === 'number' ? h('span', { class: 'citation-score', title: t('Relevance score') }, t('score {0}', c.score.toFixed(2))) : null;
    return h(
      'li',
      { class: 'citation' },
      h(
        'details',
        {},
        h('summary', {}, h('span', { class: 'citation-doc' }, c.documentName || c.title || t('Untitled document')), score ? h('span', { class: 'visually-hidden' }, ', ') : null, score),
        c.datasetName ? h('div', { class: 'citation-dataset' }, c.datasetName) : null,
        h('p', { class: 'citation-snippet' }, snippet),
      ),
    );
  }
}
