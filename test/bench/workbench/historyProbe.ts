// Page script for the long-history benchmarks, bundled with esbuild and evaluated inside the chat webview's
// document (CDP evaluation is not subject to the panel's CSP, and adds no script to what ships). It measures
// from inside the frame: when a text is in the DOM and painted, requestAnimationFrame deltas while the
// transcript scrolls, and key event to next frame while the user types. Times are wall clock
// (performance.timeOrigin + now), comparable with the benchmark process's own.

/** One frame while scrolling: its rAF delta, and how long the frame's own work took (rAF to after paint). */
export interface FrameSample {
  delta: number;
  work: number;
}

export interface HistoryProbe {
  /**
   * Resolves once the last turn's answer contains `marker`, on screen, has been painted: `inDom` when the text went
   * into the DOM, `painted` after the first frame that showed it, `pollPainted` as this probe measured before
   * 2 December 2026 (it looked once a frame, and then waited one frame more: up to two frames later, with whatever
   * work ran between them).
   */
  waitForNewest(marker: string, timeoutMs: number): Promise<{ inDom: number; painted: number; pollPainted: number; stateArrived: number }>;
  /** Resolves (wall clock) at the first frame with at least `count` turns in the transcript. */
  waitForTurns(count: number, timeoutMs: number): Promise<number>;
  /**
   * Scrolls the transcript from the bottom towards the top by `step` px per frame (at most `maxFrames` frames:
   * all the way without); every frame's delta and work.
   */
  scrollToTop(step: number, maxFrames?: number): Promise<{ frames: FrameSample[]; height: number }>;
  /**
   * The floor: the same scroller, the same height and steps, with the transcript hidden and an empty block of its
   * height in its place (nothing to lay out or paint but the scroll itself); then the transcript is back.
   */
  scrollEmpty(step: number, maxFrames?: number): Promise<{ frames: FrameSample[]; height: number }>;
  /** Starts recording key event to next frame (after paint) for keys typed into the message box. */
  recordTyping(): void;
  /** The latencies recorded so far (ms), and stops recording. */
  typingLatencies(): number[];
  /**
   * Switches content-visibility off (the baseline) or back on, with a style sheet adopted through CSSOM; resolves
   * after two frames have painted, so the relayout of the transcript shown now is not counted in what comes next.
   */
  setContentVisibility(on: boolean): Promise<void>;
  /** What the DOM says about content-visibility and highlighting right now. */
  inspect(): { turns: number; finishedTurns: number; contentVisibility: string; codeBlocks: number; highlighted: number; nodes: number };
}

declare global {
  interface Window {
    historyProbe: HistoryProbe;
  }
}

const now = (): number => performance.timeOrigin + performance.now();
const nextFrame = (): Promise<number> => new Promise((ok) => requestAnimationFrame((t) => ok(t)));
/** A task posted during a frame's rAF callbacks runs only after that frame's style, layout and paint. */
const afterPaint = (): Promise<number> =>
  new Promise((ok) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => ok(performance.now());
    ch.port2.postMessage(0);
  });

/** {@link afterPaint} in wall clock. */
const wallAfterPaint = (): Promise<number> => afterPaint().then((t) => performance.timeOrigin + t);

/**
 * Which frame paints a change made now: one made during a frame's callbacks or layout (from its first animation
 * frame callback, which is this tracker's, to its resize observations, which come after every callback and layout
 * and before the paint) is painted by that frame; one made in any other task, by the next frame.
 */
function framePhase(): { paintOf(): Promise<number>; stop(): void } {
  let inFrame = false;
  let painted: Promise<number> = Promise.resolve(0);
  let running = true;
  // Resized in every frame, so its observation marks the end of each frame's script and layout.
  const marker = document.createElement('div');
  marker.style.cssText = 'position:absolute;visibility:hidden;pointer-events:none;height:1px;width:1px';
  document.body.append(marker);
  const resized = new ResizeObserver(() => void (inFrame = false));
  resized.observe(marker);
  const eachFrame = (): void => {
    if (!running) return;
    inFrame = true;
    painted = wallAfterPaint();
    marker.style.width = marker.style.width === '1px' ? '2px' : '1px';
    requestAnimationFrame(eachFrame);
  };
  requestAnimationFrame(eachFrame);
  return {
    paintOf: () => (inFrame ? painted : nextFrame().then(wallAfterPaint)),
    stop() {
      running = false;
      resized.disconnect();
      marker.remove();
    },
  };
}

function scroller(): HTMLElement {
  const el = document.querySelector<HTMLElement>('main.scroller');
  if (!el) throw new Error('no transcript scroller in this document');
  return el;
}

function onScreen(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
}

let typing: number[] | null = null;
/**
 * When the host's latest `state` (a conversation shown afresh: its newest turns; the older follow as
 * `olderTurns`) reached this document (wall clock): the host's and the workbench's share of opening ends here.
 * The event's own timestamp (when it was queued to this document), not when this listener ran: the panel's
 * listener was added first and runs first, so `now()` here would count the panel's handling of it as well.
 */
