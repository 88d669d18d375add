import * as vscode from 'vscode';
import { redact } from '../dify/redact';
import { Disposable } from './disposables';
import { errorText } from './messages';

/** One request as the client reports it through `onRequest` (method, path, status, timing; never headers). */
export interface RequestLogEvent {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
  attempt: number;
  errorKind?: string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** A line after redaction, as written to the channel (for tests and for anyone who wants to tee the log). */
export interface LogLine {
  level: LogLevel;
  text: string;
}

/**
 * The "Dify" log (a LogOutputChannel: the user picks its level, VS Code writes it to a file under the
 * extension's log folder). Every line goes through {@link redact} with the keys currently in use, so no
 * caller can leak a key by logging an error or a URL.
 */
export class DifyLog extends Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly _onDidWrite = this.register(new vscode.EventEmitter<LogLine>());
  /** Every line written, after redaction, whatever the channel's level. */
  readonly onDidWrite = this._onDidWrite.event;
  private secrets: () => Iterable<string> = () => [];

  constructor(channel?: vscode.LogOutputChannel) {
    super();
    this.channel = this.register(channel ?? vscode.window.createOutputChannel('Dify', { log: true }));
  }

  /** Tells the log which literal values to remove (the keys in use); called once when the connection is built. */
  setSecretSource(source: () => Iterable<string>): void {
    this.secrets = source;
  }

  /** Redacts with the current keys. Use it on any text that leaves the host (messages, exports). */
  redact(text: string): string {
    return redact(text, this.secrets());
  }

  trace(message: string): void {
    this.write('trace', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string, err?: unknown): void {
    this.write('error', err === undefined ? message : `${message}: ${describe(err)}`);
  }

  /** The client's `onRequest`: one debug line per attempt. */
  request(e: RequestLogEvent): void {
    const outcome = e.status !== undefined ? String(e.status) : (e.errorKind ?? 'no response');
    const retry = e.attempt > 1 ? ` (attempt ${e.attempt})` : '';
    const line = `${e.method} ${e.path} -> ${outcome} in ${Math.round(e.durationMs)} ms${retry}`;
    if (e.errorKind !== undefined && e.errorKind !== 'aborted') this.write('warn', line);
    else this.write('debug', line);
  }

  show(): void {
    this.channel.show(true);
  }

  private write(level: LogLevel, message: string): void {
    const text = this.redact(message);
    this.channel[level](text);
    this._onDidWrite.fire({ level, text });
  }
}

/** An error as one line: its kind/code when it has one, and its message (redacted later by `write`). */
function describe(err: unknown): string {
  if (err instanceof Error) {
    const e = err as Error & { kind?: unknown; code?: unknown; causeCode?: unknown; status?: unknown };
    const tags = [e.kind, e.status, e.code, e.causeCode].filter((t) => t !== undefined && t !== null && t !== '');
    const text = errorText(err, err.message);
    return tags.length > 0 ? `[${tags.join(' ')}] ${text}` : text;
  }
  return String(err);
}
