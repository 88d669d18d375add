// Buttons are toolkit buttons; icon-only ones carry their accessible name in aria-label (and a tooltip).
import { h, icon } from '../dom';
import { Tag } from '../elements';
import type { ButtonAppearance } from '../elements';

export interface ButtonOptions {
  label: string;
  appearance?: ButtonAppearance;
  /** Icon path data; with `text` omitted the button shows only the icon. */
  icon?: readonly string[];
  /** Visible text; defaults to the label for non-icon buttons. */
  text?: string;
  className?: string;
  onClick: (event: MouseEvent) => void;
}

export function button(o: ButtonOptions): HTMLElement {
  const appearance = o.appearance ?? (o.icon && o.text === undefined ? 'icon' : 'primary');
  const text = o.text ?? (appearance === 'icon' ? undefined : o.label);
  const el = h(Tag.button, { appearance, 'aria-label': o.label, title: o.label, class: o.className });
  if (o.icon) {
    const svg = icon(o.icon);
    if (text !== undefined) svg.setAttribute('slot', 'start');
    el.appendChild(svg);
  }
  if (text !== undefined) el.appendChild(document.createTextNode(text));
  el.addEventListener('click', (e) => {
    if ((el as HTMLElement & { disabled?: boolean }).disabled) return;
    o.onClick(e);
  });
  return el;
}

export function setDisabled(el: HTMLElement, disabled: boolean): void {
  if (disabled) el.setAttribute('disabled', '');
  else el.removeAttribute('disabled');
}

export function setPressed(el: HTMLElement, pressed: boolean): void {
  el.setAttribute('aria-pressed', pressed ? 'true' : 'false');
  el.classList.toggle('pressed', pressed);
}

/** A chip for a suggested question: a secondary button whose text is the question. */
export function chip(question: string, onAsk: (q: string) => void): HTMLElement {
  const el = button({ label: question, appearance: 'secondary', className: 'chip', onClick: () => onAsk(question) });
  return h('li', { class: 'chip-item' }, el);
}
