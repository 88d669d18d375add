/**
 * A turn's files and speech for the panel: an image fetched by the host and handed over as a `data:` URL, a
 * file saved through Save As…, an answer read aloud (`POST /text-to-audio`), and the speech Dify streams with
 * an answer when the app auto-plays. Every failure is one sentence where the user looks (under the image, under
 * the answer), with Retry in the panel. No vscode: the client, the save dialog and the words are passed in.
 */
import type { DifyClient } from '../../dify/client';
import type { DifyEvent } from '../../dify/events';
import type { AnswerFile } from '../../shared/answer';
import type { Turn } from '../../shared/chatState';
import { AUDIO_DATA_URL, rasterImageType } from '../../shared/fileRules';
import type { HostMessage } from '../../protocol';
import type { Translate } from '../messages/translate';
import { fetchFailureText } from './attachWords';
import { fetchDifyFile, FileFetchError } from './difyFileFetch';

/** Images larger than this are not shown inline (Save As still works). */
export const MAX_INLINE_IMAGE_BYTES = 10 * 1024 * 1024;
/** The largest file Save As fetches. */
export const MAX_SAVED_FILE_BYTES = 100 * 1024 * 1024;
/** How many fetched images the host keeps, so a panel that comes back does not fetch them again. */
const CACHED_IMAGES = 32;

export interface TurnFilesDeps {
  findTurn(turnId: string): Turn | undefined;
  /** The active profile's client; `interactive` false for work nobody clicked for. */
  client(interactive: boolean): Promise<DifyClient | undefined>;
  post(message: HostMessage): void;
  notice(level: 'info' | 'error', message: string): void;
  /** Save As…: asks where, writes; false when the user cancelled. */
  save(defaultName: string, bytes: Uint8Array): Promise<boolean>;
  /** The app's voice, when it names one. */
  voice(): string | undefined;
  timeoutMs(): number;
  t: Translate;
  errorText(error: unknown, fallback: string): string;
  fetch?: typeof globalThis.fetch;
}

/** The name a file is saved under: Dify's file name, or the URL's last segment. */
export function fileNameOf(f: AnswerFile): string {
  if (f.filename) return f.filename;
  try {
    const path = new URL(f.url, 'http://x').pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || 'file';
  } catch {
    return 'file';
  }
}

export class TurnFiles {
  private readonly images = new Map<string, string>();

  constructor(private readonly deps: TurnFilesDeps) {}

  /** Fetches an image of a turn and hands the panel a raster `data:` URL (or the sentence why not). */
  async load(turnId: string, fileId: string): Promise<void> {
    const file = this.file(turnId, fileId);
    if (file === undefined || file.url === '') return;
    const cached = this.images.get(file.url);
    if (cached !== undefined) {
      this.deps.post({ type: 'fileData', turnId, fileId, dataUrl: cached });
      return;
    }
    try {
      const { bytes } = await this.fetch(file.url, MAX_INLINE_IMAGE_BYTES);
      const type = rasterImageType(bytes);
      if (type === undefined) throw new FileFetchError('status');
      const dataUrl = `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
      this.remember(file.url, dataUrl);
      this.deps.post({ type: 'fileData', turnId, fileId, dataUrl });
    } catch (e) {
      this.deps.post({ type: 'fileData', turnId, fileId, error: this.failure(e) });
    }
  }

  /** Save As… for a turn's file: fetched by the host (same rules), written where the user chooses. */
  async save(turnId: string, fileId: string): Promise<void> {
    const file = this.file(turnId, fileId);
    if (file === undefined || file.url === '') return;
    try {
      const { bytes } = await this.fetch(file.url, MAX_SAVED_FILE_BYTES);
      if (await this.deps.save(fileNameOf(file), bytes)) this.deps.notice('info', this.deps.t('Saved {0}.', fileNameOf(file)));
    } catch (e) {
      this.deps.notice('error', this.failure(e));
    }
  }

  /** Read Aloud: Dify's speech for the answer, as a `data:` URL; an empty or failed answer is one sentence. */
  async readAloud(turnId: string): Promise<void> {
    const messageId = this.deps.findTurn(turnId)?.answer.messageId;
    if (messageId === undefined) return;
    try {
      const client = await this.deps.client(true);
      if (client === undefined) throw new Error('no key');
      const voice = this.deps.voice();
      const audio = await client.textToAudio(voice === undefined ? { messageId } : { messageId, voice });
      if (audio.bytes.length === 0) {
        this.deps.post({ type: 'audio', turnId, error: this.deps.t('Dify sent no audio for this answer; try again.') });
        return;
      }
      let dataUrl = `data:${audio.mimeType};base64,${Buffer.from(audio.bytes).toString('base64')}`;
      if (!AUDIO_DATA_URL.test(dataUrl)) dataUrl = `data:audio/mpeg;base64,${Buffer.from(audio.bytes).toString('base64')}`;
      this.deps.post({ type: 'audio', turnId, dataUrl });
    } catch (e) {
      const message = e instanceof Error && e.message === 'no key' ? this.deps.t('Set the app’s API key to hear answers read aloud.') : this.deps.errorText(e, this.deps.t('The answer could not be read aloud.'));
      this.deps.post({ type: 'audio', turnId, error: message });
    }
  }

  /** Speech Dify streamed with an answer (auto-play): each chunk goes to the panel as it comes. */
  speech(turnId: string, event: DifyEvent): void {
    if (event.event !== 'tts_message' && event.event !== 'tts_message_end') return;
    const last = event.event === 'tts_message_end';
    if (event.audio === '' && !last) return;
    this.deps.post({ type: 'audioChunk', turnId, audio: event.audio, last });
  }

  private file(turnId: string, fileId: string): AnswerFile | undefined {
    const turn = this.deps.findTurn(turnId);
    if (turn === undefined) return undefined;
    return [...(turn.files ?? []), ...turn.answer.files].find((f) => f.id === fileId);
  }

  private async fetch(url: string, maxBytes: number): Promise<{ bytes: Uint8Array }> {
    // The client names the app's API base; the key stays in the client and never goes with a file.
    const client = await this.deps.client(false);
    if (client === undefined) throw new FileFetchError('network');
    const o = { apiBase: client.baseUrl, maxBytes, timeoutMs: this.deps.timeoutMs() };
    return fetchDifyFile(url, this.deps.fetch ? { ...o, fetch: this.deps.fetch } : o);
  }

  private failure(e: unknown): string {
    return e instanceof FileFetchError ? fetchFailureText(e.reason, this.deps.t) : this.deps.errorText(e, this.deps.t('The file could not be fetched.'));
  }

  private remember(url: string, dataUrl: string): void {
    this.images.set(url, dataUrl);
    while (this.images.size > CACHED_IMAGES) {
      const oldest = this.images.keys().next().value;
      if (oldest === undefined) break;
      this.images.delete(oldest);
    }
  }
}
