/**
 * GET /messages (history, `first_id` paging backwards), POST /messages/:id/feedbacks, GET /app/feedbacks,
 * GET /messages/:id/suggested.
 */
import { randomUUID } from 'node:crypto';
import { CHAT_MODES } from '../apps';
import type { SimApp } from '../apps';
import { sendJson } from '../envelope';
import { HttpError, errors } from '../httpError';
import { int, literal, optional, str, uuid, validateModel } from '../pydantic';
import type { Check } from '../pydantic';
import type { PyJson } from '../pyjson';
import { endUserOf } from '../request';
import type { Req } from '../request';
import { suggestedQuestions } from '../scripts';
import { isoSeconds, toSeconds } from '../store';
import type { Message } from '../store';

const PARENT_MESSAGE_ID = '00000000-0000-0000-0000-000000000000';

function gate(app: SimApp): void {
  if (!CHAT_MODES.has(app.mode)) throw errors.notChatApp();
}

/** One history item, keys in `build_message_model` order. */
export function messageJson(m: Message): PyJson {
  return {
    id: m.id,
    conversation_id: m.conversationId,
    parent_message_id: PARENT_MESSAGE_ID,
    inputs: m.inputs,
    query: m.query,
    answer: m.answer,
    message_files: m.files.map((f) => ({
      id: f.id,
      filename: f.filename,
      type: f.type,
      url: f.url,
      mime_type: f.mimeType,
      size: f.size,
      transfer_method: f.transferMethod,
      belongs_to: f.belongsTo,
      upload_file_id: f.uploadFileId,
    })),
    feedback: m.feedback ? { rating: m.feedback.rating } : null,
    retriever_resources: m.retrieverResources,
    created_at: toSeconds(m.createdUs),
    agent_thoughts: m.agentThoughts.map((t) => ({
      id: t.id,
      chain_id: null,
      message_id: m.id,
      position: t.position,
      thought: t.thought,
      tool: t.tool,
      tool_labels: t.toolLabels,
      tool_input: t.toolInput,
      created_at: toSeconds(t.createdUs),
      observation: t.observation,
      files: t.files,
    })),
    status: m.status,
    error: m.error,
  };
}

export async function listMessages(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'query', false);
  gate(app);
  const newest = req.ctx.newest;
  const emptyOk = (c: Check): Check => (v) => (v === '' && newest ? { value: '' } : c(v));
  const q = validateModel('MessageListQuery', req.query, [
    { name: 'conversation_id', check: emptyOk(uuid) },
    { name: 'first_id', check: emptyOk(optional(uuid)), default: null },
    { name: 'limit', check: int({ ge: 1, le: 100 }), default: 20 },
  ]);
  const limit = q['limit'] as number;
  if (q['conversation_id'] === '') {
    await sendJson(req.out, 200, { limit, has_more: false, data: [] }, req.difyHeaders);
    return;
  }
  const c = req.ctx.store.conversation(app.key, user, q['conversation_id'] as string);
  if (!c) throw errors.notFound('Conversation Not Exists.');
  const page = req.ctx.store.pageMessages(c, (q['first_id'] as string | null) || null, limit);
  if (page === 'first-not-found') throw errors.notFound('First Message Not Exists.');
  await sendJson(req.out, 200, { limit, has_more: page.hasMore, data: page.data.map(messageJson) }, req.difyHeaders);
}

export async function postFeedback(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'json', true);
  const p = validateModel('MessageFeedbackPayload', req.payload(), [
    { name: 'rating', check: optional(literal(['like', 'dislike'])), default: null },
    { name: 'content', check: optional(str), default: null },
  ]);
  const m = req.ctx.store.message(app.key, user, req.params['message_id'] as string);
  if (!m) throw errors.notFound('Message Not Exists.');
  const rating = p['rating'] as 'like' | 'dislike' | null;
  if (rating === null) {
    if (!m.feedback) throw errors.invalidParam('rating cannot be None when feedback not exists');
    m.feedback = null;
  } else if (m.feedback) {
    m.feedback.rating = rating;
    m.feedback.content = p['content'] as string | null;
    m.feedback.updatedUs = req.ctx.store.tick();
  } else {
    const now = req.ctx.store.tick();
    m.feedback = { id: randomUUID(), rating, content: p['content'] as string | null, createdUs: now, updatedUs: now };
  }
  await sendJson(req.out, 200, { result: 'success' }, req.difyHeaders);
}

export async function listAppFeedbacks(req: Req, app: SimApp): Promise<void> {
  const q = validateModel('FeedbackListQuery', req.query, [
    { name: 'page', check: int({ ge: 1 }), default: 1 },
    { name: 'limit', check: int({ ge: 1, le: 101 }), default: 20 },
  ]);
  const page = q['page'] as number;
  const limit = q['limit'] as number;
  const all = [...req.ctx.store.messages.values()]
    .filter((m) => m.appKey === app.key && m.feedback)
    .sort((a, b) => (b.feedback?.createdUs ?? 0) - (a.feedback?.createdUs ?? 0));
  const data = all.slice((page - 1) * limit, page * limit).map((m) => {
    const f = m.feedback as NonNullable<Message['feedback']>;
    return {
      id: f.id,
      app_id: app.id,
      conversation_id: m.conversationId,
      message_id: m.id,
      rating: f.rating,
      content: f.content,
      from_source: 'user',
      from_end_user_id: m.endUserId,
      from_account_id: null,
      created_at: isoSeconds(f.createdUs),
      updated_at: isoSeconds(f.updatedUs),
    };
  });
  await sendJson(req.out, 200, { data }, req.difyHeaders);
}

export async function getSuggested(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'query', true);
  gate(app);
  const m = req.ctx.store.message(app.key, user, req.params['message_id'] as string);
  if (!m) throw errors.notFound('Message Not Exists.');
  if (!app.suggestedAfterAnswer) {
    throw req.ctx.newest
      ? new HttpError(
          403,
          'app_suggested_questions_after_answer_disabled',
          "The 'Suggested Questions After Answer' feature is disabled. Please refresh your page.",
        )
      : errors.badRequest('Suggested Questions Is Disabled.');
  }
  await sendJson(req.out, 200, { result: 'success', data: suggestedQuestions(m.query) }, req.difyHeaders);
}
