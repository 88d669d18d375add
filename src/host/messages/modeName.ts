/**
 * The name Dify's console gives an app mode, in the display language: "advanced-chat" is "Chatflow" in both
 * languages, "chat" is "Chatbot" in English and 聊天助手 in Dify's Chinese console. A mode Dify adds later is
 * shown as Dify sent it.
 */
import type { Translate } from './translate';

export function modeName(mode: string, t: Translate): string {
  switch (mode) {
    case 'chat':
      return t('Chatbot');
    case 'agent-chat':
      return t('Agent');
    case 'advanced-chat':
      return t('Chatflow');
    case 'workflow':
      return t('Workflow');
    case 'completion':
      return t('Text Generator');
    case 'agent':
      return t('Agent (v2)');
    default:
      return mode;
  }
}
