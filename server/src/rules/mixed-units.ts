import { textOf } from '../report';
import { consistencyOf, problemOf } from './consistency';
import { MM_PER } from '../nlp';
import { ownUnitsOf } from './sizes';
import type { Problem } from '../problem';
import { defineRule } from './types';

export const mixedUnits = defineRule({
  id: 'mixed-units',
  category: 'measurement',
  severity: 'warning',
  description: 'One measurement written in two units ("2.1 cm x 15 mm").',
  check(context) {
    const { report } = context;
    const own = ownUnitsOf(context);
    const problems: Problem[] = [];
    for (const m of consistencyOf(context).u.measurements) {
      const mm = own.get(m);
      if (!mm) continue;
      const written = textOf(report, m);
      const unit = m.unit === 'cm' ? 'cm' : 'mm';
      const rewritten = `${mm.map((v) => Number((v / MM_PER[unit]).toFixed(2))).join(' x ')} ${unit}`;
      problems.push(
        problemOf(this, {
          start: m.start,
          end: m.end,
          message: `${written} mixes units; write one: ${rewritten}.`,
          fixes: [
            {
              title: `Write "${rewritten}"`,
              edits: [{ start: m.start, end: m.end, newText: rewritten }],
              applicability: 'unsafe',
              isPreferred: true,
            },
          ],
        }),
      );
    }
    return problems;
  },
});
