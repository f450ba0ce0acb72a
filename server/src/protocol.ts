// The one protocol shared by the VS Code client and the server: custom requests and notifications
// (typed), every command id, both diagnostic sources and the Diagnostic.data shape. Imports only the
// protocol package, which both sides have.
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';
import type { CompareSummary, DiscrepancyKind, DiscrepancySeverity } from './compare/contract';
import { REWRITE_KIND, type RewriteKind, type TemplateChoice } from './rewrite/kinds';

export { REWRITE_KIND, REWRITE_KINDS, rewriteKindOf, type RewriteKind, type TemplateChoice } from './rewrite/kinds';

/** Diagnostic sources: the deterministic rules, the AI second reader, and trainee-mode comparison. */
export const SOURCE_RULES = 'radlint';
export const SOURCE_AI = 'radlint AI';
/** Trainee mode: the discrepancies of a comparison with a reference report. Never counted with the rules. */
export const SOURCE_COMPARE = 'radlint compare';

/** A fix as carried in Diagnostic.data: edits already in LSP ranges of the version diagnosed. */
export interface FixData {
  title: string;
  /** As Fix.applicability in the engine (problem.ts): only 'safe' fixes may be applied in bulk. */
  applicability: 'safe' | 'unsafe' | 'display-only';
  isPreferred?: boolean;
  snippet?: boolean;
  edits: { range: Range; newText: string }[];
}

/** Diagnostic.data of every RadLint diagnostic, so a code action never recomputes. */
export interface DiagnosticData {
  version: number;
  finding?: string;
  side?: string;
  /** A spelling problem's word, for "Add to dictionary" and "Ignore". */
  word?: string;
  fixes: FixData[];
}

/** Command ids. Server commands run through workspace/executeCommand, so every LSP editor has them. */
export const COMMANDS = {
  /** Server: [word, documentUri]. */
  addToDictionary: 'radlint.addToDictionary',
  /** Server: [word, documentUri]. */
  ignoreWord: 'radlint.ignoreWord',
  /** Client (VS Code): [uri, version, { range, newText }] inserted as a snippet, fields as tab stops. */
  applySnippet: 'radlint.applySnippet',
  checkCurrentReport: 'radlint.checkCurrentReport',
  checkWithAi: 'radlint.checkWithAi',
  showLog: 'radlint.showLog',
  setApiKey: 'radlint.setApiKey',
  clearApiKey: 'radlint.clearApiKey',
  /** Server: [documentUri, ruleId, start: Position, flaggedText] — kept in the workspace's .radlint.json. */
  ignoreHere: 'radlint.ignoreHere',
  /** Client (VS Code): [ruleId] — writes radlint.rules per radlint.configurationTarget. */
  disableRule: 'radlint.disableRule',
  /** Client: opens the findings table of the active report beside it (UnderstandingRequest). */
  showUnderstanding: 'radlint.showUnderstanding',
  restartServer: 'radlint.restartServer',
  /** Client: opens a rule's docs page offline: [ruleId]. */
  openRuleDocs: 'radlint.openRuleDocs',
  /** [documentUri, version] — rewrites: server commands apply them with workspace/applyEdit; the VS Code
   * client registers the same ids as client commands (rewriteCommands) and applies them itself. */
  restructure: REWRITE_KIND.restructure.command,
  draftImpression: REWRITE_KIND.impression.command,
  patientSummary: REWRITE_KIND.summary.command,
  /**
   * Server (every LSP editor): [traineeUri, referenceUri] — compare, show the discrepancies as
   * diagnostics on the trainee document, answer a CompareResult. Client (VS Code): picks the reference.
   */
  compareWithReference: 'radlint.compareWithReference',
  /** Server and client: [traineeUri] — removes the comparison diagnostics. */
  clearComparison: 'radlint.clearComparison',
  /** Client: the workspace's ignores and turned-off rules, each with Remove (SuppressionsRequest). */
  showSuppressions: 'radlint.showSuppressions',
  /** Client: takes back the last "Ignore here" or "Turn off the rule". */
  undoSuppression: 'radlint.undoSuppression',
} as const;

