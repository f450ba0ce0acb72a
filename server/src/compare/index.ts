// Trainee mode: a trainee's report read against the attending's, finding by finding.
//
// Each report's finding mentions are grouped into findings (one pleural effusion named in the findings
// and again in the impression is one finding), the two reports' findings are paired from the closest
// agreement down to the loosest (same concept, then same family in other words, then differing in
// assertion, site or side), and what stays unpaired is missed or extra. The pairing never depends on
// the order of sentences, and swapping the reports swaps missed and extra.
import { covers, sameFinding, sideInSentence, sitesAgree, sitesMatch, understand, type Finding, type Measurement, type Side } from '../nlp';
import { SITE_TRIES } from '../nlp/lexicon';
import { wordsFromTokens } from '../nlp/words';
import { parseReport } from '../report';
import type { Report, Span } from '../report/types';
import { isMinor } from '../nlp/minor';
import type {
  CompareOptions,
  CompareSummary,
  Comparison,
  Discrepancy,
  DiscrepancyKind,
  DiscrepancySeverity,
  FindingMatch,
  SizeTolerance,
} from './types';

export * from './types';

/**
 * Measurement agreement: two readers measuring the same lesion differ by a millimetre or two (Lung-RADS
 * counts growth only from 1.5 mm on) and by some 20% on larger ones; beyond either it is another size.
 */
export const DEFAULT_SIZE_TOLERANCE: SizeTolerance = { mm: 2, relative: 0.2, hu: 10, degrees: 5 };

// Sections whose findings are the clinical question or a prior study, not this study's findings.
const NOT_FINDINGS = new Set(['history', 'exam', 'comparison', 'technique']);

type Polarity = 'positive' | 'absent';
type Group = 'findings' | 'impression';

/** One finding of one report: every mention of it, wherever in the report. */
interface Item {
  report: Report;
  mentions: Finding[];
  concepts: Set<string>;
  side: Side | null;
  sites: string[];
  polarity: Polarity;
  /** A canonical description, the same whatever the order of the sentences. */
  key: string;
}

const polarityOf = (f: Finding): Polarity | null =>
  f.assertion === 'present' || f.assertion === 'possible' ? 'positive' : f.assertion === 'absent' ? 'absent' : null;
const groupOf = (f: Finding): Group => (f.section === 'impression' ? 'impression' : 'findings');
const textOf = (report: Report, span: Span) => report.text.slice(span.start, span.end);

// What a normal statement denies ("The lungs are clear" -> no consolidation, no edema, ...) is read
// for the consistency rules; compared mention by mention it would score one wording as dozens of
// denials, so only what the reports name is compared.
function mentionsOf(report: Report): Finding[] {
  return understand(report).findings.filter((f) => polarityOf(f) !== null && !NOT_FINDINGS.has(f.section) && !f.normal);
}

const sortedSites = (sites: readonly string[]) => [...new Set(sites)].sort();
const mentionKey = (report: Report, f: Finding) =>
  [
    f.concept,
    f.side ?? '',
    sortedSites(f.site).join('+'),
    f.assertion,
    groupOf(f),
    f.measurements.map((m) => `${m.value.join('x')}${m.unit}`).join(','),
    textOf(report, f).toLowerCase(),
  ].join('|');

const sameKind = (a: Finding, b: Finding) => polarityOf(a) === polarityOf(b) && a.concept === b.concept && sitesAgree(a, b);

/** The anatomic sites each sentence names (lexicon site phrases), by sentence index. */
function sentenceSites(report: Report): Map<number, string[]> {
  const words = wordsFromTokens(report.tokens);
  const out = new Map<number, string[]>();
  let w = 0;
  report.sentences.forEach((sentence, index) => {
    while (w < words.length && words[w].start < sentence.start) w++;
    let end = w;
    while (end < words.length && words[end].end <= sentence.end) end++;
    const inSentence = words.slice(w, end);
    const sites = new Set<string>();
    for (let k = 0; k < inSentence.length;) {
      const hit = SITE_TRIES.base.match(inSentence, k) ?? SITE_TRIES.exact.match(inSentence, k);
      if (hit) {
        sites.add(hit.value.site);
        k = hit.end;
      } else k++;
    }
    if (sites.size) out.set(index, [...sites].sort());
    w = end;
  });
  return out;
}

