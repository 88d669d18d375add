/**
 * Sends a turn's frames: as an event stream (with pings, token delay and the stream faults) or, in
 * blocking mode, as one JSON object once the answer is complete.
 */
import { sendError } from './envelope';
import type { Fault } from './faults';
import { HttpError } from './httpError';
import { chatSteps } from './modes/chat';
import { agentSteps } from './modes/agent';
import { chatflowSteps } from './modes/chatflow';
import { speechFor } from './mp3';
import { sleep } from './output';
import type { Out } from './output';
import { dumpsSpaced } from './pyjson';
import { SseWriter } from './sse';
import type { JsonEncoding } from './sse';
import type { Step, Turn } from './turn';

function modeSteps(t: Turn): Generator<Step> {
  if (t.app.mode === 'agent-chat') return agentSteps(t);
  if (t.app.mode === 'advanced-chat') return chatflowSteps(t);
  return chatSteps(t);
}

/** An app that auto-plays speech streams it after `message_end`: `tts_message` chunks, then `tts_message_end`. */
function* stepsOf(t: Turn): Generator<Step> {
  let ended = false;
  for (const step of modeSteps(t)) {
    ended = step.event === 'message_end';
    yield step;
  }
  if (!ended || !t.app.speech.autoPlay || t.stopped) return;
  const audio = speechFor(t.answer);
  const chunk = Math.ceil(audio.length / 3);
  for (let at = 0; at < audio.length; at += chunk) yield t.frame('tts_message', { task_id: t.taskId, audio: audio.subarray(at, at + chunk).toString('base64') });
  yield t.frame('tts_message_end', { task_id: t.taskId, audio: '' });
}

const TERMINAL = new Set(['message_end']);

/** What a stream-shaping fault does at this point (`frames` data frames already written). */
function faultAt(fault: Fault | undefined, frames: number, step: Step): 'error' | 'eof' | undefined {
  if (!fault) return undefined;
  const terminal = TERMINAL.has(step.event) || step.error !== undefined;
  if (fault.kind === 'errorFrame' && (frames === (fault.afterFrames ?? 3) || terminal)) return 'error';
  if (fault.kind === 'eofWithoutEnd' && (fault.afterFrames === undefined ? terminal : frames === fault.afterFrames || terminal)) {
    return 'eof';
  }
  return undefined;
}

function faultError(fault: Fault): { code: string; status: number; message: string } {
  if (fault.kind !== 'errorFrame') throw new Error('not an error fault');
  return {
    code: fault.code ?? 'completion_request_error',
    status: fault.status ?? 400,
    message: fault.message ?? '[openai] Connection error: the model provider closed the connection.',
  };
}

async function holdIfAsked(t: Turn, out: Out, fault: Fault | undefined, frames: number): Promise<void> {
  if (fault?.kind === 'hold' && frames === (fault.afterFrames ?? 1)) await t.ctx.holdUntil([t.waitStop(), out.closed]);
  // A parked task waits whether or not anyone still reads it.
  if (fault?.kind === 'park' && frames === (fault.afterFrames ?? 1)) await t.ctx.holdUntil([t.waitStop()]);
}

/**
 * A benchmark's `tokensPerSecond`: the i-th delta is due i / rate after the first, so late timers are caught up;
 * the first waits `firstAfterMs` (its `firstTokenAfterMs`).
 */
function pacer(rate: number | undefined, delayMs: number, firstAfterMs = 0): (() => Promise<void>) | undefined {
  if (rate === undefined || rate <= 0) return delayMs > 0 ? () => sleep(delayMs) : undefined;
  let start: number | undefined;
  let n = 0;
  return async () => {
    if (start === undefined) {
      // The pace counts from the first delta as written, however late its timer fired.
      if (firstAfterMs > 0) await sleep(firstAfterMs);
      start = performance.now();
    }
    const wait = start + (n++ * 1000) / rate - performance.now();
    if (wait > 0.5) await sleep(wait);
  };
}

/** The benchmarks' frame hook (see DifySimOptions.onFrame). */
function noteFrame(t: Turn, step: Step): void {
  const answer = step.payload['answer'];
  t.ctx.options.onFrame?.({ taskId: t.taskId, event: step.event, at: performance.now(), ...(typeof answer === 'string' ? { answer } : {}) });
}

