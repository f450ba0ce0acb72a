import type { Report } from '../report/types';
import type { Category, Problem, Severity } from '../problem';
import type { Analysis } from '../engine';

/** What a rule may know besides the report: settings and the check's shared analysis. */
export interface RuleContext {
  /** Per-rule options from settings, keyed by rule id. */
  options: Record<string, unknown>;
  /** The understanding, report parts and critical findings, computed once for every rule. */
  analysis: Analysis;
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
