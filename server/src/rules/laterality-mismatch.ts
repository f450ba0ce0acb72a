import {
  conceptHas,
  opposite,
  sameFindingKin,
  sideInSentence,
  sideWordLike,
  sideWordOf,
  sitesAgree,
  sitesMatch,
  withinSite,
  type Finding,
} from '../nlp';
import { byConcept, changeSideFix as changeTo, consistencyOf, mentionsOf, problemOf, runInConclusion, sectionLabel } from './consistency';
import { lobeSideWords } from './lobe-side-mismatch';
import type { Problem } from '../problem';
import type { Side } from '../nlp/types';
import type { Report } from '../report/types';
import { SPINE_LEVEL_RANGE } from '../report';
import { defineRule, type Rule, type RuleContext } from './types';
import { allMatches } from '../report/matches';
import { organAt, organsNamed } from '../nlp/organs';
import { wordsOf } from '../nlp/words';

export const lateralityMismatch = defineRule({
  id: 'laterality-mismatch',
  category: 'laterality',
  severity: 'error',
  description: 'The same finding on different sides in findings and impression, or (a breast finding) at another clock-face position.',
  check(context) {
    const { report } = context;
    const c = consistencyOf(context);
    const problems: Problem[] = [];
    // Words that exam-side-mismatch or lobe-side-mismatch report already: one wrong word, one problem.
    const reported = lobeSideWords(context);
    for (const part of c.parts) {
      problems.push(...sideSlips(this, context, part.inFindings, part.inImpression, reported, sectionLabel));
      problems.push(...clockFaceSlips(this, report, part.inFindings, part.inImpression));
    }
    // A report with no IMPRESSION header whose conclusion is run into the findings after them ('… are natural. "
    // Cyst in the left kidney."', "• Left lower lobe nodule"): the conclusion's sides are held to the findings' before it.
    const conclusion = c.parts.length ? undefined : runInConclusion(report);
    if (conclusion) {
      const within = (f: Finding) => f.start >= conclusion.start && f.start < conclusion.end;
      const inFindings = c.u.findings.filter((f) => f.section === 'findings' && f.start < conclusion.start);
      problems.push(
        ...sideSlips(
          this,
          context,
          inFindings,
          c.u.findings.filter(within),
          reported,
          (f) => (within(f) ? 'the conclusion' : sectionLabel(f)),
          true,
        ),
      );
    }
    return problems;
  },
});

/**
 * The same finding with opposite sides in the findings and the impression (or a conclusion run into the findings):
 * one problem per slip, at the mention most likely wrong.
 */
