import { examTitleParts, isOneSidedBodyPart, opposite, sideWordLike, sideWordOf, sideWordsIn, type SideWord } from '../nlp';
import { textOf } from '../report';
import type { Report } from '../report/types';
import { changeSideFix, consistencyOf, problemOf, sectionLabel, sentenceIndexAt } from './consistency';
import type { Problem } from '../problem';
import { defineRule, type SharedPart, type Rule, type RuleContext } from './types';

// Sentences that legitimately speak of the other side, or say it was not examined ("The left breast was not
// imaged today.").
const OTHER_SIDE_TALK =
  /\b(?:contralateral|comparison|compared|opposite|other side|prior|previous|not (?:imaged|examined|included|evaluated|scanned|studied|performed))\b/i;

const BODY_PART_AFTER_SIDE = new Map<string, RegExp>();
/** "left knee", "right-shoulder", "left foot and ankle": a side word followed by the exam's body part. */
function bodyPartAfterSide(bodyPart: string): RegExp {
  let re = BODY_PART_AFTER_SIDE.get(bodyPart);
  if (!re)
    BODY_PART_AFTER_SIDE.set(bodyPart, (re = new RegExp(String.raw`\b(left|right)\b(?=[\s-]+(?:[a-z]+ and )?(?:${bodyPart}s?)\b)`, 'gi')));
  re.lastIndex = 0;
  return re;
}

interface BodySide {
  word: SideWord;
  /** What the mention names, for messages: the finding, or the body part ("left knee"). */
  what: string;
  finding?: string;
}

/** What the rule found: its problems, and every side word it judged (the other laterality rules leave those alone). */
interface ExamSides {
  problems: Problem[];
  words: Set<number>;
}

