import * as vscode from 'vscode';
import type { DifyLog } from '../log';
import { errorText } from '../messages';
import type { Prompter } from '../prompts';
import { KEYRING_DOCS_URL, SecretStorageUnavailableError } from './secrets';

/**
 * Tells the user that a key could not be read, stored or removed: logged, one sentence, and for a keyring
 * failure a link to VS Code's troubleshooting page. Anything else is shown redacted (it could quote a key).
 */
export async function reportKeyringError(e: unknown, log: DifyLog, prompter: Prompter): Promise<void> {
  log.error('Secret storage failed', e);
  const keyring = e instanceof SecretStorageUnavailableError;
  const message = keyring ? e.message : log.redact(errorText(e, e instanceof Error ? e.message : String(e)));
  const choice = await prompter.error(message, ...(keyring ? [{ id: 'troubleshoot', title: vscode.l10n.t('Open Troubleshooting') }] : []));
  if (choice === 'troubleshoot') await prompter.openExternal(KEYRING_DOCS_URL);
}
