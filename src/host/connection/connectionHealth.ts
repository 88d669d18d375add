import * as vscode from 'vscode';
import { isDifyError } from '../../dify/errors';
import type { AppSummary } from './appInfoCache';
import { Disposable } from '../disposables';
import type { HealthState, HealthStatus, TrafficOutcome } from './healthState';
import { sameHealth, statusAfterTraffic, statusForAppMode, statusForErrorKind } from './healthState';
import { appModeName, errorText } from '../messages';

function trafficDetail(status: 'connected' | 'unreachable' | 'rejected'): string | undefined {
  switch (status) {
    case 'connected':
      return undefined;
    case 'unreachable':
      return vscode.l10n.t('The last request did not reach Dify. Run "Dify: Test Connection" to see why.');
    case 'rejected':
      return vscode.l10n.t('Dify refused the key or the app. Run "Dify: Test Connection" to see why.');
  }
}

/**
 * The active app's connection health, as the status bar shows it: set by the quiet check and by the
 * client lookup, and corrected by real traffic (the best health check there is).
 */
export class ConnectionHealth extends Disposable {
  private readonly _onDidChange = this.register(new vscode.EventEmitter<HealthState>());
  /** Fires when the state changes (not when the same state is set again). */
  readonly onDidChange = this._onDidChange.event;
  private current: HealthState = { status: 'unknown' };

  get state(): HealthState {
    return this.current;
  }

  set(state: HealthState): void {
    if (sameHealth(state, this.current)) return;
    this.current = state;
    this._onDidChange.fire(state);
  }

  /** What a request of the active app's client says: a chat that works means "connected", a refused one not. */
  noteTraffic(e: TrafficOutcome): void {
    const status = statusAfterTraffic(this.current.status, e);
    if (status === undefined) return;
    const detail = trafficDetail(status);
    this.set(detail === undefined ? { status } : { status, detail });
  }

  /** Records what `/info` said about the active app. */
  setApp(info: AppSummary): void {
    this.set(
      statusForAppMode(info.mode) === 'connected'
        ? { status: 'connected', detail: vscode.l10n.t('Connected to "{0}" ({1}).', info.name, info.mode) }
        : { status: 'notChatApp', detail: vscode.l10n.t('"{0}" is a {1} app, not a chat app.', info.name, appModeName(info.mode)) },
    );
  }

  /** Records why the quiet check failed. */
  setError(e: unknown): void {
    this.set(healthForError(e));
  }
}

/** The state a failed quiet check leads to. */
export function healthForError(e: unknown): HealthState {
  if (!isDifyError(e)) return { status: 'unknown', detail: vscode.l10n.t('The connection check failed. Run "Dify: Test Connection" to see why.') };
  const status: HealthStatus = statusForErrorKind(e.kind);
  return { status, detail: errorText(e, '') };
}
