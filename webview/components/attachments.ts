// The composer's attachments: files that go with the next question (Attach, paste, drop). Each chip shows a
// thumbnail for an image, the name and size, "Uploading…" while Dify receives it, the one sentence of a
// failed upload with Retry, and a button that removes it. The host owns the list; this only draws it.
// User-visible strings of this file: ATTACHMENT_WORDS.
import type { AttachmentView } from '../../src/shared/chatState';
import { formatBytes, RASTER_DATA_URL } from '../../src/shared/fileRules';
import { h, Icons, replaceChildren, setHidden } from '../dom';
import { button } from './button';
import { spinner } from './spinner';
import { t } from '../l10n';

export const ATTACHMENT_WORDS = {
  list: t('Files that go with the next question'),
  uploading: t('Uploading…'),
  retry: t('Retry'),
  remove: (name: string) => t('Remove {0}', name),
  link: t('link'),
} as const;

const CLOSE = ['M4 4 L12 12', 'M12 4 L4 12'];

/** An `<img>` of a raster `data:` URL (anything else shows nothing: the CSP would refuse it anyway). */
export function thumbnail(dataUrl: string | undefined, alt: string, className: string): HTMLElement | null {
  if (dataUrl === undefined || !RASTER_DATA_URL.test(dataUrl)) return null;
  return h('img', { class: className, src: dataUrl, alt });
}

export interface AttachmentHandlers {
  remove(id: string): void;
  retry(id: string): void;
}

export class AttachmentsView {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly handlers: AttachmentHandlers) {
    this.list = h('ul', { class: 'attachments-bar', 'aria-label': ATTACHMENT_WORDS.list });
    this.el = h('div', { class: 'attachments' }, this.list);
    this.el.hidden = true;
  }

  set(attachments: readonly AttachmentView[]): void {
    setHidden(this.el, attachments.length === 0);
    replaceChildren(this.list, ...attachments.map((a) => this.chip(a)));
  }

  private chip(a: AttachmentView): HTMLElement {
    const size = a.size !== undefined ? formatBytes(a.size) : ATTACHMENT_WORDS.link;
    const status =
      a.status === 'uploading'
        ? h('span', { class: 'attachment-status' }, spinner('attachment-progress'), ATTACHMENT_WORDS.uploading)
        : a.status === 'failed'
          ? h('span', { class: 'attachment-error', role: 'alert' }, a.error ?? '')
          : null;
    return h(
      'li',
      { class: 'attachment', 'data-status': a.status, 'data-kind': a.kind, title: a.url ?? a.name },
      thumbnail(a.preview, a.name, 'attachment-thumb'),
      h('span', { class: 'attachment-name' }, a.name),
      h('span', { class: 'attachment-size' }, size),
      status,
      a.status === 'failed' ? button({ label: ATTACHMENT_WORDS.retry, icon: Icons.retry, appearance: 'icon', className: 'attachment-retry', onClick: () => this.handlers.retry(a.id) }) : null,
      button({ label: ATTACHMENT_WORDS.remove(a.name), icon: CLOSE, appearance: 'icon', className: 'attachment-remove', onClick: () => this.handlers.remove(a.id) }),
    );
  }
}
