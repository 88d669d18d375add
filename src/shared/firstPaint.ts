/**
 * Answer text (characters), newest turn first, that a transcript shown afresh renders at once: the host sends
 * that much in its first `state` (src/host/chat/statePosts.ts) and the panel renders that much before the first
 * paint, holding the rest for the frames after (webview/deferredTexts.ts). One number, so the two agree.
 * About four screenfuls of a sidebar's prose (a screenful is ~2 K characters): the panel's handling of that
 * state and its first layout take ~40 ms each here; with 32 K they took 135 and 95 ms.
 */
export const FIRST_PAINT_TEXT_CHARS = 8 * 1024;
