import { textOf } from '../report';
import { problemOf } from './consistency';
import { compareSizes } from './sizes';
import { defineRule } from './types';

export const inconsistentUnits = defineRule({
  id: 'inconsistent-units',
  category: 'measurement',
  // The sizes agree; only a reader comparing them has to convert.
  severity: 'info',
  description: 'The same size written in another unit in the impression than in the findings (23 mm and 2.3 cm).',
  check(context) {
    const { report } = context;
    return compareSizes(context).otherUnits.map(({ im, fm }) => {
      const fText = textOf(report, fm);
      return problemOf(this, {
        start: im.start,
        end: im.end,
        message: `${textOf(report, im)} here, ${fText} in the findings: the same size, but one unit reads more safely.`,
        related: [{ start: fm.start, end: fm.end, message: `Measured ${fText} in the findings` }],
        fixes: [
          {
            title: `Use "${fText}" as in the findings`,
            edits: [{ start: im.start, end: im.end, newText: fText }],
            applicability: 'unsafe',
            isPreferred: true,
          },
        ],
      });
    });
  },
});
