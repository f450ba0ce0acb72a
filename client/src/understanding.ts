// "RadLint: Show What RadLint Understood": the findings table of the active report (the server's
// answer to UnderstandingRequest), rendered beside it in the Markdown preview of a read-only virtual
// document; each row links to its place in the report.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, UnderstandingRequest } from '../../server/src/protocol';

export const UNDERSTOOD_SCHEME = 'radlint-understood';

class UnderstoodDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '_Run "RadLint: Show What RadLint Understood" on a report._\n';
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The virtual document's uri for a report: one per report, named after it, ending in .md. */
export function understoodUri(report: vscode.Uri): vscode.Uri {
  const name = report.path.split('/').pop() || 'report';
  return vscode.Uri.from({ scheme: UNDERSTOOD_SCHEME, path: `/${name} - understood.md`, query: report.toString() });
}

export function registerUnderstanding(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  const documents = new UnderstoodDocuments();
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(UNDERSTOOD_SCHEME, documents),
    vscode.commands.registerCommand(COMMANDS.showUnderstanding, async (target?: vscode.Uri) => {
      const report =
        target instanceof vscode.Uri
          ? target
          : (vscode.window.activeTextEditor?.document.uri ?? vscode.window.visibleTextEditors[0]?.document.uri);
      const running = client();
      if (!report || report.scheme === UNDERSTOOD_SCHEME || !running) {
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
      const uri = understoodUri(report);
      documents.set(uri, answer.markdown);
      // Rendered (the Markdown preview, which follows the theme), never the table's pipe-and-dash source.
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      void vscode.window.setStatusBarMessage(`RadLint: ${answer.findings} finding${answer.findings === 1 ? '' : 's'} understood`, 4000);
      return uri.toString();
    }),
  );
}
