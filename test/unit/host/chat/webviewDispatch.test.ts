import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatchWebviewMessage } from '../../../../src/host/chat/webviewDispatch';
import type { WebviewMessageHandlers } from '../../../../src/host/chat/webviewDispatch';
import type { WebviewMessage, WebviewMessageType } from '../../../../src/protocol';
import { WEBVIEW_MESSAGE_TYPES } from '../../../../src/protocol';

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

/** Lets the handler's promise (and its catch) settle. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('dispatchWebviewMessage: the one place webview messages are checked', () => {
  test('a valid message reaches its own handler, synchronously', () => {
    const { got, table } = recordingHandlers();
    const { lines, log } = recordingLog();
    dispatchWebviewMessage({ type: 'retry', turnId: 't-1' }, table, log);
    assert.deepEqual(got, [{ type: 'retry', turnId: 't-1' }], 'handled before dispatch returned');
    dispatchWebviewMessage({ type: 'ready' }, table, log);
    assert.deepEqual(got.map((m) => m.type), ['retry', 'ready']);
    assert.deepEqual(lines, []);
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
    for (const raw of bad) dispatchWebviewMessage(raw, table, log);
    assert.equal(got.length, 0);
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
    assert.doesNotThrow(() => dispatchWebviewMessage({ type: 'stop' }, table, log));
    dispatchWebviewMessage({ type: 'newChat' }, table, log);
    await settle();
    assert.deepEqual(lines.map((l) => [l.level, l.message, l.err]), [
      ['error', 'chat: handling stop failed', boom],
      ['error', 'chat: handling newChat failed', boom],
    ]);
  });
});