/** Client -> server: what RadLint understood of a report, as the `radlint findings` table. */
export interface UnderstandingParams {
  uri: string;
}
export interface UnderstandingResult {
  /** A Markdown document: patient, exam, then one row per finding with a link to its place. */
  markdown: string;
  findings: number;
}
export const UnderstandingRequest = new RequestType<UnderstandingParams, UnderstandingResult | null, void>('radlint/understanding');

/** Client -> server: check one document now and report how many problems it has. */
export interface CheckDocumentParams {
  uri: string;
}
export interface CheckDocumentResult {
  problems: number;
  checked: boolean;
}
export const CheckDocumentRequest = new RequestType<CheckDocumentParams, CheckDocumentResult, void>('radlint/checkDocument');

/** Client -> server: run the AI check on one document now ("RadLint: Check with AI"). */
export interface CheckWithAiParams {
  uri: string;
}
export interface CheckWithAiResult {
  state: 'done' | 'failed' | 'off' | 'cancelled';
  /** AI problems shown. */
  issues: number;
  reason?: string;
}
export const CheckWithAiRequest = new RequestType<CheckWithAiParams, CheckWithAiResult, void>('radlint/checkWithAi');

/**
 * Client -> server: the API key from SecretStorage ("RadLint: Set API Key"), or null to clear it
 * ("RadLint: Clear API Key"). Held in memory only; never logged, never written to settings.
 */
export interface SetApiKeyParams {
  apiKey: string | null;
}
export const SetApiKeyRequest = new RequestType<SetApiKeyParams, null, void>('radlint/setApiKey');

/** Server -> client: the state of AI checks for a document, for the language status item. */
export type AiStatusState = 'off' | 'ready' | 'checking' | 'failed';
export interface AiStatusParams {
  uri: string;
  state: AiStatusState;
  /** Why it failed, or a hint ("run RadLint: Check with AI"). */
  reason?: string;
  /** AI problems shown after the last check. */
  issues?: number;
  /** AI answers dropped (invalid, or quoting text that is not in the report). */
  dropped?: number;
}
export const AiStatusNotification = new NotificationType<AiStatusParams>('radlint/aiStatus');

/** Client -> server: a rewrite of the report, verified, for the client to apply (VS Code: snippet, preview, side document). */
export interface RewriteParams {
  uri: string;
  version: number;
  kind: RewriteKind;
  /** Restructure into this template instead of the one the exam calls for. */
  templateId?: string;
}
export interface RewriteResult {
  /** False when the rewrite could not be verified (nothing to apply; `reasons` say why). */
  ok: boolean;
  reasons: string[];
  /** The document version the edit is for. */
  version: number;
  text: string;
  /** The edit in the document: its range and new text (snippet syntax when `snippet` is true). */
  edit: { range: Range; newText: string; snippet: boolean } | null;
  replacesImpression: boolean;
  template?: TemplateChoice;
  grade?: number;
  by: 'rules' | 'llm';
  /** One line: why an AI answer was not used. */
  note?: string;
}
export const RewriteRequest = new RequestType<RewriteParams, RewriteResult | null, void>('radlint/rewrite');
/**
 * Client -> server: the template a restructure would use and the others, before anything is rewritten
 * (VS Code asks the user first, then sends RewriteRequest once). Null when the version is gone.
 */
export const TemplateChoiceRequest = new RequestType<{ uri: string; version: number }, TemplateChoice | null, void>(
  'radlint/templateChoice',
);
/**
 * Client -> server: compare a trainee's report (an open document) with the attending's (the
 * reference), show the discrepancies as diagnostics on the trainee document (source SOURCE_COMPARE)
 * until cleared, and answer the comparison. The reference is a document the server can read (open
 * in the editor, or a file: uri), or its text; with a uri, related information points into it.
 */
