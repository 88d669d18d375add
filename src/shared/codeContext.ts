/**
 * The code a question is about, as the turn carries it: a selection, a symbol, a file or a composer chip.
 * One shape for every feature that puts code into a question or takes an answer back to code (Ask About
 * Selection, context chips, Retry, export, Apply), so each reads the same fields. It is persisted later
 * (workspace state), hence a validator with exact keys and bounded lengths for reading it back.
 */
import { hasExactKeys, isBoundedString, isPlainObject } from './guards';

/** Where the code came from. */
export const CODE_CONTEXT_ORIGINS = ['selection', 'symbol', 'file', 'chip'] as const;
export type CodeContextOrigin = (typeof CODE_CONTEXT_ORIGINS)[number];

/** A range in a document, 0-based, as VS Code counts lines and characters (UTF-16 code units). */
export interface CodeRange {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

/** The code a question is about, with where it is (see the file's comment). */
export interface CodeContext {
  /** The document's URI as `Uri.toString()` spells it (`file:`, `untitled:`, ...). */
  uri: string;
  /** Workspace-relative path, or the untitled document's name. */
  fileName: string;
  /** VS Code's language id (`typescript`, `python`, ...). */
  languageId: string;
  range: CodeRange;
  /** The code itself, as it was when the question was asked. */
  text: string;
  origin: CodeContextOrigin;
  /** The text was cut to a size limit (the user chose "Send Truncated"). */
  truncated?: boolean;
}

/** Bounds a stored code context must keep; anything larger is rejected as malformed. */
export const CODE_CONTEXT_LIMITS = {
  uri: 8_192,
  fileName: 4_096,
  languageId: 128,
  /** Far above the selection and chip limits the features set (tens of thousands of characters). */
  text: 1_000_000,
  /** Above any editor's line or column count. */
  position: 100_000_000,
  /** Code contexts on one turn. */
  perTurn: 100,
} as const;

const CONTEXT_KEYS = ['uri', 'fileName', 'languageId', 'range', 'text', 'origin'] as const;
const RANGE_KEYS = ['startLine', 'startCharacter', 'endLine', 'endCharacter'] as const;

function isPosition(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= CODE_CONTEXT_LIMITS.position;
}

function isOrigin(x: unknown): x is CodeContextOrigin {
  return typeof x === 'string' && (CODE_CONTEXT_ORIGINS as readonly string[]).includes(x);
}

/** True for a range of non-negative integer positions whose start is not after its end. */
export function isCodeRange(x: unknown): x is CodeRange {
  if (!isPlainObject(x) || !hasExactKeys(x, RANGE_KEYS)) return false;
  const { startLine, startCharacter, endLine, endCharacter } = x;
  if (!isPosition(startLine) || !isPosition(startCharacter) || !isPosition(endLine) || !isPosition(endCharacter)) return false;
  return startLine < endLine || (startLine === endLine && startCharacter <= endCharacter);
}

/** True when `x` is exactly a {@link CodeContext}: no other keys, every value of its type and within bounds. */
export function isCodeContext(x: unknown): x is CodeContext {
  if (!isPlainObject(x) || !hasExactKeys(x, CONTEXT_KEYS, ['truncated'])) return false;
  return (
    isBoundedString(x['uri'], CODE_CONTEXT_LIMITS.uri, 1) &&
    isBoundedString(x['fileName'], CODE_CONTEXT_LIMITS.fileName, 1) &&
    isBoundedString(x['languageId'], CODE_CONTEXT_LIMITS.languageId, 1) &&
    isCodeRange(x['range']) &&
    isBoundedString(x['text'], CODE_CONTEXT_LIMITS.text) &&
    isOrigin(x['origin']) &&
    (x['truncated'] === undefined || typeof x['truncated'] === 'boolean')
  );
}

/** True for a list of at most {@link CODE_CONTEXT_LIMITS.perTurn} valid code contexts. */
export function isCodeContextList(x: unknown): x is CodeContext[] {
  return Array.isArray(x) && x.length <= CODE_CONTEXT_LIMITS.perTurn && x.every(isCodeContext);
}

/** A deep copy, so a caller's later edits cannot change what a turn holds. */
export function copyCodeContext(c: CodeContext): CodeContext {
  const copy: CodeContext = { uri: c.uri, fileName: c.fileName, languageId: c.languageId, range: { ...c.range }, text: c.text, origin: c.origin };
  if (c.truncated !== undefined) copy.truncated = c.truncated;
  return copy;
}
