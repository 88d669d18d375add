// Scripted answers to the extension's dialogs (a modal cannot be clicked from inside the extension host).
import type * as vscode from 'vscode';
import type { PromptAction, Prompter } from '../../../src/host/prompts';

export interface Shown {
  kind: 'input' | 'pick' | 'confirm' | 'info' | 'warn' | 'error' | 'save' | 'open';
  text: string;
  actions: string[];
  /** A pick's item focused when it opened, if one was. */
  active?: string;
}

type PickAnswer = (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;

/**
 * The button a scripted answer clicks: the one with that title (what a person reads) or that id. An answer
 * that names no button is a click on none (undefined), as a dialog closed without choosing would be.
 */
function clicked<Id extends string>(answer: string | undefined, actions: readonly PromptAction<Id>[]): Id | undefined {
  return answer === undefined ? undefined : (actions.find((a) => a.title === answer) ?? actions.find((a) => a.id === answer))?.id;
}

/**
 * Answers the extension's dialogs from queues and records everything it showed. An unanswered question is
 * cancelled (undefined), as Escape would.
 */
export class ScriptedDialogs {
  readonly shown: Shown[] = [];
  /** What `validateInput` said about each scripted input (error or warning text, '' when fine). */
  readonly validations: string[] = [];
  inputs: Array<string | undefined> = [];
  confirms: Array<string | undefined> = [];
  warns: Array<string | undefined> = [];
  errors: Array<string | undefined> = [];
  infos: Array<string | undefined> = [];
  picks: PickAnswer[] = [];
  saves: Array<vscode.Uri | undefined> = [];
  opens: Array<vscode.Uri[] | undefined> = [];
  private saved: Partial<Prompter> = {};

  constructor(private readonly prompter: Prompter) {}

  install(): this {
    const p = this.prompter;
    this.saved = { inputBox: p.inputBox, quickPick: p.quickPick, confirm: p.confirm, info: p.info, warn: p.warn, error: p.error, saveDialog: p.saveDialog, openDialog: p.openDialog };
    p.inputBox = async (options) => {
      this.shown.push({ kind: 'input', text: [options.title, options.prompt].filter(Boolean).join(' | '), actions: [] });
      const answer = this.inputs.shift();
      if (answer !== undefined && options.validateInput) {
        const v = await options.validateInput(answer);
        this.validations.push(typeof v === 'string' ? v : (v?.message ?? ''));
      }
      return answer;
    };
    p.quickPick = (async (items: readonly vscode.QuickPickItem[], options: vscode.QuickPickOptions, active?: vscode.QuickPickItem) => {
      this.shown.push({ kind: 'pick', text: options.title ?? '', actions: items.map((i) => i.label), ...(active ? { active: active.label } : {}) });
      const answer = this.picks.shift();
      return answer ? answer(items) : undefined;
    }) as Prompter['quickPick'];
    p.confirm = async (message, detail, ...actions) => {
      this.shown.push({ kind: 'confirm', text: `${message} ${detail}`, actions: actions.map((a) => a.title) });
      return clicked(this.confirms.shift(), actions);
    };
    p.info = async (message, ...actions) => {
      this.shown.push({ kind: 'info', text: message, actions: actions.map((a) => a.title) });
      return clicked(this.infos.shift(), actions);
    };
    p.warn = async (message, ...actions) => {
      this.shown.push({ kind: 'warn', text: message, actions: actions.map((a) => a.title) });
      return clicked(this.warns.shift(), actions);
    };
    p.error = async (message, ...actions) => {
      this.shown.push({ kind: 'error', text: message, actions: actions.map((a) => a.title) });
      return clicked(this.errors.shift(), actions);
    };
    p.saveDialog = async (options) => {
      this.shown.push({ kind: 'save', text: options.defaultUri?.path ?? '', actions: [] });
      return this.saves.shift();
    };
    p.openDialog = async (options) => {
      this.shown.push({ kind: 'open', text: options.title ?? '', actions: Object.values(options.filters ?? {}).flat() });
      return this.opens.shift();
    };
    return this;
  }

  restore(): void {
    Object.assign(this.prompter, this.saved);
  }

  last(kind: Shown['kind']): Shown | undefined {
    return [...this.shown].reverse().find((s) => s.kind === kind);
  }
}
