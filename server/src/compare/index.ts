// Trainee mode: a trainee's report read against the attending's, finding by finding.
//
// Each report's findings (items.ts) are paired from the closest agreement down to the loosest
// (pairing.ts); a pair that differs in side, site, assertion or size is a discrepancy, and what stays
// unpaired is missed or extra, unless the other report denies it or names it in other words. What each
// discrepancy says and weighs is messages.ts. The pairing never depends on the order of sentences, and
// swapping the reports swaps missed and extra.
import { covers, sameFinding, sitesAgree, type Finding } from '../nlp';
import type { Span } from '../report/types';
import { cmp, groupOf, itemsOf, polarityOf, type Item } from './items';
import {
  assertionDraft,
  conclusionDraft,
  hedgeDraft,
  impressionDraft,
  representative,
  sideDraft,
  siteDraft,
  sizeDraft,
  sizeWordsDraft,
  unpairedDraft,
  type Draft,
} from './messages';
import { hedgeDifference, pairItems, placeOf, sameFamily, shareConcept, sideRelation, sitesOk, Tier, type Pair } from './pairing';
import { DEFAULT_SIZE_TOLERANCE, sizeDisagreement } from './sizes';
import { emptySummary } from './contract';
import type { CompareOptions, CompareSummary, Comparison, Discrepancy, FindingMatch, SizeTolerance, UnderstoodReport } from './types';

export * from './types';
export { DEFAULT_SIZE_TOLERANCE, toleranceText } from './sizes';
export { addSummaries } from './contract';
export { comparisonJson, discrepancyJson, summaryJson, COMPARE_JSON_VERSION } from './json';

/** Compare a trainee's report with the reference (the attending's), finding by finding: two analyses. */
export function compareReports(trainee: UnderstoodReport, reference: UnderstoodReport, options: CompareOptions = {}): Comparison {
  const tol: SizeTolerance = { ...DEFAULT_SIZE_TOLERANCE, ...options.sizeTolerance };
  const reading = new Reading(itemsOf(reference), itemsOf(trainee));
  const { pairs, lonely } = pairItems(reading.refItems, reading.traineeItems);
  for (const pair of pairs) reading.paired(pair, tol);
  const partnerOf = new Map<Item, Item>();
  for (const p of pairs) partnerOf.set(p.reference, p.trainee).set(p.trainee, p.reference);
  reading.unpaired(lonely.reference, reading.traineeItems, true, partnerOf);
  reading.unpaired(lonely.trainee, reading.refItems, false, partnerOf);
  const { discrepancies, matches } = reading.sorted();
  return { summary: summarize(discrepancies, matches), discrepancies, matches, trainee: trainee.report, reference: reference.report };
}

const span = (f: Finding): Span => ({ start: f.start, end: f.end });
const positiveIn = (items: Item[], group: 'findings' | 'impression') =>
  items.flatMap((i) => i.mentions).filter((f) => groupOf(f) === group && polarityOf(f) === 'positive');

/** One comparison as it is read: the discrepancies found (with the mentions behind them) and the matches. */
class Reading {
  readonly discrepancies: Discrepancy[] = [];
  readonly matches: FindingMatch[] = [];
  readonly #sources = new Map<Discrepancy, Source>();
  readonly #traineeImpression: Finding[];
  readonly #traineeFindings: Finding[];
  readonly #referenceFindings: Finding[];
  readonly #assertionsDone = new Set<Item>();
  readonly #mirroredDone = new Set<Item>();

  constructor(
    readonly refItems: Item[],
    readonly traineeItems: Item[],
  ) {
    this.#traineeImpression = positiveIn(traineeItems, 'impression');
    this.#traineeFindings = positiveIn(traineeItems, 'findings');
    this.#referenceFindings = positiveIn(refItems, 'findings');
  }

  add(d: Draft): void {
    const { kind, severity, finding, side, t, r, message } = d;
    const discrepancy: Discrepancy = { kind, severity, finding, side, trainee: t ? span(t) : null, reference: r ? span(r) : null, message };
    this.discrepancies.push(discrepancy);
    this.#sources.set(discrepancy, { t, r, detail: d.detail ?? '' });
  }

  /** A finding both name: the reference's r, the trainee's t. */
  match(r: Item, t: Item): void {
    const rf = representative(r);
    const tf = representative(t);
    this.matches.push({
      finding: rf.finding,
      trainee: span(tf),
      reference: span(rf),
      traineeFinding: tf.finding,
      referenceFinding: rf.finding,
      wording: !shareConcept(r, t),
    });
  }

