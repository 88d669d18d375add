/**
 * Answer text (characters), newest turn first, that a transcript shown afresh renders at once: the host sends
 * that much in its first `state` (src/host/chat/statePosts.ts) and the panel renders that much before the first
 * paint, holding the rest for the frames after (webview/deferredTexts.ts). One number, so the two agree.
 */
export const FIRST_PAINT_TEXT_CHARS = 32 * 1024;
