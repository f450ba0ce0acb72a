import { sideWordLike, type SideWord } from '../nlp';
import { changeSideFix, problemOf } from './consistency';
import { examSideWords } from './exam-side-mismatch';
import type { Problem } from '../problem';
import { defineRule, type SharedPart, type Rule, type RuleContext } from './types';
import { allMatches } from '../report/matches';

const ONE_SIDE_LOBE = /\b(left|right)(?:-sided)?\s+(middle lobe|middle-lobe|lingula|lingular)\b/gi;

function lobeSideProblems(rule: Rule, context: RuleContext): Problem[] {
  const { report } = context;
  const problems: Problem[] = [];
  const reported = examSideWords(context);
  for (const section of report.sections) {
    if (section.kind !== 'findings' && section.kind !== 'impression') continue;
    const body = report.text.slice(section.body.start, section.body.end);
    for (const m of allMatches(ONE_SIDE_LOBE, body)) {
      const word: SideWord = {
        start: section.body.start + m.index,
        end: section.body.start + m.index + m[1].length,
        text: m[1],
        side: m[1].toLowerCase() === 'left' ? 'left' : 'right',
      };
      const lobe = m[2].toLowerCase();
      const right: 'left' | 'right' = lobe.startsWith('middle') ? 'right' : 'left';
      if (word.side === right || reported.has(word.start)) continue;
      reported.add(word.start);
      problems.push(
        problemOf(rule, {
          start: word.start,
          end: word.end,
          message: `There is no ${word.side} ${lobe}: the ${lobe.startsWith('middle') ? 'middle lobe' : 'lingula'} is on the ${right}.`,
          side: word.side,
          fixes: [changeSideFix(word, right, `Change to "${sideWordLike(word.text, right)}"`, false)],
        }),
      );
    }
  }
  return problems;
}

// Computed once per check: the other laterality rules ask for these side words too.
const PROBLEMS: SharedPart<Problem[]> = {
  name: 'lobe-side-mismatch',
  compute: (context) => lobeSideProblems(lobeSideMismatch, context),
};

export const lobeSideMismatch = defineRule({
  id: 'lobe-side-mismatch',
  category: 'laterality',
  severity: 'error',
  description: 'A lobe named on the side that does not have it: a left middle lobe, a right lingula.',
  check(context) {
    return context.shared(PROBLEMS);
  },
});

/** The side words this rule reports, switched on or not (see examSideWords). */
export function lobeSideWords(context: RuleContext): Set<number> {
  return new Set([...examSideWords(context), ...context.shared(PROBLEMS).map((p) => p.start)]);
}
