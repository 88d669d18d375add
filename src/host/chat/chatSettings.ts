import * as vscode from 'vscode';
import { clampedNumber } from '../settings';
import { Setting, settingId } from '../settingKeys';
import type { ChatSettings } from '../../shared/chatState';

const FONT_SIZE_SETTING = settingId(Setting.chatFontSize);
const DEFAULT_FONT_SIZE = 13;

/** The panel's settings as they are now (`dify.chat.fontSize`, clamped to what package.json allows). */
export function readChatSettings(): ChatSettings {
  const raw = vscode.workspace.getConfiguration().get<unknown>(FONT_SIZE_SETTING, DEFAULT_FONT_SIZE);
  return { fontSize: clampedNumber(raw, DEFAULT_FONT_SIZE, 8, 32) };
}

/** Calls `onChange` with the new settings whenever one of the panel's settings changes. */
export function onDidChangeChatSettings(onChange: (settings: ChatSettings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(FONT_SIZE_SETTING)) onChange(readChatSettings());
  });
}

export const DEFAULT_MAX_CONTEXT_CHARACTERS = 40_000;

/** `dify.chat.maxContextCharacters`: the most characters of chip code one question sends. */
export function maxContextCharacters(): number {
  return clampedNumber(vscode.workspace.getConfiguration().get<unknown>(settingId(Setting.chatMaxContextCharacters)), DEFAULT_MAX_CONTEXT_CHARACTERS, 100, 1_000_000);
}
