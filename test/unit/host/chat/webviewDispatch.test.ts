import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchWebviewMessage } from '../../../../src/host/chat/webviewDispatch';
import type { WebviewMessageHandlers } from '../../../../src/host/chat/webviewDispatch';
import { refusalSentence } from '../../../../src/host/chat/webviewDispatch';
import type { HostMessage, WebviewMessage, WebviewMessageType } from '../../../../src/protocol';
import { english } from '../messages/english';
import { LIMITS, WEBVIEW_MESSAGE_TYPES } from '../../../../src/protocol';

function recordingLog() {
  const lines: Array<{ level: 'debug' | 'warn' | 'error'; message: string; err?: unknown }> = [];
  return {
    lines,
    log: {
      debug: (message: string) => lines.push({ level: 'debug', message }),
      warn: (message: string) => lines.push({ level: 'warn', message }),
      error: (message: string, err?: unknown) => lines.push({ level: 'error', message, err }),
    },
  };
}

/** A table whose every handler records the message it got. */
function recordingHandlers(override: Partial<Record<WebviewMessageType, (m: WebviewMessage) => void | Promise<void>>> = {}) {
  const got: WebviewMessage[] = [];
  const table = Object.fromEntries(WEBVIEW_MESSAGE_TYPES.map((t) => [t, override[t] ?? ((m: WebviewMessage) => void got.push(m))])) as unknown as WebviewMessageHandlers;
  return { got, table };
}

/** What the dispatcher said to the panel itself. */
function recordingReply() {
  const replies: HostMessage[] = [];
  return { replies, reply: (m: HostMessage) => void replies.push(m) };
}

/** Lets the handler's promise (and its catch) settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('dispatchWebviewMessage: the one place webview messages are checked', () => {
  test('a valid message reaches its own handler, synchronously', () => {
    const { got, table } = recordingHandlers();
    const { lines, log } = recordingLog();
    const { replies, reply } = recordingReply();
    dispatchWebviewMessage({ type: 'retry', turnId: 't-1' }, table, log, reply, english);
    assert.deepEqual(got, [{ type: 'retry', turnId: 't-1' }], 'handled before dispatch returned');
    dispatchWebviewMessage({ type: 'ready' }, table, log, reply, english);
    assert.deepEqual(got.map((m) => m.type), ['retry', 'ready']);
    assert.deepEqual(lines, []);
    assert.deepEqual(replies, []);
  });

  test('anything else is dropped before any handler, with a debug line that does not echo it', () => {
    const { got, table } = recordingHandlers();
    const { lines, log } = recordingLog();
    const bad: unknown[] = [
      null,
      'ready',
      { type: 'executeCommand', command: 'workbench.action.quit' },
      { type: 'send', text: 'secret words', inputs: {}, command: 'x' },
      { type: 'openLink', href: 'command:workbench.action.quit' },
      JSON.parse('{"type":"send","text":"x","inputs":{"__proto__":{"polluted":true}}}'),
    ];
    const { replies, reply } = recordingReply();
    for (const raw of bad) dispatchWebviewMessage(raw, table, log, reply, english);
    assert.equal(got.length, 0);
    assert.deepEqual(replies, [], 'a malformed message is not answered');
    assert.equal(lines.length, bad.length);
    assert.ok(lines.every((l) => l.level === 'debug' && l.message.startsWith('chat: ignored a webview message (')));
    assert.ok(lines.every((l) => !l.message.includes('secret words')));
  });

  test('a handler that throws or rejects is logged as an error, never thrown back', async () => {
    const boom = new Error('boom');
    const { table } = recordingHandlers({
      stop: () => {
        throw boom;
      },
      newChat: () => Promise.reject(boom),
    });
    const { lines, log } = recordingLog();
    const { reply } = recordingReply();
    assert.doesNotThrow(() => dispatchWebviewMessage({ type: 'stop' }, table, log, reply, english));
    dispatchWebviewMessage({ type: 'newChat' }, table, log, reply, english);
    await settle();
    assert.deepEqual(lines.map((l) => [l.level, l.message, l.err]), [
      ['error', 'chat: handling stop failed', boom],
      ['error', 'chat: handling newChat failed', boom],
    ]);
  });

  test('a send refused for a size limit is answered: the question goes back to the composer, one sentence says why', () => {
    const { got, table } = recordingHandlers();
    const { lines, log } = recordingLog();
    const long = 'q'.repeat(LIMITS.question + 1);
    const cases: Array<[unknown, string]> = [
      [{ type: 'send', text: long, inputs: {} }, 'The question is too long to send (over 100,000 characters); shorten it and send it again.'],
      [{ type: 'send', text: 'short', inputs: { background: 'b'.repeat(LIMITS.inputValue + 1) } }, 'The input background is too long to send (over 100,000 characters); shorten it and send again.'],
      [
        { type: 'send', text: 'short', inputs: Object.fromEntries(Array.from({ length: LIMITS.inputKeys + 1 }, (_, i) => [`k${i}`, i])) },
        "The app's form has more than 100 inputs, more than a question can carry.",
      ],
    ];
    for (const [raw, sentence] of cases) {
      const { replies, reply } = recordingReply();
      dispatchWebviewMessage(raw, table, log, reply, english);
      assert.deepEqual(replies, [
        { type: 'draft', text: (raw as { text: string }).text },
        { type: 'notice', level: 'error', message: sentence },
      ]);
    }
    assert.equal(got.length, 0, 'no handler saw them');
    assert.equal(lines.length, cases.length, 'each is logged like any refused message');
  });

  test('refusalSentence: one sentence per limit', () => {
    for (const refusal of [
      { reason: 'questionTooLong', max: 5 },
      { reason: 'tooManyInputs', max: 5 },
      { reason: 'inputTooLong', key: 'topic', max: 5 },
    ] as const) {
      const s = refusalSentence(refusal, english);
      assert.match(s, /^[A-Z][^\n]*\.$/, s);
      assert.match(s, /\b5\b/, s);
    }
  });
});
