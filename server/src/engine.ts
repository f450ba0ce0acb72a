// The one door into the engine: every adapter (language server, CLI, evaluations, rewrites) calls
// analyze() and reads what it needs from the Analysis. Pure: text and settings in, plain data out.
import { parseReport, sentenceIndexAt, type Report } from './report';
import { reportParts, type ReportPart, type Understanding } from './nlp';
import { RULES, ruleLevel } from './rules/registry';
import { findCriticalFindings, type CriticalFinding, type CriticalOverrides } from './critical/findings';
import type { Category, Problem } from './problem';
import type { ReportAnalysis, Rule, RuleContext, RuleLevel, SharedPart } from './rules/types';
import { getSpellChecker } from './spelling/load';
import { acceptedWords } from './rules/spelling';
import { typoCandidates, understandThroughTypos, type FindingTypo } from './spelling/finding-typos';

export type { RuleLevel };

export interface EngineSettings {
  rules: Record<string, RuleLevel>;
  /** Changes to the critical-findings list by finding name (radlint.critical). */
  critical: CriticalOverrides;
  /** Words the user added to a dictionary (word-list files). */
  words: readonly string[];
  /** Words ignored in this one report ("Ignore in this report"). */
  ignoredWords: readonly string[];
  /** Per-rule options (radlint.ruleOptions), keyed by rule id. */
  ruleOptions: Record<string, unknown>;
  /** Problems the user chose to ignore here ("Ignore here"), by rule, flagged words and sentence. */
  ignores: readonly ProblemAnchor[];
}

/** Where a problem stands, in words that survive edits elsewhere: rule, flagged text, its sentence. */
export interface ProblemAnchor {
  rule: string;
  text: string;
  context: string;
}

// A document that is no imaging report (a case history, an operative note: report/documents.ts) gets only
// the checks that read any text.
const ANY_DOCUMENT: ReadonlySet<Category> = new Set<Category>(['spelling', 'dictation', 'placeholder']);

export const DEFAULT_SETTINGS: EngineSettings = { rules: {}, critical: {}, words: [], ignoredWords: [], ruleOptions: {}, ignores: [] };

// A rule's defaults, parsed once: zod parsing every rule's options on every check cost more than some rules.
const DEFAULT_OPTIONS = new Map<Rule<unknown>, unknown>();
// And options given as an object, parsed once per object: the CLI and the server pass the same settings
// object to every check (the follow-up rule's options were a zod parse per report).
const GIVEN_OPTIONS = new WeakMap<object, Map<Rule<unknown>, unknown>>();
function parseOptions(rule: Rule<unknown>, given: unknown): unknown {
  if (!rule.options) return undefined;
  if (typeof given === 'object' && given !== null) {
    let parsed = GIVEN_OPTIONS.get(given);
    if (!parsed) GIVEN_OPTIONS.set(given, (parsed = new Map()));
    if (!parsed.has(rule)) parsed.set(rule, rule.options.parse(given));
    return parsed.get(rule);
  }
  if (given !== undefined) return rule.options.parse(given);
  if (!DEFAULT_OPTIONS.has(rule)) DEFAULT_OPTIONS.set(rule, rule.options.parse(undefined));
  return DEFAULT_OPTIONS.get(rule);
}

const UNPARSED = Symbol('unparsed');
interface Step {
  rule: Rule<unknown>;
  level: Exclude<RuleLevel, 'off'>;
  /** The rule's options, parsed at its first check. */
  options: unknown;
}
// The rules a check runs, with their levels and options, kept for the last settings objects seen with each
// rule list: the server and the CLI pass the same objects to every check, and looking up every rule's level
// and options per check cost some 5 us, a sixth of checking an empty text. Settings objects are never changed
// in place (a new configuration is a new object).
const STEPS = new WeakMap<readonly Rule[], { levels: object; ruleOptions: object; steps: Step[] }>();
function stepsOf(rules: readonly Rule[], levels: EngineSettings['rules'], ruleOptions: EngineSettings['ruleOptions']): Step[] {
  const kept = STEPS.get(rules);
  if (kept && kept.levels === levels && kept.ruleOptions === ruleOptions) return kept.steps;
  const steps: Step[] = [];
  for (const rule of rules) {
    const level = ruleLevel(levels, rule.id);
    if (level !== 'off') steps.push({ rule, level, options: UNPARSED });
  }
  STEPS.set(rules, { levels, ruleOptions, steps });
  return steps;
}

/**
 * Everything the engine knows about one version of a report. Parts are computed when first asked
 * for and then kept, so diagnostics, code actions, AI merging and hover share one analysis.
 */
export class Analysis implements ReportAnalysis {
  readonly settings: EngineSettings;
  #understanding?: { understanding: Understanding; typos: FindingTypo[] };
  #typoCandidates?: Map<number, string>;
  #parts?: ReportPart[];
  #critical?: CriticalFinding[];
  #checked?: { problems: Problem[]; failures: { rule: string; error: unknown }[] };

