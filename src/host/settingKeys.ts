/**
 * Every setting the extension reads, by its key under the `dify` section, in one place. An integration test
 * compares this list with `contributes.configuration` in package.json. No vscode import: keys are plain data.
 */
export const SECTION = 'dify';

export const Setting = {
  baseUrl: 'baseUrl',
  user: 'user',
  profiles: 'profiles',
  activeProfile: 'activeProfile',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  idleTimeoutSeconds: 'idleTimeoutSeconds',
  chatFontSize: 'chat.fontSize',
  chatMaxContextCharacters: 'chat.maxContextCharacters',
  askTemplates: 'ask.templates',
  askInputs: 'ask.inputs',
  askCodeInQuery: 'ask.codeInQuery',
  askConversation: 'ask.conversation',
  askMaxCharacters: 'ask.maxCharacters',
  codeLensEnabled: 'codeLens.enabled',
  codeLensLanguages: 'codeLens.languages',
  chatMaxAnswerSizeMiB: 'chat.maxAnswerSizeMiB',
} as const;

export type SettingKey = (typeof Setting)[keyof typeof Setting];

/** Every key in {@link Setting}. */
export const SETTING_KEYS: readonly SettingKey[] = Object.values(Setting);

/** The full id of a setting (`dify.baseUrl`), as `affectsConfiguration` and package.json spell it. */
export function settingId(key: SettingKey): string {
  return `${SECTION}.${key}`;
}

/** The settings that decide which app is reached and how: a change reloads the connection. */
export const CONNECTION_SETTINGS: readonly SettingKey[] = [
  Setting.baseUrl,
  Setting.profiles,
  Setting.activeProfile,
  Setting.user,
  Setting.requestTimeoutSeconds,
  Setting.idleTimeoutSeconds,
];
