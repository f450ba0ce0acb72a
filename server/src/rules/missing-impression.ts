import { sectionOf } from '../report';
import type { Problem } from '../problem';
import type { Rule } from './types';

export const missingImpression: Rule = {
  id: 'missing-impression',
  category: 'structure',
  severity: 'warning',
  description: 'Findings are described but the report has no impression, or an empty one.',
  check(report) {
    const findings = sectionOf(report, 'findings');
    if (!findings || findings.body.end === findings.body.start || !findings.header) return [];
    const impression = sectionOf(report, 'impression');
    if (impression?.header) {
      if (impression.body.end > impression.body.start) return [];
      const problem: Problem = {
        rule: this.id,
        category: this.category,
        severity: this.severity,
        message: 'The impression is empty. Summarise the findings that matter for the referrer.',
        start: impression.header.start,
        end: impression.header.end,
        related: [{ start: findings.header.start, end: findings.header.end, message: 'Findings described here' }],
        fixes: [
          {
            title: 'Fill in the impression',
            edits: [{ start: impression.header.end, end: impression.end, newText: ' ${1:impression}' + report.eol }],
            applicability: 'unsafe',
            snippet: true,
          },
        ],
      };
      return [problem];
    }
    const eol = report.eol;
    const ending = report.text.endsWith('\n') ? '' : eol;
    return [
      {
        rule: this.id,
        category: this.category,
        severity: this.severity,
        message: 'Findings are described but there is no IMPRESSION section.',
        start: findings.header.start,
        end: findings.header.end,
        fixes: [
          {
            title: 'Add an IMPRESSION section',
            edits: [
              { start: report.text.length, end: report.text.length, newText: `${ending}${eol}IMPRESSION:${eol}\${1:impression}${eol}` },
            ],
            applicability: 'unsafe',
            snippet: true,
          },
        ],
      },
    ];
  },
};
