// Files and speech, the client and the host's file fetch against the Dify simulator: upload, the files of a
// question (stored, in history), Dify's files by relative URL fetched without the key, text-to-audio bytes,
// and the speech an auto-playing app streams after message_end.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DifyClient } from '../../../src/dify/client';
import { DifyError } from '../../../src/dify/errors';
import type { DifyEvent } from '../../../src/dify/events';
import { fetchDifyFile, FileFetchError } from '../../../src/host/files/difyFileFetch';
import { rasterImageType } from '../../../src/shared/fileRules';
import { makePng } from '../../dify-sim/png';
import { startDifySim, type DifySim } from '../../dify-sim/index';

const USER = 'files-test-user';

async function events(c: DifyClient, query: string, extra: Record<string, unknown> = {}): Promise<DifyEvent[]> {
  const out: DifyEvent[] = [];
  for await (const e of c.chatStream({ query, inputs: {}, ...extra })) out.push(e);
  return out;
}

describe('files and speech × simulator', () => {
  let sim: DifySim;
  const make = (key: string): DifyClient => new DifyClient({ baseUrl: sim.baseUrl, apiKey: key, user: USER });
  const admin = (path: string, body: unknown): Promise<Response> => fetch(`${sim.origin}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

  before(async () => {
    sim = await startDifySim({ autoNameDelayMs: 0 });
  });
  after(() => sim.close());
  beforeEach(() => sim.reset());

  test('/parameters: the chat app takes images and documents and reads aloud in its voice; the agent takes images only', async () => {
    const chat = await make(sim.keys.chat).parameters();
    assert.deepEqual(chat.fileUpload.kinds, ['image', 'document']);
    assert.deepEqual(chat.fileUpload.methods, ['remote_url', 'local_file']);
    assert.deepEqual(chat.textToSpeech, { enabled: true, voice: 'sim-alloy', language: 'en-US', autoPlay: false });
    const agent = await make(sim.keys.agent).parameters();
    assert.deepEqual(agent.fileUpload.kinds, ['image']);
    assert.deepEqual(agent.fileUpload.methods, ['local_file']);
    assert.equal(agent.fileUpload.maxFiles, 2);
  });

  test('an uploaded image goes as files[] and comes back in history as the user’s message_files', async () => {
    const c = make(sim.keys.chat);
    const up = await c.uploadFile({ name: 'shot.png', mimeType: 'image/png', data: makePng(16) });
    const evs = await events(c, 'What is in the picture?', { files: [{ type: 'image', transferMethod: 'local_file', uploadFileId: up.id }] });
    const end = evs.find((e) => e.event === 'message_end');
    assert.ok(end && end.event === 'message_end');
    const body = sim.stats.log.find((r) => r.route === 'POST /v1/chat-messages')?.body ?? '';
    assert.deepEqual(JSON.parse(body).files, [{ type: 'image', transfer_method: 'local_file', upload_file_id: up.id }]);
    const conversationId = (end as { conversationId?: string }).conversationId as string;
    const history = await c.messages({ conversationId });
    const f = history.data[0]?.messageFiles[0];
    assert.equal(f?.belongsTo, 'user');
    assert.equal(f?.filename, 'shot.png');
    assert.equal(f?.uploadFileId, up.id);
  });

  test('a chatflow chart: message_end.files by a relative URL, fetched from the API origin without the key', async () => {
    const c = make(sim.keys.chatflow);
    const evs = await events(c, 'Draw a chart of the key points', { inputs: { topic: 'Dify' } });
    const end = evs.find((e) => e.event === 'message_end');
    assert.ok(end && end.event === 'message_end');
    const file = end.files[0];
    assert.ok(file && file.url.startsWith('/files/tools/'), file?.url);
    sim.stats.log.length = 0;
    const { bytes } = await fetchDifyFile(file.url, { apiBase: sim.baseUrl, maxBytes: 1_000_000, timeoutMs: 10_000 });
    assert.equal(rasterImageType(bytes), 'image/png');
    const fetched = sim.stats.log.filter((r) => r.path.startsWith('/files/tools/'));
    assert.equal(fetched.length, 1);
    assert.equal(fetched[0]?.headers['authorization'], undefined, 'the key never goes with a file');
    await assert.rejects(fetchDifyFile(file.url, { apiBase: sim.baseUrl, maxBytes: 10, timeoutMs: 10_000 }), (e: unknown) => e instanceof FileFetchError && e.reason === 'tooLarge');
  });

  test('text-to-audio: MP3 bytes for a message, in the app’s voice; an app without speech says so', async () => {
    const c = make(sim.keys.chat);
    const evs = await events(c, 'Hello there');
    const messageId = evs.find((e) => e.event === 'message_end')?.id as string;
    const audio = await c.textToAudio({ messageId, voice: 'sim-alloy' });
    assert.equal(audio.mimeType, 'audio/mpeg');
    assert.ok(audio.bytes.length > 400);
    assert.deepEqual([...audio.bytes.subarray(0, 2)], [0xff, 0xfb], 'an MPEG audio frame');
    const sent = JSON.parse(sim.stats.log.find((r) => r.route === 'POST /v1/text-to-audio')?.body ?? '{}');
    assert.deepEqual(sent, { message_id: messageId, user: USER, streaming: false, voice: 'sim-alloy' });
    await admin('/__sim/speech', { key: 'chat', enabled: false });
    await assert.rejects(c.textToAudio({ messageId }), (e: unknown) => e instanceof DifyError && e.kind === 'badRequest' && /TTS is not enabled/.test(e.serverMessage ?? ''));
  });

  test('an app that auto-plays streams tts_message chunks after message_end, then tts_message_end', async () => {
    await admin('/__sim/speech', { key: 'chat', autoPlay: true });
    const names = (await events(make(sim.keys.chat), 'Say something')).map((e) => e.event);
    const end = names.indexOf('message_end');
    assert.ok(end >= 0);
    const tail = names.slice(end + 1);
    assert.ok(tail.length >= 2 && tail.slice(0, -1).every((n) => n === 'tts_message'), tail.join(','));
    assert.equal(tail.at(-1), 'tts_message_end');
  });
});
