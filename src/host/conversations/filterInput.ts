import * as vscode from 'vscode';
import { ContextKey, setContext } from '../commands';
import { Disposable, DisposableStore } from '../disposables';
import { filterTerms } from '../../chat/conversationFilter';

/**
 * The Conversations view's filter text and the input it is typed in (the title bar's filter button). The
 * tree narrows as each character is typed; the text stays when the input closes, until cleared.
 */
export class FilterInput extends Disposable {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<string>());
  /** Fires with the new filter text. */
  readonly onDidChange = this._onDidChange.event;
  private text = '';
  private box: vscode.InputBox | undefined;

  /** The filter text ('' when off). */
  get value(): string {
    return this.text;
  }

  /** True when the text holds something to filter by. */
  get active(): boolean {
    return filterTerms(this.text).length > 0;
  }

  set(text: string): void {
    if (text === this.text) return;
    const wasActive = this.active;
    this.text = text;
    if (wasActive !== this.active) void setContext(ContextKey.conversationsFiltered, this.active);
    this._onDidChange.fire(text);
  }

  clear(): void {
    this.box?.hide();
    this.set('');
  }

  /** Opens the input; each change filters at once. Resolves when it closes. */
  prompt(): Promise<void> {
    this.box?.dispose();
    const box = vscode.window.createInputBox();
    this.box = box;
    box.title = vscode.l10n.t('Filter Conversations');
    box.placeholder = vscode.l10n.t('Type part of a name; the list narrows as you type');
    box.prompt = vscode.l10n.t('Only loaded conversations are searched; “Load more…” still loads the next page.');
    box.value = this.text;
    box.valueSelection = [0, this.text.length];
    return new Promise((resolve) => {
      const subs = new DisposableStore();
      subs.add(box);
      subs.add(box.onDidChangeValue((v) => this.set(v)));
      subs.add(box.onDidAccept(() => box.hide()));
      subs.add(
        box.onDidHide(() => {
          subs.dispose();
          if (this.box === box) this.box = undefined;
          resolve();
        }),
      );
      box.show();
    });
  }

  override dispose(): void {
    this.box?.dispose();
    super.dispose();
  }
}
