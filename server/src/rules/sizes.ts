// What the measurement rules (measurement-mismatch, mixed-units, inconsistent-units,
// implausible-organ-size) share: each measurement's length in millimetres, the sizes of each
// finding, and the comparison of the impression's sizes with the findings', done once per check.
import {
  MM_PER,
  conceptHas,
  covers,
  isDistance,
  kinOf,
  measuredQuantity,
  sameFinding,
  sitesAgree,
  type Finding,
  type Measurement,
} from '../nlp';
import { textOf } from '../report';
import type { Report, Section } from '../report/types';
import { byConcept, consistencyOf, mentionsOf, sentenceIndexAt } from './consistency';
import type { RuleContext, SharedPart } from './types';

function writtenDimensions(text: string): { value: number; unit: string | undefined }[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?|\.\d+)\s*(mm|cm)?/gi)].map((x) => ({ value: Number(x[1]), unit: x[2]?.toLowerCase() }));
}

/**
 * Each measurement's dimensions with their own units where the text gives them ("2.1 cm x 15 mm"
 * is 21 and 15 mm, not 2.1 and 15 mm); computed once per check.
 */
export function ownUnitsOf(context: RuleContext): WeakMap<Measurement, number[]> {
  return context.shared(OWN_UNITS);
}

const OWN_UNITS: SharedPart<WeakMap<Measurement, number[]>> = { name: 'own-units', compute: computeOwnUnits };

function computeOwnUnits(context: RuleContext): WeakMap<Measurement, number[]> {
  const { report } = context;
  const own = new WeakMap<Measurement, number[]>();
  for (const m of consistencyOf(context).u.measurements) {
    const dims = writtenDimensions(report.text.slice(m.start, m.end));
    const units = new Set(dims.map((d) => d.unit).filter(Boolean));
    if (units.size < 2 || dims.length !== m.value.length) continue;
    let unit = dims[dims.length - 1].unit ?? 'mm';
    const mm: number[] = [];
    for (let i = dims.length - 1; i >= 0; i--) {
      unit = dims[i].unit ?? unit;
      mm.unshift(dims[i].value * (MM_PER[unit] ?? 1));
    }
    own.set(m, mm);
  }
  return own;
}

/** Length values in millimetres, or null for volumes, densities, angles. */
export function inMm(m: Measurement, own: WeakMap<Measurement, number[]>): number[] | null {
  const mine = own.get(m);
  if (mine) return mine;
  const factor = MM_PER[m.unit];
  return factor ? m.value.map((v) => v * factor) : null;
}

export const close = (a: number, b: number) => Math.abs(a - b) < 0.01;
/** Every dimension of `a` is one of `b`'s: "2.3 cm" agrees with "2.3 x 1.5 cm", in either unit. */
function within(a: number[], b: number[]): boolean {
  return a.every((v) => b.some((w) => close(v, w)));
}
function agree(a: Measurement, b: Measurement, own: WeakMap<Measurement, number[]>): boolean {
  const x = inMm(a, own);
  const y = inMm(b, own);
  if (!x || !y) return a.unit !== b.unit || within(a.value, b.value) || within(b.value, a.value);
  return within(x, y) || within(y, x) || roundedLargest(a, b) || roundedLargest(b, a);
}

const decimalsOf = (v: number) => (String(v).split('.')[1] ?? '').length;
/** "a 4 cm hematoma" for one of 1.9 x 4.4 x 1.3 cm: one size, the largest dimension given rounder, in its unit. */
function roundedLargest(a: Measurement, b: Measurement): boolean {
  if (a.value.length !== 1 || b.value.length < 2 || a.unit !== b.unit) return false;
  const largest = Math.max(...b.value);
  const places = decimalsOf(a.value[0]);
  if (places >= decimalsOf(largest)) return false;
  return close(Number(largest.toFixed(places)), a.value[0]);
}

/**
 * The measurements of each finding: those the findings core attached, and a measurement it left
 * unattached goes to the nearest finding of its sentence ("5 mm nodular opacity").
 */
