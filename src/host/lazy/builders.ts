import type * as vscode from 'vscode';
import type { ApplyFeature } from '../apply/applyFeature';
import type { AskFeature } from '../ask/askFeature';
import type { AskCodeLensProvider } from '../ask/askCodeLens';
import type { DocumentSymbols } from '../ask/documentSymbols';
import type { ChatPanel } from '../chat/chatPanel';
import type { CommandRoute } from '../commands';
import { routeCommandsThrough } from '../commands';
import type { Connection } from '../connection/connection';
import type { ConversationNode, ConversationsTree } from '../conversations/conversationsTree';

/** The features built on first use, each from its own module (esbuild puts each behind an `import()`). */
export type FeatureName = 'connection' | 'chat' | 'tree' | 'lenses' | 'ask';

/** The chat panel and Apply, which follows each question's code from the moment the panel asks it. */
export interface ChatFeature extends ChatPanel {
  apply: ApplyFeature;
}

/** The lenses and the documents' symbols they read (shared with Ask About Selection and the context chips). */
export interface LensFeature {
  lenses: AskCodeLensProvider;
  symbols: DocumentSymbols;
}

/** Every feature, built (what the test seam hands out). */
export interface BuiltFeatures {
  connection: Connection;
  chat: ChatFeature;
  tree: ConversationsTree;
  ask: AskFeature;
}

/** Each feature's memoised factory: the first call builds it, every call gets the same promise. */
export interface Builders {
  connection(): Promise<Connection>;
  chat(): Promise<ChatFeature>;
  tree(): Promise<ConversationsTree>;
  lenses(): Promise<LensFeature>;
  ask(): Promise<AskFeature>;
}

/** What activation hands the builders (src/host/lazy/features.ts). */
export interface BuilderHost {
  context: vscode.ExtensionContext;
  /** The features whose building has begun (shared with activation's copy, for the test seam). */
  started: Set<FeatureName>;
  /** The Conversations tree view activation created, and how the built tree takes over its data. */
  treeView: vscode.TreeView<ConversationNode>;
  attachTree(tree: ConversationsTree): void;
  /** Where the features' command handlers go: activation's CommandRouter. */
  route: CommandRoute;
  /** How long activate() took (written to the log once there is one). */
  activationMs(): number | undefined;
}

function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => (built ??= build());
}

/**
 * The features' root, dist/esm/extension.mjs: activation (CommonJS, dist/extension.js) loads it with import()
 * when a feature is first needed, so activate() pays for no ES module. This module's copy of commands.ts is the
 * one every feature registers its commands with, so it routes them to activation's CommandRouter first.
 */
export function createBuilders(host: BuilderHost): Builders {
  routeCommandsThrough(host.route);
  const { context, started } = host;
  context.subscriptions.push({ dispose: () => routeCommandsThrough(undefined) });
  const b: Builders = {
    connection: once(async () => {
      started.add('connection');
      const { createConnection } = await import('../connection/connection');
      const connection = createConnection(context);
      connection.registerCommands();
      const ms = host.activationMs();
      if (ms !== undefined) connection.log.info(`activate() took ${ms.toFixed(1)} ms`);
      return connection;
    }),
    chat: once(async (): Promise<ChatFeature> => {
      started.add('chat');
      const [connection, { createChatPanel }, { createApplyFeature }] = await Promise.all([b.connection(), import('../chat/chatPanel'), import('../apply/applyFeature')]);
      const panel = createChatPanel(context, connection.profiles, connection.log);
      panel.controller.files.dialogs = connection.prompter;
      const apply = createApplyFeature(panel.controller, connection.prompter);
      context.subscriptions.push(apply);
      return { ...panel, apply };
    }),
    tree: once(async () => {
      started.add('tree');
      const [connection, chat, { ConversationsTree }] = await Promise.all([b.connection(), b.chat(), import('../conversations/conversationsTree')]);
      const { profiles, prompter } = connection;
      const userId = (): string => profiles.userFor(profiles.activeProfile);
      const tree = new ConversationsTree({ clients: profiles, chat: chat.controller, prompter, state: context.globalState, userId, view: host.treeView });
      context.subscriptions.push(tree);
      host.attachTree(tree);
      return tree;
    }),
    lenses: once(async (): Promise<LensFeature> => {
      started.add('lenses');
      const [{ AskCodeLensProvider }, { DocumentSymbols }] = await Promise.all([import('../ask/askCodeLens'), import('../ask/documentSymbols')]);
      const symbols = new DocumentSymbols();
      const lenses = new AskCodeLensProvider(symbols);
      context.subscriptions.push(lenses);
      return { lenses, symbols };
    }),
    ask: once(async () => {
      started.add('ask');
      const [connection, chat, lens, { createAskFeature }] = await Promise.all([b.connection(), b.chat(), b.lenses(), import('../ask/askFeature')]);
      const ask = createAskFeature(context, connection, chat.controller, lens);
      context.subscriptions.push(ask);
      return ask;
    }),
  };
  return b;
}
