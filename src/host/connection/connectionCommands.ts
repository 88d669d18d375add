import type { Diagnosis } from '../../dify/diagnose';
import type { CommandContext, ConnectionActions, SetKeyOutcome } from './commandInputs';
import { idArgument } from './commandInputs';
import type { CommandId } from '../commands';
import { Command, registerCommand } from '../commands';
import type { IDisposable } from '../disposables';
import { DisposableStore } from '../disposables';
import { KeyCommands } from './keyCommands';
import { ProfileCommands } from './profileCommands';
import type { Profile } from './profileModel';
import { TestConnectionCommand } from './testConnectionCommand';

export type { SetKeyOutcome } from './commandInputs';

/**
 * The connection commands: Set / Clear API Key, Test Connection, Switch / Add / Edit / Remove App, Show Log.
 * Each command is also a method returning its outcome, so integration tests drive the same code the palette
 * does, with the dialogs answered through the Prompter. The work is in {@link KeyCommands},
 * {@link ProfileCommands} and {@link TestConnectionCommand}; this object only names and registers them.
 */
export class ConnectionCommands implements ConnectionActions {
  private readonly keys: KeyCommands;
  private readonly profiles: ProfileCommands;
  private readonly test: TestConnectionCommand;

  constructor(private readonly ctx: CommandContext) {
    this.keys = new KeyCommands(ctx);
    this.profiles = new ProfileCommands(ctx, this);
    this.test = new TestConnectionCommand(ctx, this);
  }

  /**
   * Registers the commands with VS Code; disposing the result unregisters them. Run as commands they return
   * nothing: any extension can execute them, and their outcomes are for this extension's own callers.
   */
  register(): IDisposable {
    const store = new DisposableStore();
    const add = (id: CommandId, run: (arg?: unknown) => Promise<unknown> | void): void => {
      store.add(registerCommand(id, async (arg?: unknown) => void (await run(arg))));
    };
    add(Command.setApiKey, (arg) => this.setApiKey(idArgument(arg)));
    add(Command.clearApiKey, (arg) => this.clearApiKey(idArgument(arg)));
    add(Command.testConnection, (arg) => this.testConnection(idArgument(arg)));
    add(Command.switchProfile, () => this.switchProfile());
    add(Command.addProfile, () => this.addProfile());
    add(Command.editProfile, (arg) => this.editProfile(idArgument(arg)));
    add(Command.removeProfile, (arg) => this.removeProfile(idArgument(arg)));
    add(Command.showLog, () => this.ctx.log.show());
    return store;
  }

  setApiKey(profileId?: string): Promise<SetKeyOutcome> {
    return this.keys.setApiKey(profileId);
  }

  clearApiKey(profileId?: string): Promise<boolean> {
    return this.keys.clearApiKey(profileId);
  }

  testConnection(profileId?: string): Promise<Diagnosis | undefined> {
    return this.test.testConnection(profileId);
  }

  switchProfile(): Promise<void> {
    return this.profiles.switchProfile();
  }

  addProfile(): Promise<Profile | undefined> {
    return this.profiles.addProfile();
  }

  editProfile(profileId?: string): Promise<void> {
    return this.profiles.editProfile(profileId);
  }

  removeProfile(profileId?: string): Promise<boolean> {
    return this.profiles.removeProfile(profileId);
  }
}
