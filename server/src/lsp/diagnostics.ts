// The one place that turns engine Problems into LSP Diagnostics (and back to fixes for code actions).
import { CodeDescription, DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import { rangeOf } from '../report/positions';
import type { Fix, Problem, Severity } from '../problem';
import { docsUrl } from '../rules/docs';

export const SOURCE_RULES = 'radlint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A fix as carried in Diagnostic.data: edits already in LSP ranges of the version diagnosed. */
export interface FixData {
  title: string;
  isPreferred?: boolean;
  snippet?: boolean;
  edits: { range: Range; newText: string }[];
  applicability: Fix['applicability'];
}

export interface DiagnosticData {
  version: number;
  finding?: string;
  side?: string;
  /** A spelling problem's word, for "Add to dictionary" and "Ignore". */
  word?: string;
  fixes: FixData[];
}

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
      isPreferred: fix.isPreferred,
      snippet: fix.snippet,
      applicability: fix.applicability,
      edits: fix.edits.map((e) => ({ range: rangeOf(lineStarts, e), newText: e.newText })),
    })),
  };
  return {
    range: rangeOf(lineStarts, problem),
    severity: SEVERITY[problem.severity],
    code: problem.rule,
    codeDescription: CodeDescription.is({ href: docsUrl(problem.rule) }) ? { href: docsUrl(problem.rule) } : undefined,
    source: problem.source === 'llm' ? 'radlint AI' : SOURCE_RULES,
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
