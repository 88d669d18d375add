// The toolbar on every code block: the language and three actions. The buttons carry no handlers; the panel
// delegates clicks on `[data-code-action]` and reads the code from the block's <code> and `data-lang`. They
// are added after sanitizing, so content can never forge one.

import { svgIcon } from './icon';

/** Texts of the renderer's own UI, replaceable for localisation. */
export interface RenderLabels {
  /** The summary of a `<think>` block. */
  thinking: string;
  copy: string;
  insert: string;
  open: string;
}

export const DEFAULT_LABELS: RenderLabels = {
  thinking: 'Thinking',
  copy: 'Copy',
  insert: 'Insert at cursor',
  open: 'Open in new editor',
};

/** 16x16 outline icons drawn for this toolbar (not from an icon font, which the panel may not load). */
const ICONS: Record<'copy' | 'insert' | 'open', string> = {
  copy: 'M5.5 5.5h7v8h-7zM3.5 10.5v-8h7',
  insert: 'M8 2.5v7M5 6.5l3 3 3-3M2.5 12.5h11',
  open: 'M4.5 1.5h5l3 3v10h-8zM9.5 1.5v3h3M8.5 8v5M6 10.5h5',
};

function button(doc: Document, action: 'copy' | 'insert' | 'open', label: string): HTMLButtonElement {
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
    bar.append(lang, button(doc, 'copy', labels.copy), button(doc, 'insert', labels.insert), button(doc, 'open', labels.open));
    block.prepend(bar);
  }
}
