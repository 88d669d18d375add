import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { minimalEdit, proposeReplacement, sameCode } from '../../context/apply';
import { lineSpan } from '../../shared/codeBlock';
import type { CodeContext } from '../../shared/codeContext';
import type { Turn } from '../../shared/chatState';
import { ContextKey, setContext } from '../commands';
import { Disposable } from '../disposables';
import type { Prompter } from '../prompts';
import { documentName } from '../ask/editorContext';
import { toVsRange } from '../ask/documentSymbols';
import { PROPOSAL_SCHEME, ProposalFileSystem } from './proposalFileSystem';
import { TrackedTargets } from './trackedTargets';

/** An open Apply diff: the document it changes and its proposal. */
interface Proposal {
  original: vscode.Uri;
  proposal: vscode.Uri;
}

/** Where Apply puts the code: a range of a document (empty: an insertion). */
interface Place {
  document: vscode.TextDocument;
  range: vscode.Range;
}

/** The documents Apply may change: files on a writable file system, and untitled ones. */
function writable(document: vscode.TextDocument): boolean {
  const scheme = document.uri.scheme;
  return scheme === 'untitled' || vscode.workspace.fs.isWritableFileSystem(scheme) === true;
}

function where(c: CodeContext): string {
  const { first, last } = lineSpan(c.range);
  return first === last ? vscode.l10n.t('{0}, line {1}', c.fileName, first) : vscode.l10n.t('{0}, lines {1}–{2}', c.fileName, first, last);
}

/**
 * "Apply" on an answer's code block: works out where the code goes (the code the question was about, followed
 * through edits; otherwise the active editor's selection, or the whole document or the cursor, as the user
 * chooses), and opens VS Code's diff of the document against the document with the code in place. The proposal
 * side is editable; Accept applies what it holds as one edit (one Undo), Reject changes nothing.
 */
export class ApplyService extends Disposable {
  private readonly files = this.register(new ProposalFileSystem());
  readonly targets = this.register(new TrackedTargets());
  private readonly proposals = new Map<string, Proposal>();

  constructor(
    private readonly prompter: Prompter,
    private readonly findTurn: (turnId: string) => Turn | undefined,
  ) {
    super();
    const update = (): void => void setContext(ContextKey.applyDiffActive, this.activeProposal() !== undefined);
    this.register(vscode.window.tabGroups.onDidChangeTabs(update));
    this.register(vscode.window.tabGroups.onDidChangeTabGroups(update));
  }

  /** Apply for one code block of a turn's answer. Resolves once the diff is open (or the user was told why not). */
  async apply(turnId: string, code: string): Promise<vscode.Uri | undefined> {
    const turn = this.findTurn(turnId);
    const target = turn ? await this.targetOf(turn) : 'none';
    if (target === 'cancelled') return undefined;
    const place = target === 'none' ? await this.editorPlace() : target;
    if (!place) return undefined;
    if (!writable(place.document)) {
      void this.prompter.error(vscode.l10n.t('{0} is read-only (a diff or an output), so the code cannot be applied there; open the file itself, select where the code goes, and Apply again.', documentName(place.document)));
      return undefined;
    }
    return this.openDiff(place, code);
  }

