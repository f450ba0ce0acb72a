// Trainee mode: what a discrepancy says and how much it weighs, written once for each kind wherever
// the comparison finds it (a paired finding or an unpaired one).
import type { Finding, Side } from '../nlp';
import { isMinor } from '../nlp/minor';
import { groupOf, polarityOf, textOf, type Group, type Item } from './items';
import { assertionIn, sideRelation } from './pairing';
import { toleranceText, type Size } from './sizes';
import { gradeGap, sizeGradeAmong } from './size-words';
import type { DiscrepancyKind, DiscrepancySeverity, SizeTolerance } from './types';

/** A discrepancy before its spans are taken: the mentions it points at in each report. */
export interface Draft {
  kind: DiscrepancyKind;
  severity: DiscrepancySeverity;
  finding: string;
  side: Side | null;
  t: Finding | null;
  r: Finding | null;
  message: string;
  /** What else must agree for two discrepancies to be one (the sizes compared). */
  detail?: string;
}

// ---------------------------------------------------------------------------------------------
// Severity, RADPEER-style.

/** Would leaving it out change management: a critical finding, or a significant one not called minor. */
export function important(item: Item): boolean {
  return item.mentions.some(
    (f) =>
      polarityOf(f) === 'positive' &&
      (f.critical === 'minutes' || f.critical === 'hours' || ((f.critical === 'days' || f.significant) && !isMinor(item.report, f))),
  );
}
const graded = (item: Item): DiscrepancySeverity => (important(item) ? 'major' : 'minor');
const urgent = (item: Item): DiscrepancySeverity =>
  item.mentions.some((f) => f.critical === 'minutes' || f.critical === 'hours') ? 'major' : 'minor';

// ---------------------------------------------------------------------------------------------
// Words.

/** The mention that best names the finding: one with its side, in the findings, else the first. */
export function representative(item: Item, group?: Group): Finding {
  const ms = group ? item.mentions.filter((f) => groupOf(f) === group) : item.mentions;
  const pool = ms.length ? ms : item.mentions;
  return pool.find((f) => f.side === item.side && groupOf(f) === 'findings') ?? pool.find((f) => f.side === item.side) ?? pool[0];
}

export const nameOf = (item: Item) => representative(item).finding;
const quote = (item: Item, f: Finding = representative(item)) => {
  const sentence = item.report.sentences[f.sentenceIndex];
  const text = (sentence ? sentence.text : textOf(item.report, f)).replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};
const sideWords = (side: Side | null) => (side === 'bilateral' ? 'on both sides' : side ? `on the ${side}` : 'without a side');
const sideMention = (item: Item) => item.mentions.find((f) => f.side === item.side) ?? representative(item);
const siteMention = (item: Item) => item.mentions.find((f) => f.site.length) ?? representative(item);

function describe(item: Item): string {
  const f = representative(item);
  const place = [item.side === 'bilateral' ? 'bilateral' : item.side, ...item.sites].filter(Boolean).join(' ');
  return place ? `${f.finding} (${place})` : f.finding;
}

// ---------------------------------------------------------------------------------------------
// One message per kind: r is the reference's finding, t the trainee's.

export function sideDraft(r: Item, t: Item): Draft {
  const swapped = sideRelation(r.side, t.side) === 'conflict';
  return {
    kind: 'side',
    severity: swapped ? 'major' : graded(r),
    finding: nameOf(r),
    side: r.side,
    t: sideMention(t),
    r: sideMention(r),
    message: `Side: the trainee reports ${nameOf(t)} ${sideWords(t.side)}; the reference ${sideWords(r.side)} ("${quote(r, sideMention(r))}").`,
  };
}

export function siteDraft(r: Item, t: Item): Draft {
  return {
    kind: 'site',
    severity: urgent(r),
    finding: nameOf(r),
    side: r.side,
    t: siteMention(t),
    r: siteMention(r),
    message: `Site: the trainee places ${nameOf(t)} at the ${t.sites.join(', ')}; the reference at the ${r.sites.join(', ')} ("${quote(r, siteMention(r))}").`,
  };
}

