import { sectionOf } from '../report';
import type { Problem } from '../problem';
import { defineRule } from './types';
import { addSection, fillSection } from '../report/edit';
import { runInConclusion } from './consistency';

export const missingImpression = defineRule({
  id: 'missing-impression',
  category: 'structure',
  severity: 'warning',
  description: 'Findings are described but the report has no impression, or an empty one.',
  check({ report }) {
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
            edits: [fillSection(report, impression, '${1:impression}')],
            applicability: 'unsafe',
            snippet: true,
          },
        ],
      };
      return [problem];
    }
    // A conclusion run into the findings after them, its statements quoted or bulleted as chest CT exports write it
    // ('… are natural. " Hiatal hernia " Linear atelectasis in both lungs'): the impression is there, without its header.
    if (!impression && runInConclusion(report)) return [];
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
            edits: [addSection(report, 'IMPRESSION', '${1:impression}')],
            applicability: 'unsafe',
            snippet: true,
          },
        ],
      },
    ];
  },
});
