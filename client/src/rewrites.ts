// VS Code side of the rewrites: the code actions' commands run here, so the result lands as VS Code
// users expect: restructure as a snippet (fields are tab stops; one undo), a template quick pick with
// the exam's template first, an impression draft applied as one visible, undoable edit (selected),
// and the patient summary in a document beside the report. The server computes and
// verifies (RewriteRequest); nothing is applied if the report changed meanwhile.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  REWRITE_KIND,
  REWRITE_KINDS,
  RewriteRequest,
  TemplateChoiceRequest,
  type RewriteKind,
  type RewriteResult,
} from '../../server/src/protocol';
import { notify } from './notices';

export interface Rewrites {
  /** Fires when the template pick is shown (tests answer it then, not by guessing when it opens). */
  onDidShowTemplatePick: vscode.Event<void>;
}

export function registerRewrites(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  log: vscode.LogOutputChannel,
): Rewrites {
  const pickShown = new vscode.EventEmitter<void>();
  context.subscriptions.push(pickShown);
  const tell = (message: string) => void vscode.window.setStatusBarMessage(`RadLint: ${message}`, 6000);

  async function ask(
    kind: RewriteKind,
    document: vscode.TextDocument,
    version: number,
    templateId?: string,
  ): Promise<RewriteResult | null> {
    const running = client();
    if (!running) return null;
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `RadLint: ${REWRITE_KIND[kind].running}…` },
      () => running.sendRequest(RewriteRequest, { uri: document.uri.toString(), version, kind, templateId }),
    );
  }

  type Item = vscode.QuickPickItem & { id: string };
  /**
   * The template, picked before anything is rewritten (the rewrite, and its LLM call, runs once):
   * undefined for the exam's own (the server chooses it), an id, or null when dismissed. When the
   * chooser refuses every template for this exam, the user may still pick one, told why.
   */
  async function pickTemplate(document: vscode.TextDocument, version: number): Promise<string | undefined | null> {
    const choice = await client()?.sendRequest(TemplateChoiceRequest, { uri: document.uri.toString(), version });
    if (!choice || choice.alternatives.length === 0) return undefined;
    const { refused } = choice;
    const chosen = { label: choice.name, description: refused ? 'the closest' : 'for this exam', detail: choice.why, id: choice.id };
    const others: Item[] = choice.alternatives.map((t) => ({ label: t.name, description: '', id: t.id }));
    // One quick pick built whole before it is shown, so it opens with its items.
    const pick = await new Promise<Item | undefined>((resolve) => {
      const quickPick = vscode.window.createQuickPick<Item>();
      quickPick.title = 'RadLint: restructure into which template?';
      if (refused) quickPick.placeholder = `None is for this exam (${refused}); pick one to use it anyway`;
      quickPick.items = [chosen, ...others];
      quickPick.onDidAccept(() => {
        resolve(quickPick.selectedItems[0]);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        resolve(undefined);
        quickPick.dispose();
      });
      quickPick.show();
      pickShown.fire();
    });
    if (!pick) return null;
    return pick.id === chosen.id && !refused ? undefined : pick.id;
  }

  /** `templateId` (restructure) skips the quick pick: for keybindings and tests. The editor's context menu passes a Uri. */
  async function run(kind: RewriteKind, target?: string | vscode.Uri, version?: number, templateId?: string): Promise<boolean> {
    const uri = target?.toString();
    const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : vscode.window.activeTextEditor?.document;
    if (!document) return (tell('open a report first'), false);
    const asked = version ?? document.version;
    if (kind === 'restructure' && !templateId) {
      const picked = await pickTemplate(document, asked);
      if (picked === null) return false;
      templateId = picked;
    }
    const result = await ask(kind, document, asked, templateId);
    if (!result) return (tell('the server is not running'), false);
    if (result.note) {
      log.warn(result.note);
      tell(result.note);
    }
    if (!result.ok) {
      log.warn(`Rewrite not verified: ${result.reasons.join('; ')}`);
      // A notification, not a passing status-bar message: the user asked and waited for this.
      void notify(
        'warning',
        `RadLint did not offer the ${REWRITE_KIND[kind].result}: ${result.reasons.slice(0, 2).join('; ') || 'it did not pass the verifier'}. Nothing was changed.`,
      );
      return false;
    }
    if (document.version !== result.version) return (tell('the report changed while it was being rewritten; nothing was changed'), false);
    if (!result.edit) {
      // The summary beside the report, as a new document the user can read, edit, print or save.
      const summary = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
      await vscode.window.showTextDocument(summary, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      tell(`patient summary, reading grade ${result.grade?.toFixed(1) ?? '?'}`);
      return true;
    }
    const range = new vscode.Range(
      result.edit.range.start.line,
      result.edit.range.start.character,
      result.edit.range.end.line,
      result.edit.range.end.character,
    );
    if (result.edit.snippet) {
      const editor = await vscode.window.showTextDocument(document);
      return editor.insertSnippet(new vscode.SnippetString(result.edit.newText), range, { undoStopBefore: true, undoStopAfter: true });
    }
    // One visible, undoable edit (issue 18): a refactor preview opened with the change unchecked made
    // Apply do nothing. The draft is shown selected; one undo brings the old impression back.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, result.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) return (tell('the rewrite could not be applied'), false);
    if (kind === 'impression') {
      const editor = await vscode.window.showTextDocument(document);
      const start = document.positionAt(document.offsetAt(range.start));
      const end = document.positionAt(document.offsetAt(range.start) + result.edit.newText.length);
      editor.selection = new vscode.Selection(start, end);
      editor.revealRange(new vscode.Range(start, end));
      tell(result.replacesImpression ? 'impression replaced by the draft (Undo brings the old one back)' : 'impression drafted');
    }
    return true;
  }

  context.subscriptions.push(
    ...REWRITE_KINDS.map((kind) =>
      vscode.commands.registerCommand(REWRITE_KIND[kind].command, (uri?: string | vscode.Uri, version?: number, templateId?: string) =>
        run(kind, uri, version, templateId),
      ),
    ),
  );
  return { onDidShowTemplatePick: pickShown.event };
}
