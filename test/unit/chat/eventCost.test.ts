// The work per event does not grow with the answer (issue 9, item 6). An answer in flight, as the session
// drives it (the transcript, then the coalescer), takes 100,000 events of one kind, with an update window
// closing every 100 events (3,000 events a second at the 33 ms window: a fast stream); the time per event
// over events 100 to 1,100 and over the last 1,000 is compared, measured in the same run. What is posted
// is dropped at once, as the webview's postMessage does (it serialises the message then).
// Before the fix, workflow steps, files and thoughts were copied per event, and the coalescer compared the
// whole text every window (`startsWith`), so the last events cost many times the first ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnswerInFlight } from '../../../src/chat/answerInFlight';
import { DEFAULT_LIMITS } from '../../../src/chat/answerLimits';
import type { DifyEvent } from '../../../src/dify/events';
import { emptyAnswer } from '../../../src/shared/answer';
import { say } from '../host/messages/english';
import { delta, ManualScheduler } from './fakes';

const N = 100_000;
const WINDOW = 1_000;
const PER_TICK = 100;
const MAX_RATIO = 3;
/** How many distinct steps, files or thoughts the streams make (the default limit), before updating them. */
const DISTINCT = 2_000;

const task = { taskId: 'task-1', conversationId: 'c-1', messageId: 'm-1' };

/** The event `i` of each kind of stream. */
const KINDS: Record<string, (i: number) => DifyEvent> = {
  'text deltas': () => delta('token '),
  'workflow steps': (i) => {
    const id = `exec-${i < DISTINCT ? i : (i * 7919) % DISTINCT}`;
    const data = { id, nodeId: id, nodeType: 'llm', title: id };
    return i < DISTINCT || i % 2 === 0
      ? { event: 'node_started', workflowRunId: 'run', ...task, data }
      : { event: 'node_finished', workflowRunId: 'run', ...task, data: { ...data, status: 'succeeded', elapsedTime: 0.1 } };
  },
  // Dify sends each file once: past the distinct ones, a repeated file (ignored after a lookup by id) and a text
  // delta take turns, so the lookup's cost is measured while the answer still changes every window.
  files: (i) =>
    i >= DISTINCT && i % 2 === 1
      ? delta('token ')
      : { event: 'message_file', form: 'file', id: `f-${i % DISTINCT}`, type: 'image', url: `https://x/f-${i % DISTINCT}.png`, belongsTo: 'assistant', ...task },
  'agent thoughts': (i) => ({ event: 'agent_thought', id: `t-${i % DISTINCT}`, position: i % DISTINCT, thought: 'hm', tool: '', toolInput: '', observation: '', toolLabels: {}, messageFiles: [], ...task }),
};

/** Runs one stream of `N` events of `kind`; returns the ms per event over events 100..1,100 and over the last 1,000. */
function perEvent(make: (i: number) => DifyEvent): { early: number; late: number } {
  const scheduler = new ManualScheduler();
  const turn = { id: 't', question: 'q', answer: emptyAnswer(), feedback: null, suggestions: [] };
  let posted = 0;
  const answer = new AnswerInFlight(turn, {
    describe: say,
    limits: DEFAULT_LIMITS,
    scheduler,
    intervalMs: 33,
    stopTimeoutMs: 1000,
    post: () => posted++,
    onChange: () => undefined,
    onSettled: () => undefined,
  });
  const events = Array.from({ length: N }, (_, i) => make(i));
  let early = 0;
  let late = 0;
  for (let from = 0; from < N; from += PER_TICK) {
    const t = performance.now();
    for (let i = from; i < from + PER_TICK; i++) answer.apply(events[i]!);
    scheduler.advance(33);
    const ms = performance.now() - t;
    if (from >= 100 && from < 100 + WINDOW) early += ms;
    if (from >= N - WINDOW) late += ms;
  }
  assert.ok(posted >= N / PER_TICK - 1, `an update per window (${posted})`);
  assert.equal(answer.builder.overflow, undefined);
  return { early: early / WINDOW, late: late / WINDOW };
}

describe('The work per event does not grow with the answer', () => {
  for (const [kind, make] of Object.entries(KINDS)) {
    test(`${kind}: event 100 costs what event 100,000 costs`, (t) => {
      // The fastest of three runs (the least disturbed by anything else the machine does); the first also warms up.
      const runs = [perEvent(make), perEvent(make), perEvent(make)];
      const early = Math.min(...runs.map((r) => r.early));
      const late = Math.min(...runs.map((r) => r.late));
      const ratio = late / early;
      t.diagnostic(`${kind}: ${(early * 1000).toFixed(2)} µs per event at 100 events, ${(late * 1000).toFixed(2)} µs at 100,000 (${ratio.toFixed(2)}x)`);
      assert.ok(ratio <= MAX_RATIO, `${kind}: ${(late * 1000).toFixed(2)} µs per event at 100,000 events, ${ratio.toFixed(1)}x the ${(early * 1000).toFixed(2)} µs at 100 (at most ${MAX_RATIO}x)`);
    });
  }
});
