import { textOf } from '../report';
import { problemOf } from './consistency';
import { compareSizes } from './sizes';
import type { Fix, Problem } from '../problem';
import { defineRule } from './types';

export const measurementMismatch = defineRule({
  id: 'measurement-mismatch',
  category: 'measurement',
  severity: 'warning',
  description: 'The same finding measured differently in findings and impression (value or unit).',
  check(context) {
    const { report } = context;
    const problems: Problem[] = [];
    for (const { im, fm, finding } of compareSizes(context).mismatches) {
      const iText = textOf(report, im);
      const fText = textOf(report, fm);
      const alignImpression: Fix = {
        title: `Use "${fText}" as in the findings`,
        edits: [{ start: im.start, end: im.end, newText: fText }],
        applicability: 'unsafe',
        isPreferred: true,
      };
      const alignFindings: Fix = {
        title: `Use "${iText}" in the findings too`,
        edits: [{ start: fm.start, end: fm.end, newText: iText }],
        applicability: 'unsafe',
        isPreferred: false,
      };
      const name = finding ? `${finding.finding}: ` : '';
      problems.push(
        problemOf(this, {
          start: im.start,
          end: im.end,
          message: `${name}${iText} in the impression, ${fText} in the findings.`,
          related: [{ start: fm.start, end: fm.end, message: `Measured ${fText} in the findings` }],
          finding: finding?.finding,
          fixes: [alignImpression, alignFindings],
        }),
      );
      problems.push(
        problemOf(this, {
          start: fm.start,
          end: fm.end,
          message: `${name}${fText} in the findings, ${iText} in the impression.`,
          related: [{ start: im.start, end: im.end, message: `Measured ${iText} in the impression` }],
          finding: finding?.finding,
          fixes: [alignImpression, alignFindings],
        }),
      );
    }
    return problems;
  },
});
