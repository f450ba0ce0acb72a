import {
  conceptHas,
  isOneSidedBodyPart,
  opposite,
  sameFindingKin,
  sideInSentence,
  sideWordLike,
  sideWordOf,
  sitesAgree,
  sitesMatch,
  type Finding,
  type SideWord,
} from '../nlp';
import { textOf } from '../report';
import { byConcept, consistencyOf, mentionsOf, problemOf, sentenceIndexAt } from './consistency';
import type { Fix, Problem } from '../problem';
import type { Side } from '../nlp/types';
import type { Rule } from './types';

// Sentences that legitimately speak of the other side.
const OTHER_SIDE_TALK = /\b(?:contralateral|comparison|compared|opposite|other side|prior|previous)\b/i;

const ONE_SIDE_LOBE = /\b(left|right)(?:-sided)?\s+(middle lobe|middle-lobe|lingula|lingular)\b/gi;

const BODY_PART_AFTER_SIDE = new Map<string, RegExp>();
/** "left knee", "right-shoulder": a side word followed by the exam's body part. */
function bodyPartAfterSide(bodyPart: string): RegExp {
  let re = BODY_PART_AFTER_SIDE.get(bodyPart);
  if (!re) BODY_PART_AFTER_SIDE.set(bodyPart, (re = new RegExp(String.raw`\b(left|right)\b(?=[\s-]+(?:${bodyPart}s?)\b)`, 'gi')));
  re.lastIndex = 0;
  return re;
}

const sectionLabel = (f: Finding) =>
  f.section === 'impression' ? 'the impression' : f.section === 'findings' ? 'the findings' : `the ${f.section}`;
const describe = (f: Finding) => f.finding;

function changeTo(word: SideWord, side: 'left' | 'right', title: string, isPreferred: boolean): Fix {
  return {
    title,
    edits: [{ start: word.start, end: word.end, newText: sideWordLike(word.text, side) }],
    applicability: 'unsafe',
    isPreferred,
  };
}

