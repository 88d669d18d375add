/**
 * The user's consent before a key goes somewhere it has not been: another server than the one it was
 * entered for, any server for a key stored without one, or plain http to a public host. One dialog at a time,
 * so two callers never stack the same question. No vscode import (the dialogs go through the {@link Prompter}), so it is unit-tested in Node.
 */
import { isInsecureForKey, originOf } from '../../dify/validate';
import type { GlobalStore, StateCell } from '../globalStore';
import { parseStringList } from '../globalStore';
import type { OriginBinding } from './originBinding';
import type { Profile } from './profileModel';
import type { Prompter } from '../prompts';
import type { Translate } from '../messages/translate';

/** globalState: http origins (public hosts) the user agreed to send a key to in clear text. */
export const INSECURE_ORIGINS_STATE_KEY = 'dify.insecureOriginsAccepted';

/** The ids of the dialogs' buttons (their titles are translated). */
export const SEND_KEY = 'sendKey';
export const SEND_ANYWAY = 'sendAnyway';

export class OriginConsent {
  private readonly insecureAccepted: StateCell<readonly string[]>;
  private pending: Promise<boolean> | undefined;

  constructor(
    private readonly origins: OriginBinding,
    store: GlobalStore,
    private readonly prompter: Prompter,
    /** VS Code's `l10n.t` (this file imports no vscode, so it runs in Node's tests). */
    private readonly t: Translate,
  ) {
    this.insecureAccepted = store.cell(INSECURE_ORIGINS_STATE_KEY, [], parseStringList);
  }

  /**
   * Whether the profile's key may be sent to `baseUrl`: to the origin it is bound to, or, once the user says
   * yes, to another one or (a key stored without an origin) to this one, which binds it there; and over plain
   * http to a public host only once accepted. When not `interactive` (background work), nothing is asked and
   * anything that needs a question is refused: the question waits for something the user does.
   */
  async consentToSend(profile: Profile, baseUrl: string, interactive: boolean): Promise<boolean> {
    const origin = originOf(baseUrl);
    if (origin === undefined) return false;
    if ((await this.origins.boundOrigin(profile.id)) !== origin) {
      if (!interactive) return false;
      if (!(await this.askToSend(profile, origin))) return false;
    }
    if (isInsecureForKey(baseUrl)) return this.allowInsecure(origin, interactive);
    return true;
  }

  /** Whether a key may cross the network unencrypted to `origin` (asked once per origin, then remembered). */
  async allowInsecure(origin: string, interactive: boolean): Promise<boolean> {
    if (this.insecureAccepted.get().includes(origin)) return true;
    if (!interactive) return false;
    return this.oneAtATime(async () => {
      if (this.insecureAccepted.get().includes(origin)) return true;
      const { t } = this;
      const choice = await this.prompter.confirm(
        t('{0} uses plain http: the API key would cross the network unencrypted.', origin),
        t('Use https:// if the server supports it. Send the key anyway only on a network you trust; you will not be asked again for this server.'),
        { id: SEND_ANYWAY, title: t('Send Anyway') },
      );
      if (choice !== SEND_ANYWAY) return false;
      await this.insecureAccepted.set([...this.insecureAccepted.get(), origin]);
      return true;
    });
  }

  /** Asks whether the key may go to `origin`, and binds it there on yes (before the next caller's turn). */
  private askToSend(profile: Profile, origin: string): Promise<boolean> {
    return this.oneAtATime(async () => {
      // Another caller may have asked (and been told yes) while this one waited.
      const bound = await this.origins.boundOrigin(profile.id);
      if (bound === origin) return true;
      const { t } = this;
      const sendKey = { id: SEND_KEY, title: t('Send Key') };
      const choice =
        bound === undefined
          ? await this.prompter.confirm(
              t('The API key of "{0}" has no record of the server it was entered for. Send it to {1}?', profile.name, origin),
              t(
                'Keys saved by an earlier version of this extension, or in another VS Code profile, are not bound to a server yet. Send it only if it is the key of an app on this server: it is then bound to it, and you will not be asked again.',
              ),
              sendKey,
            )
          : await this.prompter.confirm(
              t('The API key of "{0}" was entered for {1}. Send it to {2}?', profile.name, bound, origin),
              t("The app's base URL changed since the key was saved. The new server will receive the key: continue only if you trust it. Otherwise set a new key for it."),
              sendKey,
            );
      if (choice !== SEND_KEY) return false;
      await this.origins.bind(profile.id, origin);
      return true;
    });
  }

  /** Runs dialogs one after another. */
  private oneAtATime(task: () => Promise<boolean>): Promise<boolean> {
    const run = (this.pending ?? Promise.resolve(true)).then(task, task);
    this.pending = run.catch(() => false);
    return run;
  }
}
