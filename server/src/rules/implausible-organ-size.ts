import { ORGAN_SIZES, type Measurement } from '../nlp';
import { textOf } from '../report';
import { consistencyOf, problemOf, sentenceIndexAt } from './consistency';
import { inMm, ownUnitsOf } from './sizes';
import type { Fix, Problem } from '../problem';
import { defineRule } from './types';

// The sentence is about the organ's size, not a lesion in it.
const SIZE_TALK = /\b(?:measur\w*|length|diameter|caliber|calibre|span|size|sized)\b/i;

export const implausibleOrganSize = defineRule({
  id: 'implausible-organ-size',
  category: 'measurement',
  severity: 'warning',
  description: 'A size no organ has (a 45 cm kidney, a 3 mm aorta): a slip of value or unit.',
  check(context) {
    const { report } = context;
    const c = consistencyOf(context);
    const own = ownUnitsOf(context);
    const attached = new Set<Measurement>();
    for (const f of c.u.findings) for (const m of f.measurements) attached.add(m);
    const problems: Problem[] = [];
    for (const m of c.u.measurements) {
      const mm = inMm(m, own);
      if (!mm || attached.has(m)) continue;
      const sentence = report.sentences[sentenceIndexAt(report, m.start)];
      if (!sentence || m.end > sentence.end || !SIZE_TALK.test(sentence.text)) continue;
      const before = report.text.slice(Math.max(sentence.start, m.start - 60), m.start);
      // Sizes no adult or child organ has: lexicon/relations.json organSizes.
      const organ = ORGAN_SIZES.find((o) => o.organ.test(before));
      if (!organ) continue;
      const longest = Math.max(...mm) / 10;
      if (longest >= organ.min && longest <= organ.max) continue;
      const fixes: Fix[] = [];
      const other = m.unit === 'cm' ? 'mm' : 'cm';
      const asOther = m.unit === 'cm' ? longest / 10 : longest * 10;
      if (asOther >= organ.min && asOther <= organ.max && textOf(report, m).endsWith(m.unit)) {
        fixes.push({
          title: `Change the unit to ${other}`,
          edits: [{ start: m.end - m.unit.length, end: m.end, newText: other }],
          applicability: 'unsafe',
          isPreferred: false,
        });
      }
      problems.push(
        problemOf(this, {
          start: m.start,
          end: m.end,
          message: `${textOf(report, m)} is not a possible size for the ${organ.name}; check the value and unit.`,
          fixes,
        }),
      );
    }
    return problems;
  },
});