/**
 * Sites without the ones a more specific site makes redundant: "lung" next to "upper lobe" says
 * nothing more, and would agree with a lower lobe elsewhere. A site is broad when it can be the same
 * place as both the apex and the base (the consistency relations decide which sites those are).
 */
function specificSites(model: Finding, sites: string[]): string[] {
  const at = (site: string): Finding => ({ ...model, site: [site] });
  const broad = (site: string) => sitesAgree(at(site), at('apex')) && sitesAgree(at(site), at('base'));
  const narrow = sites.filter((site) => !broad(site));
  return narrow.length ? narrow : sites;
}

/**
 * The report's findings, one per concept and place. A mention joins a finding when it names the same
 * concept as every mention in it, on the same side and a compatible site; a mention without a side
 * ("Pleural effusion." in the impression) joins every finding it can be. Other words for the same
 * finding ("opacity" here, "pneumonia" there) are paired across reports, not merged here: "opacity"
 * would chain atelectasis and pneumonia into one. Mentions are taken in a canonical order, never the
 * text's, so reordered sentences group alike.
 */
function itemsOf(report: Report): Item[] {
  const placesBySentence = sentenceSites(report);
  const mentions = mentionsOf(report);
  const perSentence = new Map<number, number>();
  for (const f of mentions) perSentence.set(f.sentenceIndex, (perSentence.get(f.sentenceIndex) ?? 0) + 1);
  const keyed = mentions.map((f) => {
    // The side of a sentence that names one side only ("Calcified granuloma, right lung base.") is
    // the finding's, and so is the site of a sentence about this finding alone: the findings core
    // binds them inside the noun phrase, a sentence about one finding does not stop there.
    const side = sideInSentence(report, f);
    const alone = perSentence.get(f.sentenceIndex) === 1;
    const only = f.site.length || !alone ? [] : specificSites(f, placesBySentence.get(f.sentenceIndex) ?? []);
    const site = only.length === 1 ? only : f.site;
    const mention = side === f.side && site === f.site ? f : { ...f, side, site };
    return { f: mention, key: mentionKey(report, mention) };
  });
  keyed.sort((a, b) => cmp(a.key, b.key));
  const groups: Finding[][] = [];
  const fits = (group: Finding[], f: Finding) => group.every((g) => g.side === f.side && sameKind(g, f));
  for (const { f } of keyed.filter((k) => k.f.side)) {
    const home = groups.find((g) => fits(g, f));
    if (home) home.push(f);
    else groups.push([f]);
  }
  const sidedCount = groups.length;
  for (const { f } of keyed.filter((k) => !k.f.side)) {
    const homes = groups.slice(0, sidedCount).filter((g) => g.every((m) => sameKind(m, f)));
    for (const home of homes) home.push(f);
    if (homes.length) continue;
    const loose = groups.slice(sidedCount).find((g) => g.every((m) => sameKind(m, f)));
    if (loose) loose.push(f);
    else groups.push([f]);
  }

  return groups.map((group) => {
    const side = group.find((f) => f.side)?.side ?? null;
    // An unsided mention that joined ("retrocardiac density") lends no site to a sided finding.
    const own = group.filter((f) => f.side === side);
    const sites = specificSites(group[0], sortedSites(own.flatMap((f) => f.site)));
    const concepts = new Set(group.map((f) => f.concept));
    const key = group
      .map((f) => mentionKey(report, f))
      .sort()
      .join('||');
    group.sort((a, b) => a.start - b.start);
    return { report, mentions: group, concepts, side, sites, polarity: polarityOf(group[0]) as Polarity, key };
  });
}

// ---------------------------------------------------------------------------------------------
// How two findings relate.

const shareConcept = (a: Item, b: Item) => [...a.concepts].some((c) => b.concepts.has(c));
const sameFamily = (a: Item, b: Item) => [...a.concepts].some((c) => [...b.concepts].some((d) => sameFinding(c, d)));

type SideRelation = 'same' | 'open' | 'partial' | 'conflict';
function sideRelation(a: Side | null, b: Side | null): SideRelation {
  if (a === b) return 'same';
  if (!a || !b) return 'open';
  return a === 'bilateral' || b === 'bilateral' ? 'partial' : 'conflict';
}

