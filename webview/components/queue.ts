// Questions waiting for the answer in flight (an Ask About Selection while Dify answers): listed above the
// composer, each with a button that takes it back before it goes.
import type { QueuedQuestionView } from '../../src/shared/chatState';
import { h, replaceChildren, setHidden } from '../dom';
import { button } from './button';
import { t } from '../l10n';

const CLOSE = ['M4 4 L12 12', 'M12 4 L4 12'];

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

export class QueueView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly remove: (id: string) => void) {
    this.list = h('ul', { class: 'queue-list' });
    this.el = h('section', { class: 'queue', 'aria-label': t('Waiting questions') }, h('div', { class: 'queue-label' }, t('Waiting for the answer above')), this.list);
    this.el.hidden = true;
  }

  set(queue: readonly QueuedQuestionView[]): void {
    setHidden(this.el, queue.length === 0);
    replaceChildren(
      this.list,
      ...queue.map((q) =>
        h(
          'li',
          { class: 'queue-item' },
          h('span', { class: 'queue-text', title: q.question }, firstLine(q.question)),
          q.files?.length ? h('span', { class: 'queue-files' }, q.files.join(', ')) : null,
          button({ label: t('Remove from the queue'), icon: CLOSE, appearance: 'icon', className: 'queue-remove', onClick: () => this.remove(q.id) }),
        ),
      ),
    );
  }
}
