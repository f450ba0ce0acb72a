// The problem model: what every rule, rewrite and adapter speaks. Plain data in report offsets;
// lsp/diagnostics.ts is the one place that turns it into LSP Diagnostics.
import type { Edit, Span } from './report/types';
import type { Side } from './nlp/types';

/** The categories a Problem may have (contract: docs/cli.md). */
export const CATEGORIES = [
  'laterality',
  'omission',
  'insertion',
  'contradiction',
  'sex-mismatch',
  'measurement',
  'critical',
  'communication',
  'spelling',
  'dictation',
  'placeholder',
  'structure',
  'style',
  'guideline',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type { Edit };

/**
 * How far a fix may be trusted without the user reading it. Only `safe` fixes (a repeated word
 * deleted) may be applied in bulk; `unsafe` ones change meaning (swap a side, change a unit) and are
 * applied one at a time by choice; `display-only` text (an AI suggestion) is shown, never applied blindly.
 */
export type Applicability = 'safe' | 'unsafe' | 'display-only';

/**
 * A fix the user may choose. Computed when the problem is found, so applying it never
 * recomputes anything or calls an LLM.
 */
export interface Fix {
  title: string;
  edits: Edit[];
  applicability: Applicability;
  isPreferred?: boolean;
  /** newText uses snippet syntax ($1, ${2:time}); editors without snippet support get it stripped. */
  snippet?: boolean;
}

export interface RelatedSpan extends Span {
  message: string;
}

export type ProblemSource = 'rules' | 'llm';

export interface Problem extends Span {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  related?: RelatedSpan[];
  /** Normalized finding name, where the rule knows it ("pleural effusion"). */
  finding?: string;
  side?: Side;
  fixes?: Fix[];
  source?: ProblemSource;
  /** The word a spelling problem is about; the LSP layer offers "Add to dictionary" and "Ignore" for it. */
  word?: string;
}