let stateArrived = 0;
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const data = e.data as { type?: unknown } | null;
  if (data && typeof data === 'object' && data.type === 'state') stateArrived = performance.timeOrigin + e.timeStamp;
}, { capture: true });
const baseline = new CSSStyleSheet();
baseline.replaceSync('.turn.finished { content-visibility: visible !important; contain-intrinsic-size: none !important; }');

window.historyProbe = {
  async waitForNewest(marker, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    const newest = (): Element | null => document.querySelector('.turns > .turn:last-child .answer-text');
    const hasMarker = (): boolean => (newest()?.textContent ?? '').includes(marker);
    const phase = framePhase();
    try {
      for (;;) {
        const found = await new Promise<{ inDom: number; painted: Promise<number>; poll: Promise<number> } | null>((resolve) => {
          const seen = (): void => {
            observer.disconnect();
            clearTimeout(timer);
            // The probe before: the first frame's look, then one frame more, then its paint.
            const poll = nextFrame().then(() => nextFrame()).then(wallAfterPaint);
            resolve({ inDom: now(), painted: phase.paintOf(), poll });
          };
          const observer = new MutationObserver(() => void (hasMarker() && seen()));
          const timer = setTimeout(() => {
            observer.disconnect();
            resolve(null);
          }, Math.max(0, deadline - performance.now()));
          if (hasMarker()) seen();
          else observer.observe(document, { childList: true, subtree: true, characterData: true });
        });
        if (!found) throw new Error(`"${marker}" never showed in the newest answer`);
        const painted = await found.painted;
        const pollPainted = await found.poll;
        // On screen is checked after the paint, when layout is clean (a check at the change would force a layout
        // in the middle of the panel's own work). Not on screen yet: the frames until it is, each after its paint.
        let shown = painted;
        while (hasMarker()) {
          const a = newest();
          if (a && onScreen(a)) return { inDom: found.inDom, painted: shown, pollPainted: Math.max(shown, pollPainted), stateArrived };
          if (performance.now() >= deadline) throw new Error(`"${marker}" never came on screen in the newest answer`);
          await nextFrame();
          shown = await wallAfterPaint();
        }
      }
    } finally {
      phase.stop();
    }
  },

  async waitForTurns(count, timeoutMs) {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      await nextFrame();
      if (document.querySelectorAll('.turns > .turn').length >= count) return now();
      if (performance.now() > deadline) throw new Error(`the transcript never reached ${count} turns`);
    }
  },

  async scrollToTop(step, maxFrames = Infinity) {
    const el = scroller();
    el.scrollTop = el.scrollHeight;
    await nextFrame();
    await nextFrame();
    const frames: FrameSample[] = [];
    let last = await nextFrame();
    while (el.scrollTop > 0 && frames.length < maxFrames) {
      el.scrollTop = Math.max(0, el.scrollTop - step);
      const t = await nextFrame();
      const painted = await afterPaint();
      frames.push({ delta: t - last, work: painted - t });
      last = t;
    }
    return { frames, height: el.scrollHeight };
  },

  async scrollEmpty(step, maxFrames) {
    const el = scroller();
    const spacer = document.createElement('div');
    spacer.style.height = `${el.scrollHeight}px`;
    const shown = Array.from(el.children).filter((c): c is HTMLElement => c instanceof HTMLElement && c.style.display !== 'none');
    for (const c of shown) c.style.display = 'none';
    el.append(spacer);
    try {
      return await window.historyProbe.scrollToTop(step, maxFrames);
    } finally {
      spacer.remove();
      for (const c of shown) c.style.display = '';
    }
  },

  recordTyping() {
    typing = [];
    const box = document.querySelector('textarea');
    if (!box) throw new Error('no message box');
    box.addEventListener('keydown', (e) => {
      const list = typing;
      if (!list) return;
      // The event's own timestamp is when the key reached this document; the latency ends after the frame
      // that shows its effect has painted.
      const at = e.timeStamp;
      requestAnimationFrame(() => {
        void afterPaint().then((t) => list.push(t - at));
      });
    }, { capture: true });
  },

  typingLatencies() {
    const out = typing ?? [];
    typing = null;
    return out;
  },

  async setContentVisibility(on) {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== baseline);
    if (!on) document.adoptedStyleSheets = [...document.adoptedStyleSheets, baseline];
    for (let i = 0; i < 2; i++) {
      await nextFrame();
      await afterPaint();
    }
  },

  inspect() {
    const turns = document.querySelectorAll('.turns > .turn');
    const finished = document.querySelectorAll('.turns > .turn.finished');
    const first = finished[0];
    return {
      turns: turns.length,
      finishedTurns: finished.length,
      contentVisibility: first ? getComputedStyle(first).contentVisibility : 'none',
      codeBlocks: document.querySelectorAll('.answer-text .code-block').length,
      highlighted: Array.from(document.querySelectorAll('.answer-text .code-block code')).filter((c) => c.querySelector('[class^="hljs-"]')).length,
      nodes: document.getElementsByTagName('*').length,
    };
  },
};