function sizesByFinding(report: Report, findings: readonly Finding[], all: readonly Measurement[]): Map<Finding, Measurement[]> {
  // Only measured findings get a list: a long document has tens of thousands of mentions, few measured.
  const sizes = new Map<Finding, Measurement[]>();
  const attached = new Set<Measurement>();
  for (const f of findings) {
    if (!f.measurements.length) continue;
    // A distance from a landmark is no size of the finding ("3-4 cm from the ankle joint").
    sizes.set(
      f,
      f.measurements.filter((m) => !isDistance(report.text, m)),
    );
    for (const m of f.measurements) attached.add(m);
  }
  let bySentence: Map<number, Finding[]> | undefined; // built for the first measurement left unattached
  for (const m of all) {
    if (attached.has(m) || isDistance(report.text, m)) continue;
    const index = sentenceIndexAt(report, m.start);
    const sentence = report.sentences[index];
    if (!sentence || m.end > sentence.end) continue;
    if (!bySentence) {
      bySentence = new Map();
      for (const f of findings) {
        let list = bySentence.get(f.sentenceIndex);
        if (!list) bySentence.set(f.sentenceIndex, (list = []));
        list.push(f);
      }
    }
    let best: Finding | undefined;
    let distance = 60;
    for (const f of bySentence.get(index) ?? []) {
      const d = m.end <= f.start ? f.start - m.end : m.start >= f.end ? m.start - f.end : 0;
      if (d < distance) {
        best = f;
        distance = d;
      }
    }
    if (best) {
      let list = sizes.get(best);
      if (!list) sizes.set(best, (list = []));
      list.push(m);
    }
  }
  return sizes;
}

/** The measurements inside a section's body (measurements come in text order). */
function measurementsIn(all: readonly Measurement[], section: Section): Measurement[] {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].start < section.body.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Measurement[] = [];
  for (let i = lo; i < all.length && all[i].end <= section.body.end; i++) out.push(all[i]);
  return out;
}

// A size belongs to one thing: the same finding in other words, or a shadow and the lesion it is
// called ("density" in the findings, "nodule" in the impression); not a mass and the shift it causes.
const isShadow = (concept: string) => conceptHas(concept, 'shadow');
function sameLesion(a: string, b: string): boolean {
  if (sameFinding(a, b)) return true;
  const [shadow, other] = isShadow(a) ? [a, b] : [b, a];
  return isShadow(shadow) && covers(other, shadow);
}

/** An impression size against the findings size it should repeat. */
export interface SizePair {
  /** In the impression. */
  im: Measurement;
  /** In the findings. */
  fm: Measurement;
  /** The finding measured, when the pair was matched through it. */
  finding?: Finding;
}

export interface SizeComparison {
  /** Different sizes of one finding (value or unit). */
  mismatches: SizePair[];
  /** The same size, written in another unit. */
  otherUnits: SizePair[];
}

/** The impression's sizes read against the findings' in every report part; once per check. */
export function compareSizes(context: RuleContext): SizeComparison {
  return context.shared(SIZE_COMPARISON);
}

const SIZE_COMPARISON: SharedPart<SizeComparison> = { name: 'size-comparison', compute: computeSizes };

