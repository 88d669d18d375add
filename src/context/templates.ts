/**
 * The question templates of "Ask About Selection": the built-in ones (their labels and instructions are given
 * by the host, in the user's language), the user's and the workspace's own (`dify.askTemplates`), and the
 * expansion of `${placeholder}`s. Pure: no vscode.
 */

/** The placeholders a template may use. */
export const PLACEHOLDERS = ['selection', 'languageId', 'fileName', 'lineRange', 'input'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The ids of the built-in templates, in the order the pick shows them; `custom` asks for the user's own words. */
export const BUILT_IN_TEMPLATE_IDS = ['explain', 'findBugs', 'writeTests', 'addDocs', 'optimize', 'custom'] as const;
export type BuiltInTemplateId = (typeof BUILT_IN_TEMPLATE_IDS)[number];

/** One template: what the pick shows and the text it expands to. */
export interface PromptTemplate {
  /** A built-in's id; absent for a template from the settings. */
  builtIn?: BuiltInTemplateId;
  /** The pick's label; a setting's template with a built-in's label replaces that built-in. */
  label: string;
  /** The instruction (or, when it holds `${selection}`, the whole query). */
  template: string;
  /** Where it came from, for the pick's description. */
  source: 'builtIn' | 'user' | 'workspace';
}

/** Bounds of a template from the settings; a longer label or text is refused. */
export const TEMPLATE_LIMITS = { label: 100, template: 20_000, count: 50 } as const;

/** Why a template from the settings was not used (data: the host says it in words). */
export interface TemplateSettingProblem {
  /** The entry's index in the setting's list. */
  index: number;
  reason: 'notAnObject' | 'noLabel' | 'noTemplate' | 'labelTooLong' | 'templateTooLong' | 'tooMany';
}

/** Reads `dify.askTemplates` (a list of `{ label, template }`); entries that are not usable are reported, not used. */
export function parseTemplateSetting(raw: unknown, source: 'user' | 'workspace'): { templates: PromptTemplate[]; problems: TemplateSettingProblem[] } {
  const templates: PromptTemplate[] = [];
  const problems: TemplateSettingProblem[] = [];
  if (!Array.isArray(raw)) return { templates, problems };
  raw.forEach((entry: unknown, index) => {
    if (index >= TEMPLATE_LIMITS.count) {
      if (index === TEMPLATE_LIMITS.count) problems.push({ index, reason: 'tooMany' });
      return;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push({ index, reason: 'notAnObject' });
      return;
    }
    const { label, template } = entry as { label?: unknown; template?: unknown };
    if (typeof label !== 'string' || label.trim() === '') problems.push({ index, reason: 'noLabel' });
    else if (typeof template !== 'string' || template.trim() === '') problems.push({ index, reason: 'noTemplate' });
    else if (label.trim().length > TEMPLATE_LIMITS.label) problems.push({ index, reason: 'labelTooLong' });
    else if (template.length > TEMPLATE_LIMITS.template) problems.push({ index, reason: 'templateTooLong' });
    else templates.push({ label: label.trim(), template, source });
  });
  return { templates, problems };
}

const sameLabel = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * The templates the pick offers: the built-ins in their order, each replaced by a setting's template with the
 * same label (case-insensitive; the workspace's wins over the user's), then the settings' other templates, and
 * "Custom Question…" last (it cannot be replaced: it is how the user types their own words).
 */
export function mergeTemplates(builtIns: readonly PromptTemplate[], user: readonly PromptTemplate[], workspace: readonly PromptTemplate[]): PromptTemplate[] {
  const custom = builtIns.filter((t) => t.builtIn === 'custom');
  const out: PromptTemplate[] = builtIns.filter((t) => t.builtIn !== 'custom').map((t) => ({ ...t }));
  for (const t of [...user, ...workspace]) {
    if (custom.some((c) => sameLabel(c.label, t.label))) continue;
    const i = out.findIndex((o) => sameLabel(o.label, t.label));
    if (i >= 0) out[i] = { ...t, ...(out[i]?.builtIn !== undefined ? { builtIn: out[i]?.builtIn } : {}) };
    else out.push({ ...t });
  }
  return [...out, ...custom.map((t) => ({ ...t }))];
}

/** The result of expanding a template. */
export type Expansion = { ok: true; text: string; usesSelection: boolean } | { ok: false; unknown: string[] };

/**
 * Replaces each `${name}` with its value. A name that is not one of {@link PLACEHOLDERS} is an error (listed,
 * each once, in order), so a typo is reported instead of sent. `$${` is not special: templates are short text.
 */
export function expandTemplate(template: string, values: Readonly<Record<Placeholder, string>>): Expansion {
  const unknown: string[] = [];
  let usesSelection = false;
  let out = '';
  let i = 0;
  for (let open = template.indexOf('${'); open >= 0; open = template.indexOf('${', i)) {
    const close = template.indexOf('}', open + 2);
    if (close < 0) break;
    const name = template.slice(open + 2, close).trim();
    out += template.slice(i, open);
    if ((PLACEHOLDERS as readonly string[]).includes(name)) {
      if (name === 'selection') usesSelection = true;
      out += values[name as Placeholder];
    } else if (!unknown.includes(name)) {
      unknown.push(name);
    }
    i = close + 1;
  }
  out += template.slice(i);
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, text: out, usesSelection };
}
