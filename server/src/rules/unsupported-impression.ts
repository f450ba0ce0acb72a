import { conceptOf, consistencyOf, covers, denies, problemOf } from './consistency';
import type { Problem, Rule } from './types';

// Findings that only point elsewhere ("See impression") describe nothing to compare with.
const FINDINGS_DEFERRED = /\b(?:see (?:impression|below|conclusion)|as (?:per|in) (?:the )?impression)\b/i;

export const unsupportedImpression: Rule = {
  id: 'unsupported-impression',
  category: 'insertion',
  severity: 'warning',
  description: 'The impression asserts a finding that the findings do not describe at all.',
  check(report, context) {
    const c = consistencyOf(report, context);
    const { findings, impression } = c;
    if (!findings || !impression) return [];
    const findingsText = report.text.slice(findings.body.start, findings.body.end);
    if (findingsText.length < 20 || FINDINGS_DEFERRED.test(findingsText)) return [];
    const findingsLower = findingsText.toLowerCase();

    const problems: Problem[] = [];
    const done = new Set<string>();
    for (const g of c.inImpression) {
      if (g.assertion !== 'present' || !g.significant || done.has(g.concept)) continue;
      // A mention in the findings, or a denial of this very finding (the contradiction rule's business);
      // "normal vasculature" does not describe pulmonary edema.
      const described = c.inFindings.some((f) => f.assertion === 'absent'
        ? denies(conceptOf(report, f), conceptOf(report, g))
        : covers(f.concept, g.concept) || covers(g.concept, f.concept));
      if (described || findingsLower.includes(report.text.slice(g.start, g.end).toLowerCase())) continue;
      done.add(g.concept);
      problems.push(problemOf(this, {
        start: g.start,
        end: g.end,
        message: `The impression names ${g.finding}${g.side ? ` (${g.side})` : ''}, but the findings do not describe it.`,
        related: [{ start: findings.body.start, end: findings.body.end, message: 'Not described in the findings' }],
        finding: g.finding,
        side: g.side ?? undefined,
      }));
    }
    return problems;
  },
};
