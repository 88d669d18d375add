// Files and speech in the real extension host, against the simulator: attaching through the picker and by
// paste (the files array as the simulator received it, the question's files, history), a refused type and an
// upload error on the chip with Retry, the assistant's image fetched without the key and handed over as a
// data: URL, Save As, and Read Aloud (the audio, and the sentence when there is none).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DifyExtensionExports } from '../../../../src/extension';
import type { ChatController } from '../../../../src/host/chat/chatController';
import type { SimStats } from '../../support';
import { admin, extensionApi, nextMessage, ScriptedDialogs, simEnv } from '../../support';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function simLog(): Promise<SimStats['log']> {
  return (await admin<SimStats>('GET', 'stats')).log;
}

async function lastChatBody(): Promise<{ query: string; files?: unknown }> {
  const last = (await simLog()).filter((e) => e.method === 'POST' && e.path.endsWith('/chat-messages')).at(-1);
  assert.ok(last, 'the simulator received no chat message');
  return JSON.parse(last.body) as { query: string; files?: unknown };
}

describe('Files and speech', function () {
  let api: DifyExtensionExports;
  let chat: ChatController;
  let dialogs: ScriptedDialogs;
  let dir: string;
  const sim = simEnv();

  async function useApp(kind: 'chat' | 'agent'): Promise<void> {
    await api.profiles.seedDevProfile(sim.baseUrl, sim.keys[kind]);
    await chat.refreshApp();
    chat.newChat();
  }

  async function sendFromPanel(text: string): Promise<void> {
    const added = nextMessage(chat, 'turnAdded', () => true, 30_000);
    chat.receive({ type: 'send', text, inputs: {} });
    await added;
    await chat.whenIdle();
  }

  function attachmentsReady(n: number) {
    return nextMessage(chat, 'attachments', (m) => m.attachments.length === n && m.attachments.every((a) => a.status !== 'uploading'), 20_000);
  }

  before(async function () {
    api = await extensionApi();
    chat = api.chat;
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    dir = path.join(folder.uri.fsPath, 'files');
    fs.mkdirSync(dir, { recursive: true });
  });

  beforeEach(async function () {
    dialogs = new ScriptedDialogs(api.connection.prompter).install();
    await admin('POST', 'reset');
    await useApp('chat');
    for (const a of chat.getState().attachments) chat.receive({ type: 'removeAttachment', id: a.id });
  });

  afterEach(() => dialogs.restore());

  it('the picker: what the app accepts is offered, the file uploads, Send carries files[] and the question shows it, in history too', async function () {
    const png = path.join(dir, 'diagram.png');
    fs.writeFileSync(png, PNG);
    dialogs.opens.push([vscode.Uri.file(png)]);
    const ready = attachmentsReady(1);
    chat.receive({ type: 'attachPick' });
    const shown = (await ready).attachments[0];
    assert.equal(shown?.status, 'ready');
    assert.equal(shown?.name, 'diagram.png');
    assert.ok(shown?.preview?.startsWith('data:image/png;base64,'), 'a thumbnail');
    assert.ok(dialogs.last('open')?.actions.includes('png') && dialogs.last('open')?.actions.includes('pdf'), 'the picker offers the app’s types');

    await sendFromPanel('What does the diagram show?');
    const uploads = (await simLog()).filter((e) => e.path.startsWith('/v1/files/upload'));
    assert.equal(uploads.length, 1);
    const body = await lastChatBody();
    const files = body.files as Array<Record<string, string>>;
    assert.equal(files.length, 1);
    assert.deepEqual(Object.keys(files[0] ?? {}).sort(), ['transfer_method', 'type', 'upload_file_id']);
    assert.equal(files[0]?.['type'], 'image');
    assert.equal(files[0]?.['transfer_method'], 'local_file');
    const turn = chat.getState().turns.at(-1);
    assert.equal(turn?.files?.[0]?.filename, 'diagram.png');
    assert.equal(turn?.answer.status, 'done');
    assert.deepEqual(chat.getState().attachments, [], 'the attachments went with the question');

    const id = chat.conversationId;
    assert.ok(id);
    chat.newChat();
    await chat.openConversation(id);
    const stored = chat.getState().turns.at(-1);
    assert.equal(stored?.files?.[0]?.filename, 'diagram.png', 'history shows what was attached');
    assert.equal(stored?.files?.[0]?.uploadFileId, files[0]?.['upload_file_id']);
  });

  it('a pasted image crosses as bytes, uploads and goes; a type the app does not take is refused naming what it accepts', async function () {
    const refused = nextMessage(chat, 'notice', (m) => m.level === 'error');
    chat.receive({ type: 'attachData', name: 'setup.exe', mimeType: 'application/octet-stream', data: 'AAAA' });
    assert.match((await refused).message, /setup\.exe was not attached: this app accepts images and documents/);
    const ready = attachmentsReady(1);
    chat.receive({ type: 'attachData', name: 'pasted.png', mimeType: 'image/png', data: PNG.toString('base64') });
    assert.equal((await ready).attachments[0]?.status, 'ready');
    await sendFromPanel('And this one?');
    const files = (await lastChatBody()).files as Array<Record<string, string>>;
    assert.equal(files[0]?.['type'], 'image');
  });

  it('an upload error is one sentence on the chip; the question waits, Retry uploads the same bytes and then it goes', async function () {
    await admin('POST', 'faults', { fault: 'status:413:file_too_large:File size exceeded.', match: { path: '/v1/files/upload' } });
    const failed = nextMessage(chat, 'attachments', (m) => m.attachments[0]?.status === 'failed', 20_000);
    chat.receive({ type: 'attachData', name: 'big.png', mimeType: 'image/png', data: PNG.toString('base64') });
    const chip = (await failed).attachments[0];
    assert.match(chip?.error ?? '', /too large/i);
    const draft = nextMessage(chat, 'draft');
    const notice = nextMessage(chat, 'notice', (m) => m.level === 'error');
    chat.receive({ type: 'send', text: 'Look', inputs: {} });
    assert.equal((await draft).text, 'Look', 'the question is not lost');
    assert.match((await notice).message, /big\.png did not upload/);
    assert.equal(chat.getState().turns.length, 0);

    const ready = attachmentsReady(1);
    chat.receive({ type: 'retryAttachment', id: chip?.id ?? '' });
    assert.equal((await ready).attachments[0]?.status, 'ready');
    await sendFromPanel('Look');
    assert.ok((await lastChatBody()).files);
  });

  it('the assistant’s image: fetched by the host without the key, handed over as a data: URL; Save As writes it', async function () {
    await useApp('agent');
    await sendFromPanel('Draw an image of a lighthouse');
    const turn = chat.getState().turns.at(-1);
    const file = turn?.answer.files[0];
    assert.ok(turn && file, 'the agent made an image');
    const data = nextMessage(chat, 'fileData', (m) => m.fileId === file.id, 20_000);
    chat.receive({ type: 'loadFile', turnId: turn.id, fileId: file.id });
    const got = await data;
    assert.equal(got.error, undefined);
    assert.match(got.dataUrl ?? '', /^data:image\/png;base64,/);
    const fetched = (await simLog()).filter((e) => e.path.startsWith('/files/tools/'));
    // The panel on screen may ask for the same image as it draws the answer: each fetch, however many, goes without the key.
    assert.ok(fetched.length >= 1, 'the host fetched the image');
    for (const f of fetched) assert.equal((f as unknown as { headers: Record<string, string> }).headers['authorization'], undefined, 'no key on a file fetch');

    const target = vscode.Uri.file(path.join(dir, 'saved.png'));
    dialogs.saves.push(target);
    const saved = nextMessage(chat, 'notice', (m) => m.level === 'info', 20_000);
    chat.receive({ type: 'saveFile', turnId: turn.id, fileId: file.id });
    assert.match((await saved).message, /Saved/);
    assert.deepEqual([...fs.readFileSync(target.fsPath).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  it('Read Aloud: the host fetches the speech for the message in the app’s voice; an app without speech is one sentence', async function () {
    await sendFromPanel('Hello there');
    const turn = chat.getState().turns.at(-1);
    assert.ok(turn?.answer.messageId);
    const audio = nextMessage(chat, 'audio', (m) => m.turnId === turn.id, 20_000);
    chat.receive({ type: 'readAloud', turnId: turn.id });
    assert.match((await audio).dataUrl ?? '', /^data:audio\/mpeg;base64,\/\/u/, 'MP3 bytes (an MPEG frame header)');
    const request = (await simLog()).filter((e) => e.path === '/v1/text-to-audio').at(-1);
    assert.deepEqual(JSON.parse(request?.body ?? '{}'), { message_id: turn.answer.messageId, user: JSON.parse(request?.body ?? '{}').user, streaming: false, voice: 'sim-alloy' });

    await admin('POST', 'speech', { key: 'chat', enabled: false });
    const failed = nextMessage(chat, 'audio', (m) => m.turnId === turn.id && m.error !== undefined, 20_000);
    chat.receive({ type: 'readAloud', turnId: turn.id });
    assert.match((await failed).error ?? '', /TTS is not enabled|refused/i);
  });

  it('auto-play: the speech Dify streams after the answer reaches the panel chunk by chunk, then its end', async function () {
    await admin('POST', 'speech', { key: 'chat', autoPlay: true });
    await chat.refreshApp();
    const chunks: boolean[] = [];
    const sub = chat.onDidPostMessage((m) => {
      if (m.type === 'audioChunk') chunks.push(m.last);
    });
    const last = nextMessage(chat, 'audioChunk', (m) => m.last, 30_000);
    await sendFromPanel('Say something');
    await last;
    sub.dispose();
    assert.ok(chunks.length >= 2 && chunks.at(-1) === true && chunks.slice(0, -1).every((l) => !l), JSON.stringify(chunks));
  });
});
