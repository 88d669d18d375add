/**
 * The page the chat view serves and the policy it ships with, as pure functions (no vscode import), so
 * the browser test loads exactly this page under exactly this policy and the chat view only fills in
 * what VS Code gives it (the nonce, `webview.cspSource`, the script and style URIs).
 */

/** A source a directive may allow: a keyword the builder spells out, or a scheme taken as written. */
export type CspSource = 'none' | 'nonce' | 'webview' | 'data:' | 'blob:';

/** The fetch directives the chat page uses; one not listed falls back to `default-src`. */
export type CspDirective = 'default-src' | 'script-src' | 'style-src' | 'img-src' | 'font-src' | 'media-src';

export type CspPolicy = Readonly<Partial<Record<CspDirective, readonly CspSource[]>>>;

/**
 * The chat page's policy. Nothing may connect out (no `connect-src`, so `default-src 'none'` forbids
 * fetch and XHR): only the host talks to Dify. Scripts only by nonce; styles from dist/ plus the nonce the
 * toolkit (FAST) reads from the `csp-nonce` meta tag for its feature probe; images from dist/ and media/
 * and inline `data:` (the renderer lets only raster data: images through; Dify's files come from the host as
 * data: URLs); fonts from dist/; audio (Read Aloud, streamed speech) only from `data:` URLs the host hands
 * over and `blob:` URLs of the panel's own MediaSource, never from the network.
 */
export const CHAT_VIEW_POLICY: CspPolicy = {
  'default-src': ['none'],
  'script-src': ['nonce'],
  'style-src': ['webview', 'nonce'],
  'img-src': ['webview', 'data:'],
  'font-src': ['webview'],
  'media-src': ['data:', 'blob:'],
};

/** What VS Code gives the page: a fresh nonce per load and the webview's resource origin. */
export interface CspContext {
  nonce: string;
  /** `webview.cspSource`: the origin dist/ and media/ are served from. */
  cspSource: string;
}

/** A base64 nonce: nothing in it can end its quote or its directive. */
const NONCE = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * `webview.cspSource` as a source list: for a web extension it holds the extension's URL, whose path may
 * contain `;` or `,`; CSP wants those percent-encoded, and unencoded they would end the directive.
 */
function sourceList(cspSource: string): string {
  return cspSource.replace(/;/g, '%3B').replace(/,/g, '%2C');
}

function source(s: CspSource, context: CspContext): string {
  switch (s) {
    case 'none':
      return `'none'`;
    case 'nonce':
      return `'nonce-${context.nonce}'`;
    case 'webview':
      return sourceList(context.cspSource);
    case 'data:':
    case 'blob:':
      return s;
  }
}

/**
 * The policy as the `content` of the page's CSP meta tag: each directive with its sources, in the
 * policy's order, each ending in `;`. Throws on a nonce that is not base64 (it is ours: a bug).
 */
export function contentSecurityPolicy(policy: CspPolicy, context: CspContext): string {
  if (!NONCE.test(context.nonce)) throw new TypeError('contentSecurityPolicy: the nonce must be base64');
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.map((s) => source(s, context)).join(' ')};`)
    .join(' ');
}

/** Escapes a value for a double-quoted HTML attribute. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export interface ChatPageParts extends CspContext {
  /** The webview URI of dist/webview.js and dist/webview.css. */
  scriptUri: string;
  styleUri: string;
  /** VS Code's display language (`vscode.env.language`), the page's `<html lang>`; default `en`. */
  language?: string;
  /** The translations VS Code loaded for it (`vscode.l10n.bundle`; none for English), for the panel's words. */
  bundle?: Readonly<Record<string, string>>;
}

/** A BCP 47 tag as VS Code spells its languages (`en`, `zh-cn`, `pt-br`): anything else is `en`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/** The bundle as JSON in the body's `data-l10n` attribute: data the page reads, never markup or script. */
function bundleJson(bundle: Readonly<Record<string, string>> | undefined): string {
  return JSON.stringify(bundle ?? {});
}

/** The chat page: one stylesheet and one script, both allowed by nonce, under {@link CHAT_VIEW_POLICY}. */
export function chatPageHtml(parts: ChatPageParts): string {
  const csp = contentSecurityPolicy(CHAT_VIEW_POLICY, parts);
  const lang = parts.language !== undefined && LANGUAGE_TAG.test(parts.language) ? parts.language : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta property="csp-nonce" content="${parts.nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(parts.styleUri)}" nonce="${parts.nonce}">
<title>Dify Chat</title>
</head>
<body data-l10n="${attr(bundleJson(parts.bundle))}">
<div id="root"></div>
<script nonce="${parts.nonce}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>`;
}

/** The chat webview's options, over the extension's folders (a vscode.Uri in the view, anything in a test). */
export interface ChatWebviewOptions<U> {
  readonly enableScripts: true;
  readonly enableCommandUris: false;
  readonly enableForms: false;
  readonly localResourceRoots: readonly U[];
}

/**
 * Scripts on (the panel is a script); command URIs and forms off (content can neither run a command nor
 * submit anything); only the bundles in dist/ and the icons in media/ may be loaded.
 */
export function chatWebviewOptions<U>(folder: (name: 'dist' | 'media') => U): ChatWebviewOptions<U> {
  return { enableScripts: true, enableCommandUris: false, enableForms: false, localResourceRoots: [folder('dist'), folder('media')] };
}
