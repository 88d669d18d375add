// The panel's one voice: plays an answer read aloud (a `data:` URL from the host) or the speech Dify streams
// with an answer (base64 MP3 chunks, appended to a MediaSource behind a `blob:` URL as they come, or played
// whole at the end where MediaSource cannot take MP3). Only one answer speaks at a time; Stop ends it. The CSP
// allows media from `data:` and `blob:` only, so nothing here can reach the network.

/** Who is speaking changed: the turn now playing, or undefined. */
export type SpeakingListener = (turnId: string | undefined) => void;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function base64Of(parts: readonly Uint8Array[]): string {
  let bin = '';
  for (const p of parts) for (let i = 0; i < p.length; i += 0x8000) bin += String.fromCharCode(...p.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Speech that arrives in pieces: appended to a MediaSource, or kept and played whole at the end. */
class StreamedSpeech {
  private readonly queue: Array<Uint8Array<ArrayBuffer>> = [];
  private readonly kept: Uint8Array[] = [];
  private buffer: SourceBuffer | undefined;
  private readonly source: MediaSource | undefined;
  private ended = false;

  constructor(private readonly audio: HTMLAudioElement) {
    if (typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported('audio/mpeg')) {
      const source = new MediaSource();
      this.source = source;
      source.addEventListener('sourceopen', () => {
        this.buffer = source.addSourceBuffer('audio/mpeg');
        this.buffer.addEventListener('updateend', () => this.pump());
        this.pump();
      });
      audio.src = URL.createObjectURL(source);
      audio.play().catch(() => undefined);
    }
  }

  push(bytes: Uint8Array<ArrayBuffer>): void {
    if (this.source === undefined) this.kept.push(bytes);
    else this.queue.push(bytes);
    this.pump();
  }

  end(): void {
    this.ended = true;
    if (this.source === undefined) {
      if (this.kept.length === 0) return;
      this.audio.src = `data:audio/mpeg;base64,${base64Of(this.kept)}`;
      this.audio.play().catch(() => undefined);
      return;
    }
    this.pump();
  }

  private pump(): void {
    const b = this.buffer;
    if (b === undefined || b.updating || this.source?.readyState !== 'open') return;
    const next = this.queue.shift();
    if (next !== undefined) b.appendBuffer(next);
    else if (this.ended) this.source.endOfStream();
  }
}

export class AudioPlayer {
  private audio: HTMLAudioElement | undefined;
  private turnId: string | undefined;
  private streamed: StreamedSpeech | undefined;

  constructor(private readonly onChange: SpeakingListener) {}

  get speaking(): string | undefined {
    return this.turnId;
  }

  /** Plays an answer read aloud from the host's `data:` URL. */
  play(turnId: string, dataUrl: string): void {
    const audio = this.start(turnId);
    audio.src = dataUrl;
    audio.play().catch(() => this.stop());
  }

  /** One chunk of the speech Dify streams with an answer; `last` after the final one. */
  chunk(turnId: string, base64: string, last: boolean): void {
    if (this.turnId !== turnId || this.streamed === undefined) {
      if (last && base64 === '') return;
      this.start(turnId);
      this.streamed = new StreamedSpeech(this.audio as HTMLAudioElement);
    }
    if (base64 !== '') this.streamed.push(bytesOf(base64));
    if (last) this.streamed.end();
  }

  /** Stops whatever speaks. */
  stop(): void {
    const audio = this.audio;
    this.audio = undefined;
    this.streamed = undefined;
    if (audio !== undefined) {
      audio.pause();
      if (audio.src.startsWith('blob:')) URL.revokeObjectURL(audio.src);
      audio.removeAttribute('src');
    }
    if (this.turnId !== undefined) {
      this.turnId = undefined;
      this.onChange(undefined);
    }
  }

  private start(turnId: string): HTMLAudioElement {
    this.stop();
    const audio = new Audio();
    audio.addEventListener('ended', () => {
      if (this.audio === audio) this.stop();
    });
    this.audio = audio;
    this.turnId = turnId;
    this.onChange(turnId);
    return audio;
  }
}