/** A stand-in finding carrying an item's sites, for the consistency relations. */
const placeOf = (item: Item): Finding => ({ ...item.mentions[0], site: item.sites });
const sitesOk = (a: Item, b: Item) => sitesAgree(placeOf(a), placeOf(b));

/** What the report asserts of a positive finding in a part of it: present wins over possible. */
function assertionIn(item: Item, group?: Group): 'present' | 'possible' | 'absent' | null {
  const ms = group ? item.mentions.filter((f) => groupOf(f) === group) : item.mentions;
  if (!ms.length) return null;
  if (item.polarity === 'absent') return 'absent';
  return ms.some((f) => f.assertion === 'present') ? 'present' : 'possible';
}

/** Where the two reports differ in hedging: the part of the report both speak in, the findings first. */
function hedgeDifference(a: Item, b: Item): Group | 'overall' | null {
  let common = false;
  for (const group of ['findings', 'impression'] as const) {
    const x = assertionIn(a, group);
    const y = assertionIn(b, group);
    if (!x || !y) continue;
    common = true;
    if (x !== y) return group;
  }
  if (common) return null;
  return assertionIn(a) !== assertionIn(b) ? 'overall' : null;
}

// Pairing tiers, closest first.
const enum Tier {
  Exact, // same concept, side, site and assertion
  Wording, // same finding family in other words
  Hedge, // present in one, possible in the other
  Assertion, // stated in one, denied in the other
  Site,
  Side,
}

function tierOf(a: Item, b: Item): Tier | null {
  if (!sameFamily(a, b)) return null;
  const side = sideRelation(a.side, b.side);
  const sites = sitesOk(a, b);
  const openSide = side === 'same' || side === 'open';
  if (a.polarity === b.polarity) {
    if (openSide && sites) {
      if (a.polarity === 'positive' && hedgeDifference(a, b)) return Tier.Hedge;
      return shareConcept(a, b) && side === 'same' ? Tier.Exact : Tier.Wording;
    }
    if (a.polarity === 'absent') return null;
    if (openSide) return Tier.Site;
    return sites ? Tier.Side : null;
  }
  return openSide && sites ? Tier.Assertion : null;
}

/** Finer order inside a tier: a shared concept, the same side, the very same site. */
function closeness(a: Item, b: Item): number {
  return (
    (shareConcept(a, b) ? 0 : 4) +
    (a.side === b.side ? 0 : 2) +
    (sitesMatch(placeOf(a), placeOf(b)) || (!a.sites.length && !b.sites.length) ? 0 : 1)
  );
}

interface Pair {
  reference: Item;
  trainee: Item;
  tier: Tier;
}

