// The panel's busy indicator. The toolkit's progress ring animates `stroke-dasharray`, which Chromium can only
// paint on the main thread: every frame, for as long as it spins. In a browser workbench (code-server) the
// webview shares the workbench's renderer, so a ring left spinning while a local model loads (a minute is not
// rare) repainted the page 60 times a second and delayed the first token's message behind those frames. This
// one turns a bordered circle with `transform` alone, which the compositor animates without the main thread, in
// 12 steps a second (each frame the compositor draws costs it and the display compositor too); under
// `prefers-reduced-motion` it stands still (styles.css).
import { h } from '../dom';

/** A spinning ring, decorative (`aria-hidden`): the text beside it says what is going on. */
export function spinner(className: string): HTMLElement {
  return h('span', { class: `spinner ${className}`, 'aria-hidden': 'true' });
}
