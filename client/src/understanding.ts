// "RadLint: Show What RadLint Understood": the findings table of the active report (the server's
// answer to UnderstandingRequest), rendered beside it in a webview in the theme's colours (never the
// table's pipe-and-dash source); each row's line number puts the cursor on the finding in the report.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, UnderstandingRequest } from '../../server/src/protocol';
import { understoodPage } from './understood-page';

/** Internal (no palette entry): behind the table's links: [reportUri, line, character], 0-based. */
const REVEAL = 'radlint.revealFinding';

export interface Understood {
  /** The page a report's view shows now, as Markdown (for the integration tests). */
  shown(report: vscode.Uri): string | undefined;
}

export function registerUnderstanding(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): Understood {
  // One view per report, reused when asked again; the Markdown it shows.
  const panels = new Map<string, { panel: vscode.WebviewPanel; markdown: string }>();
  const link = (uri: string, line: number, character: number) =>
    `command:${REVEAL}?${encodeURIComponent(JSON.stringify([uri, line, character]))}`;

  function show(report: vscode.Uri, markdown: string): void {
    const key = report.toString();
    let entry = panels.get(key);
    if (!entry) {
      const name = report.path.split('/').pop() || 'report';
      const panel = vscode.window.createWebviewPanel(
        'radlint.understood',
        `Understood: ${name}`,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: [REVEAL], enableFindWidget: true, localResourceRoots: [] },
      );
      panel.onDidDispose(() => panels.delete(key));
      entry = { panel, markdown };
      panels.set(key, entry);
    } else {
      entry.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    entry.markdown = markdown;
    entry.panel.webview.html = understoodPage(markdown, link);
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(REVEAL, async (uri: unknown, line: unknown, character: unknown) => {
      if (typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number') return;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const at = new vscode.Position(line, character);
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(at, at) });
    }),
    vscode.commands.registerCommand(COMMANDS.showUnderstanding, async (target?: vscode.Uri) => {
      const report =
        target instanceof vscode.Uri
          ? target
          : (vscode.window.activeTextEditor?.document.uri ?? vscode.window.visibleTextEditors[0]?.document.uri);
      const running = client();
      if (!report || !running) {
        void vscode.window.setStatusBarMessage('RadLint: open a report to see what RadLint understood', 5000);
        return undefined;
      }
      // Null, or an error from a server without the request: said in the status bar, not a dialog.
      const answer = await running.sendRequest(UnderstandingRequest, { uri: report.toString() }).then(
        (result) => result,
        () => null,
      );
      if (!answer) {
        void vscode.window.setStatusBarMessage('RadLint: the server could not say what it understood of this report', 5000);
        return undefined;
      }
      show(report, answer.markdown);
      void vscode.window.setStatusBarMessage(`RadLint: ${answer.findings} finding${answer.findings === 1 ? '' : 's'} understood`, 4000);
      return report.toString();
    }),
    { dispose: () => panels.forEach((e) => e.panel.dispose()) },
  );
  return { shown: (report) => panels.get(report.toString())?.markdown };
}