function sideSlips(
  rule: Rule,
  context: RuleContext,
  inFindings: readonly Finding[],
  inImpression: readonly Finding[],
  reported: Set<number>,
  labelOf: (f: Finding) => string,
  runIn = false,
): Problem[] {
  const { report } = context;
  const c = consistencyOf(context);
  const { exam } = c.u;
  const examSide = exam.side === 'left' || exam.side === 'right' ? exam.side : null;
  const problems: Problem[] = [];
  const affirmed = (f: Finding) => f.assertion !== 'absent' && f.assertion !== 'hypothetical';
  // A mention's side in its sentence, read when first asked: most parts name no side in the impression.
  const sides = new Map<Finding, Side | null>();
  const sideOf = (f: Finding): Side | null => {
    let side = sides.get(f);
    if (side === undefined) sides.set(f, (side = affirmed(f) ? sideInSentence(report, f) : null));
    return side;
  };
  if (!inImpression.some((g) => sideOf(g) === 'left' || sideOf(g) === 'right')) return problems;
  const findingsByConcept = byConcept(inFindings);
  const impressionByConcept = byConcept(inImpression);
  // One judgement per finding, side and site: repeated mentions add nothing.
  const judged = new Set<string>();
  for (const g of inImpression) {
    const gSide = sideOf(g);
    if (gSide !== 'left' && gSide !== 'right') continue;
    // Spine findings differ by level: they are compared only with mentions at the same level, and
    // not at all where the level is not said. A finding the impression itself gives on both sides is
    // not a side confusion.
    const spinal = conceptHas(g.concept, 'spinal-level') && isSpinal(report, g, exam.bodyPart);
    const level = spinal ? levelOf(report, g) : null;
    if (spinal && !level) continue;
    const key = `${g.concept}|${gSide}|${g.site.join(',')}|${level}`;
    if (judged.has(key)) continue;
    judged.add(key);
    // A conclusion run into the findings sums up at length, its sides carried by words the findings left to the sentence
    // before ("There is also volume loss in this localization"): only the very finding said of one side there and only
    // of the other in the findings is a slip; not one the conclusion gives on both sides, nor one the findings also
    // tell with no side.
    if (
      runIn &&
      (BOTH_SIDES.test(report.sentences[g.sentenceIndex]?.text ?? '') ||
        (findingsByConcept.get(g.concept) ?? []).some((f) => affirmed(f) && !sideOf(f)))
    )
      continue;
    const kin = runIn ? new Set([g.concept]) : sameFindingKin(g.concept);
    if ((impressionByConcept.get(g.concept) ?? []).some((o) => sideOf(o) === opposite(gSide) && sitesAgree(o, g))) continue;
    // In a conclusion run into the findings, a side said of another organ is another finding's: a left lung nodule
    // neither agrees nor disagrees with a "lesion in the left kidney"; against a side that names its organ, only a
    // mention whose side names the same organ (or none, or no other in its sentence) is a slip ("lesion in the right
    // pelvis, which may represent an ovary" is not the lung nodule). (Not in a headed impression: chest films place a
    // side by landmarks, "posterior to the left heart", "overlies the right 5th rib".)
    const gOrgans = runIn ? organsOfSide(report, g, gSide) : ALONE;
    const candidates = mentionsOf(findingsByConcept, kin).filter(
      (f) =>
        sideOf(f) && sitesAgree(f, g) && (!level || levelOf(report, f) === level) && sameOrgan(organsOfSide(report, f, sideOf(f)), gOrgans),
    );
    // Judge by the closest mentions: the same site named the same way, if the findings have one.
    const sameSite = candidates.filter((f) => sitesMatch(f, g));
    const partners = sameSite.length ? sameSite : candidates;
    // A mention on this side agrees, if it is at the same site, inside it ("right upper lobe mass" under
    // "lung malignancy") or its site is not known.
    const agreeing = sameSite.length ? [...sameSite, ...candidates.filter((f) => !f.site.length || withinSite(f, g))] : candidates;
    if (!partners.length || agreeing.some((f) => sideOf(f) === gSide || sideOf(f) === 'bilateral')) continue;
    const against = partners.filter((p) => sideOf(p) === opposite(gSide) && sameOrganStrictly(report, p, gOrgans));
    const f = against.find((p) => p.concept === g.concept) ?? against[0];
    if (!f) continue;
    const fSide = sideOf(f) as 'left' | 'right';
    const here = sideWordOf(report, g, gSide);
    const there = sideWordOf(report, f, fSide);
    if (!here || !there || reported.has(here.start) || reported.has(there.start)) continue;
    reported.add(here.start);
    reported.add(there.start);
    // One problem per slip, at the mention most likely wrong: the one against the exam title, else
    // the outlier against the other mentions of the finding (the history's among them: "mass of the
    // left parotid" in the indication), else the impression's.
    const words = (list: Finding[], side: 'left' | 'right') =>
      new Set(list.map((o) => sideWordOf(report, o, side)?.start).filter((x) => x !== undefined)).size;
    const elsewhere = c.u.findings.filter(
      (o) => o.section !== 'findings' && o.section !== 'impression' && kin.has(o.concept) && sitesAgree(o, g),
    );
    const votes = (side: 'left' | 'right') =>
      words(
        elsewhere.filter((o) => sideInSentence(report, o) === side),
        side,
      );
    const hereCount =
      words(
        (impressionByConcept.get(g.concept) ?? []).filter((o) => sideOf(o) === gSide && sitesAgree(o, g)),
        gSide,
      ) + votes(gSide);
    const thereCount = words(against, fSide) + votes(fSide);
    const outlier = thereCount === 1 && hereCount >= 2 ? 'findings' : hereCount === 1 && thereCount >= 2 ? 'impression' : null;
    const findingsWrong = examSide === gSide || (examSide !== fSide && outlier === 'findings');
    const word = findingsWrong ? there : here;
    const other = findingsWrong ? here : there;
    const mine = findingsWrong ? f : g;
    const theirs = findingsWrong ? g : f;
    // Sure only when the title or the other mentions say so; otherwise both fixes are offered.
    const known = examSide === gSide || examSide === fSide || outlier !== null;
    problems.push(
      problemOf(rule, {
        start: word.start,
        end: word.end,
        message: `${theirs.finding[0].toUpperCase()}${theirs.finding.slice(1)} is ${other.side} in ${labelOf(theirs)} but ${word.side} in ${labelOf(mine)}.`,
        related: [{ start: other.start, end: other.end, message: `${other.text} ${theirs.finding} in ${labelOf(theirs)}` }],
        finding: mine.finding,
        side: word.side,
        fixes: [
          changeTo(word, other.side, `Change to "${sideWordLike(word.text, other.side)}" as in ${labelOf(theirs)}`, known),
          ...(known ? [] : [changeTo(other, word.side, `Change ${labelOf(theirs)} to "${sideWordLike(other.text, word.side)}"`, false)]),
        ],
      }),
    );
  }
  return problems;
}

