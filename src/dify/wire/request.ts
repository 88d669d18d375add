/** The request bodies Dify's routes take, in Dify's snake_case. */
import type { ChatRequest } from '../types';

/** One file of a chat message, as sent. */
export interface WireChatFile {
  type: string;
  transfer_method: 'remote_url' | 'local_file';
  url?: string;
  upload_file_id?: string;
}

/** `POST /chat-messages` body. `response_mode` is always explicit: omitted means blocking to Dify. */
export interface WireChatRequest {
  query: string;
  inputs: Record<string, unknown>;
  user: string;
  response_mode: 'streaming' | 'blocking';
  conversation_id?: string;
  files?: WireChatFile[];
  auto_generate_name?: boolean;
}

/** Builds the chat body; `inputs` is at least `{}`, and a blank conversation id is left out (new conversation). */
export function chatRequestToWire(req: ChatRequest, user: string, mode: 'streaming' | 'blocking'): WireChatRequest {
  const body: WireChatRequest = { query: req.query, inputs: req.inputs ?? {}, user, response_mode: mode };
  if (req.conversationId !== undefined && req.conversationId.trim() !== '') body.conversation_id = req.conversationId;
  if (req.files !== undefined && req.files.length > 0) {
    body.files = req.files.map((f) => {
      const w: WireChatFile = { type: f.type, transfer_method: f.transferMethod };
      if (f.url !== undefined) w.url = f.url;
      if (f.uploadFileId !== undefined) w.upload_file_id = f.uploadFileId;
      return w;
    });
  }
  if (req.autoGenerateName !== undefined) body.auto_generate_name = req.autoGenerateName;
  return body;
}
