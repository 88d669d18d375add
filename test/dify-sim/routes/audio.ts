/**
 * POST /text-to-audio: `{user, message_id?, text?, voice?, streaming?}` → `audio/mpeg` bytes (`message_id`
 * wins; the message's answer is read). Speech off: 400 invalid_param "TTS is not enabled"; no text: 400
 * "Text is required". A simulator quirk for tests: a message whose question mentions *silence* reads as an
 * empty 200 body, the way a TTS provider that returned nothing looks to a client.
 */
import type { SimApp } from '../apps';
import { errors } from '../httpError';
import { speechFor } from '../mp3';
import { bool, optional, str, validateModel } from '../pydantic';
import type { Field } from '../pydantic';
import { endUserOf } from '../request';
import type { Req } from '../request';

const FIELDS: Field[] = [
  { name: 'message_id', check: optional(str), default: null },
  { name: 'voice', check: optional(str), default: null },
  { name: 'text', check: optional(str), default: null },
  { name: 'streaming', check: optional(bool), default: null },
];

export async function postTextToAudio(req: Req, app: SimApp): Promise<void> {
  const user = endUserOf(req, app, 'json', false);
  const p = validateModel('TextToAudioPayload', req.payload(), FIELDS);
  if (!app.speech.enabled) throw errors.invalidParam('TTS is not enabled');
  let text = typeof p['text'] === 'string' ? p['text'] : '';
  let silent = false;
  if (typeof p['message_id'] === 'string') {
    const m = req.ctx.store.message(app.key, user, p['message_id']);
    if (!m) throw errors.notFound('Message Not Exists.');
    text = m.answer;
    silent = /silence/i.test(m.query);
  }
  if (text.trim() === '') throw errors.invalidParam('Text is required');
  const data = silent ? Buffer.alloc(0) : speechFor(text);
  req.out.head(200, { ...req.difyHeaders, 'Content-Type': 'audio/mpeg', 'Content-Length': data.length });
  await req.out.end(data, true);
}
