// Tiny DOM helpers. Text always goes in through textContent; the only HTML the panel inserts is the
// renderer's sanitized markdown.
import { svgIcon } from './render/icon';

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (true -> empty attribute, false/undefined -> absent) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replaces all children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function setHidden(el: HTMLElement, hidden: boolean): void {
  if (el.hidden !== hidden) el.hidden = hidden;
}

export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** A 16x16 outline icon from path data; decorative (the button carries the accessible name). */
export function icon(paths: readonly string[]): SVGSVGElement {
  return svgIcon(document, paths);
}

/** Icon path data (drawn for this panel: strokes on a 16px grid, coloured by currentColor in CSS). */
export const Icons = {
  send: ['M2 8 L14 2 L10 14 L8 9 Z', 'M8 9 L14 2'],
  stop: ['M4 4 H12 V12 H4 Z'],
  add: ['M8 3 V13', 'M3 8 H13'],
  copy: ['M5 5 H13 V14 H5 Z', 'M3 11 V2 H10'],
  like: ['M2 7 H5 V14 H2 Z', 'M5 7 L8 2 C9.5 2 10 3 9.5 5 L9 7 H13 C14 7 14.5 8 14.2 9 L13 13 C12.8 13.7 12.3 14 11.6 14 H5'],
  dislike: ['M2 9 H5 V2 H2 Z', 'M5 9 L8 14 C9.5 14 10 13 9.5 11 L9 9 H13 C14 9 14.5 8 14.2 7 L13 3 C12.8 2.3 12.3 2 11.6 2 H5'],
  retry: ['M13 8 A5 5 0 1 1 11.5 4.5', 'M12 1.5 V5 H8.5'],
  down: ['M8 3 V13', 'M4 9 L8 13 L12 9'],
} as const;