export const lateralityMismatch: Rule = {
  id: 'laterality-mismatch',
  category: 'laterality',
  severity: 'error',
  description:
    'Left and right that disagree: the same finding on different sides in findings and impression, or a side against the exam title.',
  check(report, context) {
    const c = consistencyOf(report, context);
    const { exam } = c.u;
    const problems: Problem[] = [];
    const reported = new Set<number>();
    const examSide = exam.side === 'left' || exam.side === 'right' ? exam.side : null;
    const oneSidedExam = examSide !== null && isOneSidedBodyPart(exam.bodyPart);

    // 1. A side against the exam title ("MRI RIGHT KNEE" and a left meniscus).
    if (oneSidedExam && examSide && exam.span) {
      const examSpan = exam.span;
      const wrong = opposite(examSide) as 'left' | 'right';
      for (const f of c.u.findings) {
        if (f.side !== wrong || f.section === 'history' || f.section === 'comparison') continue;
        if (f.start >= examSpan.start && f.end <= examSpan.end) continue;
        const sentence = report.sentences[f.sentenceIndex];
        if (sentence && OTHER_SIDE_TALK.test(sentence.text)) continue;
        const word = sideWordOf(report, f);
        if (!word || reported.has(word.start)) continue;
        reported.add(word.start);
        problems.push(
          problemOf(this, {
            start: word.start,
            end: word.end,
            message: `"${word.text}" ${describe(f)} in ${sectionLabel(f)}, but the exam is of the ${examSide} ${exam.bodyPart}.`,
            related: [{ ...examSpan, message: `Exam title: ${textOf(report, examSpan).trim()}` }],
            finding: f.finding,
            side: f.side,
            fixes: [changeTo(word, examSide, `Change to "${sideWordLike(word.text, examSide)}" as in the exam title`, true)],
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
            problemOf(this, {
              start: word.start,
              end: word.end,
              message: `"${m[1]} ${exam.bodyPart}", but the exam is of the ${examSide} ${exam.bodyPart}.`,
              related: [{ ...examSpan, message: `Exam title: ${textOf(report, examSpan).trim()}` }],
              side: wrong,
              fixes: [changeTo(word, examSide, `Change to "${sideWordLike(m[1], examSide)}" as in the exam title`, true)],
            }),
          );
        }
      }
    }

    // 2. Lobes that exist on one side only: "left middle lobe", "right lingula".
    for (const section of report.sections) {
      if (section.kind !== 'findings' && section.kind !== 'impression') continue;
      const body = report.text.slice(section.body.start, section.body.end);
      for (const m of body.matchAll(ONE_SIDE_LOBE)) {
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
          problemOf(this, {
            start: word.start,
            end: word.end,
            message: `There is no ${word.side} ${lobe}: the ${lobe.startsWith('middle') ? 'middle lobe' : 'lingula'} is on the ${right}.`,
            side: word.side,
            fixes: [changeTo(word, right, `Change to "${sideWordLike(word.text, right)}"`, false)],
          }),
        );
      }
    }

    // 3. The same finding with opposite sides in findings and impression.
    for (const part of c.parts) {
      const findingsByConcept = byConcept(part.inFindings);
      const impressionByConcept = byConcept(part.inImpression);
      // One judgement per finding, side and site: repeated mentions add nothing.
      const judged = new Set<string>();
      const affirmed = (f: Finding) => f.assertion !== 'absent' && f.assertion !== 'hypothetical';
      const sides = new Map<Finding, Side | null>();
      for (const f of part.inFindings) sides.set(f, affirmed(f) ? sideInSentence(report, f) : null);
      for (const f of part.inImpression) sides.set(f, affirmed(f) ? sideInSentence(report, f) : null);
      for (const g of part.inImpression) {
        const gSide = sides.get(g);
        if (gSide !== 'left' && gSide !== 'right') continue;
        // Spine findings differ by level, which sites do not record; a finding the impression itself
        // gives on both sides is not a side confusion.
        if (conceptHas(g.concept, 'spinal-level')) continue;
        const key = `${g.concept}|${gSide}|${g.site.join(',')}`;
        if (judged.has(key)) continue;
        judged.add(key);
        const kin = sameFindingKin(g.concept);
        if ((impressionByConcept.get(g.concept) ?? []).some((o) => sides.get(o) === opposite(gSide) && sitesAgree(o, g))) continue;
        const candidates = mentionsOf(findingsByConcept, kin).filter((f) => sides.get(f) && sitesAgree(f, g));
        // Judge by the closest mentions: the same site named the same way, if the findings have one.
        const sameSite = candidates.filter((f) => sitesMatch(f, g));
        const partners = sameSite.length ? sameSite : candidates;
        // A mention on this side agrees, if it is at the same site or its site is not known.
        const agreeing = sameSite.length ? [...sameSite, ...candidates.filter((f) => !f.site.length)] : candidates;
        if (!partners.length || agreeing.some((f) => sides.get(f) === gSide || sides.get(f) === 'bilateral')) continue;
        const against = partners.filter((p) => sides.get(p) === opposite(gSide));
        const f = against.find((p) => p.concept === g.concept) ?? against[0];
        if (!f) continue;
        const fSide = sides.get(f) as 'left' | 'right';
        const here = sideWordOf(report, g, gSide);
        const there = sideWordOf(report, f, fSide);
        if (!here || !there || reported.has(here.start) || reported.has(there.start)) continue;
        reported.add(here.start);
        reported.add(there.start);
        // The exam title, where it names a side, says which mention is wrong.
        const wrongOnes = examSide === gSide ? [there] : examSide === fSide ? [here] : [here, there];
        for (const word of wrongOnes) {
          const isImpression = word === here;
          const other = isImpression ? there : here;
          const mine = isImpression ? g : f;
          const theirs = isImpression ? f : g;
          const known = wrongOnes.length === 1;
          problems.push(
            problemOf(this, {
              start: word.start,
              end: word.end,
              message: `${theirs.finding[0].toUpperCase()}${theirs.finding.slice(1)} is ${other.side} in ${sectionLabel(theirs)} but ${word.side} in ${sectionLabel(mine)}.`,
              related: [{ start: other.start, end: other.end, message: `${other.text} ${theirs.finding} in ${sectionLabel(theirs)}` }],
              finding: mine.finding,
              side: word.side,
              fixes: [
                changeTo(word, other.side, `Change to "${sideWordLike(word.text, other.side)}" as in ${sectionLabel(theirs)}`, known),
                ...(known
                  ? []
                  : [changeTo(other, word.side, `Change ${sectionLabel(theirs)} to "${sideWordLike(other.text, word.side)}"`, false)]),
              ],
            }),
          );
        }
      }
    }
    return problems;
  },
};