/** Stated in one report, denied in the other. */
export function assertionDraft(r: Item, t: Item): Draft {
  const rf = representative(r);
  return {
    kind: 'assertion',
    severity: graded(r.polarity === 'positive' ? r : t),
    finding: nameOf(r),
    side: r.side,
    t: representative(t),
    r: rf,
    message: `Assertion: the trainee ${t.polarity === 'absent' ? 'denies' : 'reports'} ${nameOf(t)}; the reference ${r.polarity === 'absent' ? 'denies it' : 'reports it'} ("${quote(r, rf)}").`,
  };
}

/** Present in one report, possible in the other (in a part of the report both speak in, if any). */
export function hedgeDraft(r: Item, t: Item, group: Group | undefined): Draft {
  const rf = representative(r, group);
  return {
    kind: 'assertion',
    severity: 'minor',
    finding: nameOf(r),
    side: r.side,
    t: representative(t, group),
    r: rf,
    message: `Assertion: the trainee calls ${nameOf(t)} ${assertionIn(t, group)}; the reference ${assertionIn(r, group)} ("${quote(r, rf)}").`,
  };
}

export function sizeDraft(r: Item, t: Item, size: { ref: Size; trainee: Size }, tol: SizeTolerance): Draft {
  const ratio = Math.abs(size.trainee.value - size.ref.value) / Math.max(Math.abs(size.trainee.value), Math.abs(size.ref.value), 1e-9);
  return {
    kind: 'size',
    severity: important(r) && ratio >= 0.5 ? 'major' : 'minor',
    finding: nameOf(r),
    side: r.side,
    t: size.trainee.mention,
    r: size.ref.mention,
    message: `Size: the trainee measures ${nameOf(t)} ${textOf(t.report, size.trainee.measurement)}; the reference ${textOf(r.report, size.ref.measurement)} (beyond the tolerance of ${toleranceText(tol, size.ref.dimension)}).`,
    detail: `${size.trainee.values.join('x')}|${size.ref.values.join('x')}`,
  };
}

/** Unmeasured, the size in words (size-words.ts): a small effusion against a moderate one. */
export function sizeWordsDraft(r: Item, t: Item): Draft | null {
  const tw = sizeGradeAmong(t.report, t.mentions);
  const rw = sizeGradeAmong(r.report, r.mentions);
  const gap = tw && rw ? gradeGap(tw.grade, rw.grade) : 0;
  if (!tw || !rw || gap === 0) return null;
  return {
    kind: 'size',
    severity: important(r) && gap >= 2 ? 'major' : 'minor',
    finding: nameOf(r),
    side: r.side,
    t: tw.mention,
    r: rw.mention,
    message: `Size: the trainee calls ${nameOf(t)} ${tw.grade.words}; the reference ${rw.grade.words} ("${quote(r, rw.mention)}").`,
    detail: `${tw.grade.words}|${rw.grade.words}`,
  };
}

/** The trainee describes the finding but leaves it out of the impression, where the reference names it. */
export function impressionDraft(r: Item, t: Item, traineeInFindings: Finding, refInImpression: Finding): Draft {
  return {
    kind: 'impression',
    severity: graded(r),
    finding: nameOf(r),
    side: r.side,
    t: traineeInFindings,
    r: refInImpression,
    message: `Impression: the trainee describes ${nameOf(t)} in the findings but leaves it out of the impression; the reference's impression names it ("${quote(r, refInImpression)}").`,
  };
}

/** A diagnosis the reference concludes in its impression from findings the trainee describes too. */
export function conclusionDraft(r: Item, traineeFinding: Finding): Draft {
  const rf = representative(r);
  return {
    kind: 'impression',
    severity: graded(r),
    finding: rf.finding,
    side: r.side,
    t: traineeFinding,
    r: rf,
    message: `Impression: the trainee describes ${traineeFinding.finding} but does not conclude ${rf.finding} in the impression, as the reference does ("${quote(r, rf)}").`,
  };
}

/** A finding only one report names: missed (the reference's) or extra (the trainee's). */
export function unpairedDraft(item: Item, asReference: boolean): Draft {
  const f = representative(item);
  const base = { severity: graded(item), finding: f.finding, side: item.side };
  return asReference
    ? {
        ...base,
        kind: 'missed',
        t: null,
        r: f,
        message: `Missed: the reference reports ${describe(item)} ("${quote(item)}"); the trainee report does not.`,
      }
    : {
        ...base,
        kind: 'extra',
        t: f,
        r: null,
        message: `Extra: the trainee reports ${describe(item)} ("${quote(item)}"); the reference does not.`,
      };
}