export type CompareReference = { uri: string } | { text: string; name: string; uri?: string };
export interface CompareParams {
  /** The trainee document. */
  uri: string;
  reference: CompareReference;
}
export interface DiscrepancyJson {
  kind: DiscrepancyKind;
  severity: DiscrepancySeverity;
  finding: string;
  side: string | null;
  /** Ranges in the trainee's and the reference's text; null where that report does not say it. */
  trainee: Range | null;
  reference: Range | null;
  message: string;
}
export interface CompareResult {
  version: 1;
  /** The trainee's and the reference's names (file names). */
  trainee: string;
  reference: string;
  /** The counts of `radlint compare --format json` (docs/compare.md). */
  summary: CompareSummary;
  discrepancies: DiscrepancyJson[];
  /** Diagnostics shown on the trainee document. */
  diagnostics: number;
  /** The scorecard of this pair: a self-contained HTML page (inline CSS and SVG, no scripts). */
  html: string;
}
export const CompareRequest = new RequestType<CompareParams, CompareResult, void>('radlint/compare');

/**
 * Diagnostic.data of a comparison diagnostic. `comparison` is not a rule category (problem.ts
 * CATEGORIES): no rule makes it, `--category` does not select it and the AI is never offered it.
 */
export interface ComparisonDiagnosticData {
  category: 'comparison';
  kind: DiscrepancyJson['kind'];
  severity: DiscrepancyJson['severity'];
  finding: string;
  side: string | null;
  version: number;
}

/** What the client tells the server at start (initializationOptions). */
export interface InitializationOptions {
  /** The client runs COMMANDS.applySnippet: fixes with fields come as snippets. */
  snippetCommand?: boolean;
  /** The client shows AI state: send AiStatusNotification. */
  aiStatus?: boolean;
  /** The user's word-list file (VS Code: the extension's global storage). */
  userWordList?: string;
  /** The client runs COMMANDS.disableRule (it can write the user's or workspace settings). */
  disableRuleCommand?: boolean;
  /** The client runs COMMANDS.openRuleDocs (hovers link to the rule docs with it). */
  ruleDocsCommand?: boolean;
  /** The client applies rewrites itself (RewriteRequest): code actions carry its commands. */
  rewriteCommands?: boolean;
  /**
   * The client registers COMMANDS.compareWithReference and COMMANDS.clearComparison itself (and runs
   * them with CompareRequest and workspace/executeCommand): the server does not advertise them.
   */
  compareCommands?: boolean;
}

/** An "Ignore here" kept in a workspace folder's .radlint.json, as listed and removed. */
export interface IgnoreEntry {
  /** The workspace folder (file: uri) whose .radlint.json holds it. */
  folder: string;
  /** The report's path relative to the folder. */
  file: string;
  rule: string;
  /** The flagged words, and the sentence around them. */
  text: string;
  context: string;
}
/** Client -> server: the suppressions of this workspace (and the rules off for one document, when given). */
export interface SuppressionsParams {
  uri?: string;
}
export interface SuppressionsResult {
  ignores: IgnoreEntry[];
  /** Rules set to off in the settings the server reads for `uri`. */
  rulesOff: string[];
  /** A .radlint.json that could not be read, with why. */
  errors: string[];
}
export const SuppressionsRequest = new RequestType<SuppressionsParams, SuppressionsResult, void>('radlint/suppressions');
/** Client -> server: remove one ignore from its .radlint.json (a removed ignore's problem shows again). */
export interface RemoveIgnoreParams {
  ignore: IgnoreEntry;
}
export interface RemoveIgnoreResult {
  removed: boolean;
  error?: string;
}
export const RemoveIgnoreRequest = new RequestType<RemoveIgnoreParams, RemoveIgnoreResult, void>('radlint/removeIgnore');