/** Greedy pairing, closest first; ties broken by the items' canonical keys taken symmetrically. */
function pairItems(reference: Item[], trainee: Item[]): { pairs: Pair[]; lonely: { reference: Item[]; trainee: Item[] } } {
  const paired = new Set<Item>();
  const pairs: Pair[] = [];

  // "Bilateral effusions" against a left and a right effusion: one finding told two ways.
  for (const [mine, theirs, asReference] of [
    [reference, trainee, true],
    [trainee, reference, false],
  ] as const) {
    for (const both of mine) {
      if (both.side !== 'bilateral' || both.polarity !== 'positive' || paired.has(both)) continue;
      const fits = (o: Item) => !paired.has(o) && o.polarity === 'positive' && sameFamily(both, o) && sitesOk(both, o);
      if (theirs.some((o) => o.side === 'bilateral' && fits(o))) continue;
      const left = theirs.find((o) => o.side === 'left' && fits(o));
      const right = theirs.find((o) => o.side === 'right' && fits(o));
      if (!left || !right) continue;
      paired.add(both).add(left).add(right);
      for (const one of [left, right]) {
        const tier = shareConcept(both, one) ? Tier.Exact : Tier.Wording;
        pairs.push(asReference ? { reference: both, trainee: one, tier } : { reference: one, trainee: both, tier });
      }
    }
  }

  const candidates: { r: Item; t: Item; tier: Tier; close: number; lo: string; hi: string }[] = [];
  for (const r of reference) {
    if (paired.has(r)) continue;
    for (const t of trainee) {
      if (paired.has(t)) continue;
      const tier = tierOf(r, t);
      if (tier === null) continue;
      const [lo, hi] = r.key < t.key ? [r.key, t.key] : [t.key, r.key];
      candidates.push({ r, t, tier, close: closeness(r, t), lo, hi });
    }
  }
  candidates.sort((a, b) => a.tier - b.tier || a.close - b.close || cmp(a.lo, b.lo) || cmp(a.hi, b.hi));
  for (const c of candidates) {
    if (paired.has(c.r) || paired.has(c.t)) continue;
    paired.add(c.r).add(c.t);
    pairs.push({ reference: c.r, trainee: c.t, tier: c.tier });
  }
  return { pairs, lonely: { reference: reference.filter((r) => !paired.has(r)), trainee: trainee.filter((t) => !paired.has(t)) } };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Severity, RADPEER-style.

/** Would leaving it out change management: a critical finding, or a significant one not called minor. */
function important(item: Item): boolean {
  return item.mentions.some(
    (f) =>
      polarityOf(f) === 'positive' &&
      (f.critical === 'minutes' || f.critical === 'hours' || ((f.critical === 'days' || f.significant) && !isMinor(item.report, f))),
  );
}
const graded = (item: Item): DiscrepancySeverity => (important(item) ? 'major' : 'minor');

// ---------------------------------------------------------------------------------------------
// Words for messages.

/** The mention that best names the finding: one with its side, in the findings, else the first. */
function representative(item: Item, group?: Group): Finding {
  const ms = group ? item.mentions.filter((f) => groupOf(f) === group) : item.mentions;
  const pool = ms.length ? ms : item.mentions;
  return pool.find((f) => f.side === item.side && groupOf(f) === 'findings') ?? pool.find((f) => f.side === item.side) ?? pool[0];
}

const nameOf = (item: Item) => representative(item).finding;
const quote = (item: Item, f: Finding = representative(item)) => {
  const sentence = item.report.sentences[f.sentenceIndex];
  const text = (sentence ? sentence.text : textOf(item.report, f)).replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};
const sideWords = (side: Side | null) => (side === 'bilateral' ? 'on both sides' : side ? `on the ${side}` : 'without a side');
const span = (f: Finding): Span => ({ start: f.start, end: f.end });

// ---------------------------------------------------------------------------------------------
// Sizes.

const MM_PER: Readonly<Record<string, number>> = { mm: 1, cm: 10 };
const VOLUME = new Set(['mL', 'cc']);

interface Size {
  mention: Finding;
  measurement: Measurement;
  /** Comparable magnitude: the longest dimension in mm, the volume in mL, HU or degrees as given. */
  value: number;
  /** Every dimension as written, in the same unit as `value`. */
  values: number[];
  dimension: 'length' | 'volume' | 'HU' | 'degrees';
}

function sizesOf(item: Item): Size[] {
  const out: Size[] = [];
  for (const mention of item.mentions) {
    for (const measurement of mention.measurements) {
      const values = measurement.value;
      const largest = Math.max(...values.map(Math.abs));
      const factor = MM_PER[measurement.unit];
      if (factor) out.push({ mention, measurement, value: largest * factor, values: values.map((v) => v * factor), dimension: 'length' });
      else if (VOLUME.has(measurement.unit)) out.push({ mention, measurement, value: largest, values, dimension: 'volume' });
      else if (measurement.unit === 'HU') out.push({ mention, measurement, value: values[0], values: [values[0]], dimension: 'HU' });
      else if (measurement.unit === 'degrees') out.push({ mention, measurement, value: largest, values: [largest], dimension: 'degrees' });
    }
  }
  return out;
}

/**
 * Two sizes agree when their longest dimensions do and, given as many dimensions each, every one does
 * in the order written or in order of size ("2.4 x 3.9 x 3.0 cm" is not "4.8 x 3.9 x 3.0 cm").
 */
function sizesAgree(a: Size, b: Size, tol: SizeTolerance): boolean {
  if (!valuesAgree(a.value, b.value, a.dimension, tol)) return false;
  if (a.values.length < 2 || a.values.length !== b.values.length) return true;
  const all = (x: number[], y: number[]) => x.every((v, i) => valuesAgree(v, y[i], a.dimension, tol));
  const bySize = (x: number[]) => [...x].sort((p, q) => q - p);
  return all(a.values, b.values) || all(bySize(a.values), bySize(b.values));
}

function valuesAgree(x: number, y: number, dimension: Size['dimension'], tol: SizeTolerance): boolean {
  const d = Math.abs(x - y);
  const larger = Math.max(Math.abs(x), Math.abs(y));
  switch (dimension) {
    case 'length':
      return d <= tol.mm + 1e-9 || d <= tol.relative * larger + 1e-9;
    case 'volume':
      return d <= tol.relative * larger + 1e-9;
    case 'HU':
      return d <= tol.hu + 1e-9;
    case 'degrees':
      return d <= tol.degrees + 1e-9;
  }
}

export function toleranceText(tol: SizeTolerance, dimension: Size['dimension']): string {
  switch (dimension) {
    case 'length':
      return `${tol.mm} mm or ${Math.round(tol.relative * 100)}%`;
    case 'volume':
      return `${Math.round(tol.relative * 100)}%`;
    case 'HU':
      return `${tol.hu} HU`;
    case 'degrees':
      return `${tol.degrees} degrees`;
  }
}

/** The worst disagreement: a size in one report that no size of the other matches, against its closest. */
function sizeDisagreement(r: Item, t: Item, tol: SizeTolerance): { ref: Size; trainee: Size } | null {
  const rs = sizesOf(r);
  const ts = sizesOf(t);
  let worst: { ref: Size; trainee: Size; gap: number } | null = null;
  for (const dimension of ['length', 'volume', 'HU', 'degrees'] as const) {
    const a = rs.filter((s) => s.dimension === dimension);
    const b = ts.filter((s) => s.dimension === dimension);
    if (!a.length || !b.length) continue;
    const consider = (x: Size, others: Size[], xIsRef: boolean) => {
      if (others.some((o) => sizesAgree(x, o, tol))) return;
      const closest = others.reduce((best, o) => (Math.abs(o.value - x.value) < Math.abs(best.value - x.value) ? o : best));
      const gap = Math.abs(closest.value - x.value) / Math.max(Math.abs(x.value), Math.abs(closest.value), 1e-9);
      if (!worst || gap > worst.gap) worst = xIsRef ? { ref: x, trainee: closest, gap } : { ref: closest, trainee: x, gap };
    };
    for (const x of a) consider(x, b, true);
    for (const x of b) consider(x, a, false);
  }
  return worst;
}

// ---------------------------------------------------------------------------------------------

/** Compare a trainee's report with the reference (the attending's), finding by finding. */
export function compareReports(trainee: string | Report, reference: string | Report, options: CompareOptions = {}): Comparison {
  const traineeReport = typeof trainee === 'string' ? parseReport(trainee) : trainee;
  const referenceReport = typeof reference === 'string' ? parseReport(reference) : reference;
  const tol: SizeTolerance = { ...DEFAULT_SIZE_TOLERANCE, ...options.sizeTolerance };
  const refItems = itemsOf(referenceReport);
  const traineeItems = itemsOf(traineeReport);
  const { pairs, lonely } = pairItems(refItems, traineeItems);

  const discrepancies: Discrepancy[] = [];
  const matches: FindingMatch[] = [];
  const add = (
    kind: DiscrepancyKind,
    severity: DiscrepancySeverity,
    finding: string,
    side: Side | null,
    t: Finding | null,
    r: Finding | null,
    message: string,
    detail = '',
  ) => {
    const d: Discrepancy = { kind, severity, finding, side, trainee: t ? span(t) : null, reference: r ? span(r) : null, message };
    discrepancies.push(d);
    sources.set(d, { t, r, detail });
  };
  const sources = new Map<Discrepancy, Source>();

  const traineeImpression = traineeItems
    .flatMap((i) => i.mentions)
    .filter((f) => groupOf(f) === 'impression' && polarityOf(f) === 'positive');

  // A finding is in the trainee's impression when one of its mentions is there, or an impression
  // statement names it in other words on a compatible side. A cause named instead ("hiatal hernia"
  // for the atelectasis it causes) does not count: the reference named the finding itself.
  const inTraineeImpression = (t: Item, concepts: readonly string[]) =>
    t.mentions.some((f) => groupOf(f) === 'impression') ||
    traineeImpression.some(
      (f) => sideRelation(f.side, t.side) !== 'conflict' && sitesAgree(f, placeOf(t)) && concepts.some((c) => sameFinding(f.concept, c)),
    );
  const impressionCheck = (r: Item, t: Item) => {
    const refInImpression = r.mentions.find((f) => groupOf(f) === 'impression' && polarityOf(f) === 'positive');
    const traineeInFindings = t.mentions.find((f) => groupOf(f) === 'findings' && polarityOf(f) === 'positive');
    if (!refInImpression || !traineeInFindings || inTraineeImpression(t, [...t.concepts, ...r.concepts])) return;
    add(
      'impression',
      graded(r),
      nameOf(r),
      r.side,
      traineeInFindings,
      refInImpression,
      `Impression: the trainee describes ${nameOf(t)} in the findings but leaves it out of the impression; the reference's impression names it ("${quote(r, refInImpression)}").`,
    );
  };
  // A diagnosis the reference makes only in its impression, from findings the trainee describes too
  // ("COPD" for the hyperinflation): the trainee left the conclusion out of the impression.
  const traineeFindings = traineeItems.flatMap((i) => i.mentions).filter((f) => groupOf(f) === 'findings' && polarityOf(f) === 'positive');
  const concludedFrom = (r: Item): Finding | undefined => {
    if (r.polarity !== 'positive' || r.mentions.some((f) => groupOf(f) !== 'impression')) return undefined;
    return traineeFindings.find(
      (f) => sideRelation(f.side, r.side) !== 'conflict' && sitesAgree(f, placeOf(r)) && [...r.concepts].some((c) => covers(c, f.concept)),
    );
  };

  for (const { reference: r, trainee: t, tier } of pairs) {
    const finding = nameOf(r);
    if (r.polarity === 'positive' || t.polarity === 'positive') {
      const rf = representative(r);
      const tf = representative(t);
      const wording = !shareConcept(r, t);
      matches.push({ finding, trainee: span(tf), reference: span(rf), traineeFinding: tf.finding, referenceFinding: rf.finding, wording });
    }
    switch (tier) {
      case Tier.Side: {
        const swapped = sideRelation(r.side, t.side) === 'conflict';
        add(
          'side',
          swapped ? 'major' : graded(r),
          finding,
          r.side,
          sideMention(t),
          sideMention(r),
          `Side: the trainee reports ${nameOf(t)} ${sideWords(t.side)}; the reference ${sideWords(r.side)} ("${quote(r, sideMention(r))}").`,
        );
        continue;
      }
      case Tier.Site:
        add(
          'site',
          r.mentions.some((f) => f.critical === 'minutes' || f.critical === 'hours') ? 'major' : 'minor',
          finding,
          r.side,
          siteMention(t),
          siteMention(r),
          `Site: the trainee places ${nameOf(t)} at the ${t.sites.join(', ')}; the reference at the ${r.sites.join(', ')} ("${quote(r, siteMention(r))}").`,
        );
        continue;
      case Tier.Assertion: {
        const positive = r.polarity === 'positive' ? r : t;
        add(
          'assertion',
          graded(positive),
          finding,
          r.side,
          representative(t),
          representative(r),
          `Assertion: the trainee ${t.polarity === 'absent' ? 'denies' : 'reports'} ${nameOf(t)}; the reference ${r.polarity === 'absent' ? 'denies it' : 'reports it'} ("${quote(r)}").`,
        );
        continue;
      }
      case Tier.Hedge: {
        const where = hedgeDifference(r, t);
        const group = where === 'overall' || !where ? undefined : where;
        const tf = representative(t, group);
        const rf = representative(r, group);
        add(
          'assertion',
          'minor',
          finding,
          r.side,
          tf,
          rf,
          `Assertion: the trainee calls ${nameOf(t)} ${assertionIn(t, group)}; the reference ${assertionIn(r, group)} ("${quote(r, rf)}").`,
        );
        break;
      }
    }
    if (r.polarity !== 'positive') continue;
    const size = sizeDisagreement(r, t, tol);
    if (size) {
      const ratio = Math.abs(size.trainee.value - size.ref.value) / Math.max(Math.abs(size.trainee.value), Math.abs(size.ref.value), 1e-9);
      add(
        'size',
        important(r) && ratio >= 0.5 ? 'major' : 'minor',
        finding,
        r.side,
        size.trainee.mention,
        size.ref.mention,
        `Size: the trainee measures ${nameOf(t)} ${textOf(traineeReport, size.trainee.measurement)}; the reference ${textOf(referenceReport, size.ref.measurement)} (beyond the tolerance of ${toleranceText(tol, size.ref.dimension)}).`,
        `${size.trainee.values.join('x')}|${size.ref.values.join('x')}`,
      );
    }
    impressionCheck(r, t);
  }

  // Unpaired findings: missed, extra, or the other report denies them (or names them already).
  const assertionsDone = new Set<Item>();
  const referenceFindings = refItems.flatMap((i) => i.mentions).filter((f) => groupOf(f) === 'findings' && polarityOf(f) === 'positive');
  const concludedFromReference = (t: Item): boolean =>
    t.polarity === 'positive' &&
    t.mentions.every((f) => groupOf(f) === 'impression') &&
    referenceFindings.some(
      (f) => sideRelation(f.side, t.side) !== 'conflict' && sitesAgree(f, placeOf(t)) && [...t.concepts].some((c) => covers(c, f.concept)),
    );
  const partnerOf = new Map<Item, Item>();
  for (const p of pairs) partnerOf.set(p.reference, p.trainee).set(p.trainee, p.reference);
  const mirroredDone = new Set<Item>();
  const lonelyOf = (mine: Item[], theirs: Item[], asReference: boolean) => {
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
        const positive = covering;
        if (asReference) impressionCheck(item, positive);
        const tf = asReference ? representative(positive) : representative(item);
        const rf = asReference ? representative(item) : representative(positive);
        matches.push({
          finding: rf.finding,
          trainee: span(tf),
          reference: span(rf),
          traineeFinding: tf.finding,
          referenceFinding: rf.finding,
          wording: !shareConcept(item, positive),
        });
        continue;
      }
      // Told on the other side in one part of the report only ("right base" in the findings, "left
      // basilar" in the impression, where the reference says left in both): a side discrepancy there.
      const toldOtherwise = (o: Item) =>
        (sideRelation(item.side, o.side) === 'conflict' && sitesOk(item, o)) ||
        (sideRelation(item.side, o.side) !== 'conflict' && sideRelation(item.side, o.side) !== 'partial' && !sitesOk(item, o));
      const mirrored =
        item.polarity === 'positive' &&
        theirs.find(
          (o) =>
            o.polarity === 'positive' &&
            toldOtherwise(o) &&
            sameFamily(item, o) &&
            item.mentions.some((f) => {
              const part = groupOf(f);
              const partner = partnerOf.get(o);
              return o.mentions.some((g) => groupOf(g) === part) && !partner?.mentions.some((g) => groupOf(g) === part);
            }),
        );
      if (mirrored && !mirroredDone.has(mirrored)) {
        mirroredDone.add(mirrored);
        const [r, t] = asReference ? [item, mirrored] : [mirrored, item];
        if (sideRelation(r.side, t.side) !== 'conflict') {
          add(
            'site',
            r.mentions.some((f) => f.critical === 'minutes' || f.critical === 'hours') ? 'major' : 'minor',
            nameOf(r),
            r.side,
            siteMention(t),
            siteMention(r),
            `Site: the trainee places ${nameOf(t)} at the ${t.sites.join(', ')}; the reference at the ${r.sites.join(', ')} ("${quote(r, siteMention(r))}").`,
          );
          continue;
        }
        add(
          'side',
          'major',
          nameOf(r),
          r.side,
          sideMention(t),
          sideMention(r),
          `Side: the trainee reports ${nameOf(t)} ${sideWords(t.side)}; the reference ${sideWords(r.side)} ("${quote(r, sideMention(r))}").`,
        );
        continue;
      }
      const counterpart =
        item.polarity === 'positive' ? (open.find((o) => o.polarity === 'absent' && shareConcept(item, o)) ?? absent) : positive;
      if (counterpart && item.polarity !== counterpart.polarity) {
        const [r, t] = asReference ? [item, counterpart] : [counterpart, item];
        if (assertionsDone.has(item)) continue;
        assertionsDone.add(item);
        const pos = r.polarity === 'positive' ? r : t;
        const rf = representative(r);
        add(
          'assertion',
          graded(pos),
          nameOf(r),
          r.side,
          representative(t),
          rf,
          `Assertion: the trainee ${t.polarity === 'absent' ? 'denies' : 'reports'} ${nameOf(t)}; the reference ${r.polarity === 'absent' ? 'denies it' : 'reports it'} ("${quote(r, rf)}").`,
        );
        continue;
      }
      if (item.polarity !== 'positive') continue;
      const detail = asReference ? concludedFrom(item) : undefined;
      if (detail) {
        const rf = representative(item);
        add(
          'impression',
          graded(item),
          rf.finding,
          item.side,
          detail,
          rf,
          `Impression: the trainee describes ${detail.finding} but does not conclude ${rf.finding} in the impression, as the reference does ("${quote(item, rf)}").`,
        );
        continue;
      }
      // The mirror image (a diagnosis only the trainee's impression draws from shared findings) is a
      // matter of interpretation, not a finding the reference lacks: not counted, so that swapping the
      // reports swaps missed and extra.
      if (!asReference && concludedFromReference(item)) continue;
      const f = representative(item);
      if (asReference)
        add(
          'missed',
          graded(item),
          f.finding,
          item.side,
          null,
          f,
          `Missed: the reference reports ${describe(item)} ("${quote(item)}"); the trainee report does not.`,
        );
      else
        add(
          'extra',
          graded(item),
          f.finding,
          item.side,
          f,
          null,
          `Extra: the trainee reports ${describe(item)} ("${quote(item)}"); the reference does not.`,
        );
    }
  };
  lonelyOf(lonely.reference, traineeItems, true);
  lonelyOf(lonely.trainee, refItems, false);

  discrepancies.sort(
    (a, b) =>
      (a.reference?.start ?? Infinity) - (b.reference?.start ?? Infinity) ||
      (a.trainee?.start ?? Infinity) - (b.trainee?.start ?? Infinity) ||
      cmp(a.kind, b.kind),
  );
  matches.sort((a, b) => a.reference.start - b.reference.start || a.trainee.start - b.trainee.start);
  const kept = oncePerLesion(discrepancies, sources);
  return { summary: summarize(kept, matches), discrepancies: kept, matches, trainee: traineeReport, reference: referenceReport };
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

