// The toolbar on every code block: the language and its actions (Apply, for an answer's finished blocks, then
// Copy, Insert at cursor, Open in new editor). The buttons carry no handlers; the panel
// delegates clicks on `[data-code-action]` and reads the code from the block's <code> and `data-lang`. They
// are added after sanitizing, so content can never forge one.

import { svgIcon } from './icon';
import { t } from '../l10n';

/** Texts of the renderer's own UI, replaceable for localisation. */
export interface RenderLabels {
  /** The summary of a `<think>` block. */
  thinking: string;
  copy: string;
  insert: string;
  open: string;
  /** The Apply button of an answer's finished code block; its tooltip names where the code goes. */
  apply: string;
  /** The accessible name of a code block's scrolling area (followed by its language, when it has one). */
  code: string;
}

export const DEFAULT_LABELS: RenderLabels = {
  thinking: t('Thinking'),
  copy: t('Copy'),
  insert: t('Insert at cursor'),
  open: t('Open in new editor'),
  apply: t('Apply'),
  code: t('Code'),
};

/** 16x16 outline icons drawn for this toolbar (not from an icon font, which the panel may not load). */
const ICONS: Record<'copy' | 'insert' | 'open' | 'apply', string> = {
  apply: 'M2.5 8.5l3.5 3.5 7.5-8',
  copy: 'M5.5 5.5h7v8h-7zM3.5 10.5v-8h7',
  insert: 'M8 2.5v7M5 6.5l3 3 3-3M2.5 12.5h11',
  open: 'M4.5 1.5h5l3 3v10h-8zM9.5 1.5v3h3M8.5 8v5M6 10.5h5',
};

function button(doc: Document, action: 'copy' | 'insert' | 'open' | 'apply', label: string): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.className = 'code-action';
  b.dataset['codeAction'] = action;
  b.setAttribute('aria-label', label);
  b.title = label;
  b.append(svgIcon(doc, [ICONS[action]]));
  return b;
}

/** Adds the toolbar to every sanitized `div.code-block` under `root` (created by our code renderer). */
export function addCodeToolbars(root: DocumentFragment | Element, labels: RenderLabels): void {
  for (const block of Array.from(root.querySelectorAll('div.code-block'))) {
    if (block.firstElementChild?.tagName !== 'PRE') continue;
    const doc = block.ownerDocument;
    const bar = doc.createElement('div');
    bar.className = 'code-toolbar';
    const lang = doc.createElement('span');
    lang.className = 'code-lang';
    lang.textContent = block.getAttribute('data-lang') ?? '';
    bar.append(lang);
    // Apply only once the block is whole (its fence closed); the panel shows it on answers only.
    if (!block.classList.contains('streaming')) bar.append(button(doc, 'apply', labels.apply));
    bar.append(button(doc, 'copy', labels.copy), button(doc, 'insert', labels.insert), button(doc, 'open', labels.open));
    block.prepend(bar);
    makeScrollable(block.querySelector(':scope > pre'), lang.textContent ? `${labels.code}, ${lang.textContent}` : labels.code);
  }
  for (const table of Array.from(root.querySelectorAll('table'))) makeScrollable(table, null);
}

/**
 * A code block or table that scrolls sideways must be reachable by keyboard (WCAG 2.1.1), or its hidden part can
 * only be read with a mouse: it becomes a tab stop, and a code block a named group a screen reader can announce.
 */
function makeScrollable(el: Element | null, name: string | null): void {
  if (!el) return;
  el.setAttribute('tabindex', '0');
  if (name === null) return;
  el.setAttribute('role', 'group');
  el.setAttribute('aria-label', name);
}
