import { ORGAN_SIZES, conceptHas, covers, kinOf, sameFinding, sitesAgree, type Finding, type Measurement } from '../nlp';
import { textOf } from '../report';
import type { Report, Section } from '../report/types';
import { byConcept, consistencyOf, mentionsOf, problemOf, sentenceIndexAt } from './consistency';
import type { Fix, Problem } from '../problem';
import type { Rule } from './types';

const MM_PER: Readonly<Record<string, number>> = { mm: 1, cm: 10 };

// Per check, each measurement's dimensions with their own units where the text gives them
// ("2.1 cm x 15 mm" is 21 and 15 mm, not 2.1 and 15 mm).
let ownUnits = new WeakMap<Measurement, number[]>();

function writtenDimensions(text: string): { value: number; unit: string | undefined }[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?|\.\d+)\s*(mm|cm)?/gi)].map((x) => ({ value: Number(x[1]), unit: x[2]?.toLowerCase() }));
}

function rememberUnits(report: Report, all: readonly Measurement[]): void {
  ownUnits = new WeakMap();
  for (const m of all) {
    const dims = writtenDimensions(report.text.slice(m.start, m.end));
    const units = new Set(dims.map((d) => d.unit).filter(Boolean));
    if (units.size < 2 || dims.length !== m.value.length) continue;
    let unit = dims[dims.length - 1].unit ?? 'mm';
    const mm: number[] = [];
    for (let i = dims.length - 1; i >= 0; i--) {
      unit = dims[i].unit ?? unit;
      mm.unshift(dims[i].value * (MM_PER[unit] ?? 1));
    }
    ownUnits.set(m, mm);
  }
}

