// The one file that imports @vscode/webview-ui-toolkit. The toolkit is deprecated upstream; keeping it
// behind this file means replacing it later touches only here and the tag names the components create.
// Only the components the panel uses are registered (the bundle tree-shakes the rest).
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeBadge(),
    vsCodeButton(),
    vsCodeDivider(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}

/** The toolkit's element names, so components do not spell tag strings themselves. */
export const Tag = {
  badge: 'vscode-badge',
  button: 'vscode-button',
  divider: 'vscode-divider',
  dropdown: 'vscode-dropdown',
  option: 'vscode-option',
  progressRing: 'vscode-progress-ring',
  textArea: 'vscode-text-area',
  textField: 'vscode-text-field',
} as const;

/** The value-bearing toolkit controls (text field, text area, dropdown) all expose `value`. */
export interface ValueElement extends HTMLElement {
  value: string;
}

export type ButtonAppearance = 'primary' | 'secondary' | 'icon';
