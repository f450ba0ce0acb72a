import { isOneSidedBodyPart, opposite, sideWordLike, sideWordOf, type SideWord } from '../nlp';
import { textOf } from '../report';
import type { Report } from '../report/types';
import { changeSideFix, consistencyOf, problemOf, sectionLabel, sentenceIndexAt } from './consistency';
import type { Problem } from '../problem';
import type { SharedPart, Rule, RuleContext } from './types';

// Sentences that legitimately speak of the other side.
export const OTHER_SIDE_TALK = /\b(?:contralateral|comparison|compared|opposite|other side|prior|previous)\b/i;

const BODY_PART_AFTER_SIDE = new Map<string, RegExp>();
/** "left knee", "right-shoulder": a side word followed by the exam's body part. */
function bodyPartAfterSide(bodyPart: string): RegExp {
  let re = BODY_PART_AFTER_SIDE.get(bodyPart);
  if (!re) BODY_PART_AFTER_SIDE.set(bodyPart, (re = new RegExp(String.raw`\b(left|right)\b(?=[\s-]+(?:${bodyPart}s?)\b)`, 'gi')));
  re.lastIndex = 0;
  return re;
}

function examSideProblems(rule: Rule, report: Report, context: RuleContext): Problem[] {
  const c = consistencyOf(report, context);
  const { exam } = c.u;
  const problems: Problem[] = [];
  const reported = new Set<number>();
  const examSide = exam.side === 'left' || exam.side === 'right' ? exam.side : null;
  if (!examSide || !isOneSidedBodyPart(exam.bodyPart) || !exam.span) return problems;
  const examSpan = exam.span;
  const wrong = opposite(examSide) as 'left' | 'right';
  // A finding given the other side ("MRI RIGHT KNEE" and a left meniscus).
  for (const f of c.u.findings) {
    if (f.side !== wrong || f.section === 'history' || f.section === 'comparison') continue;
    if (f.start >= examSpan.start && f.end <= examSpan.end) continue;
    const sentence = report.sentences[f.sentenceIndex];
    if (sentence && OTHER_SIDE_TALK.test(sentence.text)) continue;
    const word = sideWordOf(report, f);
    if (!word || reported.has(word.start)) continue;
    reported.add(word.start);
    problems.push(
      problemOf(rule, {
        start: word.start,
        end: word.end,
        message: `"${word.text}" ${f.finding} in ${sectionLabel(f)}, but the exam is of the ${examSide} ${exam.bodyPart}.`,
        related: [{ ...examSpan, message: `Exam title: ${textOf(report, examSpan).trim()}` }],
        finding: f.finding,
        side: f.side,
        fixes: [changeSideFix(word, examSide, `Change to "${sideWordLike(word.text, examSide)}" as in the exam title`, true)],
      }),
    );
  }
  // The body part itself named with the other side ("MRI of the left knee" under "MRI RIGHT KNEE").
  const part = bodyPartAfterSide(exam.bodyPart ?? '');
  for (const section of report.sections) {
    if (section.kind !== 'technique' && section.kind !== 'findings' && section.kind !== 'impression') continue;
    const body = report.text.slice(section.body.start, section.body.end);
    for (const m of body.matchAll(part)) {
      const start = section.body.start + m.index;
      if (m[1].toLowerCase() !== wrong || reported.has(start)) continue;
      const sentence = report.sentences[sentenceIndexAt(report, start)];
      if (sentence && OTHER_SIDE_TALK.test(sentence.text)) continue;
      reported.add(start);
      const word: SideWord = { start, end: start + m[1].length, text: m[1], side: wrong };
      problems.push(
        problemOf(rule, {
          start: word.start,
          end: word.end,
          message: `"${m[1]} ${exam.bodyPart}", but the exam is of the ${examSide} ${exam.bodyPart}.`,
          related: [{ ...examSpan, message: `Exam title: ${textOf(report, examSpan).trim()}` }],
          side: wrong,
          fixes: [changeSideFix(word, examSide, `Change to "${sideWordLike(m[1], examSide)}" as in the exam title`, true)],
        }),
      );
    }
  }
  return problems;
}

// Computed once per check: the other laterality rules ask for these side words too.
const PROBLEMS: SharedPart<Problem[]> = {
  name: 'exam-side-mismatch',
  compute: (report, context) => examSideProblems(examSideMismatch, report, context),
};

export const examSideMismatch: Rule = {
  id: 'exam-side-mismatch',
  category: 'laterality',
  severity: 'error',
  description: 'A side in the report against the side of a one-sided exam ("left" meniscus under MRI RIGHT KNEE).',
  check(_report, context) {
    return context.shared(PROBLEMS);
  },
};

/**
 * The side words this rule reports, whether or not it is switched on: the other laterality rules
 * leave them alone, so one wrong word gets one problem.
 */
export function examSideWords(report: Report, context: RuleContext): Set<number> {
  return new Set(examSideMismatch.check(report, context).map((p) => p.start));
}
