import type { Diagnosis } from '../../dify/diagnose';
import type { CommandContext, ConnectionActions, SetKeyOutcome } from './commandInputs';
import { idArgument } from './commandInputs';
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

  /** Registers the commands with VS Code; disposing the result unregisters them. */
  register(): IDisposable {
    const store = new DisposableStore();
    store.add(registerCommand(Command.setApiKey, (arg?: unknown) => this.setApiKey(idArgument(arg))));
    store.add(registerCommand(Command.clearApiKey, (arg?: unknown) => this.clearApiKey(idArgument(arg))));
    store.add(registerCommand(Command.testConnection, (arg?: unknown) => this.testConnection(idArgument(arg))));
    store.add(registerCommand(Command.switchProfile, () => this.switchProfile()));
    store.add(registerCommand(Command.addProfile, () => this.addProfile()));
    store.add(registerCommand(Command.editProfile, (arg?: unknown) => this.editProfile(idArgument(arg))));
    store.add(registerCommand(Command.removeProfile, (arg?: unknown) => this.removeProfile(idArgument(arg))));
    store.add(registerCommand(Command.showLog, () => this.ctx.log.show()));
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
