/**
 * A conversation as one Markdown document: a header (app, name, id, dates, the inputs it was started with),
 * then every question and answer in order, with the answer's code blocks as they are, the files by name,
 * the chatflow steps and the agent's tool calls in collapsible `<details>`, and citations as footnotes.
 * Pure: the host fetches the messages (see {@link fetchWholeConversation}) and hands in the words and the
 * date format, so no sentence lives here.
 */
import { fenceFor } from '../shared/codeBlock';
import type { HistoryMessage, MessageFile, Page, RetrieverResource, StoredAgentThought } from '../dify/types';
import type { WorkflowState } from '../shared/answer';
import { trimEdgesOf } from '../shared/trim';

/** The words of the document, in the display language (the host supplies them). */
export interface ExportWords {
  app: string;
  conversationId: string;
  started: string;
  updated: string;
  exported: string;
  inputs: string;
  question: (n: number) => string;
  answer: (n: number) => string;
  files: string;
  sources: string;
  workflow: (steps: number) => string;
  toolCall: (tool: string) => string;
  thought: string;
  toolInput: string;
  observation: string;
  failed: (error: string) => string;
  noAnswer: string;
  untitled: string;
  footer: string;
}

/** What one export is made of. */
export interface ExportInput {
  appName: string;
  conversation: { id: string; name: string; createdAt?: number; updatedAt?: number };
  /** Every message, oldest first (see {@link orderMessages}). */
  messages: readonly HistoryMessage[];
  /** When the export was made, Unix milliseconds. */
  exportedAt: number;
  /** A chatflow answer's steps, when the panel saw them stream (Dify's message list does not carry them). */
  workflowOf?: (messageId: string) => WorkflowState | undefined;
  /** Formats a Unix-seconds time for people. */
  formatDate: (unixSeconds: number) => string;
  words: ExportWords;
}

/** How many pages of history one export reads at most (100 messages each). */
const MAX_HISTORY_PAGES = 1_000;
const EXCERPT = 300;

/**
 * Every message of a conversation: `GET /messages` paged backwards with `first_id` (each page is oldest
 * first, the pages come newest first), put in order. `fetchPage` gets the `first_id` to page from.
 */
export async function fetchWholeConversation(fetchPage: (firstId: string | undefined) => Promise<Page<HistoryMessage>>): Promise<HistoryMessage[]> {
  const pages: HistoryMessage[][] = [];
  let firstId: string | undefined;
  const seen = new Set<string>();
  for (let i = 0; i < MAX_HISTORY_PAGES; i++) {
    const page = await fetchPage(firstId);
    pages.push(page.data);
    const oldest = page.data[0]?.id;
    if (!page.hasMore || oldest === undefined || seen.has(oldest)) break;
    seen.add(oldest);
    firstId = oldest;
  }
  return orderMessages(pages);
}

/** Pages fetched newest first, each oldest first, as one list oldest first: no message twice. */
export function orderMessages(pagesNewestFirst: ReadonlyArray<readonly HistoryMessage[]>): HistoryMessage[] {
  const out: HistoryMessage[] = [];
  const seen = new Set<string>();
  for (const page of [...pagesNewestFirst].reverse()) {
    for (const m of page) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push(m);
    }
  }
  // Stable: messages of the same second keep Dify's order.
  return out.map((m, i) => ({ m, i })).sort((a, b) => a.m.createdAt - b.m.createdAt || a.i - b.i).map((x) => x.m);
}

/** The Markdown document for a conversation. */
export function conversationMarkdown(input: ExportInput): string {
  const { words, messages } = input;
  const blocks: string[] = [header(input)];
  let previousInputs = JSON.stringify(messages[0]?.inputs ?? {});
  messages.forEach((m, i) => {
    const inputs = JSON.stringify(m.inputs);
    const changed = i > 0 && inputs !== previousInputs;
    previousInputs = inputs;
    blocks.push('---', ...turn(m, i + 1, changed, input));
  });
  blocks.push('---', `<sub>${escapeInline(words.footer)}</sub>`);
  return `${blocks.join('\n\n')}\n`;
}

function header(input: ExportInput): string {
  const { words, conversation, messages, formatDate } = input;
  const first = conversation.createdAt ?? messages[0]?.createdAt;
  const last = messages[messages.length - 1]?.createdAt ?? conversation.updatedAt;
  const lines = [
    `# ${escapeInline(conversation.name.trim() || words.untitled)}`,
    '',
    `- **${words.app}:** ${escapeInline(input.appName)}`,
    `- **${words.conversationId}:** \`${conversation.id}\``,
  ];
  if (first !== undefined) lines.push(`- **${words.started}:** ${formatDate(first)}`);
  if (last !== undefined) lines.push(`- **${words.updated}:** ${formatDate(last)}`);
  lines.push(`- **${words.exported}:** ${formatDate(Math.floor(input.exportedAt / 1000))}`);
  const inputs = inputsTable(messages[0]?.inputs ?? {});
  if (inputs) lines.push('', `**${words.inputs}**`, '', inputs);
  return lines.join('\n');
}

function turn(m: HistoryMessage, n: number, inputsChanged: boolean, input: ExportInput): string[] {
  const { words } = input;
  const out: string[] = [`## ${words.question(n)}`, closeFences(m.query)];
  const userFiles = fileNames(m.messageFiles, 'user');
  if (userFiles) out.push(`**${words.files}:** ${userFiles}`);
  if (inputsChanged) {
    const table = inputsTable(m.inputs);
    if (table) out.push(`**${words.inputs}**`, table);
  }
  out.push(`## ${words.answer(n)}`);
  const workflow = input.workflowOf?.(m.id);
  if (workflow && workflow.steps.length) out.push(workflowDetails(workflow, words));
  for (const t of m.agentThoughts) {
    const details = thoughtDetails(t, m.answer, words);
    if (details) out.push(details);
  }
  if (m.answer.trim()) out.push(closeFences(m.answer));
  else if (m.status !== 'error') out.push(`*${escapeInline(words.noAnswer)}*`);
  if (m.status === 'error') out.push(`> ${escapeInline(words.failed(oneLine(m.error ?? '')))}`);
  const answerFiles = fileNames(m.messageFiles, 'assistant');
  if (answerFiles) out.push(`**${words.files}:** ${answerFiles}`);
  if (m.retrieverResources.length) out.push(...footnotes(m.retrieverResources, n, words));
  return out;
}

