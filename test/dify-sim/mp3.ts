/**
 * Real audio bytes for `/text-to-audio` and `tts_message`: silent MPEG-1 Layer III frames (128 kbit/s,
 * 44.1 kHz, mono), which every MP3 decoder (Chromium's included) plays as silence of the given length.
 */

/** One frame: the 4-byte header, then zero side info and zero main data. 144 * 128000 / 44100 = 417 bytes. */
const FRAME_BYTES = 417;
const HEADER = [0xff, 0xfb, 0x90, 0xc0];
/** A frame holds 1152 samples: about 26 ms. */
const FRAME_MS = (1152 / 44100) * 1000;

export function silentMp3(ms: number): Buffer {
  const frames = Math.max(1, Math.round(ms / FRAME_MS));
  const out = Buffer.alloc(frames * FRAME_BYTES);
  for (let i = 0; i < frames; i++) out.set(HEADER, i * FRAME_BYTES);
  return out;
}

/** The audio of a text: about 60 ms per word, at most 3 s (the simulator has no voice, only its length). */
export function speechFor(text: string): Buffer {
  const words = text.split(/\s+/).filter((w) => w !== '').length;
  return silentMp3(Math.min(3000, Math.max(300, words * 60)));
}
