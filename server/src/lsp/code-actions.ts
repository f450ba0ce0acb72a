// Code actions: the quick fixes carried in Diagnostic.data, and the word actions of spelling problems.
import {
  CodeAction,
  CodeActionKind,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, SOURCE_AI, SOURCE_RULES, type DiagnosticData, type FixData } from '../protocol';
import { stripSnippet } from './diagnostics';

export interface CodeActionsHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Rule and AI diagnostics of the document's current version. */
  currentDiagnostics(document: TextDocument): Promise<Diagnostic[]>;
  /** The client runs COMMANDS.applySnippet (fields become tab stops). */
  snippetEdits(): boolean;
}

export function attachCodeActions(host: CodeActionsHost): void {
  const { connection, documents } = host;
  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    let diagnostics = params.context.diagnostics.filter((d) => (d.source === SOURCE_RULES || d.source === SOURCE_AI) && d.data);
    // Fixes were computed for one version of the text; if the text has moved on, diagnose afresh
    // so an edit never lands on the wrong characters.
    if (diagnostics.some((d) => (d.data as DiagnosticData).version !== document.version)) {
      const fresh = await host.currentDiagnostics(document);
      diagnostics = diagnostics
        .map((d) => fresh.find((f) => f.code === d.code && f.message === d.message && f.range.start.line === d.range.start.line))
        .filter((d): d is Diagnostic => d !== undefined);
    }
    const actions: CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of diagnostics) {
      const data = diagnostic.data as DiagnosticData;
      for (const fix of data.fixes) {
        const key = fix.title + JSON.stringify(fix.edits);
        if (seen.has(key)) continue; // several diagnostics on one range: no pile of equal actions
        seen.add(key);
        actions.push(toCodeAction(document, diagnostic, fix, host.snippetEdits()));
      }
      if (data.word) actions.push(...wordActions(document, diagnostic, data.word));
    }
    return actions;
  });
}

function toCodeAction(document: TextDocument, diagnostic: Diagnostic, fix: FixData, snippetCommand: boolean): CodeAction {
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.isPreferred;
  if (fix.snippet && snippetCommand && fix.edits.length === 1) {
    // The client inserts it as a snippet, so the fields become tab stops; still one undoable edit.
    action.command = { title: fix.title, command: COMMANDS.applySnippet, arguments: [document.uri, document.version, fix.edits[0]] };
    return action;
  }
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: fix.snippet ? stripSnippet(e.newText) : e.newText }));
  if (edits.length) action.edit = { changes: { [document.uri]: edits } };
  return action;
}

/** "Add to dictionary" and "Ignore in this report" for a spelling problem's word: server commands. */
function wordActions(document: TextDocument, diagnostic: Diagnostic, word: string): CodeAction[] {
  const make = (title: string, command: string, commandTitle: string) => {
    const action = CodeAction.create(title, { title: commandTitle, command, arguments: [word, document.uri] }, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    return action;
  };
  return [
    make(`Add "${word}" to the dictionary`, COMMANDS.addToDictionary, 'Add to dictionary'),
    make(`Ignore "${word}" in this report`, COMMANDS.ignoreWord, 'Ignore in this report'),
  ];
}