/** Citations as footnotes: a line of references after the answer, then one definition per source. */
function footnotes(resources: readonly RetrieverResource[], n: number, words: ExportWords): string[] {
  const label = (r: RetrieverResource, i: number): string => `[^${n}-${r.position || i + 1}]`;
  const refs = resources.map(label).join(' ');
  const defs = resources.map((r, i) => {
    const source = [r.documentName, r.datasetName].filter((s) => s && s.trim()).map((s) => escapeInline(oneLine(s ?? ''))).join(' · ');
    const excerpt = escapeInline(truncate(oneLine(r.content), EXCERPT));
    return `${label(r, i)}: **${source || '?'}**${excerpt ? `: ${excerpt}` : ''}`;
  });
  return [`**${words.sources}:** ${refs}`, defs.join('\n')];
}

function workflowDetails(w: WorkflowState, words: ExportWords): string {
  const steps = w.steps.map((s) => {
    const time = s.elapsedTime !== undefined ? ` (${s.elapsedTime.toFixed(2)} s)` : '';
    const error = s.error ? `: ${escapeInline(oneLine(s.error))}` : '';
    return `${s.parentId ? '  ' : ''}- ${escapeInline(s.title || s.nodeType)} \`${s.nodeType}\` ${s.status}${time}${error}`;
  });
  return details(escapeHtml(words.workflow(w.steps.length)), steps.join('\n'));
}

function thoughtDetails(t: StoredAgentThought, answer: string, words: ExportWords): string | undefined {
  const parts: string[] = [];
  // The last thought of an agent answer is often the answer itself: no need to say it twice.
  if (t.thought.trim() && t.thought.trim() !== answer.trim()) parts.push(`**${words.thought}**`, closeFences(t.thought));
  if (t.tool) {
    if (t.toolInput.trim()) parts.push(`**${words.toolInput}**`, fenced(prettyJson(t.toolInput), 'json'));
    if (t.observation.trim()) parts.push(`**${words.observation}**`, fenced(prettyJson(t.observation), ''));
  }
  if (parts.length === 0) return undefined;
  const summary = t.tool ? words.toolCall(t.tool) : words.thought;
  return details(escapeHtml(summary), parts.join('\n\n'));
}

/** A collapsible section; the blank lines around the body let Markdown inside it render. */
function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function fenced(code: string, language: string): string {
  const fence = fenceFor(code);
  return `${fence}${language}\n${code.replace(/\n$/, '')}\n${fence}`;
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function inputsTable(inputs: Record<string, unknown>): string {
  const rows = Object.entries(inputs).filter(([k]) => !k.startsWith('sys.'));
  if (rows.length === 0) return '';
  const cell = (v: unknown): string => escapeInline(oneLine(typeof v === 'string' ? v : JSON.stringify(v) ?? '')).replace(/\|/g, '\\|');
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| \`${k}\` | ${cell(v)} |`)].join('\n');
}

function fileNames(files: readonly MessageFile[], belongsTo: 'user' | 'assistant'): string {
  return files
    .filter((f) => (belongsTo === 'user' ? f.belongsTo !== 'assistant' : f.belongsTo === 'assistant'))
    .map((f) => `\`${(f.filename || fileNameOf(f.url) || f.type).replace(/`/g, "'")}\``)
    .join(', ');
}

function fileNameOf(url: string): string {
  try {
    const path = new URL(url).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return '';
  }
}

/** A fence line. The run is the whole run (the lookahead), so a line that cannot match fails at once instead of retrying every shorter run. */
const FENCE = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))(.*)$/;

/**
 * Text as it was written, with a code fence it left open closed, so an answer cut off inside a code block
 * does not swallow the rest of the document.
 */
export function closeFences(text: string): string {
  const body = text.replace(/\r\n?/g, '\n').trimEnd();
  let open: { char: string; length: number } | undefined;
  for (const line of body.split('\n')) {
    const m = FENCE.exec(line);
    if (!m) continue;
    const run = m[1] as string;
    const rest = (m[2] as string).trim();
    if (!open) {
      // A backtick fence's info string may not hold a backtick.
      if (run[0] === '~' || !rest.includes('`')) open = { char: run[0] as string, length: run.length };
    } else if (run[0] === open.char && run.length >= open.length && rest === '') {
      open = undefined;
    }
  }
  return open ? `${body}\n${open.char.repeat(open.length)}` : body;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** Text for a heading, a list item or a table cell: no raw HTML, and no line-start syntax of its own. */
function escapeInline(text: string): string {
  return escapeHtml(text).replace(/^([#>*+-]|\d+[.)])/, '\\$1');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A file name for an export: the conversation's name (what a file system accepts of it) and a date. */
export function exportFileName(name: string, unixSeconds: number): string {
  // eslint-disable-next-line no-control-regex
  const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ');
  const trimmed = trimEdgesOf(safe, ' .-');
  const chars = Array.from(trimmed);
  const base = (chars.length > 80 ? chars.slice(0, 80).join('').trim() : trimmed) || 'Conversation';
  return `${base} ${new Date(unixSeconds * 1000).toISOString().slice(0, 10)}.md`;
}
