// The RadLint language status item: "no problems" only once the server has checked the report (so
// clean is not the same as unchecked), counts otherwise, busy only when a check takes a while, and a
// click that opens a small menu. Counts come from VS Code's own diagnostics of the active report.
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { SOURCE_AI, SOURCE_COMPARE, SOURCE_RULES } from '../../server/src/protocol';

/** The spinner appears only when a check takes longer than this. */
const BUSY_AFTER_MS = 2500;
/** The internal command behind a click on the item (not in the command palette). */
export const STATUS_MENU_COMMAND = 'radlint.statusMenu';
/** Only what RadLint itself says is counted: the rules and the AI second reader. */
const COUNTED_SOURCES = new Set<string>([SOURCE_RULES, SOURCE_AI]);

export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

export interface Counts {
  errors: number;
  warnings: number;
  notes: number;
  /** Trainee mode: differences from the reference report, counted apart from the problems. */
  differences?: number;
}

/** Counts RadLint's diagnostics (rules and AI) by severity; hints and information are notes; comparison apart. */
export function countDiagnostics(diagnostics: readonly vscode.Diagnostic[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, notes: 0 };
  for (const d of diagnostics) {
    if (d.source === SOURCE_COMPARE) counts.differences = (counts.differences ?? 0) + 1;
    if (!d.source || !COUNTED_SOURCES.has(d.source)) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
    else counts.notes++;
  }
  return counts;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "$(check) no problems", or "2 errors, 1 warning"; then " · 3 differences from the reference" in trainee mode. */
export function countsText(counts: Counts): string {
  const parts: string[] = [];
  if (counts.errors) parts.push(plural(counts.errors, 'error'));
  if (counts.warnings) parts.push(plural(counts.warnings, 'warning'));
  if (counts.notes) parts.push(plural(counts.notes, 'note'));
  const problems = parts.length
    ? `${counts.errors ? '$(error)' : counts.warnings ? '$(warning)' : '$(info)'} ${parts.join(', ')}`
    : '$(check) no problems';
  return counts.differences ? `${problems} · ${plural(counts.differences, 'difference')} from the reference` : problems;
}

export interface Status {
  /** Language client middleware that tells the item when a check starts and ends. */
  middleware: Middleware;
  setServerState(state: ServerState, detail?: string): void;
  /** The item's text now (tests read it through the extension's API). */
  text(): string;
  /** Fires when the text changes. */
  onDidChange: vscode.Event<string>;
}

export function createStatus(context: vscode.ExtensionContext, selector: () => vscode.DocumentSelector): Status {
  const item = vscode.languages.createLanguageStatusItem('radlint.status', selector());
  item.name = 'RadLint';
  item.command = { command: STATUS_MENU_COMMAND, title: 'Menu', tooltip: 'Log, restart, settings, rule docs, what RadLint understood' };
  // The language status item hides under the language indicator unless pinned: a plain status bar
  // item shows the same text whenever a report is in front, so clean is visibly not unchecked.
  const bar = vscode.window.createStatusBarItem('radlint.statusBar', vscode.StatusBarAlignment.Right, 100);
  bar.name = 'RadLint';
  bar.command = STATUS_MENU_COMMAND;
  bar.tooltip = 'RadLint: log, restart, settings, rule docs, what RadLint understood';
  context.subscriptions.push(bar);
  let server: ServerState = 'starting';
  let serverDetail: string | undefined;
  // Document uri -> version the server last checked; and documents with a check running since when.
  const checked = new Map<string, number | undefined>();
  const pending = new Map<string, number>();
  let busyTimer: ReturnType<typeof setTimeout> | undefined;
  const changed = new vscode.EventEmitter<string>();
  let shown = '';

  const active = () => vscode.window.activeTextEditor?.document;

  function render(): void {
    update();
    const document = active();
    bar.text = item.text.startsWith('RadLint') ? item.text : `RadLint ${item.text}`;
    if (document && vscode.languages.match(selector(), document) > 0) bar.show();
    else bar.hide();
    if (item.text !== shown) {
      shown = item.text;
      changed.fire(shown);
    }
  }

  function update(): void {
    item.busy = false;
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.detail = undefined;
    if (server !== 'running') {
      item.text = `RadLint: ${server === 'failed' ? 'failed to start' : server}`;
      item.detail = serverDetail;
      if (server === 'failed' || server === 'stopped') item.severity = vscode.LanguageStatusSeverity.Error;
      return;
    }
    const document = active();
    const uri = document?.uri.toString();
    if (!document || !uri || !checked.has(uri)) {
      item.text = 'RadLint: not checked yet';
      item.detail = 'the report has not been checked yet';
    } else {
      const counts = countDiagnostics(vscode.languages.getDiagnostics(document.uri));
      item.text = countsText(counts);
      item.detail = counts.errors + counts.warnings + counts.notes === 0 ? 'RadLint checked this report' : 'RadLint';
      if (counts.errors) item.severity = vscode.LanguageStatusSeverity.Error;
      else if (counts.warnings) item.severity = vscode.LanguageStatusSeverity.Warning;
    }
    const since = uri ? pending.get(uri) : undefined;
    if (since !== undefined) {
      const wait = BUSY_AFTER_MS - (Date.now() - since);
      if (wait <= 0) item.busy = true;
      else if (!busyTimer) {
        busyTimer = setTimeout(() => {
          busyTimer = undefined;
          render();
        }, wait);
      }
    }
  }

  // After a check, VS Code stores the diagnostics a moment later: render then, and on any change.
  const renderSoon = () => setTimeout(render, 0);
  const started = (uri: string) => {
    if (!pending.has(uri)) pending.set(uri, Date.now());
  };
  const finished = (uri: string, version?: number) => {
    pending.delete(uri);
    checked.set(uri, version);
    renderSoon();
  };
  const uriOf = (d: vscode.TextDocument | vscode.Uri) => ('uri' in d ? d.uri : d).toString();

  const middleware: Middleware = {
    // Rules come by pull in VS Code; AI suggestions (and clients without pull) by push.
    async provideDiagnostics(document, previousResultId, token, next) {
      const uri = uriOf(document);
      started(uri);
      try {
        const result = await next(document, previousResultId, token);
        if (!token.isCancellationRequested) finished(uri, 'uri' in document ? document.version : undefined);
        return result;
      } catch (error) {
        pending.delete(uri);
        renderSoon();
        throw error;
      }
    },
    handleDiagnostics(uri, diagnostics, next) {
      next(uri, diagnostics);
      // A push with rule diagnostics is a finished check; an AI-only push says nothing about the rules.
      if (diagnostics.some((d) => d.source === SOURCE_RULES)) finished(uri.toString());
      else renderSoon();
    },
  };

  context.subscriptions.push(
    item,
    vscode.languages.onDidChangeDiagnostics((e) => {
      const uri = active()?.uri.toString();
      if (uri && e.uris.some((u) => u.toString() === uri)) render();
    }),
    vscode.window.onDidChangeActiveTextEditor(render),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0) return;
      const uri = e.document.uri.toString();
      if (checked.has(uri)) started(uri);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      checked.delete(d.uri.toString());
      pending.delete(d.uri.toString());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('radlint.languages')) item.selector = selector();
    }),
    changed,
    { dispose: () => busyTimer && clearTimeout(busyTimer) },
  );
  render();

  return {
    middleware,
    setServerState(state, detail) {
      server = state;
      serverDetail = detail;
      if (state !== 'running') {
        checked.clear();
        pending.clear();
      }
      render();
    },
    text: () => item.text,
    onDidChange: changed.event,
  };
}
