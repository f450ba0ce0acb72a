// The one place that turns engine Problems into LSP Diagnostics, and how they reach the editor:
// pulled where the client pulls (VS Code), pushed with the document version otherwise (Neovim).
import {
  CodeDescription,
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf } from '../report/positions';
import type { Problem, Severity } from '../problem';
import { docsUrl } from '../rules/docs';
import { CheckDocumentRequest, SOURCE_AI, SOURCE_RULES, type DiagnosticData } from '../protocol';
import type { Analyses, ReportState } from './documents';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(problem: Problem, lineStarts: number[], uri: string, version: number): Diagnostic {
  const related: DiagnosticRelatedInformation[] = (problem.related ?? []).map((r) => ({
    location: { uri, range: rangeOf(lineStarts, r) },
    message: r.message,
  }));
  const data: DiagnosticData = {
    version,
    finding: problem.finding,
    side: problem.side,
    word: problem.word,
    fixes: (problem.fixes ?? []).map((fix) => ({
      title: fix.title,
      applicability: fix.applicability,
      isPreferred: fix.isPreferred,
      snippet: fix.snippet,
      edits: fix.edits.map((e) => ({ range: rangeOf(lineStarts, e), newText: e.newText })),
    })),
  };
  return {
    range: rangeOf(lineStarts, problem),
    severity: SEVERITY[problem.severity],
    code: problem.rule,
    codeDescription: CodeDescription.is({ href: docsUrl(problem.rule) }) ? { href: docsUrl(problem.rule) } : undefined,
    source: problem.source === 'llm' ? SOURCE_AI : SOURCE_RULES,
    message: problem.message,
    relatedInformation: related.length ? related : undefined,
    data,
  };
}

/** Snippet syntax ($1, ${2:time}) as plain text, for clients that cannot take snippets. */
export function stripSnippet(text: string): string {
  return text
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1') // a choice: its first option
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** The rule diagnostics of a document state (one info diagnostic when it is too large to check). */
export function diagnosticsOf(state: ReportState, document: TextDocument): Diagnostic[] {
  if (state.kind === 'unchecked') return [];
  if (state.kind === 'too-large') {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE_RULES,
        code: 'not-checked',
        message: `RadLint did not check this document: ${state.length} characters is over radlint.maxFileSize (${state.maxFileSize}).`,
      },
    ];
  }
  const { report, problems } = state.analysis;
  return problems.map((p) => toDiagnostic(p, report.lineStarts, document.uri, document.version));
}

export interface DiagnosticsHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  analyses: Analyses;
  /** AI diagnostics of the document's current version: always pushed. */
  aiDiagnostics(document: TextDocument): Diagnostic[];
  /** Comparison diagnostics (trainee mode, lsp/compare.ts) of the document's current version: always pushed. */
  comparisonDiagnostics(document: TextDocument): Diagnostic[];
  pullDiagnostics(): boolean;
}

export interface DiagnosticsFeature {
  /** The rule diagnostics of the document's current version. */
  diagnose(document: TextDocument): Promise<Diagnostic[]>;
  /**
   * Push what is pushed for this document: AI and comparison diagnostics together (a push replaces
   * everything pushed before), and for push-only clients the rule diagnostics with them.
   */
  push(document: TextDocument): Promise<void>;
  /**
   * The document changed (push clients): publish the diagnostics of its latest version soon. Edits
   * that arrive meanwhile are coalesced, so a burst costs one analysis per pause, not one per edit.
   */
  changed(document: TextDocument): void;
  /** Everything may have changed (settings, word lists): pull clients refresh, others get pushes. */
  refreshAll(): void;
}

/** The longest an edit waits to be coalesced with the next ones (a slow analysis waits about its own time). */
const MAX_COALESCE_MS = 250;

export function attachDiagnostics(host: DiagnosticsHost): DiagnosticsFeature {
  const { connection, documents, analyses } = host;

  async function diagnose(document: TextDocument): Promise<Diagnostic[]> {
    return diagnosticsOf(await analyses.of(document), document);
  }

  async function push(document: TextDocument): Promise<void> {
    const version = document.version;
    // A push replaces everything sent for the document, so the AI and comparison diagnostics ride along.
    const pushed = [...host.aiDiagnostics(document), ...host.comparisonDiagnostics(document)];
    const diagnostics = host.pullDiagnostics() ? pushed : [...(await diagnose(document)), ...pushed];
    // Drop results for a version the user has already typed past.
    if (documents.get(document.uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
  }

  const scheduled = new Map<string, ReturnType<typeof setTimeout>>();
  const lastChange = new Map<string, number>();
  function changed(document: TextDocument): void {
    const { uri } = document;
    const now = performance.now();
    const sincePrevious = now - (lastChange.get(uri) ?? -Infinity);
    lastChange.set(uri, now);
    if (scheduled.has(uri)) return; // the publish already scheduled takes the latest version
    // Typing slower than the analysis: publish at once. Edits coming faster: wait about as long as
    // the last analysis took, so the edits read meanwhile cost one analysis between them.
    const cost = analyses.costOf(uri);
    const wait = sincePrevious > cost ? 0 : Math.min(MAX_COALESCE_MS, Math.ceil(cost));
    scheduled.set(
      uri,
      setTimeout(() => {
        scheduled.delete(uri);
        const latest = documents.get(uri);
        if (latest) void push(latest);
      }, wait),
    );
  }

  function refreshAll(): void {
    if (host.pullDiagnostics()) connection.languages.diagnostics.refresh();
    else for (const d of documents.all()) void push(d);
  }

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    const items = document ? await diagnose(document) : [];
    // $/cancelRequest: the editor has moved on (usually to a newer version); say so rather than answer late.
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });

  // "RadLint: Check Current Report": diagnose now and say how many problems there are.
  connection.onRequest(CheckDocumentRequest, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return { problems: 0, checked: false };
    const state = await analyses.of(document);
    const diagnostics = diagnosticsOf(state, document);
    if (host.pullDiagnostics()) connection.languages.diagnostics.refresh();
    else await push(document); // with the AI and comparison diagnostics, which a rules-only push would wipe
    const checked = state.kind === 'checked';
    return { problems: checked ? diagnostics.length : 0, checked };
  });

  return { diagnose, push, changed, refreshAll };
}
