// Code actions: the quick fixes carried in Diagnostic.data, the word actions of spelling problems,
// the suppression pair (Ignore here, Turn off this rule), and fix-all (safe fixes only).
import {
  CodeAction,
  CodeActionKind,
  CodeActionTriggerKind,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS, SOURCE_AI, SOURCE_RULES, type DiagnosticData, type FixData } from '../protocol';
import { stripSnippet } from './diagnostics';
import { spellingFixes } from '../spelling/suggestions';

export interface CodeActionsHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Rule and AI diagnostics of the document's current version. */
  currentDiagnostics(document: TextDocument): Promise<Diagnostic[]>;
  /** The client runs COMMANDS.applySnippet (fields become tab stops). */
  snippetEdits(): boolean;
  /** The client runs COMMANDS.disableRule (it writes the editor's settings). */
  disableRuleCommand(): boolean;
  /** Actions that are not fixes of a diagnostic (the rewrites), for the kinds asked for. */
  moreActions(document: TextDocument, only: string[] | undefined): Promise<CodeAction[]>;
}

/** source.fixAll.radlint: every safe fix at once (repeated words, spoken commands); nothing that changes meaning. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.radlint`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export function attachCodeActions(host: CodeActionsHost): void {
  const { connection, documents } = host;
  connection.onCodeAction(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    // $/cancelRequest (the cursor or the text moved on): answer at once instead of computing.
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const only = params.context.only;
    if (only && !only.includes(CodeActionKind.QuickFix)) {
      const all = only.some((k) => FIX_ALL_KIND.startsWith(k)) ? fixAll(document, await host.currentDiagnostics(document)) : undefined;
      return [...(all ? [all] : []), ...(await host.moreActions(document, only))];
    }
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
      if (data.word)
        actions.push(
          ...suggestionActions(document, diagnostic, data.word, host.snippetEdits()),
          ...wordActions(document, diagnostic, data.word),
        );
      if (diagnostic.source === SOURCE_RULES && typeof diagnostic.code === 'string') {
        actions.push(ignoreHere(document, diagnostic, diagnostic.code));
        if (host.disableRuleCommand() && !seen.has(`off:${diagnostic.code}`)) {
          seen.add(`off:${diagnostic.code}`);
          actions.push(turnOff(diagnostic, diagnostic.code));
        }
      }
    }
    // The automatic lightbulb asks for no kind: the rewrites come only when a menu or Ctrl+. asks, so a clean line stays clean.
    const asked = params.context.triggerKind === CodeActionTriggerKind.Automatic ? [] : only;
    return [...actions, ...(await host.moreActions(document, asked))];
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

/** Corrections of an unknown word, computed when asked for: the check itself stays deterministic and fast. */
function suggestionActions(document: TextDocument, diagnostic: Diagnostic, word: string, snippetCommand: boolean): CodeAction[] {
  const fixes = spellingFixes(word, document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
  return fixes.map((fix) =>
    toCodeAction(
      document,
      diagnostic,
      {
        ...fix,
        edits: fix.edits.map((e) => ({
          range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
          newText: e.newText,
        })),
      },
      snippetCommand,
    ),
  );
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

/** "Ignore here": this problem, at this place, kept in the workspace's .radlint.json. */
function ignoreHere(document: TextDocument, diagnostic: Diagnostic, rule: string): CodeAction {
  const title = `Ignore "${rule}" here`;
  const action = CodeAction.create(
    title,
    { title, command: COMMANDS.ignoreHere, arguments: [document.uri, rule, diagnostic.range] },
    CodeActionKind.QuickFix,
  );
  action.diagnostics = [diagnostic];
  return action;
}

function turnOff(diagnostic: Diagnostic, rule: string): CodeAction {
  const title = `Turn off the rule "${rule}"`;
  const action = CodeAction.create(title, { title, command: COMMANDS.disableRule, arguments: [rule] }, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  return action;
}

/** One edit with every safe fix of the current version whose edits do not overlap an earlier one. */
function fixAll(document: TextDocument, diagnostics: Diagnostic[]): CodeAction | undefined {
  const edits: TextEdit[] = [];
  const taken: { start: number; end: number }[] = [];
  for (const d of diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    const fix = data?.fixes.find((f) => f.applicability === 'safe' && !f.snippet);
    if (!fix) continue;
    const spans = fix.edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end) }));
    if (spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end))) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
  }
  if (edits.length === 0) return undefined;
  const action = CodeAction.create(`Fix all safe RadLint problems (${edits.length})`, FIX_ALL_KIND);
  action.edit = { changes: { [document.uri]: edits } };
  return action;
}
