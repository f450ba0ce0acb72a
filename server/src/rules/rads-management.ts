import { judgeRads, type RadsResult } from '../guidelines/rads/check';
import type { Problem } from '../problem';
import { defineRule } from './types';

const cite = (r: RadsResult) => `${r.mention.system.short} ${r.mention.system.version}; ${r.mention.system.reference}`;
const named = (r: RadsResult) => `${r.mention.system.short} ${r.mention.category.id} (${r.mention.category.label.toLowerCase()})`;

export const radsManagement = defineRule({
  id: 'rads-management',
  category: 'guideline',
  severity: 'warning',
  description:
    'A reporting-and-data-system category (BI-RADS, Lung-RADS, TI-RADS, LI-RADS, PI-RADS, O-RADS) whose written management disagrees with it, an overall category lower than a lesion\u2019s, or a category the described features contradict.',
  check({ report, analysis }) {
    const problems: Problem[] = [];
    for (const r of judgeRads(report, () => analysis.understanding)) {
      const base = {
        rule: this.id,
        category: this.category,
        start: r.mention.start,
        end: r.mention.end,
        ...(r.subject ? { finding: r.subject } : {}),
        ...(r.side && r.side !== 'bilateral' ? { side: r.side } : {}),
      };
      if (r.verdict === 'disagree')
        problems.push({
          ...base,
          severity: 'warning',
          message: `${named(r)} calls for ${r.management}; the report recommends "${r.said.map((s) => s.text.trim()).join(' ')}" (${cite(r)}).`,
          related: r.said.map((s) => ({ start: s.start, end: s.end, message: 'The report\u2019s recommendation' })),
        });
      else if (r.verdict === 'missing')
        problems.push({
          ...base,
          severity: 'info',
          message: `${named(r)} calls for ${r.management}, which the report does not state (${cite(r)}).`,
        });
      if (r.lowerThan)
        problems.push({
          ...base,
          severity: 'warning',
          message: `The overall ${r.mention.system.short} ${r.mention.category.id} is lower than the ${r.mention.system.short} ${r.lowerThan.category.id} given to a finding; the overall category follows the most suspicious finding (${cite(r)}).`,
          related: [{ start: r.lowerThan.start, end: r.lowerThan.end, message: 'The higher category' }],
        });
      if (r.computed)
        problems.push({
          ...base,
          severity: 'warning',
          message: `${r.mention.system.short} ${r.mention.category.id} does not fit the text: ${r.computed.why}, which is ${r.mention.system.short} ${r.computed.category} (${cite(r)}).`,
        });
    }
    return problems;
  },
});