/** Length values in millimetres, or null for volumes, densities, angles. */
function inMm(m: Measurement): number[] | null {
  const own = ownUnits.get(m);
  if (own) return own;
  const factor = MM_PER[m.unit];
  return factor ? m.value.map((v) => v * factor) : null;
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.01;
/** Every dimension of `a` is one of `b`'s: "2.3 cm" agrees with "2.3 x 1.5 cm", in either unit. */
function within(a: number[], b: number[]): boolean {
  return a.every((v) => b.some((w) => close(v, w)));
}
function agree(a: Measurement, b: Measurement): boolean {
  const x = inMm(a);
  const y = inMm(b);
  if (!x || !y) return a.unit !== b.unit || within(a.value, b.value) || within(b.value, a.value);
  return within(x, y) || within(y, x);
}

// Sizes no adult or child organ has: lexicon/relations.json organSizes (ORGAN_SIZES).
// The sentence is about the organ's size, not a lesion in it.
const SIZE_TALK = /\b(?:measur\w*|length|diameter|caliber|calibre|span|size|sized)\b/i;

/**
 * The measurements of each finding: those the findings core attached, and a measurement it left
 * unattached goes to the nearest finding of its sentence ("5 mm nodular opacity").
 */
function sizesByFinding(report: Report, findings: readonly Finding[], all: readonly Measurement[]): Map<Finding, Measurement[]> {
  const sizes = new Map<Finding, Measurement[]>();
  const attached = new Set<Measurement>();
  const bySentence = new Map<number, Finding[]>();
  for (const f of findings) {
    sizes.set(f, [...f.measurements]);
    for (const m of f.measurements) attached.add(m);
    let list = bySentence.get(f.sentenceIndex);
    if (!list) bySentence.set(f.sentenceIndex, (list = []));
    list.push(f);
  }
  for (const m of all) {
    if (attached.has(m)) continue;
    const index = sentenceIndexAt(report, m.start);
    const sentence = report.sentences[index];
    if (!sentence || m.end > sentence.end) continue;
    let best: Finding | undefined;
    let distance = 60;
    for (const f of bySentence.get(index) ?? []) {
      const d = m.end <= f.start ? f.start - m.end : m.start >= f.end ? m.start - f.end : 0;
      if (d < distance) {
        best = f;
        distance = d;
      }
    }
    if (best) sizes.get(best)?.push(m);
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

export const measurementMismatch: Rule = {
  id: 'measurement-mismatch',
  category: 'measurement',
  severity: 'warning',
  description: 'The same finding measured differently in findings and impression (value or unit), or a size no organ has.',
  check(report, context) {
    const c = consistencyOf(report, context);
    rememberUnits(report, c.u.measurements);
    const problems: Problem[] = [];
    const attached = new Set<Measurement>();
    for (const f of c.u.findings) for (const m of f.measurements) attached.add(m);

    const otherUnit = (im: Measurement, fm: Measurement) => {
      const fText = textOf(report, fm);
      problems.push({
        ...problemOf(this, {
          start: im.start,
          end: im.end,
          message: `${textOf(report, im)} here, ${fText} in the findings: the same size, but one unit reads more safely.`,
          related: [{ start: fm.start, end: fm.end, message: `Measured ${fText} in the findings` }],
          fixes: [
            {
              title: `Use "${fText}" as in the findings`,
              edits: [{ start: im.start, end: im.end, newText: fText }],
              applicability: 'unsafe',
              isPreferred: true,
            },
          ],
        }),
        severity: 'info',
      });
    };

    const mismatch = (im: Measurement, fm: Measurement, finding: Finding | undefined) => {
      const iText = textOf(report, im);
      const fText = textOf(report, fm);
      const alignImpression: Fix = {
        title: `Use "${fText}" as in the findings`,
        edits: [{ start: im.start, end: im.end, newText: fText }],
        applicability: 'unsafe',
        isPreferred: true,
      };
      const alignFindings: Fix = {
        title: `Use "${iText}" in the findings too`,
        edits: [{ start: fm.start, end: fm.end, newText: iText }],
        applicability: 'unsafe',
        isPreferred: false,
      };
      const name = finding ? `${finding.finding}: ` : '';
      problems.push(
        problemOf(this, {
          start: im.start,
          end: im.end,
          message: `${name}${iText} in the impression, ${fText} in the findings.`,
          related: [{ start: fm.start, end: fm.end, message: `Measured ${fText} in the findings` }],
          finding: finding?.finding,
          fixes: [alignImpression, alignFindings],
        }),
      );
      problems.push(
        problemOf(this, {
          start: fm.start,
          end: fm.end,
          message: `${name}${fText} in the findings, ${iText} in the impression.`,
          related: [{ start: im.start, end: im.end, message: `Measured ${iText} in the impression` }],
          finding: finding?.finding,
          fixes: [alignImpression, alignFindings],
        }),
      );
    };

    // 1. Findings against impression.
    const sizes = sizesByFinding(report, c.u.findings, c.u.measurements);
    const sizesOf = (f: Finding) => sizes.get(f) ?? [];
    for (const part of c.parts) {
      const inFindingsText = part.findingsSections.flatMap((s) => measurementsIn(c.u.measurements, s));
      const handled = new Set<Measurement>();
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
        const theirs = partners.flatMap(sizesOf);
        for (const im of sizesOf(g)) {
          handled.add(im);
          // Agreeing with any measurement in the findings is enough ("the largest node, 1.5 cm").
          const same = theirs.find((fm) => agree(im, fm));
          if (same) {
            // The same size in another unit: right, but a reader comparing the two has to convert.
            if (inMm(same) && inMm(im) && same.unit !== im.unit) otherUnit(im, same);
            continue;
          }
          if (inFindingsText.some((fm) => agree(im, fm) && inMm(fm) && inMm(im))) continue;
          const sameShape =
            theirs.find((fm) => fm.value.length === im.value.length && !!inMm(fm) === !!inMm(im)) ??
            theirs.find((fm) => !!inMm(fm) === !!inMm(im));
          if (sameShape) mismatch(im, sameShape, g);
        }
      }
      // The same numbers with another unit, whatever finding they belong to: "2.1 mm" here, "2.1 cm" there.
      const seenSizes = new Set<string>();
      for (const im of measurementsIn(c.u.measurements, part.impression)) {
        if (handled.has(im) || !inMm(im)) continue;
        const written = textOf(report, im);
        if (seenSizes.has(written)) continue;
        seenSizes.add(written);
        if (inFindingsText.some((fm) => agree(im, fm))) continue;
        const fm = inFindingsText.find(
          (x) => inMm(x) && x.unit !== im.unit && x.value.length === im.value.length && x.value.every((v, i) => close(v, im.value[i])),
        );
        if (fm) {
          mismatch(im, fm, undefined);
          continue;
        }
        // Two or three dimensions, all but one the same: one lesion with one dimension changed.
        if (im.value.length < 2) continue;
        const mine = inMm(im) as number[];
        const near = inFindingsText.find((x) => {
          const theirs = inMm(x);
          if (!theirs || theirs.length !== mine.length) return false;
          const same = mine.filter((v, i) => close(v, theirs[i])).length;
          return same === mine.length - 1;
        });
        if (near) mismatch(im, near, undefined);
      }
    }

    // 3. One measurement written in two units ("2.1 cm x 15 mm").
    for (const m of c.u.measurements) {
      const mm = ownUnits.get(m);
      if (!mm) continue;
      const written = textOf(report, m);
      const unit = m.unit === 'cm' ? 'cm' : 'mm';
      const rewritten = `${mm.map((v) => Number((v / MM_PER[unit]).toFixed(2))).join(' x ')} ${unit}`;
      problems.push(
        problemOf(this, {
          start: m.start,
          end: m.end,
          message: `${written} mixes units; write one: ${rewritten}.`,
          fixes: [
            {
              title: `Write "${rewritten}"`,
              edits: [{ start: m.start, end: m.end, newText: rewritten }],
              applicability: 'unsafe',
              isPreferred: true,
            },
          ],
        }),
      );
    }

    // 2. Sizes no organ has.
    for (const m of c.u.measurements) {
      const mm = inMm(m);
      if (!mm || attached.has(m)) continue;
      const sentence = report.sentences[sentenceIndexAt(report, m.start)];
      if (!sentence || m.end > sentence.end || !SIZE_TALK.test(sentence.text)) continue;
      const before = report.text.slice(Math.max(sentence.start, m.start - 60), m.start);
      const organ = ORGAN_SIZES.find((o) => o.organ.test(before));
      if (!organ) continue;
      const longest = Math.max(...mm) / 10;
      if (longest >= organ.min && longest <= organ.max) continue;
      const fixes: Fix[] = [];
      const other = m.unit === 'cm' ? 'mm' : 'cm';
      const asOther = m.unit === 'cm' ? longest / 10 : longest * 10;
      if (asOther >= organ.min && asOther <= organ.max) {
        const text = textOf(report, m);
        fixes.push({
          title: `Change the unit to ${other}`,
          edits: [{ start: m.end - m.unit.length, end: m.end, newText: other }],
          applicability: 'unsafe',
          isPreferred: false,
        });
        if (!text.endsWith(m.unit)) fixes.pop();
      }
      problems.push(
        problemOf(this, {
          start: m.start,
          end: m.end,
          message: `${textOf(report, m)} is not a possible size for the ${organ.name}; check the value and unit.`,
          fixes,
        }),
      );
    }
    return problems;
  },
};