  constructor(
    readonly report: Report,
    settings: Partial<EngineSettings> = {},
    private readonly rules: readonly Rule[] = RULES,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  /** Patient, exam and every finding mention with assertion, side, site and size. */
  get understanding(): Understanding {
    return this.#read().understanding;
  }

  /** Misspelt finding words read as their correction ("pnuemothorax" as pneumothorax): spelling/finding-typos.ts. */
  get findingTypos(): FindingTypo[] {
    // Without a candidate (the usual report) this costs no understanding.
    return this.#candidates().size ? this.#read().typos : [];
  }

  #candidates(): Map<number, string> {
    if (this.#typoCandidates) return this.#typoCandidates;
    return (this.#typoCandidates = typoCandidates(this.report, getSpellChecker(), acceptedWords(this.settings)));
  }

  #read() {
    return (this.#understanding ??= understandThroughTypos(this.report, this.#candidates()));
  }

  /** Findings/impression pairs, for the rules that read one against the other. */
  get parts(): ReportPart[] {
    return (this.#parts ??= reportParts(this.report, this.understanding));
  }

  /** Present or suspected critical findings, with the user's changes to the list. */
  get critical(): CriticalFinding[] {
    return (this.#critical ??= findCriticalFindings(this.report, this.understanding, this.settings.critical));
  }

  /** Every enabled rule's problems, in text order. */
  get problems(): Problem[] {
    return this.#check().problems;
  }

  /** Rules that threw: the others still report; the adapter logs these. */
  get failures(): { rule: string; error: unknown }[] {
    return this.#check().failures;
  }

  #check() {
    if (this.#checked) return this.#checked;
    const { rules: levels, ruleOptions } = this.settings;
    const shared = new Map<SharedPart<unknown>, unknown>();
    const optionsOf = <O>(rule: Rule<O>): O => parseOptions(rule, ruleOptions[rule.id]) as O;
    const context: RuleContext = {
      report: this.report,
      analysis: this,
      options: undefined,
      optionsOf,
      shared: <T>(part: SharedPart<T>): T => {
        let value = shared.get(part);
        if (value === undefined && !shared.has(part)) shared.set(part, (value = part.compute(context)));
        return value as T;
      },
    };
    const problems: Problem[] = [];
    const failures: { rule: string; error: unknown }[] = [];
    const anyDocument = this.report.document !== 'imaging';
    for (const step of stepsOf(this.rules, levels, ruleOptions)) {
      const { rule, level } = step;
      if (anyDocument && !ANY_DOCUMENT.has(rule.category)) continue;
      try {
        if (step.options === UNPARSED) step.options = parseOptions(rule, ruleOptions[rule.id]);
        // Each rule's context as a literal: a spread of the shared context per rule cost as much as some rules.
        const own: RuleContext = { report: context.report, analysis: this, options: step.options, optionsOf, shared: context.shared };
        for (const problem of rule.check(own)) {
          // A plain spread, then assignments (the same keys in the same order): a spread among other keys is slow in V8.
          const shown = { ...problem };
          shown.severity = level === 'default' ? problem.severity : level;
          shown.source = problem.source ?? 'rules';
          problems.push(shown);
        }
      } catch (error) {
        failures.push({ rule: rule.id, error });
      }
    }
    problems.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
    const ignores = this.settings.ignores;
    const shown = ignores.length === 0 ? problems : problems.filter((p) => !ignores.some((i) => sameAnchor(i, this.anchorOf(p))));
    return (this.#checked = { problems: shown, failures });
  }

  /**
   * Another text (a rewrite of this report, or a part of it) with the default settings and only this
   * analysis's rules of these categories: what the rewrite gate compares the report with.
   */
  analysisOf(text: string, categories: readonly Category[] = []): Analysis {
    return new Analysis(
      parseReport(text),
      {},
      this.rules.filter((r) => categories.includes(r.category)),
    );
  }

  /** The anchor an "Ignore here" keeps for a problem. */
  anchorOf(problem: { rule: string; start: number; end: number }): ProblemAnchor {
    const { report } = this;
    const sentence = report.sentences[sentenceIndexAt(report.sentences, problem.start)];
    const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
    return { rule: problem.rule, text: report.text.slice(problem.start, problem.end), context: fold(sentence?.text ?? '') };
  }
}

const sameAnchor = (a: ProblemAnchor, b: ProblemAnchor) => a.rule === b.rule && a.text === b.text && a.context === b.context;

/** Await every rule's one-time set-up. Checks before it has finished simply find less. */
export async function prepareRules(rules: readonly Rule[] = RULES): Promise<void> {
  await Promise.all(rules.map((r) => r.prepare?.()));
}

/** The analysis of a report text. */
export function analyze(text: string, settings: Partial<EngineSettings> = {}, rules: readonly Rule[] = RULES): Analysis {
  return new Analysis(parseReport(text), settings, rules);
}

/** The analysis of an already parsed report. */
export function analyzeReport(report: Report, settings: Partial<EngineSettings> = {}, rules: readonly Rule[] = RULES): Analysis {
  return new Analysis(report, settings, rules);
}

/** Alias of analyze() for callers that want the problems: `checkText(text).problems`. */
export const checkText = analyze;
