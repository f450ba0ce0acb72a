import type { Report, Span } from '../report/types';

/** DESIGN.md contract: the categories a Problem may have. */
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
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Side = 'left' | 'right' | 'bilateral';

/** A text edit in report offsets. */
export interface TextEdit extends Span {
  newText: string;
}

/**
 * A fix the user may choose. Computed when the problem is found, so applying it never
 * recomputes anything or calls an LLM.
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** newText uses snippet syntax ($1, ${2:time}); editors without snippet support get it stripped. */
  snippet?: boolean;
  /** A command instead of (or after) the edits, e.g. add a word to the dictionary. */
  command?: { command: string; title: string; arguments?: unknown[] };
}

export interface RelatedSpan extends Span {
  message: string;
}

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
  source?: 'rules' | 'llm';
}

/** What a rule may know besides the report: settings and shared per-check caches. */
export interface RuleContext {
  /** Per-rule options from settings, keyed by rule id. */
  options: Record<string, unknown>;
  /** Memo for expensive derived data shared by rules during one check (e.g. extracted findings). */
  memo: Map<string, unknown>;
}

export interface Rule {
  id: string;
  category: Category;
  severity: Severity;
  description: string;
  check(report: Report, context: RuleContext): Problem[];
  /** Slow one-time set-up (loading dictionaries), awaited before the first check. */
  prepare?(): Promise<void>;
}
