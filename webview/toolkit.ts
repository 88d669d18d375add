// The one file that imports @vscode/webview-ui-toolkit. The toolkit is deprecated upstream; keeping it
// behind this file means replacing it later touches only here and the tag names in elements.ts.
// Only the components the panel uses are registered (the bundle tree-shakes the rest).
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}
