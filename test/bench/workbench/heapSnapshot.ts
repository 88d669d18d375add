// What of a renderer's heap belongs to one document, from a V8 heap snapshot (HeapProfiler.takeHeapSnapshot,
// which includes Blink's C++ objects). In code-server the chat webview runs in the workbench's renderer, so
// the process heap mixes both; this counts the webview document's own world: everything reachable (weak
// edges ignored) from its window, global object, native context and document without entering another
// document's window, frame, context or document, or an isolate-wide object (binding templates, the page, the
// inspector). So it holds the panel's JavaScript (code, closures, caches), its DOM and Blink's objects for it,
// and the detached DOM nodes something of the panel still holds. The webview's window and document are found
// by a marker object the caller puts on both before the snapshot (a retained-size computation does not work
// here: Blink's frame objects reach the panel's DOM by many paths that do not go through its document).

export const MARKER_CLASS = 'PanelHeapMarker';
export const MARKER_PROPERTY = '__panelHeapMarker';

/** Installs the marker in the document's world (evaluate this in the webview's frame). */
export const markerScript = `(() => { class ${MARKER_CLASS} {} const m = new ${MARKER_CLASS}(); window.${MARKER_PROPERTY} = m; document.${MARKER_PROPERTY} = m; })()`;

export interface OwnFigures {
  /** Bytes (self sizes) of the objects of the webview document's world. */
  bytes: number;
  objects: number;
  /** Of those, DOM nodes that are detached from any document (held by a listener, a cache, a closure). */
  detachedDom: number;
  /** That set by kind (constructor; strings, code, arrays by type): count and bytes. */
  kinds: Map<string, { count: number; bytes: number }>;
  /**
   * Of the `(code)` objects, those of regular expressions: the native code V8 compiles for a regular expression
   * once it has run (the Markdown lexer's and the highlighter's grammars). Their bytecode is not a `(code)` object.
   */
  regexpCode: number;
  /** The whole snapshot, for comparison with Runtime.getHeapUsage (the snapshot counts C++ objects too). */
  totalBytes: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Adjacency in index form: node k's edges are edges[firstEdge[k] .. firstEdge[k + 1]). */
function layout(s: Snapshot): { nf: number; ef: number; count: number; firstEdge: Uint32Array } {
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const edgeCount = s.snapshot.meta.node_fields.indexOf('edge_count');
  const count = s.nodes.length / nf;
  const firstEdge = new Uint32Array(count + 1);
  for (let k = 0; k < count; k++) firstEdge[k + 1] = (firstEdge[k] ?? 0) + (s.nodes[k * nf + edgeCount] ?? 0) * ef;
  return { nf, ef, count, firstEdge };
}

/** Marks everything reachable from `from` without entering `blocked`, weak edges skipped. */
function reach(s: Snapshot, l: ReturnType<typeof layout>, from: Iterable<number>, blocked: ReadonlySet<number>): Uint8Array {
  const weak = s.snapshot.meta.edge_types[0].indexOf('weak');
  const seen = new Uint8Array(l.count);
  const stack = [...from];
  for (const k of stack) seen[k] = 1;
  while (stack.length > 0) {
    const k = stack.pop() ?? 0;
    for (let e = l.firstEdge[k] ?? 0; e < (l.firstEdge[k + 1] ?? 0); e += l.ef) {
      if (s.edges[e] === weak) continue;
      const to = (s.edges[e + 2] ?? 0) / l.nf;
      if (seen[to] === 1 || blocked.has(to)) continue;
      seen[to] = 1;
      stack.push(to);
    }
  }
  return seen;
}

/** The nodes a node points to (not through weak edges). */
function targets(s: Snapshot, l: ReturnType<typeof layout>, k: number): number[] {
  const weak = s.snapshot.meta.edge_types[0].indexOf('weak');
  const out: number[] = [];
  for (let e = l.firstEdge[k] ?? 0; e < (l.firstEdge[k + 1] ?? 0); e += l.ef) if (s.edges[e] !== weak) out.push((s.edges[e + 2] ?? 0) / l.nf);
  return out;
}

/**
 * Where the webview's world starts (the marked window's global object and document, the Blink window they
 * point to, the native context), and where the other documents' worlds start (every other window, and the
 * frame, script, document and context objects that point to one of them; isolate-wide objects; the synthetic roots): a
 * walk from the first that never enters the second visits what the webview document owns.
 */
function worlds(s: Snapshot, l: ReturnType<typeof layout>): { own: Set<number>; others: Set<number> } {
  const name = (k: number): string => s.strings[s.nodes[k * l.nf + 1] ?? 0] ?? '';
  const synthetic = s.snapshot.meta.node_types[0].indexOf('synthetic');
  const property = s.snapshot.meta.edge_types[0].indexOf('property');
  const own = new Set<number>();
  for (let k = 0; k < l.count; k++) {
    for (let e = l.firstEdge[k] ?? 0; e < (l.firstEdge[k + 1] ?? 0); e += l.ef) {
      const to = (s.edges[e + 2] ?? 0) / l.nf;
      if (s.edges[e] === property && s.strings[s.edges[e + 1] ?? 0] === MARKER_PROPERTY && name(to) === MARKER_CLASS) own.add(k);
    }
  }
  if (own.size === 0) throw new Error(`no ${MARKER_CLASS} in the heap snapshot`);
  for (const h of [...own]) for (const to of targets(s, l, h)) if (name(to).startsWith('Window /')) own.add(to);
  const isWindow = (k: number): boolean => name(k).startsWith('Window /');
  const frameSide = /^(system \/ NativeContext|blink::LocalFrame$|blink::ScriptController$|blink::LocalWindowProxy$|HTMLDocument$|Window \[)/;
  // Isolate-wide: Blink's binding templates (they lead to every context's prototype caches), the page, the
  // inspector's agents (they lead to the main frame).
  const shared = /^(blink::Page$|system \/ (FunctionTemplateInfo|FunctionTemplateRareData|ObjectTemplateInfo)|blink::(WebLocalFrameImpl|CoreProbeSink|AgentRegistry|Inspector))/;
  const others = new Set<number>([0]);
  for (let k = 0; k < l.count; k++) {
    if (own.has(k)) continue;
    if (s.nodes[k * l.nf] === synthetic || shared.test(name(k)) || isWindow(k)) others.add(k);
    else if (frameSide.test(name(k))) {
      const to = targets(s, l, k);
      if (to.some((t) => own.has(t) && isWindow(t))) {
        if (name(k).startsWith('system / NativeContext')) own.add(k);
      } else if (to.some(isWindow)) others.add(k);
    }
  }
  return { own, others };
}

/** Bytes of the code objects reachable, through code objects only, from the regular expressions' data in `set`. */
function regexpCode(s: Snapshot, l: ReturnType<typeof layout>, set: Uint8Array): number {
  const self = s.snapshot.meta.node_fields.indexOf('self_size');
  const code = s.snapshot.meta.node_types[0].indexOf('code');
  const isCode = (k: number): boolean => s.nodes[k * l.nf] === code;
  const seen = new Uint8Array(l.count);
  const regexp = s.snapshot.meta.node_types[0].indexOf('regexp');
  const stack: number[] = [];
  let regexps = 0;
  for (let k = 0; k < l.count; k++) {
    if (set[k] !== 1) continue;
    if (s.nodes[k * l.nf] === regexp) regexps++;
    if (/^system \/ \w*RegExpData/.test(s.strings[s.nodes[k * l.nf + 1] ?? 0] ?? '')) stack.push(k);
  }
  // V8's names for a regular expression's data (IrRegExpData, AtomRegExpData) are what this finds them by.
  if (regexps > 0 && stack.length === 0) throw new Error(`${regexps} regular expressions in the snapshot, and no RegExpData objects: has V8 renamed them?`);
  let bytes = 0;
  while (stack.length > 0) {
    for (const to of targets(s, l, stack.pop() ?? 0)) {
      if (seen[to] === 1 || set[to] !== 1 || !isCode(to)) continue;
      seen[to] = 1;
      bytes += s.nodes[to * l.nf + self] ?? 0;
      stack.push(to);
    }
  }
  return bytes;
}

/** The marked document's world in a heap snapshot (its JSON text). */
export function ownedByMarked(json: string): OwnFigures {
  const s = JSON.parse(json) as Snapshot;
  const l = layout(s);
  const self = s.snapshot.meta.node_fields.indexOf('self_size');
  const detachedness = s.snapshot.meta.node_fields.indexOf('detachedness');
  const { own, others } = worlds(s, l);
  const all = reach(s, l, [0], new Set());
  const panel = reach(s, l, own, others);
  const kinds = new Map<string, { count: number; bytes: number }>();
  let bytes = 0;
  let objects = 0;
  let detachedDom = 0;
  let totalBytes = 0;
  for (let k = 0; k < l.count; k++) {
    const size = s.nodes[k * l.nf + self] ?? 0;
    if (all[k] === 1) totalBytes += size;
    if (panel[k] !== 1) continue;
    bytes += size;
    objects++;
    // detachedness 2: a DOM node not attached to a document.
    if (detachedness >= 0 && s.nodes[k * l.nf + detachedness] === 2) detachedDom++;
    // Strings and code by their type (a string's name is its text), objects by their constructor.
    const type = s.snapshot.meta.node_types[0][s.nodes[k * l.nf] ?? 0] ?? '';
    const name = ['object', 'native', 'closure'].includes(type) ? (s.strings[s.nodes[k * l.nf + 1] ?? 0] ?? '').slice(0, 60) : `(${type})`;
    const kind = kinds.get(name) ?? { count: 0, bytes: 0 };
    kind.count++;
    kind.bytes += size;
    kinds.set(name, kind);
  }
  return { bytes, objects, detachedDom, kinds, totalBytes, regexpCode: regexpCode(s, l, panel) };
}
