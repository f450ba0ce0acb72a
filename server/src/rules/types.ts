// What a rule sees and returns. Below the engine: the engine implements ReportAnalysis, rules never
// import engine.ts.
import type { Report } from '../report/types';
import type { ReportPart, Understanding } from '../nlp';
import type { CriticalFinding } from '../critical/findings';
import type { ZodType } from 'zod';
import type { Category, Problem, Severity } from '../problem';
import type { FindingTypo } from '../spelling/finding-typos';

/** Per rule: 'off', a severity that overrides the rule's default, or 'default'. */
export type RuleLevel = 'off' | 'default' | Severity;

/** The parts of one analysis a rule may read, each computed once for every rule (engine.ts: Analysis). */
export interface ReportAnalysis {
  readonly report: Report;
  /** The levels set in radlint.rules by rule id, and the user's words (dictionary files, "Ignore in this report"). */
  readonly settings: {
    readonly rules: Readonly<Record<string, RuleLevel>>;
    readonly words: readonly string[];
    readonly ignoredWords: readonly string[];
  };
  /** Patient, exam and every finding mention with assertion, side, site and size. */
  readonly understanding: Understanding;
  /** Findings/impression pairs. */
  readonly parts: ReportPart[];
  /** Present or suspected critical findings, with the user's changes to the list. */
  readonly critical: CriticalFinding[];
  /** Misspelt finding words the understanding read as corrected (spelling/finding-typos.ts). */
  readonly findingTypos: FindingTypo[];
}

/** What a rule is given: the report, the check's shared analysis and its own options. */
export interface RuleContext<O = unknown> {
  readonly report: Report;
  /** The understanding, report parts and critical findings, computed once for every rule. */
  readonly analysis: ReportAnalysis;
  /** This rule's options (radlint.ruleOptions[id]) read through its schema: defaults filled, bad values replaced. */
  readonly options: O;
  /** Another rule's options, read the same way (real-word-confusion follows spelling's `confusions`). */
  optionsOf<P>(rule: Rule<P>): P;
  /** A result several rules need (sizes compared, side words checked), computed once per check. */
  shared<T>(part: SharedPart<T>): T;
}

/** Something rules share within one check, keyed by this object (typed, no string keys). */
export interface SharedPart<T> {
  readonly name: string;
  compute(context: RuleContext): T;
}

export interface Rule<O = unknown> {
  id: string;
  category: Category;
  severity: Severity;
  description: string;
  /**
   * The rule's options, if it has any: parsed from radlint.ruleOptions[id] before each check, and
   * the source of that setting's JSON schema in package.json (npm run gen). Must not throw: give
   * every field a default and a catch, so a bad value falls back as the rest of the settings do.
   */
  options?: ZodType<O>;
  check(context: RuleContext<O>): Problem[];
  /** Slow one-time set-up (loading dictionaries), awaited before the first check. */
  prepare?(): Promise<void>;
}

/** A rule, typed by its options schema: `check(context)` gets `context.options` as the schema's output. */
export function defineRule<O = undefined>(rule: Rule<O>): Rule<O> {
  return rule;
}
