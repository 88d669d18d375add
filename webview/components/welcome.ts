// What the panel shows before the first question: the app's name, opening statement and suggested
// questions; or, without a key, how to connect; or why the app could not be reached.
import type { ChatState } from '../../src/shared/chatState';
import { renderMarkdown } from '../render/markdown';
import { h, replaceChildren } from '../dom';
import { button, chip } from './button';
import { spinner } from './spinner';
import { t } from '../l10n';

export interface WelcomeHandlers {
  ask(question: string): void;
  setKey(): void;
  reconnect(): void;
}

export class WelcomeView {
  readonly el: HTMLElement;
  private key = '';

  constructor(private readonly handlers: WelcomeHandlers) {
    this.el = h('section', { class: 'welcome', 'aria-label': t('Welcome') });
  }

  update(state: Pick<ChatState, 'connection' | 'app'>): void {
    const { connection, app } = state;
    const key = JSON.stringify([connection, app?.name, app?.description, app?.openingStatement, app?.suggestedQuestions]);
    if (key === this.key) return;
    this.key = key;
    switch (connection.status) {
      case 'noKey':
        replaceChildren(
          this.el,
          h('h2', {}, t('Connect to your Dify app')),
          h('p', {}, t('Profile “{0}” has no API key yet. Add the key of your Dify chat app (it starts with “app-”); VS Code keeps it in its secret storage.', connection.profileName)),
          button({ label: t('Set API key'), onClick: () => this.handlers.setKey() }),
        );
        return;
      case 'loading':
        replaceChildren(this.el, h('div', { class: 'welcome-loading' }, spinner('welcome-spinner'), h('span', {}, t('Connecting to {0}…', connection.profileName))));
        return;
      case 'error':
        replaceChildren(
          this.el,
          h('h2', {}, t('Could not reach the app')),
          h('p', { class: 'welcome-error' }, connection.message ?? t('The Dify app did not answer.')),
          h(
            'div',
            { class: 'welcome-actions' },
            button({ label: t('Try again'), onClick: () => this.handlers.reconnect() }),
            button({ label: t('Set API key'), appearance: 'secondary', onClick: () => this.handlers.setKey() }),
          ),
        );
        return;
      case 'ready': {
        if (!app) {
          replaceChildren(this.el);
          return;
        }
        const opening = h('div', { class: 'markdown-body opening-statement' });
        // renderMarkdown returns sanitized HTML (the renderer owns sanitizing).
        if (app.openingStatement) opening.innerHTML = renderMarkdown(app.openingStatement, { complete: true });
        replaceChildren(
          this.el,
          h('h2', { class: 'app-name' }, app.name || 'Dify'),
          app.description ? h('p', { class: 'app-description' }, app.description) : null,
          app.openingStatement ? opening : null,
          app.suggestedQuestions.length ? h('ul', { class: 'chips', 'aria-label': t('Suggested questions') }, ...app.suggestedQuestions.map((q) => chip(q, this.handlers.ask))) : null,
        );
        return;
      }
    }
  }
}
