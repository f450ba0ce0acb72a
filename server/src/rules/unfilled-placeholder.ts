import type { Fix, Problem } from '../problem';
import { defineRule } from './types';
import { allMatches } from '../report/matches';

// Template fields that dictation systems and RSNA-style templates leave for the radiologist.
// Each alternative names one field shape; `XXXX` (de-identification) is deliberately not one.
const FIELD = new RegExp(
  [
    String.raw`\[\s*\*+\s*\]`, // [***]
    String.raw`\*{3,}`, // ***
    String.raw`_{3,}`, // ___
    String.raw`\[\s*\]`, // [ ]
    String.raw`<<[^<>\n]{0,80}>>`, // << size >>
    String.raw`\[[^\[\]\n|]{1,80}(?:\|[^\[\]\n|]{1,80})+\]`, // [left | right]
  ].join('|'),
  'g',
);

export const unfilledPlaceholder = defineRule({
  id: 'unfilled-placeholder',
  category: 'placeholder',
  severity: 'warning',
  description: 'A template field was left unfilled.',
  check({ report }) {
    const problems: Problem[] = [];
    for (const m of allMatches(FIELD, report.text)) {
      const field = m[0];
      const start = m.index;
      const end = start + field.length;
      const fixes: Fix[] = [];
      if (field.startsWith('[') && field.includes('|')) {
        // An RSNA-style choice: offering each option is a knowable fix; none is preferred.
        for (const option of field
          .slice(1, -1)
          .split('|')
          .map((o) => o.trim())
          .filter(Boolean)) {
          fixes.push({ title: `Choose '${option}'`, edits: [{ start, end, newText: option }], applicability: 'unsafe' });
        }
      }
      problems.push({
        rule: this.id,
        category: this.category,
        severity: this.severity,
        message: fixes.length ? `Template choice left open: ${field}. Pick one option.` : `Template field left unfilled: ${field}`,
        start,
        end,
        fixes,
      });
    }
    return problems;
  },
});
