import { findCommunications } from '../critical/communication';
import { URGENCY_WORDS } from '../critical/findings';
import { ruleLevel } from './levels';
import type { Problem } from '../problem';
import { defineRule } from './types';

export const criticalFinding = defineRule({
  id: 'critical-finding',
  category: 'critical',
  severity: 'info',
  description: 'A present, current critical finding, with the urgency of its communication.',
  check(context) {
    const { report } = context;
    // Once a communication is documented the mark has done its work (an incomplete statement has its own warning).
    if (findCommunications(report).length > 0) return [];
    // A finding that needs a call is named, with its urgency, by critical-communication-missing: one message, not two.
    const merged = ruleLevel(context.analysis.settings.rules, 'critical-communication-missing') !== 'off';
    const problems: Problem[] = [];
    const seen = new Set<string>();
    // One problem per finding concept, at the first mention (the findings, then the impression).
    for (const { finding, urgency, needsCall } of context.analysis.critical) {
      if (seen.has(finding.concept)) continue;
      seen.add(finding.concept);
      if (merged && needsCall) continue;
      problems.push({
        rule: this.id,
        category: this.category,
        severity: this.severity,
        message: `Critical finding: ${finding.finding} — ${URGENCY_WORDS[urgency]}.`,
        start: finding.start,
        end: finding.end,
        finding: finding.finding,
        ...(finding.side ? { side: finding.side } : {}),
      });
    }
    return problems;
  },
});
