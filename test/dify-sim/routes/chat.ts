/**
 * POST /chat-messages (streaming and blocking) and POST /chat-messages/:task_id/stop.
 * Check order as in Dify: auth → user → mode gate → payload model → generator checks (agent blocking,
 * empty query, conversation, inputs, files) → conversation/message rows → the answer.
 */
import { randomUUID } from 'node:crypto';
import { applyFault } from '../applyFault';
import { CHAT_MODES } from '../apps';
import type { SimApp } from '../apps';
import { driveBlocking, driveStream } from '../drive';
import { sendJson } from '../envelope';
import { extractDirective } from '../faults';
import { errors } from '../httpError';
import { validateInputs } from '../inputs';
import { bool, canonicalUuid, dict, listOf, literal, optional, str, uuidProblem, validateModel, valueError } from '../pydantic';
import type { Check } from '../pydantic';
import { endUserOf } from '../request';
import type { Req } from '../request';
import { generateTitle, pickScript } from '../scripts';
import { signedUrl } from '../signedUrl';
import type { Conversation, EndUser, MessageFile } from '../store';
import { Turn } from '../turn';
import { initialVariables } from '../variables';

/** `normalize_conversation_id`: blank means a new conversation; anything else must be a UUID. */
const conversationId: Check = (v) => {
  if (v === null) return { value: null };
  if (typeof v !== 'string') return str(v);
  const s = v.trim();
  if (!s) return { value: null };
  return uuidProblem(s) ? valueError('conversation_id must be a valid UUID', v) : { value: canonicalUuid(s) };
};

const CHAT_FIELDS = [
  { name: 'inputs', check: dict },
  { name: 'query', check: str },
  { name: 'files', check: optional(listOf(dict)), default: null },
  { name: 'response_mode', check: optional(literal(['blocking', 'streaming'])), default: null },
  { name: 'conversation_id', check: conversationId, default: null },
  { name: 'retriever_from', check: str, default: 'dev' },
  { name: 'auto_generate_name', check: bool, default: true },
  { name: 'workflow_id', check: optional(str), default: null },
];

/** Python `query[:20] + "…"` over code points. */
function initialName(query: string): string {
  const chars = Array.from(query);
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : query;
}

function resolveFiles(req: Req, app: SimApp, files: unknown[] | null): MessageFile[] {
  if (!files || app.mode === 'agent-chat') return [];
  const out: MessageFile[] = [];
  for (const raw of files as Array<Record<string, unknown>>) {
    const type = typeof raw['type'] === 'string' ? raw['type'] : 'custom';
    const method = raw['transfer_method'];
    if (method === 'local_file') {
      const upload = req.ctx.store.uploads.get(String(raw['upload_file_id'] ?? ''));
      if (!upload || upload.appKey !== app.key) throw errors.invalidParam('Invalid upload file');
      out.push({
        id: randomUUID(),
        filename: upload.name,
        type,
        url: signedUrl(req.ctx.origin, `/files/${upload.id}/file-preview`, 'file-preview', upload.id, req.ctx.options.now()),
        mimeType: upload.mimeType,
        size: upload.size,
        transferMethod: 'local_file',
        belongsTo: 'user',
        uploadFileId: upload.id,
      });
    } else if (method === 'remote_url') {
      const url = raw['url'];
      if (typeof url !== 'string' || !url) throw errors.invalidParam('Invalid file url');
      out.push({ id: randomUUID(), filename: url.split('/').pop() ?? 'file', type, url, mimeType: '', size: -1, transferMethod: 'remote_url', belongsTo: 'user', uploadFileId: null });
    } else {
      throw errors.invalidParam(`Invalid transfer method: ${String(method)}`);
    }
  }
  return out;
}

function newConversation(req: Req, app: SimApp, user: EndUser, query: string, inputs: Conversation['inputs']): Conversation {
  const c = req.ctx.store.createConversation(app.key, user, initialName(query), inputs, app.openingStatement);
  if (app.mode === 'advanced-chat') initialVariables(c, inputs, req.ctx.store.tick());
  return c;
}

export async function postChatMessages(req: Req, app: SimApp): Promise<void> {
  const { ctx } = req;
  const user = endUserOf(req, app, 'json', true);
  if (!CHAT_MODES.has(app.mode)) throw errors.notChatApp();
  const p = validateModel('ChatRequestPayload', req.payload(), CHAT_FIELDS);
  const rawQuery = p['query'] as string;
  const directive = extractDirective(rawQuery);
  if (directive.fault && !req.fault && (await applyFault(req, directive.fault))) return;

  const streaming = p['response_mode'] === 'streaming';
  if (app.mode === 'agent-chat' && !streaming) throw errors.invalidParam('Agent Chat App does not support blocking mode');
  if (!rawQuery) throw errors.invalidParam('query is required');
  const query = rawQuery.replaceAll('\u0000', '');
  let conversation: Conversation | undefined;
  if (p['conversation_id'] !== null) {
    conversation = ctx.store.conversation(app.key, user, p['conversation_id'] as string);
    if (!conversation) throw errors.notFound('Conversation Not Exists.');
  }
  const inputs = validateInputs(app, p['inputs'] as Record<string, unknown>);
  const files = resolveFiles(req, app, p['files'] as unknown[] | null);

  const isNew = !conversation;
  conversation ??= newConversation(req, app, user, query, inputs);
  const message = ctx.store.addMessage(conversation, user, query, inputs, files);
  if (isNew && p['auto_generate_name'] === true) {
    const conv = conversation;
    ctx.schedule(() => {
      conv.name = generateTitle(query);
    }, ctx.options.autoNameDelayMs);
  }
  const script = pickScript(directive.query.replaceAll('\u0000', ''), app, ctx.options.now());
  const bench = ctx.options.benchAnswer?.(query);
  if (bench) Object.assign(script, { answer: bench.text, tokensPerSecond: bench.tokensPerSecond, firstTokenAfterMs: bench.firstTokenAfterMs });
  const turn = new Turn({ ctx, app, user, conversation, message, script, streaming, retrieverFrom: p['retriever_from'] as string });
  if (streaming) {
    const encodingHeader = req.header('x-dify-sim-json');
    const encoding = encodingHeader === 'compact' || encodingHeader === 'spaced' ? encodingHeader : ctx.options.json;
    await driveStream(turn, req.out, req.difyHeaders, encoding, req.fault);
  } else {
    await driveBlocking(turn, req.out, req.difyHeaders, req.fault);
  }
}

export async function postStop(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'json', true);
  if (!CHAT_MODES.has(app.mode)) throw errors.notChatApp();
  req.ctx.stats.stops++;
  // Unknown task ids and other users' tasks are silently ignored: the answer is always 200.
  const turn = req.ctx.tasks.get(req.params['task_id'] ?? '');
  if (turn && turn.app.key === app.key && turn.user.id === user.id) turn.stop();
  await sendJson(req.out, 200, { result: 'success' }, req.difyHeaders);
}
