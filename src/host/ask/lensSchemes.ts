/**
 * The document schemes code lenses appear in: files and untitled documents (not diffs, output, settings...).
 * Its own module: activate() registers the lens provider with this selector without loading the lenses' code.
 */
export const LENS_SCHEMES: readonly string[] = ['file', 'untitled'];