// A breast finding's clock-face position ("at 2 o'clock", "the 10:00 position").
const CLOCK = /\b(1[0-2]|[1-9])(?::[03]0)?[ \t]*(?:o['’]?[ \t]*clock|(?=:[03]0[ \t]+(?:position|axis|location)))/gi;
const clocksIn = (text: string) => allMatches(CLOCK, text);

/**
 * The same breast finding, on the same side, at one clock position in the findings and another in
 * the impression: a slip like a side. Only when the findings give that finding one position and
 * never name the impression's, so a second lesion elsewhere in the breast is not taken for one.
 */
function clockFaceSlips(rule: Rule, report: Report, inFindings: readonly Finding[], inImpression: readonly Finding[]): Problem[] {
  const problems: Problem[] = [];
  const judged = new Set<number>();
  // The positions a finding's sentence names; one position is the finding's own.
  const clocksOf = (f: Finding) => {
    const sentence = report.sentences[f.sentenceIndex];
    return (sentence ? clocksIn(sentence.text) : []).map((m) => ({ hour: m[1], start: sentence.start + m.index, text: m[0] }));
  };
  const clockOf = (clocks: ReturnType<typeof clocksOf>) => (clocks.length === 1 ? clocks[0] : null);
  for (const g of inImpression) {
    if (g.assertion === 'absent' || g.assertion === 'hypothetical') continue;
    const here = clockOf(clocksOf(g));
    if (!here || judged.has(here.start)) continue;
    const side = sideInSentence(report, g);
    const kin = sameFindingKin(g.concept);
    const partners = inFindings.filter(
      (f) => kin.has(f.concept) && f.assertion !== 'absent' && f.assertion !== 'hypothetical' && sideInSentence(report, f) === side,
    );
    const partnerClocks = partners.map(clocksOf);
    const there = partnerClocks.map(clockOf).filter((c) => c !== null);
    const hours = new Set(there.map((c) => c.hour));
    if (hours.size !== 1 || hours.has(here.hour)) continue;
    // The impression's position named anywhere in the findings is another lesion's, not a slip.
    if (partnerClocks.some((clocks) => clocks.some((c) => c.hour === here.hour))) continue;
    judged.add(here.start);
    const other = there[0];
    const newText = here.text.replace(here.hour, other.hour);
    problems.push({
      ...problemOf(rule, {
        start: here.start,
        end: here.start + here.text.length,
        message: `${g.finding[0].toUpperCase()}${g.finding.slice(1)} is at ${other.hour} o'clock in the findings but ${here.hour} o'clock in the impression.`,
        related: [
          { start: other.start, end: other.start + other.text.length, message: `${g.finding} at ${other.hour} o'clock in the findings` },
        ],
        finding: g.finding,
        side: side === 'left' || side === 'right' ? side : undefined,
        fixes: [
          {
            title: `Change to "${newText}" as in the findings`,
            edits: [{ start: here.start, end: here.start + here.text.length, newText }],
            applicability: 'unsafe',
            isPreferred: true,
          },
        ],
      }),
      severity: 'warning',
    });
  }
  return problems;
}

// The organ a side word is said of: named within the next few words ("left kidney", "right lung lower lobe", "left
// adrenal gland", "right lobe of the liver"); ALONE when the side stands by itself ("on the right.", "right-sided"),
// UNNAMED when a place follows that is no organ ("right pelvis", "left posterior sulcus").
const ALONE: readonly string[] = [];
const UNNAMED: readonly string[] = [];
function organsOfSide(report: Report, f: Finding, side: Side | null): readonly string[] {
  const word = sideWordOf(report, f, side);
  if (!word) return ALONE;
  const after = report.text.slice(word.end, word.end + 60);
  if (/^(?:[-\s]*sided?\b|\s*(?:[.,;:)"\u201d]|$))/i.test(after)) return ALONE;
  const words = wordsOf(after).slice(0, 5);
  for (let i = 0; i < words.length; i++) {
    const m = organAt(words, i);
    if (m) return m.organs;
  }
  return UNNAMED;
}
const BOTH_SIDES = /\b(?:bilateral(?:ly)?|both|bibasilar|bibasal|biapical|bihilar)\b/i;
// Against an impression side said of an organ, a findings side said of a place that is no organ ("right pelvis", "right
// base") counts when its sentence names that organ or none ("which may represent an ovary" names another).
function sameOrganStrictly(report: Report, f: Finding, gOrgans: readonly string[]): boolean {
  if (gOrgans === ALONE || gOrgans === UNNAMED) return true;
  const own = organsOfSide(report, f, sideInSentence(report, f));
  if (own !== UNNAMED) return sameOrgan(own, gOrgans);
  const text = report.sentences[f.sentenceIndex]?.text ?? '';
  const named = organsNamed(wordsOf(text), text).map((h) => h.organ);
  return !named.length || named.some((o) => gOrgans.includes(o));
}
// Two sides said of the same organ, or of an organ not named for one of them.
const sameOrgan = (a: readonly string[], b: readonly string[]): boolean => !a.length || !b.length || a.some((o) => b.includes(o));

// A vertebral level ("C5-6", "L4/5", "L5-S1", "T12 to L1").
const LEVEL = new RegExp(String.raw`\b${SPINE_LEVEL_RANGE}\b`, 'i');
const LEVELS = new RegExp(LEVEL.source, 'gi');
const LEVEL_LABEL = new RegExp(`^\\s*(?:\\d+\\.\\s*)?${LEVEL.source}\\s*:`, 'i');
const SPINE_WORDS = /\b(?:dis[ck]s?|foramin\w*|canal|thecal|cord|vertebra\w*|nerve roots?|spinal|facet)\b/i;

/** A spine finding: in a spine exam, or in a sentence about discs, foramina, the canal or a level. */
function isSpinal(report: Report, f: Finding, bodyPart: string | null): boolean {
  const text = report.sentences[f.sentenceIndex]?.text ?? '';
  return /spine/.test(bodyPart ?? '') || LEVEL.test(text) || SPINE_WORDS.test(text);
}

/** The level a spine finding's sentence names, or the level label ("C5-6: ...") of the paragraph it continues. */
function levelOf(report: Report, f: Finding): string | null {
  const own = report.sentences[f.sentenceIndex];
  for (let i = f.sentenceIndex; i >= 0 && i >= f.sentenceIndex - 4; i--) {
    const s = report.sentences[i];
    if (!own || s.section !== own.section) break;
    // In its own sentence, the last level named before it ("L4-5 right and L5-S1 left protrusions").
    const named = i === f.sentenceIndex ? allMatches(LEVELS, s.text) : [];
    const m = i === f.sentenceIndex ? (named.filter((x) => s.start + x.index < f.start).pop() ?? named[0]) : LEVEL_LABEL.exec(s.text);
    if (m) return `${m[1].toUpperCase()}${m[2]}-${(m[3] ?? m[1]).toUpperCase()}${m[4]}`;
  }
  return null;
}
