/**
 * The Service API route table and Werkzeug-style matching: `<uuid:...>` segments only match UUIDs (so a
 * malformed id is a plain HTML 404), a path that exists with another method is a 405 envelope.
 */
import type { SimApp } from './apps';
import type { Req } from './request';
import { getIndex, getInfo, getMeta, getParameters, getSite } from './routes/app';
import { postChatMessages, postStop } from './routes/chat';
import { deleteConversation, listConversations, listVariables, renameConversation, updateVariable } from './routes/conversations';
import { postTextToAudio } from './routes/audio';
import { previewFile, uploadFile } from './routes/files';
import { getSuggested, listAppFeedbacks, listMessages, postFeedback } from './routes/messages';

export interface Route {
  method: string;
  /** Flask rule text, e.g. "/v1/conversations/<uuid:c_id>/name". */
  rule: string;
  /** Stats key pattern, e.g. "/v1/conversations/:c_id/name". */
  pattern: string;
  handler: ((req: Req, app: SimApp) => Promise<void>) | ((req: Req) => Promise<void>);
  auth: boolean;
}

function route(method: string, rule: string, handler: Route['handler'], auth = true): Route {
  return { method, rule, pattern: rule.replace(/<(?:\w+:)?(\w+)>/g, ':$1'), handler, auth };
}

export const ROUTES: Route[] = [
  route('GET', '/v1/', getIndex, false),
  route('POST', '/v1/chat-messages', postChatMessages),
  route('POST', '/v1/chat-messages/<string:task_id>/stop', postStop),
  route('POST', '/v1/messages/<uuid:message_id>/feedbacks', postFeedback),
  route('GET', '/v1/app/feedbacks', listAppFeedbacks),
  route('GET', '/v1/messages', listMessages),
  route('GET', '/v1/messages/<uuid:message_id>/suggested', getSuggested),
  route('GET', '/v1/conversations', listConversations),
  route('DELETE', '/v1/conversations/<uuid:c_id>', deleteConversation),
  route('POST', '/v1/conversations/<uuid:c_id>/name', renameConversation),
  route('GET', '/v1/conversations/<uuid:c_id>/variables', listVariables),
  route('PUT', '/v1/conversations/<uuid:c_id>/variables/<uuid:variable_id>', updateVariable),
  route('POST', '/v1/files/upload', uploadFile),
  route('GET', '/v1/files/<uuid:file_id>/preview', previewFile),
  route('POST', '/v1/text-to-audio', postTextToAudio),
  route('GET', '/v1/info', getInfo),
  route('GET', '/v1/parameters', getParameters),
  route('GET', '/v1/meta', getMeta),
  route('GET', '/v1/site', getSite),
];

/** Every Service API rule Flask knows (for the 404 help), including the ones the simulator does not serve. */
export const SERVICE_API_RULES: string[] = [
  ...ROUTES.map((r) => r.rule),
  '/v1/completion-messages',
  '/v1/completion-messages/<string:task_id>/stop',
  '/v1/audio-to-text',
  '/v1/workflows/run',
  '/v1/workflows/run/<string:workflow_run_id>',
  '/v1/workflows/<string:workflow_id>/run',
  '/v1/workflows/tasks/<string:task_id>/stop',
  '/v1/workflows/logs',
  '/v1/apps/annotation-reply/<string:action>',
  '/v1/apps/annotation-reply/<string:action>/status/<uuid:job_id>',
  '/v1/apps/annotations',
  '/v1/apps/annotations/<uuid:annotation_id>',
];

const UUID_RE = /^[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;

function matchRule(rule: string, path: string): Record<string, string> | null {
  const want = rule.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    const conv = /^<(?:(\w+):)?(\w+)>$/.exec(w);
    if (!conv) {
      if (w !== g) return null;
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(g);
    } catch {
      return null;
    }
    if (conv[1] === 'uuid') {
      if (!UUID_RE.test(value)) return null;
      value = value.toLowerCase();
    } else if (!value || value.includes('/')) {
      return null;
    }
    params[conv[2] as string] = value;
  }
  return params;
}

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method'; allowed: string[] }
  | { kind: 'redirect'; location: string }
  | { kind: 'none' };

export function matchRoute(method: string, path: string): RouteMatch {
  const allowed = new Set<string>();
  for (const r of ROUTES) {
    const params = matchRule(r.rule, path);
    if (!params) continue;
    if (r.method === method || (method === 'HEAD' && r.method === 'GET')) return { kind: 'route', route: r, params };
    allowed.add(r.method);
    if (r.method === 'GET') allowed.add('HEAD');
    allowed.add('OPTIONS');
  }
  if (allowed.size > 0) return { kind: 'method', allowed: [...allowed].sort() };
  // Werkzeug's strict slashes: "/v1" redirects to the rule "/v1/".
  if (!path.endsWith('/') && ROUTES.some((r) => r.rule.endsWith('/') && matchRule(r.rule, `${path}/`))) {
    return { kind: 'redirect', location: `${path}/` };
  }
  return { kind: 'none' };
}
