// "RadLint: Compare with Reference Report…": the active report is the trainee's, the reference (the
// attending's) is another open editor or a file. The server shows the discrepancies as diagnostics of
// their own source on the trainee (CompareRequest), and the scorecard of the pair opens beside it.
// "RadLint: Clear Comparison" removes them (the server command COMMANDS.clearComparison). The scorecard
// is live: an edit of either report compares them again and redraws it, as the diagnostics follow.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, CompareRequest, type CompareResult } from '../../server/src/protocol';
import { scorecardPage } from './compare-page';

const CHOOSE_FILE = '$(folder-opened) Choose a file…';
/** Typing pauses this long before the scorecard is redrawn. */
const REDRAW_AFTER_MS = 400;

const nameOf = (uri: vscode.Uri) => uri.path.split('/').pop() || uri.toString();
const say = (message: string) => void vscode.window.setStatusBarMessage(`RadLint: ${message}`, 5000);

/** Accepts a Uri or its string (commands run from a keybinding or another extension). */
function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value) return vscode.Uri.parse(value);
  return undefined;
}

/** The reference: an open editor other than the trainee's, or a file chosen in a dialog. */
async function pickReference(trainee: vscode.Uri): Promise<vscode.Uri | undefined> {
  const seen = new Set<string>([trainee.toString()]);
  const open: vscode.Uri[] = [];
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const uri = tab.input.uri;
      if (seen.has(uri.toString())) continue;
      seen.add(uri.toString());
      open.push(uri);
    }
  }
  type Item = vscode.QuickPickItem & { uri?: vscode.Uri };
  const items: Item[] = [
    ...open.map((uri) => ({ label: nameOf(uri), description: vscode.workspace.asRelativePath(uri), uri })),
    { label: CHOOSE_FILE, description: 'a report on disk' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `Compare ${nameOf(trainee)} with a reference report`,
    placeHolder: "The attending's report to compare the trainee's with",
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Compare with',
    title: 'The reference report',
    defaultUri: vscode.Uri.joinPath(trainee, '..'),
  });
  return chosen?.[0];
}

export interface CompareClient {
  /** The comparison of a trainee with a reference, its diagnostics and its scorecard shown (for the tests). */
  compare(reference: vscode.Uri, trainee: vscode.Uri): Promise<CompareResult | undefined>;
  /** The comparison the trainee's scorecard shows now (for the tests). */
  shown(trainee: vscode.Uri): CompareResult | undefined;
}

export function registerCompare(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): CompareClient {
  // One scorecard per trainee report, reused when it is compared again; what it shows, against which reference.
  const panels = new Map<string, vscode.WebviewPanel>();
  const shown = new Map<string, { reference: vscode.Uri; result: CompareResult }>();
  const redraws = new Map<string, ReturnType<typeof setTimeout>>();

  function showScorecard(trainee: vscode.Uri, result: CompareResult): void {
    const key = trainee.toString();
    let panel = panels.get(key);
    if (!panel) {
      panel = vscode.window.createWebviewPanel(
        'radlint.comparison',
        `Comparison: ${result.trainee}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableFindWidget: true, localResourceRoots: [] },
      );
      const created = panel;
      panel.onDidDispose(() => {
        if (panels.get(key) !== created) return;
        panels.delete(key);
        shown.delete(key);
      });
      panels.set(key, panel);
    } else {
      panel.reveal(vscode.ViewColumn.Beside, true);
    }
    panel.title = `Comparison: ${result.trainee} / ${result.reference}`;
    panel.webview.html = scorecardPage(result.html);
  }

  async function compare(reference: vscode.Uri, trainee: vscode.Uri, quiet = false): Promise<CompareResult | undefined> {
    const running = client();
    if (!running) {
      if (!quiet) say('the server is not running; open a report first');
      return undefined;
    }
    let text: string;
    try {
      // The text as the editor has it (unsaved changes, untitled reports), not only as on disk.
      text = (await vscode.workspace.openTextDocument(reference)).getText();
    } catch (error) {
      if (!quiet) void vscode.window.showErrorMessage(`RadLint cannot read the reference report ${nameOf(reference)}: ${String(error)}`);
      return undefined;
    }
    let result: CompareResult;
    try {
      result = await running.sendRequest(CompareRequest, {
        uri: trainee.toString(),
        reference: { text, name: nameOf(reference), uri: reference.toString() },
      });
    } catch (error) {
      if (!quiet)
        void vscode.window.showErrorMessage(`RadLint could not compare: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (quiet && !panels.has(trainee.toString())) return result; // closed meanwhile: not opened again
    shown.set(trainee.toString(), { reference, result });
    showScorecard(trainee, result);
    if (quiet) return result;
    const n = result.discrepancies.length;
    say(
      n === 0
        ? `no discrepancy against ${result.reference}`
        : `${n} discrepanc${n === 1 ? 'y' : 'ies'} against ${result.reference} (${result.summary.major} major, ${result.summary.minor} minor)`,
    );
    return result;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.compareWithReference, async (referenceArg?: unknown, traineeArg?: unknown) => {
      const trainee = asUri(traineeArg) ?? vscode.window.activeTextEditor?.document.uri;
      if (!trainee) {
        say("open the trainee's report, then compare it");
        return undefined;
      }
      const reference = asUri(referenceArg) ?? (await pickReference(trainee));
      if (!reference) return undefined;
      if (reference.toString() === trainee.toString()) {
        say('pick a reference report other than the trainee report');
        return undefined;
      }
      return compare(reference, trainee);
    }),
    vscode.commands.registerCommand(COMMANDS.clearComparison, async (uriArg?: unknown) => {
      const uri = asUri(uriArg) ?? vscode.window.activeTextEditor?.document.uri;
      const running = client();
      if (!uri || !running) return false;
      panels.get(uri.toString())?.dispose();
      shown.delete(uri.toString());
      const cleared = await running
        .sendRequest(ExecuteCommandRequest.type, { command: COMMANDS.clearComparison, arguments: [uri.toString()] })
        .then(
          (r) => r === true,
          () => false,
        );
      say(cleared ? 'comparison cleared' : 'this report has no comparison to clear');
      return cleared;
    }),
    // Live: an edit of the trainee's or the reference report compares them again, once typing pauses.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      const changed = e.document.uri.toString();
      for (const [trainee, { reference }] of shown) {
        if (trainee !== changed && reference.toString() !== changed) continue;
        clearTimeout(redraws.get(trainee));
        redraws.set(
          trainee,
          setTimeout(() => {
            redraws.delete(trainee);
            void compare(reference, vscode.Uri.parse(trainee), true);
          }, REDRAW_AFTER_MS),
        );
      }
    }),
    { dispose: () => panels.forEach((p) => p.dispose()) },
    { dispose: () => redraws.forEach((t) => clearTimeout(t)) },
  );
  return { compare, shown: (trainee) => shown.get(trainee.toString())?.result };
}
