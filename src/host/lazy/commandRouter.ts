import * as vscode from 'vscode';
import type { CommandId } from '../commands';
import { COMMAND_IDS, routeCommandsThrough } from '../commands';
import { Disposable } from '../disposables';

type Handler = (...args: unknown[]) => unknown;

/**
 * Every command of the extension, registered with VS Code at activation, each one routed to the handler its
 * feature registers when it is built ({@link routeCommandsThrough}). A command that runs before its feature
 * exists builds that feature first (`load`), then runs the handler it registered.
 */
export class CommandRouter extends Disposable {
  private readonly handlers = new Map<CommandId, Handler>();

  constructor(private readonly load: (id: CommandId) => Promise<unknown>) {
    super();
    for (const id of COMMAND_IDS) this.register(vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, args)));
    routeCommandsThrough((id, handler) => this.set(id, handler));
    this.register({ dispose: () => routeCommandsThrough(undefined) });
  }

  /** Takes a feature's handler for `id`; disposing the result removes it (the id stays registered). */
  set(id: CommandId, handler: Handler): vscode.Disposable {
    // As VS Code does for a second registration of an id: two features must not both own a command.
    if (this.handlers.has(id)) throw new Error(`command '${id}' already exists`);
    this.handlers.set(id, handler);
    return new vscode.Disposable(() => {
      if (this.handlers.get(id) === handler) this.handlers.delete(id);
    });
  }

  /** True once a feature registered a handler for `id`. */
  has(id: CommandId): boolean {
    return this.handlers.has(id);
  }

  private run(id: CommandId, args: unknown[]): unknown {
    const handler = this.handlers.get(id);
    // A built feature's command runs at once, as if VS Code called it directly.
    if (handler) return handler(...args);
    return this.load(id).then(() => {
      const loaded = this.handlers.get(id);
      if (!loaded) throw new Error(`command '${id}' not found`);
      return loaded(...args);
    });
  }
}
