/**
 * Chooses what a turn does from the query (deterministically): which answer text, whether sources are
 * cited, whether the agent calls a tool, whether moderation replaces the answer, whether the run fails.
 */
import type { SimApp } from './apps';
import type { PyJson } from './pyjson';
import {
  CJK_ANSWER,
  MARKDOWN_ANSWER,
  MODERATION_REPLACEMENT,
  MODERATION_START,
  chatToolAnswer,
  citationsAnswer,
  defaultAnswer,
  greetingAnswer,
  iterationAnswer,
  longAnswer,
  thinkAnswer,
} from './texts';

export type ScriptKind =
  | 'greeting'
  | 'default'
  | 'markdown'
  | 'long'
  | 'cjk'
  | 'citations'
  | 'tool'
  | 'moderation'
  | 'fail'
  | 'iteration'
  | 'think';

export interface ToolCall {
  name: string;
  label: string;
  labelZh: string;
  input: Record<string, PyJson>;
  /** What the tool returned (the thought's observation). */
  observation: string;
  /** The model's text before it decided to call the tool. */
  preText: string;
  /** The tool produces an image (an agent `message_file`). */
  image: boolean;
}

export interface Script {
  kind: ScriptKind;
  /** The answer text that streams (for moderation: the text streamed before the replacement). */
  answer: string;
  cite: boolean;
  tool?: ToolCall;
  moderation?: { replacement: string; afterTokens: number };
  failure?: string;
  iterationItems?: string[];
  /** A benchmark's steady pace (DifySimOptions.benchAnswer). */
  tokensPerSecond?: number;
  /** A benchmark's wait before the first text frame (DifySimOptions.benchAnswer). */
  firstTokenAfterMs?: number;
}

const has = (re: RegExp, q: string) => re.test(q);

export const FAILURE_MESSAGE = '[openai] Server Unavailable Error, The server is overloaded or not ready yet.';

function agentTool(query: string, nowMs: number): ToolCall | undefined {
  if (has(/\b(image|draw|picture|paint|sketch)\b/i, query)) {
    return {
      name: 'dalle3',
      label: 'DALL-E 3',
      labelZh: 'DALL-E 3 绘画',
      input: { prompt: query, size: 'square', n: 1 },
      observation: 'image has been created and sent to user already, you do not need to create it, just tell the user to check it now.',
      preText: 'I will draw that for you. ',
      image: true,
    };
  }
  if (has(/\b(time|date|clock|today)\b/i, query)) {
    const now = new Date(nowMs).toISOString().replace('T', ' ').slice(0, 19);
    return {
      name: 'current_time',
      label: 'Current Time',
      labelZh: '获取当前时间',
      input: { format: '%Y-%m-%d %H:%M:%S', timezone: 'UTC' },
      observation: now,
      preText: '',
      image: false,
    };
  }
  if (has(/^\s*(hi|hello|hey)\b/i, query)) return undefined;
  return {
    name: 'wikipedia_search',
    label: 'WikipediaSearch',
    labelZh: '维基百科搜索',
    input: { query, language: 'en' },
    observation: `Page: ${query.slice(0, 40)}\nSummary: A simulated encyclopedia entry about "${query.slice(0, 40)}", returned by the simulated Wikipedia tool.`,
    preText: 'Let me look that up. ',
    image: false,
  };
}

/** Picks the script; `query` has any `/fault` directive already removed. */
export function pickScript(query: string, app: SimApp, nowMs: number): Script {
  const citeAsked = has(/\b(docs?|documents?|documentation|citations?|cite|sources?|knowledge|references?)\b/i, query);
  const cite = app.retrieverResource && (app.alwaysCite || citeAsked);
  const base = { cite };
  if (has(/\b(error|fail)\b/i, query)) {
    return { ...base, kind: 'fail', answer: 'Let me think about that. The answer starts here, and then', failure: FAILURE_MESSAGE };
  }
  if (has(/\bmoderat/i, query)) {
    return { ...base, kind: 'moderation', answer: MODERATION_START, moderation: { replacement: MODERATION_REPLACEMENT, afterTokens: 8 } };
  }
  if (app.mode === 'agent-chat') {
    const tool = agentTool(query, nowMs);
    if (tool?.image) return { ...base, kind: 'tool', tool, answer: 'Here is the image I drew for you. Take a look! 🎨' };
    if (tool) {
      const answer = tool.name === 'current_time'
        ? `The current time is **${tool.observation} UTC**.`
        : `Here is what I found about "${query}":\n\n${tool.observation.split('\n')[1] ?? ''}\n\nLet me know if you want more detail.`;
      return { ...base, kind: 'tool', tool, answer };
    }
  }
  if (has(/\blong\b/i, query)) return { ...base, kind: 'long', answer: longAnswer(query) };
  if (has(/\bmarkdown\b/i, query)) return { ...base, kind: 'markdown', answer: MARKDOWN_ANSWER };
  if (has(/中文|[\u4e00-\u9fff]/u, query)) return { ...base, kind: 'cjk', answer: CJK_ANSWER };
  if (app.mode === 'advanced-chat' && has(/\biterat|\beach\b|\bkey points\b/i, query)) {
    const iterationItems = ['Framing', 'Pagination', 'Streaming'];
    return { ...base, kind: 'iteration', iterationItems, answer: iterationAnswer(iterationItems) };
  }
  if (citeAsked && cite) return { ...base, kind: 'citations', answer: citationsAnswer() };
  if (has(/\b(tool|tools|agent)\b/i, query)) return { ...base, kind: 'default', answer: chatToolAnswer() };
  if (has(/\b(think|reason|reasoning)\b/i, query)) return { ...base, kind: 'think', answer: thinkAnswer(query) };
  if (has(/^\s*(hi|hello|hey)\b/i, query)) return { ...base, kind: 'greeting', answer: greetingAnswer() };
  return { ...base, kind: 'default', answer: defaultAnswer(query) };
}

/** Three follow-up questions for `/messages/:id/suggested`, derived from the question. */
export function suggestedQuestions(query: string): string[] {
  const topic = query.replace(/\s+/g, ' ').trim().slice(0, 40) || 'this';
  return [`Can you explain "${topic}" in more detail?`, 'Can you show an example in TypeScript?', 'What are the common pitfalls?'];
}

const STOP = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'is', 'are', 'me', 'my', 'i', 'you', 'please', 'can', 'could', 'what', 'how', 'why', 'with', 'about', 'some', 'show', 'tell', 'give', 'do', 'does', 'it', 'this', 'that']);

/** The title Dify's LLM would give a conversation: deterministic, derived from the first query. */
export function generateTitle(query: string): string {
  const q = query.replace(/\/fault\s+\S+/g, '').trim();
  const cjk = Array.from(q).filter((c) => /[\u3400-\u9fff]/u.test(c));
  if (cjk.length >= 2) return `${cjk.slice(0, 10).join('')}`;
  const words = q.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !STOP.has(w.toLowerCase()));
  if (words.length === 0) return 'New conversation';
  const title = words
    .slice(0, 5)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return Array.from(title).length > 75 ? `${Array.from(title).slice(0, 75).join('')}...` : title;
}
