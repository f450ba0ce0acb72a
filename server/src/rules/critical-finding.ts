import { currentCriticalFindings, URGENCY_WORDS } from './critical/findings';
import type { Problem } from '../problem';
import type { Rule } from './types';

export const criticalFinding: Rule = {
  id: 'critical-finding',
  category: 'critical',
  severity: 'info',
  description: 'A present, current critical finding, with the urgency of its communication.',
  check(report, context) {
    const problems: Problem[] = [];
    const seen = new Set<string>();
    // One problem per finding concept, at the first mention (the findings, then the impression).
    for (const { finding, urgency } of currentCriticalFindings(report, context)) {
      if (seen.has(finding.concept)) continue;
      seen.add(finding.concept);
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
};
