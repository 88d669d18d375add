// The panel's words in VS Code's display language. The host hands over the bundle VS Code loaded for the
// extension (`vscode.l10n.bundle`: l10n/bundle.l10n.<language>.json, nothing for English) inside the page, as
// JSON in the body's `data-l10n` attribute; `t` looks a sentence up there and fills its `{0}` placeholders as `vscode.l10n.t` does,
// so the webview and the host share one bundle and scripts/l10n-extract.mjs finds the panel's words too.

let bundle: Readonly<Record<string, string>> | undefined;

/** The bundle the page carries: an object of strings, or nothing (English, or a page without one). */
function loaded(): Readonly<Record<string, string>> {
  if (bundle) return bundle;
  bundle = {};
  const text = typeof document === 'undefined' ? null : (document.body?.getAttribute('data-l10n') ?? null);
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
        bundle = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      }
    } catch {
      // A page without a usable bundle shows English.
    }
  }
  return bundle;
}

/** A sentence in the display language, its `{0}`, `{1}`… replaced by `args` (unknown ones are left). */
export function t(message: string, ...args: Array<string | number>): string {
  const translated = Object.hasOwn(loaded(), message) ? (loaded()[message] ?? message) : message;
  if (args.length === 0) return translated;
  return translated.replace(/\{(\d+)\}/g, (match, index: string) => {
    const v = args[Number(index)];
    return v === undefined ? match : String(v);
  });
}

/** The display language's numbers: `12,345` (the page's `<html lang>`, which follows VS Code's language). */
export function formatNumber(n: number): string {
  const lang = typeof document === 'undefined' ? 'en' : document.documentElement.lang || 'en';
  try {
    return n.toLocaleString(lang);
  } catch {
    return n.toLocaleString('en');
  }
}
