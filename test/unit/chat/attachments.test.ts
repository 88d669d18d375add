import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Attachments, chatRequestFiles, type FileToAttach } from '../../../src/chat/attachments';
import type { AttachmentView } from '../../../src/shared/chatState';

/** An upload the test answers by hand. */
function deferredUploads() {
  const calls: Array<{ file: FileToAttach; signal: AbortSignal; resolve: (id: string) => void; reject: (e: unknown) => void }> = [];
  const upload = (file: FileToAttach, signal: AbortSignal): Promise<{ id: string }> =>
    new Promise((res, rej) => calls.push({ file, signal, resolve: (id) => res({ id }), reject: rej }));
  return { calls, upload };
}

function setup() {
  const uploads = deferredUploads();
  const changes: AttachmentView[][] = [];
  let n = 0;
  const attachments = new Attachments({
    upload: uploads.upload,
    describe: (e) => `failed: ${e instanceof Error ? e.message : String(e)}`,
    onChange: (v) => changes.push(v),
    newId: () => `a${++n}`,
  });
  return { attachments, uploads, changes };
}

const png = (name = 'shot.png'): FileToAttach => ({ name, mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) });

describe('Attachments', () => {
  test('a file uploads as soon as it is attached; ready() waits for it and gives the files to send', async () => {
    const { attachments, uploads, changes } = setup();
    attachments.add(png(), 'image', 'data:image/png;base64,AAAA');
    assert.equal(uploads.calls.length, 1);
    assert.equal(changes.at(-1)?.[0]?.status, 'uploading');
    const ready = attachments.ready();
    uploads.calls[0]?.resolve('up-1');
    const r = await ready;
    assert.deepEqual(r, {
      ok: true,
      files: [{ id: 'a1', type: 'image', url: '', belongsTo: 'user', filename: 'shot.png', size: 3, mimeType: 'image/png', preview: 'data:image/png;base64,AAAA', transferMethod: 'local_file', uploadFileId: 'up-1' }],
    });
    assert.equal(changes.at(-1)?.[0]?.status, 'ready');
    assert.deepEqual(chatRequestFiles(r.ok ? r.files : []), [{ type: 'image', transferMethod: 'local_file', uploadFileId: 'up-1' }]);
  });

  test('a failed upload shows one sentence, blocks the send, and Retry uploads the same bytes again', async () => {
    const { attachments, uploads, changes } = setup();
    const id = attachments.add(png(), 'image');
    uploads.calls[0]?.reject(new Error('413'));
    assert.deepEqual(await attachments.ready(), { ok: false, failed: ['shot.png'] });
    assert.equal(changes.at(-1)?.[0]?.status, 'failed');
    assert.equal(changes.at(-1)?.[0]?.error, 'failed: 413');
    attachments.retry(id);
    assert.equal(uploads.calls.length, 2);
    assert.deepEqual(uploads.calls[1]?.file.data, new Uint8Array([1, 2, 3]), 'nothing the user attached is lost');
    assert.equal(changes.at(-1)?.[0]?.status, 'uploading');
    assert.equal(changes.at(-1)?.[0]?.error, undefined);
    uploads.calls[1]?.resolve('up-2');
    const r = await attachments.ready();
    assert.ok(r.ok && r.files[0]?.uploadFileId === 'up-2');
  });

  test('removing an attachment abandons its upload; a late answer changes nothing', async () => {
    const { attachments, uploads, changes } = setup();
    const id = attachments.add(png(), 'image');
    assert.equal(attachments.remove(id), true);
    assert.equal(uploads.calls[0]?.signal.aborted, true);
    uploads.calls[0]?.resolve('late');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(changes.at(-1), []);
    assert.deepEqual(await attachments.ready(), { ok: true, files: [] });
    assert.equal(attachments.remove(id), false);
  });

  test('a URL goes as remote_url without an upload', async () => {
    const { attachments, uploads } = setup();
    attachments.addUrl('https://example.com/cat.png', 'cat.png', 'image');
    assert.equal(uploads.calls.length, 0);
    const r = await attachments.ready();
    assert.ok(r.ok);
    assert.deepEqual(chatRequestFiles(r.files), [{ type: 'image', transferMethod: 'remote_url', url: 'https://example.com/cat.png' }]);
  });

  test('clear() drops everything and aborts uploads in progress', () => {
    const { attachments, uploads } = setup();
    attachments.add(png('a.png'), 'image');
    attachments.add(png('b.png'), 'image');
    attachments.clear();
    assert.equal(attachments.count, 0);
    assert.ok(uploads.calls.every((c) => c.signal.aborted));
  });

  test('history files without an upload id or URL are not sent again', () => {
    assert.deepEqual(chatRequestFiles([{ id: 'f', type: 'image', url: '', belongsTo: 'user' }]), []);
  });
});
