// The Getting Started walkthrough's buttons. A button runs while the walkthrough, not the report, has
// the focus: each one finds the report (the last one in front, else the example, opened first) and
// runs the very command its label names on it.
import * as vscode from 'vscode';
import { COMMANDS } from '../../server/src/protocol';

/** Button command -> the command it runs on the report (ids as in package.json's walkthrough). */
export const WALKTHROUGH_BUTTONS = {
  'radlint.walkthrough.restructure': COMMANDS.restructure,
  'radlint.walkthrough.draftImpression': COMMANDS.draftImpression,
  'radlint.walkthrough.patientSummary': COMMANDS.patientSummary,
  'radlint.walkthrough.showUnderstanding': COMMANDS.showUnderstanding,
} as const;
export const OPEN_EXAMPLE = 'radlint.walkthrough.openExample';

export function registerWalkthrough(context: vscode.ExtensionContext, isReport: (d: vscode.TextDocument) => boolean): void {
  let lastReport: vscode.TextDocument | undefined;
  const remember = (editor: vscode.TextEditor | undefined) => {
    if (editor && isReport(editor.document)) lastReport = editor.document;
  };
  remember(vscode.window.activeTextEditor);

  /** The example with mistakes, as a new unsaved report (the shipped file stays intact). */
  async function openExample(): Promise<vscode.TextDocument> {
    const example = vscode.Uri.file(context.asAbsolutePath('examples/chest-radiograph-errors.rpt'));
    const content = Buffer.from(await vscode.workspace.fs.readFile(example)).toString('utf8');
    const document = await vscode.workspace.openTextDocument({ language: 'radreport', content });
    await vscode.window.showTextDocument(document);
    return document;
  }

  /** The report a button acts on: the one in front, the last one seen, or the example. */
  async function report(): Promise<vscode.TextDocument> {
    const active = vscode.window.activeTextEditor?.document;
    if (active && isReport(active)) return active;
    const visible = vscode.window.visibleTextEditors.find((e) => isReport(e.document))?.document;
    const known = lastReport && !lastReport.isClosed ? lastReport : undefined;
    const document = visible ?? known ?? (await openExample());
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(remember),
    vscode.commands.registerCommand(OPEN_EXAMPLE, openExample),
    ...Object.entries(WALKTHROUGH_BUTTONS).map(([button, command]) =>
      // Extra arguments (a template id for restructure) are for keybindings and tests.
      vscode.commands.registerCommand(button, async (...extra: unknown[]) => {
        const document = await report();
        if (command === COMMANDS.showUnderstanding) return vscode.commands.executeCommand(command, document.uri);
        return vscode.commands.executeCommand(command, document.uri.toString(), document.version, ...extra);
      }),
    ),
  );
}
