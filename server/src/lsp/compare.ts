// Trainee mode in the editor: a trainee's report compared with the attending's (compare/), its
// discrepancies shown as diagnostics on the trainee document until cleared.
//
// How they reach the editor without being wiped by the rule diagnostics: they are always pushed
// (textDocument/publishDiagnostics) with the AI diagnostics, never pulled. A pull client (VS Code)
// keeps pushed and pulled diagnostics apart (see lsp/ai.ts); a push-only client (Neovim) gets them in
// every push, with the rule diagnostics (lsp/diagnostics.ts `push`). They follow the trainee's edits:
// each version is compared afresh with the reference as it was when the comparison was asked for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity,
  ErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compareReports, comparisonJson, COMPARE_JSON_VERSION, type Comparison, type Discrepancy } from '../compare';
import { scorecardHtml } from '../compare/scorecard';
import { analyze, type Analysis } from '../engine';
import { rangeOf, sectionOf, type Report } from '../report';
import {
  COMMANDS,
  CompareRequest,
  SOURCE_COMPARE,
  type CompareReference,
  type CompareResult,
  type ComparisonDiagnosticData,
} from '../protocol';

/** The server commands of trainee mode, for clients that do not register them themselves. */
export const COMPARE_COMMANDS: string[] = [COMMANDS.compareWithReference, COMMANDS.clearComparison];

export interface CompareHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  pullDiagnostics(): boolean;
  /** Push what the server pushes for the document (AI and comparison, and the rules for push-only clients). */
  push(document: TextDocument): Promise<void>;
}

export interface CompareFeature {
  /** The comparison diagnostics of the document's current version ([] when it is not compared). */
  diagnostics(document: TextDocument): Diagnostic[];
  /** Call on every change: pull clients get the comparison of the new version pushed. */
  changed(document: TextDocument): void;
  closed(uri: string): void;
  /** The server commands (COMPARE_COMMANDS), by id, for the executeCommand handler. */
  commands: Record<string, (args: unknown[]) => Promise<unknown>>;
}

interface Reference {
  /** Where related information points; absent when only the text was given. */
  uri?: string;
  name: string;
  analysis: Analysis;
}

interface Compared {
  reference: Reference;
  last?: { version: number; comparison: Comparison; diagnostics: Diagnostic[] };
}

/** As `radlint compare` reads files: 1 MB at most, UTF-8 text. */
const MAX_BYTES = 1 << 20;

/** Pull clients: how long typing must pause before the comparison of the new text is pushed. */
const PULL_PUSH_DELAY_MS = 200;

const SEVERITY = { major: DiagnosticSeverity.Warning, minor: DiagnosticSeverity.Information } as const;

const nameOf = (uri: string) => {
  const tail =
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() || uri;
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
};

const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);

/**
 * Where a finding a report does not state is shown: at its impression header (where the trainee
 * would have said it), else on its first line with text.
 */
