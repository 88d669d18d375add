/**
 * Which code a question is about when no text is selected, and where the code lenses go: functions, methods,
 * classes and constructors from a language's document symbols. Pure: the host converts VS Code's
 * `DocumentSymbol`s into {@link SymbolNode}s (kind by name, 0-based ranges).
 */
import type { CodeRange } from '../shared/codeContext';

/** The symbol kinds questions and lenses are about. */
export const CODE_SYMBOL_KINDS = ['function', 'method', 'class', 'constructor'] as const;
export type CodeSymbolKind = (typeof CODE_SYMBOL_KINDS)[number];

/** A document symbol, reduced to what matters here; `kind` is any of VS Code's kinds, by name in lower case. */
export interface SymbolNode {
  name: string;
  kind: string;
  /** The whole symbol (its code). */
  range: CodeRange;
  /** Where its name is (a lens sits on this line). */
  selectionRange: CodeRange;
  children: readonly SymbolNode[];
}

export function isCodeSymbol(s: SymbolNode): boolean {
  return (CODE_SYMBOL_KINDS as readonly string[]).includes(s.kind);
}

/** True when the symbol's range spans more than one line. */
export function isMultiLine(s: SymbolNode): boolean {
  return s.range.endLine > s.range.startLine;
}

/** True when `inner` lies within `outer` (both 0-based, end exclusive at the character). */
export function contains(outer: CodeRange, inner: CodeRange): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(outer.startLine, outer.startCharacter, inner.startLine, inner.startCharacter) && before(inner.endLine, inner.endCharacter, outer.endLine, outer.endCharacter);
}

/**
 * Where lenses go: the code symbols among the top-level symbols and their direct children (a class's methods,
 * a module's functions), multi-line ones only, at most one per line (the first, in document order), sorted by
 * line. A container that is not itself a code symbol (a namespace, a module, a variable holding an object)
 * still lends its children.
 */
export function lensTargets(symbols: readonly SymbolNode[]): SymbolNode[] {
  const candidates: SymbolNode[] = [];
  for (const top of symbols) {
    candidates.push(top);
    candidates.push(...top.children);
  }
  const byLine = new Map<number, SymbolNode>();
  for (const s of candidates) {
    if (!isCodeSymbol(s) || !isMultiLine(s)) continue;
    const line = s.selectionRange.startLine;
    const seen = byLine.get(line);
    if (seen === undefined || s.range.startLine < seen.range.startLine) byLine.set(line, s);
  }
  return [...byLine.values()].sort((a, b) => a.selectionRange.startLine - b.selectionRange.startLine || a.range.startCharacter - b.range.startCharacter);
}

/** The innermost code symbol whose range holds `at` (any depth), or undefined. */
export function enclosingSymbol(symbols: readonly SymbolNode[], at: CodeRange): SymbolNode | undefined {
  let found: SymbolNode | undefined;
  let level: readonly SymbolNode[] = symbols;
  for (;;) {
    const holder = level.find((s) => contains(s.range, at));
    if (!holder) return found;
    if (isCodeSymbol(holder)) found = holder;
    level = holder.children;
  }
}
