import { parseReport, type Report } from './report';
import { RULES, ruleLevel } from './rules/registry';
import type { Problem, Severity } from './problem';
import type { Rule, RuleContext } from './rules/types';

/** Per rule: 'off', a severity that overrides the rule's default, or 'default'. */
export type RuleLevel = 'off' | 'default' | Severity;

export interface EngineSettings {
  rules: Record<string, RuleLevel>;
  ruleOptions: Record<string, unknown>;
}

export const DEFAULT_SETTINGS: EngineSettings = { rules: {}, ruleOptions: {} };

export interface CheckResult {
  report: Report;
  problems: Problem[];
  /** Rules that threw: the others still report; the adapter logs these. */
  failures: { rule: string; error: unknown }[];
}

/** Await every rule's one-time set-up. Checks before it has finished simply find less. */
export async function prepareRules(rules: readonly Rule[] = RULES): Promise<void> {
  await Promise.all(rules.map((r) => r.prepare?.()));
}

/** Run every enabled rule over a report. Pure: text and settings in, problems out. */
export function checkText(text: string, settings: EngineSettings = DEFAULT_SETTINGS, rules: readonly Rule[] = RULES): CheckResult {
  return checkReport(parseReport(text), settings, rules);
}

export function checkReport(report: Report, settings: EngineSettings = DEFAULT_SETTINGS, rules: readonly Rule[] = RULES): CheckResult {
  const context: RuleContext = { options: settings.ruleOptions, memo: new Map() };
  const problems: Problem[] = [];
  const failures: CheckResult['failures'] = [];
  for (const rule of rules) {
    const level = ruleLevel(settings.rules, rule.id);
    if (level === 'off') continue;
    try {
      for (const problem of rule.check(report, context)) {
        problems.push({ ...problem, severity: level === 'default' ? problem.severity : level, source: problem.source ?? 'rules' });
      }
    } catch (error) {
      failures.push({ rule: rule.id, error });
    }
  }
  problems.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { report, problems, failures };
}