export function anchorRange(report: Report): Range {
  const header = sectionOf(report, 'impression')?.header;
  if (header) return rangeOf(report.lineStarts, header);
  const text = report.text;
  const start = text.search(/\S/);
  if (start < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const lineEnd = text.slice(start).search(/[\r\n]/);
  const end = lineEnd < 0 ? text.length : start + lineEnd;
  return rangeOf(report.lineStarts, { start, end: text.slice(start, end).trimEnd().length + start });
}

const quoted = (report: Report, d: { start: number; end: number }) => report.text.slice(d.start, d.end).replace(/\s+/g, ' ').trim();

/** One diagnostic per discrepancy, on the trainee document, with related information into the reference. */
export function comparisonDiagnostics(c: Comparison, version: number, referenceUri?: string): Diagnostic[] {
  return c.discrepancies.map((d: Discrepancy) => {
    const related: DiagnosticRelatedInformation[] = [];
    if (referenceUri) {
      related.push(
        d.reference
          ? {
              location: { uri: referenceUri, range: rangeOf(c.reference.lineStarts, d.reference) },
              message: `The reference: "${quoted(c.reference, d.reference)}"`,
            }
          : { location: { uri: referenceUri, range: anchorRange(c.reference) }, message: 'The reference does not say it.' },
      );
    }
    const data: ComparisonDiagnosticData = {
      category: 'comparison',
      kind: d.kind,
      severity: d.severity,
      finding: d.finding,
      side: d.side,
      version,
    };
    return {
      range: d.trainee ? rangeOf(c.trainee.lineStarts, d.trainee) : anchorRange(c.trainee),
      severity: SEVERITY[d.severity],
      source: SOURCE_COMPARE,
      code: d.kind,
      message: d.message,
      relatedInformation: related.length ? related : undefined,
      data,
    };
  });
}

/** The request's answer: the CLI's JSON of the pair, and its scorecard page. */
export function compareResult(c: Comparison, trainee: string, reference: string, diagnostics: number): CompareResult {
  const html = scorecardHtml([{ name: `${trainee} against ${reference}`, comparison: c }], {
    title: 'Comparison with the reference report',
    source: `trainee ${trainee}, reference ${reference}`,
  });
  return { version: COMPARE_JSON_VERSION, trainee, reference, ...comparisonJson(c), diagnostics, html };
}

function readReferenceFile(uri: string): string {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    throw invalid(`RadLint cannot read the reference ${uri}: open it in the editor, or give its text.`);
  }
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(`${path.basename(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'}`);
  }
  if (data.length > MAX_BYTES) throw invalid(`${path.basename(file)}: ${data.length} bytes is over the size cap (${MAX_BYTES})`);
  if (data.includes(0)) throw invalid(`${path.basename(file)}: binary file (contains NUL bytes)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw invalid(`${path.basename(file)}: not valid UTF-8 text`);
  }
}

export function attachCompare(host: CompareHost): CompareFeature {
  const { connection, documents } = host;
  const compared = new Map<string, Compared>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function resolveReference(reference: CompareReference | undefined): Reference {
    if (reference && 'text' in reference && typeof reference.text === 'string') {
      const uri = typeof reference.uri === 'string' && reference.uri ? reference.uri : undefined;
      const name = typeof reference.name === 'string' && reference.name ? reference.name : uri ? nameOf(uri) : 'reference';
      return { uri, name, analysis: analyze(reference.text.replace(/^\uFEFF/, '')) };
    }
    const uri = reference && 'uri' in reference ? reference.uri : undefined;
    if (typeof uri !== 'string' || !uri) throw invalid('The reference report is missing: give its uri or its text.');
    const text = documents.get(uri)?.getText() ?? readReferenceFile(uri);
    return { uri, name: nameOf(uri), analysis: analyze(text.replace(/^\uFEFF/, '')) };
  }

  function current(document: TextDocument): Compared['last'] {
    const entry = compared.get(document.uri);
    if (!entry) return undefined;
    if (entry.last?.version !== document.version) {
      const comparison = compareReports(analyze(document.getText()), entry.reference.analysis);
      entry.last = {
        version: document.version,
        comparison,
        diagnostics: comparisonDiagnostics(comparison, document.version, entry.reference.uri),
      };
    }
    return entry.last;
  }

  async function compare(traineeUri: unknown, reference: CompareReference | undefined): Promise<CompareResult> {
    const document = typeof traineeUri === 'string' ? documents.get(traineeUri) : undefined;
    if (!document)
      throw invalid(
        'Open the trainee report first: RadLint compares an open report it checks (a Radiology Report, or a language in radlint.languages).',
      );
    if (reference && 'uri' in reference && reference.uri === document.uri && !('text' in reference))
      throw invalid('The reference is the trainee report itself: pick another report.');
    compared.set(document.uri, { reference: resolveReference(reference) });
    const last = current(document)!;
    await host.push(document);
    return compareResult(last.comparison, nameOf(document.uri), compared.get(document.uri)!.reference.name, last.diagnostics.length);
  }

  async function clear(uri: unknown): Promise<boolean> {
    if (typeof uri !== 'string' || !compared.delete(uri)) return false;
    const document = documents.get(uri);
    if (document) await host.push(document);
    return true;
  }

  connection.onRequest(CompareRequest, (params) => compare(params?.uri, params?.reference));

  return {
    diagnostics: (document) => current(document)?.diagnostics ?? [],
    changed(document) {
      if (!host.pullDiagnostics() || !compared.has(document.uri)) return;
      // Comparing takes some 20 ms: once typing pauses, not on every key.
      clearTimeout(timers.get(document.uri));
      timers.set(
        document.uri,
        setTimeout(() => {
          timers.delete(document.uri);
          const latest = documents.get(document.uri);
          if (latest && compared.has(latest.uri)) void host.push(latest);
        }, PULL_PUSH_DELAY_MS),
      );
    },
    closed(uri) {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      // A closed document's comparison goes with it (push-only clients get an empty push on close).
      if (compared.delete(uri) && host.pullDiagnostics()) void connection.sendDiagnostics({ uri, diagnostics: [] });
    },
    commands: {
      [COMMANDS.compareWithReference]: ([trainee, reference]) =>
        compare(trainee, typeof reference === 'string' ? { uri: reference } : (reference as CompareReference | undefined)),
      [COMMANDS.clearComparison]: ([uri]) => clear(uri),
    },
  };
}
