// Escape in the panel, wherever focus is inside it: stops the answer that is streaming (as the Stop button
// does), or else closes the collapsible section that holds focus (workflow steps, thoughts, citations, code
// context) and puts focus on its summary, so a keyboard user is never left inside a section they cannot shut.
// An Escape that ends an input method's composition belongs to the input method.

export interface EscapeActions {
  isBusy(): boolean;
  stop(): void;
}

/** Listens on the panel's own parts, so a second panel mounted in the same document never hears this one's keys. */
export function handleEscape(parts: readonly HTMLElement[], actions: EscapeActions): void {
  for (const part of parts) part.addEventListener('keydown', (e) => onEscape(part, e, actions));
}

function onEscape(part: HTMLElement, e: KeyboardEvent, actions: EscapeActions): void {
  if (e.key !== 'Escape' || e.isComposing || e.keyCode === 229 || e.defaultPrevented) return;
  if (actions.isBusy()) {
    e.preventDefault();
    actions.stop();
    return;
  }
  const section = (e.target as Element | null)?.closest?.<HTMLDetailsElement>('details[open]');
  if (!section || !part.contains(section)) return;
  e.preventDefault();
  section.open = false;
  section.querySelector<HTMLElement>(':scope > summary')?.focus();
}
