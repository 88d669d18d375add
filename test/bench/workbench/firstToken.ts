// Overhead on the first token: from the simulator writing the first text frame to the panel's DOM showing it
// (a MutationObserver inside the webview frame, its clock mapped onto this process's), against the same
// frame's arrival at a plain Node client reading the stream (the floor).
import type { BenchPanel } from './panels';
import { clockOffset, nodeClock } from './frames';
import { shortQuestion } from './streams';
import type { FrameLog } from './streams';

declare global {
  interface Window {
    /** Resolves with the frame's clock when the newest answer first shows text. */
    benchFirstText?: Promise<number>;
    /** The frame's clock when the first host message carrying answer text arrived (NaN: none yet). */
    benchFirstMessage?: number;
  }
}

/** Arms the observer: the next answer article (after those present now) that shows text in its body. */
function armObserver(panel: BenchPanel, bodySelector: string): Promise<void> {
  return panel.frame.evaluate((selector) => {
    const before = document.querySelectorAll('article.answer').length;
    window.benchFirstMessage = NaN;
    window.addEventListener('message', (e: MessageEvent<{ type?: string; append?: string; patch?: { text?: string } }>) => {
      const d = e.data;
      if (!Number.isNaN(window.benchFirstMessage) || d?.type !== 'turnUpdate' || !(d.append || d.patch?.text)) return;
      window.benchFirstMessage = performance.timeOrigin + performance.now();
    }, true);
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    window.benchFirstText = new Promise<number>((resolve) => {
      const mo = new MutationObserver(() => {
        const answers = document.querySelectorAll('article.answer');
        const text = answers.length > before ? answers[answers.length - 1]?.querySelector(selector)?.textContent : undefined;
        if (!text || text.trim() === '') return;
        mo.disconnect();
        resolve(performance.timeOrigin + performance.now());
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, bodySelector);
}

/** The first-token latency of `reps` questions in the extension's panel, ms each (frame written -> DOM shows it). */
export async function panelFirstToken(panel: BenchPanel, frames: FrameLog, reps: number): Promise<{ latencies: number[]; messages: number[]; clockUncertainty: number }> {
  const latencies: number[] = [];
  const messages: number[] = [];
  let clockUncertainty = 0;
  for (let i = 0; i < reps; i++) {
    const clock = await clockOffset(panel.frame, 8);
    clockUncertainty = Math.max(clockUncertainty, clock.uncertainty);
    await armObserver(panel, '.answer-text');
    const ended = frames.next();
    await panel.ask(shortQuestion(i));
    const stream = await ended;
    const shownAt = (await panel.frame.evaluate(() => window.benchFirstText as Promise<number>)) - clock.offset;
    latencies.push(shownAt - stream.firstTextAt);
    messages.push((await panel.frame.evaluate(() => window.benchFirstMessage ?? NaN)) - clock.offset - stream.firstTextAt);
    await panel.waitDone();
  }
  return { latencies, messages, clockUncertainty };
}

/** The same first frame's arrival at a plain Node client (fetch, reading the body), `reps` times, ms each. */
export async function nodeFirstToken(baseUrl: string, key: string, frames: FrameLog, reps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const ended = frames.next();
    const res = await fetch(`${baseUrl}/chat-messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: shortQuestion(1000 + i), inputs: {}, response_mode: 'streaming', user: 'bench-floor', conversation_id: '' }),
    });
    let arrived = NaN;
    let seen = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (Number.isNaN(arrived)) {
        seen += decoder.decode(chunk, { stream: true });
        if (/"event": ?"message"/.test(seen)) arrived = nodeClock();
      }
    }
    const stream = await ended;
    out.push(arrived - stream.firstTextAt);
  }
  return out;
}
