import { sectionOf } from '../report';
import type { Report } from '../report/types';
import { findCommunications, missingElements } from '../critical/communication';
import { URGENCY_WORDS } from '../critical/findings';
import type { Fix, Problem } from '../problem';
import { defineRule } from './types';
import { appendLine } from '../report/edit';

const STATEMENT =
  'These findings were discussed with ${1:Dr. name} by ${2|telephone,in person,secure message|} on ${3:date} at ${4:time}, with read-back confirmation.';

/** Insert the statement at the end of the impression (or of the report), on a line of its own. */
function insertStatement(report: Report): Fix {
  return {
    title: 'Add a communication statement (who, when, how)',
    edits: [appendLine(report, sectionOf(report, 'impression'), STATEMENT)],
    applicability: 'unsafe',
    isPreferred: true,
    snippet: true,
  };
}

export const criticalCommunicationMissing = defineRule({
  id: 'critical-communication-missing',
  category: 'communication',
  severity: 'warning',
  description: 'A critical finding without a documented communication, or one that does not say who, when and how.',
  check(context) {
    const { report } = context;
    const critical = context.analysis.critical.filter((c) => c.needsCall);
    if (critical.length === 0) return [];
    const communications = findCommunications(report);
    if (communications.length === 0) {
      // Anchor on the most urgent mention, preferring the impression, where the referrer reads.
      const order = { minutes: 0, hours: 1, days: 2 } as const;
      const ranked = [...critical].sort(
        (a, b) =>
          order[a.urgency] - order[b.urgency] || Number(b.finding.section === 'impression') - Number(a.finding.section === 'impression'),
      );
      const first = ranked[0].finding;
      const names = [...new Set(critical.map((c) => c.finding.finding))];
      // The critical-finding mark of these findings is merged into this one message, so it carries their urgency.
      const problem: Problem = {
        rule: this.id,
        category: this.category,
        severity: this.severity,
        message: `Critical finding${names.length > 1 ? 's' : ''} (${names.join(', ')}) with no documented communication — ${URGENCY_WORDS[ranked[0].urgency]}: say who was told, when, and how.`,
        start: first.start,
        end: first.end,
        finding: first.finding,
        related: critical
          .filter((c) => c.finding !== first)
          .map((c) => ({
            start: c.finding.start,
            end: c.finding.end,
            message: `Also critical: ${c.finding.finding} — ${URGENCY_WORDS[c.urgency]}`,
          })),
        fixes: [insertStatement(report)],
      };
      return [problem];
    }
    // A statement exists: the best one must still name the recipient, the time and the method.
    const best = [...communications].sort((a, b) => missingElements(a).length - missingElements(b).length)[0];
    const missing = missingElements(best);
    if (missing.length === 0) return [];
    return [
      {
        rule: this.id,
        category: this.category,
        severity: this.severity,
        message: `The communication of the critical finding does not say ${missing.join(', ')}.`,
        start: best.start,
        end: best.end,
        related: critical
          .slice(0, 3)
          .map((c) => ({ start: c.finding.start, end: c.finding.end, message: `Critical: ${c.finding.finding}` })),
      },
    ];
  },
});
