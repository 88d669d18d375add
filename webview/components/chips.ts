// The composer's context chips: code that goes with the next question (Add Selection to Chat, Add File to
// Chat, or `@` in the message box). Each shows its file and lines, a tooltip with its first lines, and a button
// that removes it. The host owns the list (it survives the panel being hidden); this only draws it.
import type { ChipView } from '../../src/shared/chatState';
import { h, replaceChildren, setHidden } from '../dom';
import { button } from './button';
import { t } from '../l10n';

const CLOSE = ['M4 4 L12 12', 'M12 4 L4 12'];

export class ChipsView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly warning: HTMLElement;
  private readonly warningBox: HTMLElement;

  private readonly truncateButton: HTMLElement;

  constructor(
    private readonly remove: (id: string) => void,
    truncate: () => void,
  ) {
    this.list = h('ul', { class: 'chips-bar', 'aria-label': t('Code that goes with the next question') });
    this.warning = h('span', { class: 'chips-warning-text' });
    this.truncateButton = button({ label: t('Send with the code cut to the limit'), text: t('Send with the code cut'), appearance: 'secondary', className: 'chips-truncate', onClick: () => truncate() });
    const warningBox = h('div', { class: 'chips-warning', role: 'status' }, this.warning, this.truncateButton);
    warningBox.hidden = true;
    this.warningBox = warningBox;
    this.el = h('div', { class: 'context-chips' }, this.list, warningBox);
    this.el.hidden = true;
  }

  set(chips: readonly ChipView[]): void {
    setHidden(this.el, chips.length === 0);
    replaceChildren(
      this.list,
      ...chips.map((c) =>
        h(
          'li',
          { class: 'context-chip', title: c.preview },
          h('span', { class: 'context-chip-label' }, c.label),
          button({ label: t('Remove {0}', c.label), icon: CLOSE, appearance: 'icon', className: 'chip-remove', onClick: () => this.remove(c.id) }),
        ),
      ),
    );
    if (chips.length === 0) this.warn(undefined);
  }

  /** A sentence under the chips (why the question did not go yet), or none. */
  warn(message: string | undefined): void {
    setHidden(this.warningBox, message === undefined);
    this.warning.textContent = message ?? '';
  }
}
