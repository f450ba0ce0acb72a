import type { Report } from '../report/types';
import type { RuleContext } from '../rules/types';
import type { Understanding } from './types';
export * from './types';

/** What the report says: patient, exam and every finding mention with assertion, side and size. */
export function understand(report: Report): Understanding {
  void report;
  return { patient: { sex: null, age: null }, exam: { modality: null, bodyPart: null, side: null, span: null }, findings: [] };
}

/** The understanding of a report, computed once per check and shared by every rule. */
export function understandingOf(report: Report, context: RuleContext): Understanding {
  let u = context.memo.get('understanding') as Understanding | undefined;
  if (!u) {
    u = understand(report);
    context.memo.set('understanding', u);
  }
  return u;
}

/** The per-file object of the `radlint findings --format json` contract, minus `path`. (Stub until the findings core lands.) */
export function findingsJson(report: Report): Record<string, unknown> {
  const u = understand(report);
  return { patient: u.patient, exam: { modality: u.exam.modality, bodyPart: u.exam.bodyPart, side: u.exam.side }, findings: [] };
}

/** One human-readable line per finding. (Stub until the findings core lands.) */
export function findingsText(report: Report): string[] {
  return understand(report).findings.map((f) => `${f.finding} ${f.assertion}`);
}