function describe(item: Item): string {
  const f = representative(item);
  const place = [item.side === 'bilateral' ? 'bilateral' : item.side, ...item.sites].filter(Boolean).join(' ');
  return place ? `${f.finding} (${place})` : f.finding;
}

const sideMention = (item: Item) => item.mentions.find((f) => f.side === item.side) ?? representative(item);
const siteMention = (item: Item) => item.mentions.find((f) => f.site.length) ?? representative(item);

const emptySummary = (): CompareSummary => ({
  matched: 0,
  missed: 0,
  extra: 0,
  side: 0,
  site: 0,
  size: 0,
  assertion: 0,
  impression: 0,
  wording: 0,
  major: 0,
  minor: 0,
});

/** The totals of several comparisons (a batch of teaching files). */
export function addSummaries(list: readonly CompareSummary[]): CompareSummary {
  const total = emptySummary();
  for (const s of list) for (const k of Object.keys(total) as (keyof CompareSummary)[]) total[k] += s[k];
  return total;
}

function summarize(discrepancies: readonly Discrepancy[], matches: readonly FindingMatch[]): CompareSummary {
  const summary = { ...emptySummary(), matched: matches.length, wording: matches.filter((m) => m.wording).length };
  for (const d of discrepancies) {
    summary[d.kind]++;
    summary[d.severity]++;
  }
  return summary;
}
export { comparisonJson, discrepancyJson, summaryJson, COMPARE_JSON_VERSION } from './json';
