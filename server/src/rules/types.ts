import type { Report } from '../report/types';
import type { Category, Problem, Severity } from '../problem';

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
