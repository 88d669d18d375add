/**
 * POST /files/upload (multipart), GET /files/:file_id/preview, and the signed file URLs outside /v1
 * (`/files/:id/file-preview` for uploads, `/files/tools/:id.png` for tool images).
 */
import type { SimApp } from '../apps';
import { sendJson, sendNotFoundPage } from '../envelope';
import { HttpError, errors } from '../httpError';
import { parseMultipart } from '../multipart';
import { endUserOf } from '../request';
import type { Req } from '../request';
import { signedUrl } from '../signedUrl';
import { toSeconds } from '../store';

const MB = 1024 * 1024;
const IMAGE = new Set(['jpg', 'jpeg', 'png', 'webp', 'gif', 'svg']);
const VIDEO = new Set(['mp4', 'mov', 'mpeg', 'webm']);
const AUDIO = new Set(['mp3', 'm4a', 'wav', 'amr', 'mpga']);
const BLOCKED = new Set(['exe', 'bat', 'cmd', 'com', 'scr', 'msi', 'dll', 'ps1', 'vbs']);

function limitMb(ext: string): number {
  if (IMAGE.has(ext)) return 10;
  if (VIDEO.has(ext)) return 100;
  if (AUDIO.has(ext)) return 50;
  return 15;
}

export async function uploadFile(req: Req, app: SimApp): Promise<void> {
  const form = parseMultipart(req.header('content-type') ?? '', req.body);
  const user = endUserOf(req, app, 'form', false, form.fields);
  const file = form.files.find((f) => f.field === 'file');
  if (!file) throw new HttpError(400, 'no_file_uploaded', 'Please upload your file.');
  // `len(request.files)` counts distinct field names.
  if (new Set(form.files.map((f) => f.field)).size > 1) throw new HttpError(400, 'too_many_files', 'Only one file is allowed.');
  if (!file.contentType) throw new HttpError(415, 'unsupported_file_type', 'File type not allowed.');
  if (!file.filename) throw new HttpError(400, 'filename_not_exists_error', 'The specified filename does not exist.');
  const dot = file.filename.lastIndexOf('.');
  const extension = dot === -1 ? '' : file.filename.slice(dot + 1).toLowerCase();
  if (BLOCKED.has(extension)) throw errors.invalidParam(`File extension '.${extension}' is not allowed for security reasons`);
  if (file.data.length > limitMb(extension) * MB) throw new HttpError(413, 'file_too_large', 'File size exceeded. {message}');
  const u = req.ctx.store.addUpload({
    appKey: app.key,
    name: file.filename,
    size: file.data.length,
    extension,
    mimeType: file.contentType.split(';')[0]?.trim() ?? '',
    createdBy: user.id,
    data: Buffer.from(file.data),
  });
  await sendJson(
    req.out,
    201,
    {
      id: u.id,
      name: u.name,
      size: u.size,
      extension: u.extension,
      mime_type: u.mimeType,
      created_by: u.createdBy,
      created_at: toSeconds(u.createdUs),
      preview_url: null,
      source_url: signedUrl(req.ctx.origin, `/files/${u.id}/file-preview`, 'file-preview', u.id, req.ctx.options.now()),
    },
    req.difyHeaders,
  );
}

async function sendBytes(req: Req, data: Buffer, mimeType: string, filename?: string): Promise<void> {
  const headers: Record<string, string | number> = { ...req.difyHeaders, 'Content-Type': mimeType, 'Content-Length': data.length };
  if (filename) headers['Content-Disposition'] = `attachment; filename="${filename.replace(/"/g, '')}"`;
  req.out.head(200, headers);
  await req.out.end(data, true);
}

export async function previewFile(req: Req, app: SimApp): Promise<void> {
  endUserOf(req, app, 'query', false);
  const u = req.ctx.store.uploads.get(req.params['file_id'] as string);
  if (!u || u.appKey !== app.key) throw errors.notFound('File not found');
  const attach = ['true', '1'].includes((req.query['as_attachment'] ?? '').toLowerCase());
  await sendBytes(req, u.data, u.mimeType, attach ? u.name : undefined);
}

/** Signed URL targets (no API key; the signature is not checked by the simulator). */
export async function serveSignedFile(req: Req): Promise<boolean> {
  const tool = /^\/files\/tools\/([0-9a-f-]{36})\.png$/.exec(req.path);
  if (tool) {
    const f = req.ctx.store.toolFiles.get(tool[1] as string);
    if (!f) await sendNotFoundPage(req.out, req.difyHeaders);
    else await sendBytes(req, f.data, f.mimeType);
    return true;
  }
  const up = /^\/files\/([0-9a-f-]{36})\/file-preview$/.exec(req.path);
  if (up) {
    const u = req.ctx.store.uploads.get(up[1] as string);
    if (!u) await sendNotFoundPage(req.out, req.difyHeaders);
    else await sendBytes(req, u.data, u.mimeType);
    return true;
  }
  return false;
}
