// A turn's files: images shown inline (the host fetches them and hands over a `data:` URL; the panel never
// fetches), other files as a chip with name and type and Save As…, and a failure as one sentence with Retry.
// Used for the question's attachments and for the files of an answer. User-visible strings: FILE_WORDS.
import type { AnswerFile } from '../../src/shared/answer';
import { RASTER_DATA_URL } from '../../src/shared/fileRules';
import { h, Icons, replaceChildren, setHidden, setText } from '../dom';
import { button } from './button';
import { thumbnail } from './attachments';
import { t } from '../l10n';

export const FILE_WORDS = {
  loading: t('Loading the image…'),
  save: (name: string) => t('Save {0}…', name),
  retry: t('Retry'),
  kind: (type: string) => (type === 'image' ? t('image') : type === 'document' ? t('document') : type === 'audio' ? t('audio') : type === 'video' ? t('video') : t('file')),
} as const;

export interface TurnFileHandlers {
  /** Ask the host for an image's bytes (answered through {@link TurnFilesView.setData}). */
  load(fileId: string): void;
  save(fileId: string): void;
}

/** A file's name as a chip shows it. */
export function displayName(f: AnswerFile): string {
  if (f.filename) return f.filename;
  try {
    const path = new URL(f.url, 'http://x').pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || f.type;
  } catch {
    return f.type;
  }
}

interface ImageSlot {
  figure: HTMLElement;
  status: HTMLElement;
  retry: HTMLElement;
}

export class TurnFilesView {
  readonly el: HTMLElement;
  private files: readonly AnswerFile[] = [];
  private readonly images = new Map<string, ImageSlot>();
  /** Images already received: a re-render keeps them without asking again. */
  private readonly data = new Map<string, string>();

  constructor(
    private readonly handlers: TurnFileHandlers,
    className: string,
  ) {
    this.el = h('ul', { class: `turn-files ${className}` });
    this.el.hidden = true;
  }

  set(files: readonly AnswerFile[]): void {
    if (files === this.files) return;
    this.files = files;
    this.images.clear();
    setHidden(this.el, files.length === 0);
    replaceChildren(this.el, ...files.map((f) => this.item(f)));
  }

  /** The host's answer to `load`: the image, or the sentence why it is not shown. */
  setData(fileId: string, dataUrl: string | undefined, error: string | undefined): void {
    const slot = this.images.get(fileId);
    if (slot === undefined) return;
    if (dataUrl !== undefined && RASTER_DATA_URL.test(dataUrl)) {
      this.data.set(fileId, dataUrl);
      this.showImage(slot, fileId, dataUrl);
      return;
    }
    setText(slot.status, error ?? '');
    slot.status.dataset['state'] = 'failed';
    setHidden(slot.retry, false);
  }

  private item(f: AnswerFile): HTMLElement {
    const name = displayName(f);
    const canSave = f.url !== '';
    const save = canSave ? button({ label: FILE_WORDS.save(name), icon: Icons.down, appearance: 'icon', className: 'file-save', onClick: () => this.handlers.save(f.id) }) : null;
    if (f.type === 'image' && (f.preview !== undefined || f.url !== '')) {
      const status = h('span', { class: 'image-status', role: 'status' });
      const retry = button({ label: FILE_WORDS.retry, icon: Icons.retry, text: FILE_WORDS.retry, appearance: 'secondary', className: 'image-retry', onClick: () => this.request(f.id) });
      retry.hidden = true;
      const figure = h('figure', { class: 'turn-image', 'data-file-id': f.id }, status, retry);
      const slot = { figure, status, retry };
      this.images.set(f.id, slot);
      const known = f.preview ?? this.data.get(f.id);
      if (known !== undefined && RASTER_DATA_URL.test(known)) this.showImage(slot, f.id, known);
      else this.request(f.id);
      return h('li', { class: 'turn-file image' }, figure, save);
    }
    return h(
      'li',
      { class: 'turn-file', 'data-kind': f.type, title: name },
      h('span', { class: 'file-name' }, name),
      h('span', { class: 'file-kind' }, FILE_WORDS.kind(f.type)),
      save,
    );
  }

  private request(fileId: string): void {
    const slot = this.images.get(fileId);
    if (slot === undefined) return;
    setText(slot.status, FILE_WORDS.loading);
    slot.status.dataset['state'] = 'loading';
    setHidden(slot.retry, true);
    this.handlers.load(fileId);
  }

  private showImage(slot: ImageSlot, fileId: string, dataUrl: string): void {
    const file = this.files.find((f) => f.id === fileId);
    const img = thumbnail(dataUrl, file ? displayName(file) : '', 'turn-image-img');
    replaceChildren(slot.figure, img);
  }
}