  // A finding is in the trainee's impression when one of its mentions is there, or an impression
  // statement names it in other words on a compatible side. A cause named instead ("hiatal hernia"
  // for the atelectasis it causes) does not count: the reference named the finding itself.
  #inTraineeImpression(t: Item, concepts: readonly string[]): boolean {
    return (
      t.mentions.some((f) => groupOf(f) === 'impression') ||
      this.#traineeImpression.some(
        (f) => sideRelation(f.side, t.side) !== 'conflict' && sitesAgree(f, placeOf(t)) && concepts.some((c) => sameFinding(f.concept, c)),
      )
    );
  }

  #impressionCheck(r: Item, t: Item): void {
    const refInImpression = r.mentions.find((f) => groupOf(f) === 'impression' && polarityOf(f) === 'positive');
    const traineeInFindings = t.mentions.find((f) => groupOf(f) === 'findings' && polarityOf(f) === 'positive');
    if (!refInImpression || !traineeInFindings || this.#inTraineeImpression(t, [...t.concepts, ...r.concepts])) return;
    this.add(impressionDraft(r, t, traineeInFindings, refInImpression));
  }

  // A diagnosis the reference makes only in its impression, from findings the trainee describes too
  // ("COPD" for the hyperinflation): the trainee left the conclusion out of the impression.
  #concludedFrom(r: Item): Finding | undefined {
    if (r.polarity !== 'positive' || r.mentions.some((f) => groupOf(f) !== 'impression')) return undefined;
    return this.#traineeFindings.find(
      (f) => sideRelation(f.side, r.side) !== 'conflict' && sitesAgree(f, placeOf(r)) && [...r.concepts].some((c) => covers(c, f.concept)),
    );
  }

  #concludedFromReference(t: Item): boolean {
    return (
      t.polarity === 'positive' &&
      t.mentions.every((f) => groupOf(f) === 'impression') &&
      this.#referenceFindings.some(
        (f) =>
          sideRelation(f.side, t.side) !== 'conflict' && sitesAgree(f, placeOf(t)) && [...t.concepts].some((c) => covers(c, f.concept)),
      )
    );
  }

  /** A pair of findings: how they differ, by the tier they were paired at, then size and impression. */
  paired({ reference: r, trainee: t, tier }: Pair, tol: SizeTolerance): void {
    if (r.polarity === 'positive' || t.polarity === 'positive') this.match(r, t);
    switch (tier) {
      case Tier.Side:
        return this.add(sideDraft(r, t));
      case Tier.Site:
        return this.add(siteDraft(r, t));
      case Tier.Assertion:
        return this.add(assertionDraft(r, t));
      case Tier.Hedge: {
        const where = hedgeDifference(r, t);
        this.add(hedgeDraft(r, t, where === 'overall' || !where ? undefined : where));
        break;
      }
    }
    if (r.polarity !== 'positive') return;
    const size = sizeDisagreement(r, t, tol);
    const words = size ? null : sizeWordsDraft(r, t);
    if (size) this.add(sizeDraft(r, t, size, tol));
    else if (words) this.add(words);
    this.#impressionCheck(r, t);
  }

  /** Unpaired findings: missed, extra, or the other report denies them (or names them already). */
  unpaired(mine: Item[], theirs: Item[], asReference: boolean, partnerOf: ReadonlyMap<Item, Item>): void {
    for (const item of mine) {
      // A bilateral finding accounts for a one-sided one; a denial answers only the same or an open side.
      const others = theirs.filter((o) => sameFamily(item, o) && sitesOk(item, o) && sideRelation(item.side, o.side) !== 'conflict');
      const open = others.filter((o) => sideRelation(item.side, o.side) !== 'partial');
      const covering = others.find((o) => o.polarity === 'positive');
      const positive = open.find((o) => o.polarity === 'positive');
      const absent = open.find((o) => o.polarity === 'absent');
      // A denial of this very concept ("no focal consolidation") answers it before a kindred finding
      // of the other report ("interstitial opacities") could account for it.
      const deniedOutright = item.polarity === 'positive' && open.some((o) => o.polarity === 'absent' && shareConcept(item, o));
      if (item.polarity === 'positive' && covering && !deniedOutright) {
        if (asReference) this.#impressionCheck(item, covering);
        this.match(asReference ? item : covering, asReference ? covering : item);
        continue;
      }
      const mirrored = this.#toldOtherwise(item, theirs, partnerOf);
      if (mirrored) {
        const [r, t] = asReference ? [item, mirrored] : [mirrored, item];
        this.add(sideRelation(r.side, t.side) !== 'conflict' ? siteDraft(r, t) : sideDraft(r, t));
        continue;
      }
      const counterpart =
        item.polarity === 'positive' ? (open.find((o) => o.polarity === 'absent' && shareConcept(item, o)) ?? absent) : positive;
      if (counterpart && item.polarity !== counterpart.polarity) {
        if (this.#assertionsDone.has(item)) continue;
        this.#assertionsDone.add(item);
        this.add(asReference ? assertionDraft(item, counterpart) : assertionDraft(counterpart, item));
        continue;
      }
      if (item.polarity !== 'positive') continue;
      const detail = asReference ? this.#concludedFrom(item) : undefined;
      if (detail) {
        this.add(conclusionDraft(item, detail));
        continue;
      }
      // The mirror image (a diagnosis only the trainee's impression draws from shared findings) is a
      // matter of interpretation, not a finding the reference lacks: not counted, so that swapping the
      // reports swaps missed and extra.
      if (!asReference && this.#concludedFromReference(item)) continue;
      this.add(unpairedDraft(item, asReference));
    }
  }

  // Told on the other side in one part of the report only ("right base" in the findings, "left
  // basilar" in the impression, where the reference says left in both): a side or site discrepancy
  // there, counted once for the other report's finding.
  #toldOtherwise(item: Item, theirs: Item[], partnerOf: ReadonlyMap<Item, Item>): Item | undefined {
    if (item.polarity !== 'positive') return undefined;
    const otherwise = (o: Item) =>
      (sideRelation(item.side, o.side) === 'conflict' && sitesOk(item, o)) ||
      (sideRelation(item.side, o.side) !== 'conflict' && sideRelation(item.side, o.side) !== 'partial' && !sitesOk(item, o));
    const mirrored = theirs.find(
      (o) =>
        o.polarity === 'positive' &&
        otherwise(o) &&
        sameFamily(item, o) &&
        item.mentions.some((f) => {
          const part = groupOf(f);
          const partner = partnerOf.get(o);
          return o.mentions.some((g) => groupOf(g) === part) && !partner?.mentions.some((g) => groupOf(g) === part);
        }),
    );
    if (!mirrored || this.#mirroredDone.has(mirrored)) return undefined;
    this.#mirroredDone.add(mirrored);
    return mirrored;
  }

  /** The discrepancies in text order, one per lesion, and the matches in text order. */
  sorted(): { discrepancies: Discrepancy[]; matches: FindingMatch[] } {
    this.discrepancies.sort(
      (a, b) =>
        (a.reference?.start ?? Infinity) - (b.reference?.start ?? Infinity) ||
        (a.trainee?.start ?? Infinity) - (b.trainee?.start ?? Infinity) ||
        cmp(a.kind, b.kind),
    );
    this.matches.sort((a, b) => a.reference.start - b.reference.start || a.trainee.start - b.trainee.start);
    return { discrepancies: oncePerLesion(this.discrepancies, this.#sources), matches: this.matches };
  }
}

interface Source {
  t: Finding | null;
  r: Finding | null;
  /** What else must agree for two discrepancies to be one (the sizes compared). */
  detail: string;
}

/**
 * One discrepancy per lesion: a lesion named with two concepts ("simple cyst" in the findings,
 * "renal cyst" in the impression) is two findings to the pairing but one error to the trainee. Two
 * discrepancies of a kind are one when their findings are of one family, on the same sides, at sites
 * that agree (and, for sizes, with the same sizes). The first in text order stays, graded the worse.
 */
function oncePerLesion(list: readonly Discrepancy[], sources: ReadonlyMap<Discrepancy, Source>): Discrepancy[] {
  const kept: Discrepancy[] = [];
  const sideOf = (f: Finding | null) => f?.side ?? null;
  const placesAgree = (a: Finding | null, b: Finding | null) => !a || !b || sitesAgree(a, b);
  const same = (x: Source, y: Source) => {
    const fx = x.r ?? x.t;
    const fy = y.r ?? y.t;
    return (
      !!fx &&
      !!fy &&
      sameFinding(fx.concept, fy.concept) &&
      x.detail === y.detail &&
      sideOf(x.r) === sideOf(y.r) &&
      sideOf(x.t) === sideOf(y.t) &&
      placesAgree(x.r, y.r) &&
      placesAgree(x.t, y.t)
    );
  };
  for (const d of list) {
    const source = sources.get(d);
    const twin = source && kept.find((k) => k.kind === d.kind && same(sources.get(k)!, source));
    if (twin) {
      if (d.severity === 'major') twin.severity = 'major';
      continue;
    }
    kept.push(d);
  }
  return kept;
}

function summarize(discrepancies: readonly Discrepancy[], matches: readonly FindingMatch[]): CompareSummary {
  const summary = { ...emptySummary(), matched: matches.length, wording: matches.filter((m) => m.wording).length };
  for (const d of discrepancies) {
    summary[d.kind]++;
    summary[d.severity]++;
  }
  return summary;
}
