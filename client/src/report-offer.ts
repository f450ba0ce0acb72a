// A plain-text file that reads like a radiology report (a FINDINGS and an IMPRESSION header) gets
// one quiet offer to be checked as a Radiology Report: once per file per session, never again after
// "Don't ask again".
import * as vscode from 'vscode';
import { looksLikeReport } from './report-shape';

const NEVER_KEY = 'radlint.offerReportLanguage.never';
const CHECK = 'Check as Radiology Report';
const NEVER = "Don't ask again";

export function registerReportOffer(context: vscode.ExtensionContext, checkedLanguages: () => string[]): void {
  const offered = new Set<string>();

  async function consider(document: vscode.TextDocument | undefined): Promise<void> {
    if (!document || document.languageId !== 'plaintext' || checkedLanguages().includes('plaintext')) return;
    if (!/\.txt$/i.test(document.uri.path) && document.uri.scheme !== 'untitled') return;
    const key = document.uri.toString();
    if (offered.has(key) || context.globalState.get<boolean>(NEVER_KEY)) return;
    if (!looksLikeReport(document.getText())) return;
    offered.add(key);
    const name = document.uri.path.split('/').pop() || 'This file';
    const answer = await vscode.window.showInformationMessage(
      `${name} looks like a radiology report. Check it with RadLint?`,
      CHECK,
      NEVER,
    );
    if (answer === CHECK) await vscode.languages.setTextDocumentLanguage(document, 'radreport');
    else if (answer === NEVER) await context.globalState.update(NEVER_KEY, true);
  }

  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((editor) => void consider(editor?.document)));
  void consider(vscode.window.activeTextEditor?.document);
}