export async function driveStream(
  t: Turn,
  out: Out,
  headers: Record<string, string>,
  encoding: JsonEncoding,
  fault: Fault | undefined,
): Promise<void> {
  const { ctx } = t;
  const sse = new SseWriter(out, encoding, ctx);
  sse.start(headers);
  ctx.stats.streamsStarted++;
  ctx.stats.activeStreams++;
  ctx.tasks.set(t.taskId, t);
  const chatflow = t.app.mode === 'advanced-chat';
  // Newest Dify streams chatflows through Redis pub/sub: a ping first, then pings after idle time.
  if (chatflow && ctx.newest) await sse.ping();
  sse.startPings(chatflow && ctx.newest ? 'idle' : 'elapsed');
  const gen = stepsOf(t);
  const pace = pacer(t.script.tokensPerSecond, ctx.options.tokenDelayMs, t.script.firstTokenAfterMs);
  let frames = 0;
  let completed = false;
  let error: string | undefined;
  // The client left (or the connection was cut): like Dify, the task runs on to its end (or to a stop) and
  // stores its answer; nobody reads the frames any more.
  let detached = false;
  /** The client had the whole answer (`message_end`) before it left. */
  let hadEnd = false;
  const detach = (): void => {
    if (detached) return;
    detached = true;
    hadEnd = completed;
  };
  try {
    for (const step of gen) {
      if (step.delta && pace) await pace();
      const action = faultAt(fault, frames, step);
      if (action === 'error' && fault) {
        const e = faultError(fault);
        error = e.message;
        if (!detached) await sse.frame(t.errorFrame(e.code, e.status, e.message).payload);
        break;
      }
      if (action === 'eof') break;
      if (!detached && !(await sse.frame(step.payload))) detach();
      else if (!detached) noteFrame(t, step);
      frames++;
      if (step.error) {
        error = step.error.message;
        break;
      }
      if (TERMINAL.has(step.event)) completed = true;
      if (!detached || fault?.kind === 'park') await holdIfAsked(t, out, fault, frames);
      if (!out.open) detach();
    }
  } finally {
    gen.return(undefined);
    sse.stopPings();
    ctx.tasks.delete(t.taskId);
    ctx.stats.activeStreams--;
    t.finish(error);
    await sse.flush();
    if (out.open) await out.end();
    if (completed && error === undefined && (!detached || hadEnd)) ctx.stats.streamsCompleted++;
    else ctx.stats.streamsInterrupted++;
  }
}

/** The blocking answer (`convert_blocking_full_response`): spaced json.dumps, no trailing newline. */
function blockingBody(t: Turn): string {
  return dumpsSpaced({
    event: 'message',
    task_id: t.taskId,
    id: t.message.id,
    message_id: t.message.id,
    conversation_id: t.conversation.id,
    mode: t.app.mode,
    answer: t.answer,
    metadata: t.metadata(),
    created_at: t.createdAt,
  });
}

export async function driveBlocking(t: Turn, out: Out, headers: Record<string, string>, fault: Fault | undefined): Promise<void> {
  const { ctx } = t;
  ctx.tasks.set(t.taskId, t);
  const gen = stepsOf(t);
  let failure: { code: string; status: number; message: string } | undefined;
  let frames = 0;
  try {
    for (const step of gen) {
      if (step.delta && ctx.options.tokenDelayMs > 0) await sleep(ctx.options.tokenDelayMs);
      if (faultAt(fault, frames, step) === 'error' && fault) {
        failure = faultError(fault);
        break;
      }
      if (step.error) {
        failure = step.error;
        break;
      }
      frames++;
      await holdIfAsked(t, out, fault, frames);
    }
  } finally {
    gen.return(undefined);
    ctx.tasks.delete(t.taskId);
    t.finish(failure?.message);
  }
  // `_to_blocking_response` re-raises the run's error, so it becomes an ordinary HTTP error.
  if (failure) return sendError(out, new HttpError(failure.status, failure.code, failure.message), headers);
  const body = Buffer.from(blockingBody(t), 'utf8');
  out.head(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length });
  await out.end(body, true);
}
