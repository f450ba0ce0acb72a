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
