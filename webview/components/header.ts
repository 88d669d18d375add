// The panel's header: which conversation this is (its name arrives about a second after the first
// answer), the app and profile, and New chat.
import type { ChatState } from '../../src/shared/chatState';
import { h, Icons, setText } from '../dom';
import { button } from './button';
import { t } from '../l10n';

export class HeaderView {
  readonly el: HTMLElement;
  private readonly title: HTMLElement;
  private readonly subtitle: HTMLElement;

  constructor(onNewChat: () => void) {
    this.title = h('h1', { class: 'conversation-name', id: 'conversation-name' });
    this.subtitle = h('div', { class: 'header-subtitle' });
    this.el = h(
      'header',
      { class: 'header' },
      h('div', { class: 'header-text' }, this.title, this.subtitle),
      button({ label: t('New chat'), icon: Icons.add, onClick: onNewChat }),
    );
  }

  update(state: Pick<ChatState, 'conversation' | 'app' | 'connection'>): void {
    const { conversation, app, connection } = state;
    setText(this.title, conversation.name || (conversation.id ? t('Conversation') : t('New chat')));
    this.title.title = this.title.textContent ?? '';
    const parts = [app?.name, connection.profileName].filter((x): x is string => !!x);
    // The profile name repeats the app name often; say it once.
    setText(this.subtitle, [...new Set(parts)].join(' · '));
  }
}
