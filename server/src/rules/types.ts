// What a rule sees and returns. Below the engine: the engine implements ReportAnalysis, rules never
// import engine.ts.
import type { Report } from '../report/types';
import type { ReportPart, Understanding } from '../nlp';
import type { CriticalFinding } from '../critical/findings';
import type { Category, Problem, Severity } from '../problem';

/** Per rule: 'off', a severity that overrides the rule's default, or 'default'. */
export type RuleLevel = 'off' | 'default' | Severity;

/** The parts of one analysis a rule may read, each computed once for every rule (engine.ts: Analysis). */
export interface ReportAnalysis {
  readonly report: Report;
  /** The levels set in radlint.rules, by rule id. */
  readonly settings: { readonly rules: Readonly<Record<string, RuleLevel>> };
  /** Patient, exam and every finding mention with assertion, side, site and size. */
  readonly understanding: Understanding;
  /** Findings/impression pairs. */
  readonly parts: ReportPart[];
  /** Present or suspected critical findings, with the user's changes to the list. */
  readonly critical: CriticalFinding[];
}

/** What a rule may know besides the report: settings and the check's shared analysis. */
export interface RuleContext {
  /** Per-rule options from settings, keyed by rule id. */
  options: Record<string, unknown>;
  /** The understanding, report parts and critical findings, computed once for every rule. */
  analysis: ReportAnalysis;
  /** A result several rules need (sizes compared, side words checked), computed once per check. */
  shared<T>(part: SharedPart<T>): T;
}

/** Something rules share within one check, keyed by this object (typed, no string keys). */
export interface SharedPart<T> {
  readonly name: string;
  compute(report: Report, context: RuleContext): T;
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
