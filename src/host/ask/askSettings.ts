import * as vscode from 'vscode';
import { parseTemplateSetting } from '../../context/templates';
import type { PromptTemplate, TemplateSettingProblem } from '../../context/templates';
import { clampedNumber } from '../settings';
import { SECTION, Setting, settingId } from '../settingKeys';
import type { SettingKey } from '../settingKeys';
import { settingLayers } from './settingLayers';

/** Whether a selection question continues the conversation in the panel or starts a new one. */
export type AskConversation = 'continue' | 'new';

export const DEFAULT_MAX_CHARACTERS = 20_000;

/** What "Ask About Selection" reads from the settings, each time it runs. */
export interface AskSettings {
  /** The templates from the user's settings, then the (trusted) workspace's. */
  userTemplates: PromptTemplate[];
  workspaceTemplates: PromptTemplate[];
  /** Entries of `dify.ask.templates` that could not be used, per source. */
  problems: Array<TemplateSettingProblem & { source: 'user' | 'workspace' }>;
  /** `inputs` variable -> a template of placeholders (`${selection}`...): the code can go into the app's inputs. */
  inputs: Record<string, string>;
  /** Whether the code also goes into the query (off: only into the inputs). */
  codeInQuery: boolean;
  conversation: AskConversation;
  maxCharacters: number;
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/**
 * The user's value and, in a trusted workspace only, the workspace's (workspace folder's wins over the
 * workspace file's): a repository may bring its team's templates, but an untrusted one changes nothing.
 */
function layered<T>(key: SettingKey): { user: T | undefined; workspace: T | undefined } {
  return settingLayers(config().inspect<T>(key), vscode.workspace.isTrusted);
}

/** A plain object of string values (anything else in it is left out). */
function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, value] of Object.entries(v as Record<string, unknown>)) {
    if (typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) out[k] = value;
  }
  return out;
}

/** Reads the settings now (they may change between two questions). */
export function readAskSettings(): AskSettings {
  const templates = layered<unknown>(Setting.askTemplates);
  const user = parseTemplateSetting(templates.user, 'user');
  const workspace = parseTemplateSetting(templates.workspace, 'workspace');
  const inputs = layered<unknown>(Setting.askInputs);
  const codeInQuery = layered<unknown>(Setting.askCodeInQuery);
  const conversation = config().get<unknown>(Setting.askConversation);
  return {
    userTemplates: user.templates,
    workspaceTemplates: workspace.templates,
    problems: [...user.problems.map((p) => ({ ...p, source: 'user' as const })), ...workspace.problems.map((p) => ({ ...p, source: 'workspace' as const }))],
    inputs: { ...stringRecord(inputs.user), ...stringRecord(inputs.workspace) },
    codeInQuery: (codeInQuery.workspace ?? codeInQuery.user) !== false,
    conversation: conversation === 'new' ? 'new' : 'continue',
    maxCharacters: clampedNumber(config().get<unknown>(Setting.askMaxCharacters), DEFAULT_MAX_CHARACTERS, 100, 1_000_000),
  };
}

/** Code lens settings. */
export interface LensSettings {
  enabled: boolean;
  /** Language ids to show lenses for; empty: every language with a symbol provider. */
  languages: string[];
}

export function readLensSettings(): LensSettings {
  const languages = config().get<unknown>(Setting.codeLensLanguages);
  return {
    enabled: config().get<unknown>(Setting.codeLensEnabled) !== false,
    languages: Array.isArray(languages) ? languages.filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => l.trim()) : [],
  };
}

/** True when a configuration change touches the code lens settings. */
export function affectsLenses(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(settingId(Setting.codeLensEnabled)) || e.affectsConfiguration(settingId(Setting.codeLensLanguages));
}
