// The toolkit's element names and shapes, for the components that create them. Only toolkit.ts loads the
// library (and registers the elements); this file is plain strings and types, so the app's logic can run in
// tests without it (the elements then are plain unknown elements).

/** The toolkit's element names, so components do not spell tag strings themselves. */
export const Tag = {
  button: 'vscode-button',
  dropdown: 'vscode-dropdown',
  option: 'vscode-option',
  textArea: 'vscode-text-area',
  textField: 'vscode-text-field',
} as const;

/** The value-bearing toolkit controls (text field, text area, dropdown) all expose `value`. */
export interface ValueElement extends HTMLElement {
  value: string;
}

export type ButtonAppearance = 'primary' | 'secondary' | 'icon';
