/**
 * GET /conversations, DELETE /conversations/:c_id, POST /conversations/:c_id/name,
 * GET /conversations/:c_id/variables, PUT /conversations/:c_id/variables/:variable_id.
 */
import { CHAT_MODES } from '../apps';
import type { SimApp } from '../apps';
import { send204, sendJson } from '../envelope';
import { HttpError, errors } from '../httpError';
import { bool, int, literal, optional, str, strLength, uuid, validateModel, modelValueError } from '../pydantic';
import type { Check } from '../pydantic';
import { pyRepr } from '../pyjson';
import type { PyJson } from '../pyjson';
import { endUserOf } from '../request';
import type { Req } from '../request';
import { generateTitle } from '../scripts';
import { toSeconds } from '../store';
import type { Conversation, SortBy, Variable } from '../store';

function gate(app: SimApp): void {
  if (!CHAT_MODES.has(app.mode)) throw errors.notChatApp();
}

/** An optional UUID cursor: 1.11.2 rejects `last_id=` (empty); newest treats it as absent. */
function cursor(req: Req): Check {
  return (v) => (v === '' && req.ctx.newest ? { value: null } : optional(uuid)(v));
}

export function conversationJson(c: Conversation): PyJson {
  return {
    id: c.id,
    name: c.name,
    inputs: c.inputs,
    status: 'normal',
    introduction: c.introduction,
    created_at: toSeconds(c.createdUs),
    updated_at: toSeconds(c.updatedUs),
  };
}

export async function listConversations(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'query', false);
  gate(app);
  const q = validateModel('ConversationListQuery', req.query, [
    { name: 'last_id', check: cursor(req), default: null },
    { name: 'limit', check: int({ ge: 1, le: 100 }), default: 20 },
    { name: 'sort_by', check: literal(['created_at', '-created_at', 'updated_at', '-updated_at']), default: '-updated_at' },
  ]);
  const limit = q['limit'] as number;
  const page = req.ctx.store.listConversations(app.key, user, q['last_id'] as string | null, limit, q['sort_by'] as SortBy);
  if (!page) throw errors.notFound('Last Conversation Not Exists.');
  await sendJson(req.out, 200, { limit, has_more: page.hasMore, data: page.data.map(conversationJson) }, req.difyHeaders);
}

export async function deleteConversation(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'json', false);
  gate(app);
  const id = req.params['c_id'] as string;
  const { store } = req.ctx;
  if (req.ctx.newest) {
    const c = store.conversation(app.key, user, id);
    if (!c) throw errors.notFound('Conversation Not Exists.');
    c.deleted = true;
  } else {
    // 1.11.2 deletes by id with no ownership or existence check.
    const c = store.conversations.get(id);
    if (c && c.appKey === app.key) c.deleted = true;
  }
  await send204(req.out, req.difyHeaders);
}

export async function renameConversation(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'json', false);
  gate(app);
  const input = req.payload();
  const p = validateModel('ConversationRenamePayload', input, [
    { name: 'name', check: optional(str), default: null },
    { name: 'auto_generate', check: bool, default: false },
  ]);
  const name = p['name'] as string | null;
  if (p['auto_generate'] !== true && (name === null || !name.trim())) {
    throw modelValueError('ConversationRenamePayload', 'name is required when auto_generate is false', input);
  }
  const c = req.ctx.store.conversation(app.key, user, req.params['c_id'] as string);
  if (!c) throw errors.notFound('Conversation Not Exists.');
  if (p['auto_generate'] === true) {
    const first = c.messages[0];
    // MessageNotExistsError carries no description: a 400 with an empty message.
    if (!first) throw errors.invalidParam('');
    c.name = generateTitle(first.query);
  } else {
    c.name = name as string;
    c.updatedUs = req.ctx.store.second();
  }
  await sendJson(req.out, 200, conversationJson(c), req.difyHeaders);
}

/** `fields.String`: non-strings are rendered with Python's str(). */
function variableJson(v: Variable): PyJson {
  return {
    id: v.id,
    name: v.name,
    value_type: v.valueType,
    value: typeof v.value === 'string' ? v.value : pyRepr(v.value),
    description: v.description,
    created_at: toSeconds(v.createdUs),
    updated_at: toSeconds(v.updatedUs),
  };
}

const variableName: Check = (v) => {
  const r = strLength(1, 255)(v);
  if ('errors' in r) return r;
  if (!/^[A-Za-z0-9_.-]+$/.test(v as string)) {
    return {
      errors: [
        {
          loc: [],
          msg: 'Value error, Variable name can only contain letters, numbers, hyphens (-), underscores (_), and periods (.)',
          type: 'value_error',
          input: v,
        },
      ],
    };
  }
  return r;
};

export async function listVariables(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'query', false);
  gate(app);
  const q = validateModel('ConversationVariablesQuery', req.query, [
    { name: 'last_id', check: cursor(req), default: null },
    { name: 'limit', check: int({ ge: 1, le: 100 }), default: 20 },
    { name: 'variable_name', check: optional(variableName), default: null },
  ]);
  const c = req.ctx.store.conversation(app.key, user, req.params['c_id'] as string);
  if (!c) throw errors.notFound('Conversation Not Exists.');
  let vars = [...c.variables].sort((a, b) => a.createdUs - b.createdUs);
  const filter = q['variable_name'] as string | null;
  if (filter) vars = vars.filter((v) => v.name.toLowerCase().includes(filter.toLowerCase()));
  const lastId = q['last_id'] as string | null;
  if (lastId) {
    const last = c.variables.find((v) => v.id === lastId);
    if (!last) throw errors.invalidParam('');
    vars = vars.filter((v) => v.createdUs > last.createdUs);
  }
  const limit = q['limit'] as number;
  await sendJson(req.out, 200, { limit, has_more: vars.length > limit, data: vars.slice(0, limit).map(variableJson) }, req.difyHeaders);
}

function jsonTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'array';
  return v === null ? 'none' : 'object';
}

export async function updateVariable(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'json', false);
  gate(app);
  const p = validateModel('ConversationVariableUpdatePayload', req.payload(), [{ name: 'value', check: (v) => ({ value: v }) }]);
  const c = req.ctx.store.conversation(app.key, user, req.params['c_id'] as string);
  if (!c) throw errors.notFound('Conversation Not Exists.');
  const v = c.variables.find((x) => x.id === req.params['variable_id']);
  if (!v) throw errors.notFound('Conversation Variable Not Exists.');
  const got = jsonTypeName(p['value']);
  if (got !== v.valueType) {
    throw new HttpError(400, 'bad_request', `Type mismatch: variable '${v.name}' expects ${v.valueType}, but got ${got} type`);
  }
  v.value = p['value'] as PyJson;
  v.updatedUs = req.ctx.store.tick();
  await sendJson(req.out, 200, variableJson(v), req.difyHeaders);
}