function computeSizes(context: RuleContext): SizeComparison {
  const { report } = context;
  const c = consistencyOf(context);
  const own = ownUnitsOf(context);
  const mm = (m: Measurement) => inMm(m, own);
  const agrees = (a: Measurement, b: Measurement) => agree(a, b, own);
  const result: SizeComparison = { mismatches: [], otherUnits: [] };
  const { mismatches, otherUnits } = result;
  const sizes = sizesByFinding(report, c.u.findings, c.u.measurements);
  const sizesOf = (f: Finding) => sizes.get(f) ?? [];
  /** Same dimensions at the same positions, in any unit. */
  const sameSize = (a: Measurement, b: Measurement) => {
    const x = mm(a);
    const y = mm(b);
    return !!x && !!y && x.length === y.length && x.every((v, i) => close(v, y[i]));
  };
  /** The same written numbers in another length unit. */
  const unitSlip = (a: Measurement, b: Measurement) =>
    a.unit !== b.unit && !!mm(a) && !!mm(b) && a.value.length === b.value.length && a.value.every((v, i) => close(v, b.value[i]));
  /** Two or three dimensions, all but one the same at their positions. */
  const oneDimensionChanged = (a: Measurement, b: Measurement) => {
    const x = mm(a);
    const y = mm(b);
    if (!x || !y || x.length < 2 || x.length !== y.length) return false;
    return x.filter((v, i) => close(v, y[i])).length === x.length - 1;
  };
  for (const part of c.parts) {
    const inFindingsText: Measurement[] = [];
    for (const s of part.findingsSections) inFindingsText.push(...measurementsIn(c.u.measurements, s));
    // The findings' quantities measured by name, each read once per part (first measurement per quantity).
    let byQuantity: Map<string, Measurement> | undefined;
    const namedInFindings = () => {
      if (byQuantity) return byQuantity;
      byQuantity = new Map();
      for (const x of inFindingsText) {
        const q = mm(x) && measuredQuantity(report.text, x);
        if (q && !byQuantity.has(q)) byQuantity.set(q, x);
      }
      return byQuantity;
    };
    const handled = new Set<Measurement>();
    const inImpressionText = measurementsIn(c.u.measurements, part.impression);
    const measuredInFindings = byConcept(part.inFindings.filter((f) => sizesOf(f).length));
    // One judgement per finding, place and size: repeated mentions add nothing.
    const judged = new Set<string>();
    for (const g of part.inImpression) {
      if (!sizesOf(g).length) continue;
      const key = `${g.concept}|${g.side}|${g.site.join(',')}|${sizesOf(g)
        .map((m) => textOf(report, m))
        .join(';')}`;
      if (judged.has(key)) {
        for (const im of sizesOf(g)) handled.add(im);
        continue;
      }
      judged.add(key);
      const partners = mentionsOf(measuredInFindings, kinOf(g.concept)).filter(
        (f) => sameLesion(f.concept, g.concept) && sitesAgree(f, g) && (!f.side || !g.side || f.side === g.side),
      );
      if (!partners.length) continue;
      // The same finding at the same place is the one to compare with ("hypodense lesion in the left
      // hepatic lobe", 4.0 cm), not a cyst elsewhere that a lesion may also be called.
      const located = partners.filter(
        (f) => (g.side || g.site.length) && f.concept === g.concept && f.side === g.side && f.site.join(',') === g.site.join(','),
      );
      const theirs = (located.length ? located : partners).flatMap(sizesOf);
      for (const im of sizesOf(g)) {
        handled.add(im);
        // "2.0 x 1.0 x 0.4 cm" against "1.0 x 1.0 x 0.4 cm" of the same finding: one dimension changed,
        // whatever other size of it shares a dimension (a 4 mm cyst beside it).
        // So is the same numbers in another unit ("4 mm" against "4 cm"), whatever other size shares a dimension.
        const changed = !theirs.some((fm) => sameSize(im, fm)) && theirs.find((fm) => oneDimensionChanged(im, fm) || unitSlip(im, fm));
        if (changed) {
          mismatches.push({ im, fm: changed, finding: g });
          continue;
        }
        // Agreeing with any measurement in the findings is enough ("the largest node, 1.5 cm").
        const same = theirs.find((fm) => agrees(im, fm));
        if (same) {
          // The same size in another unit: right, but a reader comparing the two has to convert.
          if (mm(same) && mm(im) && same.unit !== im.unit) otherUnits.push({ im, fm: same });
          continue;
        }
        // Any size of the findings may be this one under another name, unless the findings measure
        // the finding at this very place ("a 3 cm simple cyst" of the ovary is not the liver lesion's).
        if (!located.length && inFindingsText.some((fm) => agrees(im, fm) && mm(fm) && mm(im))) continue;
        // Of several such lesions ("70% stenosis ... 2 cm", "50% stenosis ... 1.5 cm"), the changed one is the size no
        // impression size agrees with: the others are accounted for.
        const shaped = (fm: Measurement) => fm.value.length === im.value.length && !!mm(fm) === !!mm(im);
        const unpaired = (fm: Measurement) => !inImpressionText.some((x) => agrees(x, fm));
        const sameShape =
          theirs.find((fm) => shaped(fm) && unpaired(fm)) ?? theirs.find(shaped) ?? theirs.find((fm) => !!mm(fm) === !!mm(im));
        if (sameShape) mismatches.push({ im, fm: sameShape, finding: g });
      }
    }
    // The same numbers with another unit, whatever finding they belong to: "2.1 mm" here, "2.1 cm" there.
    const seenSizes = new Set<string>();
    for (const im of measurementsIn(c.u.measurements, part.impression)) {
      if (handled.has(im) || !mm(im)) continue;
      const written = textOf(report, im);
      if (seenSizes.has(written)) continue;
      seenSizes.add(written);
      if (inFindingsText.some((fm) => agrees(im, fm))) continue;
      const fm = inFindingsText.find((x) => unitSlip(im, x));
      if (fm) {
        mismatches.push({ im, fm });
        continue;
      }
      // Two or three dimensions, all but one the same: one lesion with one dimension changed.
      const near = inFindingsText.find((x) => oneDimensionChanged(im, x));
      if (near) {
        mismatches.push({ im, fm: near });
        continue;
      }
      // A quantity measured by name (units.json quantities: "cervical length", "nuchal translucency") and
      // given another value in the findings.
      const quantity = measuredQuantity(report.text, im);
      const named = quantity && namedInFindings().get(quantity);
      if (named) mismatches.push({ im, fm: named });
    }
  }
  return result;
}