function examSideProblems(rule: Rule, context: RuleContext): ExamSides {
  const { report } = context;
  const c = consistencyOf(context);
  const { exam } = c.u;
  const problems: Problem[] = [];
  const words = new Set<number>();
  const examSide = exam.side === 'left' || exam.side === 'right' ? exam.side : null;
  if (!examSide || !exam.span) return { problems, words };
  // A title of two exams ("Two-view chest. Three-view right ankle."): the one-sided part is held to its side
  // where the report names it ("Right ankle: ..."); the chest's findings keep their own sides.
  const oneSided = isOneSidedBodyPart(exam.bodyPart) ? exam.bodyPart : examTitleParts(report, exam).find(isOneSidedBodyPart);
  if (!oneSided) return { problems, words };
  const sidedFindings = oneSided === exam.bodyPart;
  // Where the side was read: the title, or the procedure line when the title names none.
  const examSpan = exam.sideSpan ?? exam.span;
  const where = exam.sideSpan ? 'exam line' : 'exam title';
  const wrong = opposite(examSide) as 'left' | 'right';
  const title = textOf(report, examSpan).trim();
  // Every side the body gives, on the exam's side or the other, once per side word.
  const against: BodySide[] = [];
  let agreeing = 0;
  const seen = new Set<number>();
  const add = (word: SideWord, what: string, finding: string | undefined, talksOfOtherSide: boolean) => {
    if (seen.has(word.start)) return;
    seen.add(word.start);
    if (word.side === examSide) agreeing++;
    else if (!talksOfOtherSide) against.push({ word, what, ...(finding ? { finding } : {}) });
  };
  // A finding given a side ("MRI RIGHT KNEE" and a left meniscus).
  for (const f of sidedFindings ? c.u.findings : []) {
    if ((f.side !== 'left' && f.side !== 'right') || f.section === 'history' || f.section === 'comparison') continue;
    if (f.start >= examSpan.start && f.end <= examSpan.end) continue;
    const word = sideWordOf(report, f);
    if (!word) continue;
    const sentence = report.sentences[f.sentenceIndex];
    add(word, `${f.finding} in ${sectionLabel(f)}`, f.finding, !!sentence && OTHER_SIDE_TALK.test(sentence.text));
  }
  // The body part itself named with a side ("MRI of the left knee" under "MRI RIGHT KNEE"), in the body, a
  // procedure line, or the history ("CLINICAL: Left knee pain."). A history that also names the title's side
  // ("left knee replaced, now right knee pain") speaks of both knees: it is left alone.
  const part = bodyPartAfterSide(oneSided);
  for (const section of report.sections) {
    if (section.kind === 'comparison') continue;
    const body = report.text.slice(section.body.start, section.body.end);
    const named = [...body.matchAll(part)].filter((m) => {
      const start = section.body.start + m.index;
      return start < examSpan.start || start >= examSpan.end;
    });
    if (section.kind === 'history' && named.some((m) => m[1].toLowerCase() === examSide)) continue;
    for (const m of named) {
      const start = section.body.start + m.index;
      const side = m[1].toLowerCase() === 'left' ? 'left' : 'right';
      const sentence = report.sentences[sentenceIndexAt(report, start)];
      add(
        { start, end: start + m[1].length, text: m[1], side },
        `"${m[1]} ${oneSided}"`,
        undefined,
        !!sentence && OTHER_SIDE_TALK.test(sentence.text),
      );
    }
  }
  if (!against.length) return { problems, words };
  for (const a of against) words.add(a.word.start);

  // Two or more sides in the body, none of them the title's: the title is the one that is wrong.
  const titleWord = against.length >= 2 && agreeing === 0 ? titleSideWord(examSpan, report, examSide) : undefined;
  if (titleWord) {
    problems.push(
      problemOf(rule, {
        start: titleWord.start,
        end: titleWord.end,
        message: `The ${where} says ${examSide}, but every side in the report is ${wrong} (${against.length} mentions).`,
        related: against.map((a) => ({ start: a.word.start, end: a.word.end, message: `${a.word.text} ${a.what}` })),
        side: examSide,
        fixes: [changeSideFix(titleWord, wrong, `Change the ${where} to "${sideWordLike(titleWord.text, wrong)}" as in the report`, true)],
      }),
    );
    return { problems, words };
  }
  // Otherwise each mention against the title is the slip.
  for (const a of against) {
    problems.push(
      problemOf(rule, {
        start: a.word.start,
        end: a.word.end,
        message: a.finding
          ? `"${a.word.text}" ${a.what}, but the exam is of the ${examSide} ${oneSided}.`
          : `${a.what}, but the exam is of the ${examSide} ${oneSided}.`,
        related: [{ ...examSpan, message: `${exam.sideSpan ? 'Exam' : 'Exam title'}: ${title}` }],
        ...(a.finding ? { finding: a.finding } : {}),
        side: a.word.side,
        fixes: [changeSideFix(a.word, examSide, `Change to "${sideWordLike(a.word.text, examSide)}" as in the ${where}`, true)],
      }),
    );
  }
  return { problems, words };
}

/** The title's own side word ("RIGHT" of "MRI RIGHT KNEE"). */
function titleSideWord(span: { start: number; end: number }, report: Report, side: 'left' | 'right'): SideWord | undefined {
  return sideWordsIn({ start: span.start, end: span.end, section: -1, text: report.text.slice(span.start, span.end) }).find(
    (w) => w.side === side,
  );
}

// Computed once per check: the other laterality rules ask for these side words too.
const PROBLEMS: SharedPart<ExamSides> = {
  name: 'exam-side-mismatch',
  compute: (context) => examSideProblems(examSideMismatch, context),
};

export const examSideMismatch = defineRule({
  id: 'exam-side-mismatch',
  category: 'laterality',
  severity: 'error',
  description: 'A side in the report against the side of a one-sided exam ("left" meniscus under MRI RIGHT KNEE).',
  check(context) {
    return context.shared(PROBLEMS).problems;
  },
});

/**
 * The side words this rule judges against the exam title, whether or not it is switched on: the other laterality rules
 * leave them alone, so one wrong word gets one problem.
 */
export function examSideWords(context: RuleContext): Set<number> {
  return context.shared(PROBLEMS).words;
}