  /** Accepts the Apply diff `uri` names (or the active one): the document becomes what the proposal side holds. */
  async accept(uri?: vscode.Uri): Promise<boolean> {
    const proposal = this.proposalFor(uri);
    if (!proposal) return false;
    const proposed = await vscode.workspace.openTextDocument(proposal.proposal);
    const original = await vscode.workspace.openTextDocument(proposal.original);
    const current = original.getText();
    const change = minimalEdit(current, proposed.getText());
    const edit = new vscode.WorkspaceEdit();
    edit.replace(original.uri, new vscode.Range(original.positionAt(change.start), original.positionAt(change.end)), change.text);
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) {
      void this.prompter.error(vscode.l10n.t('VS Code did not apply the code to {0} (is it read-only?); the diff stays open.', documentName(original)));
      return false;
    }
    await this.close(proposal, proposed);
    return true;
  }

  /** Rejects the Apply diff `uri` names (or the active one): it closes and nothing changes. */
  async reject(uri?: vscode.Uri): Promise<boolean> {
    const proposal = this.proposalFor(uri);
    if (!proposal) return false;
    await this.close(proposal, await vscode.workspace.openTextDocument(proposal.proposal));
    return true;
  }

  /** The open proposals' URIs (tests and the UI read them). */
  get open(): vscode.Uri[] {
    return [...this.proposals.values()].map((p) => p.proposal);
  }

  /**
   * The code the question was about, where it is now; 'none' when the turn was about no code; when it changed
   * since the question, the editor's selection if the user takes it up, else 'cancelled'.
   */
  private async targetOf(turn: Turn): Promise<Place | 'none' | 'cancelled'> {
    const target = this.targets.get(turn.id);
    if (!target) return 'none';
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.context.uri));
    const range = document.validateRange(toVsRange(target.tracked.range));
    if (!target.tracked.touched && sameCode(document.getText(range), target.context.text)) return { document, range };
    const choice = await this.prompter.warn(
      vscode.l10n.t('The code at {0} changed since the question, so Apply cannot tell where the answer goes; apply it to the current selection instead?', where(target.context)),
      { id: 'useSelection', title: vscode.l10n.t('Apply to Selection') },
    );
    if (choice !== 'useSelection') return 'cancelled';
    return (await this.editorPlace()) ?? 'cancelled';
  }

  /** The active editor's selection; with none, the whole document or the cursor, as the user chooses. */
  private async editorPlace(): Promise<Place | undefined> {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== PROPOSAL_SCHEME);
    if (!editor || editor.document.uri.scheme === PROPOSAL_SCHEME) {
      void this.prompter.info(vscode.l10n.t('Open the file the code belongs in, select where it goes, and Apply again.'));
      return undefined;
    }
    const document = editor.document;
    if (!editor.selection.isEmpty) return { document, range: editor.selection };
    const whole = { label: vscode.l10n.t('Replace the whole document'), description: documentName(document), range: document.validateRange(new vscode.Range(0, 0, document.lineCount, 0)) };
    const cursor = editor.selection.active;
    const insert = { label: vscode.l10n.t('Insert at the cursor'), description: vscode.l10n.t('line {0}', cursor.line + 1), range: new vscode.Range(cursor, cursor) };
    const picked = await this.prompter.quickPick([insert, whole], { title: vscode.l10n.t('Nothing is selected: where should the code go?') });
    return picked ? { document, range: picked.range } : undefined;
  }

  private async openDiff(place: Place, code: string): Promise<vscode.Uri> {
    const document = place.document;
    const text = document.getText();
    const proposed = proposeReplacement(text, document.offsetAt(place.range.start), document.offsetAt(place.range.end), code);
    const name = document.uri.path.split('/').pop() || 'Untitled';
    const proposal = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${randomUUID()}/${name}` });
    this.files.put(proposal, proposed);
    this.proposals.set(proposal.toString(), { original: document.uri, proposal });
    const title = vscode.l10n.t("{0} ↔ Dify's code (Apply: Accept or Reject in the title bar)", documentName(document));
    await vscode.commands.executeCommand('vscode.diff', document.uri, proposal, title, { preview: false });
    // The proposal keeps the document's language, whatever its file name says.
    const proposalDoc = await vscode.workspace.openTextDocument(proposal);
    if (proposalDoc.languageId !== document.languageId) await vscode.languages.setTextDocumentLanguage(proposalDoc, document.languageId);
    return proposal;
  }

  private proposalFor(uri: vscode.Uri | undefined): Proposal | undefined {
    if (uri) {
      return this.proposals.get(uri.toString()) ?? [...this.proposals.values()].find((p) => p.original.toString() === uri.toString() && this.isActive(p));
    }
    return this.activeProposal();
  }

  private activeProposal(): Proposal | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    return input instanceof vscode.TabInputTextDiff ? this.proposals.get(input.modified.toString()) : undefined;
  }

  private isActive(p: Proposal): boolean {
    return this.activeProposal() === p;
  }

  /** Closes the diff without a save prompt (the proposal is saved into memory first) and forgets the proposal. */
  private async close(proposal: Proposal, proposed: vscode.TextDocument): Promise<void> {
    if (proposed.isDirty) await proposed.save();
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === proposal.proposal.toString());
    await vscode.window.tabGroups.close(tabs);
    this.proposals.delete(proposal.proposal.toString());
    this.files.drop(proposal.proposal);
    void setContext(ContextKey.applyDiffActive, this.activeProposal() !== undefined);
  }
}
