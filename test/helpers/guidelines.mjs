// @ts-check
// Compiled guideline modules for tests, and a facts builder that satisfies a table row. Typed from the
// sources like engine.mjs, so the guideline tests are type-checked against them.
import { load, report } from './engine.mjs';

/** @type {typeof import('../../server/src/guidelines/index.js')} */
export const guidelines = load('guidelines/index.js');
/** @type {typeof import('../../server/src/guidelines/facts.js')} */
export const facts = load('guidelines/facts.js');
/** @type {typeof import('../../server/src/guidelines/check.js')} */
export const check = load('guidelines/check.js');
/** @type {typeof import('../../server/src/guidelines/followups.js')} */
export const followups = load('guidelines/followups.js');
/** @type {typeof import('../../server/src/nlp/index.js')} */
export const nlp = load('nlp/index.js');
export const reportLib = report;

/** A value inside a range: at its lower edge, or its upper edge. */
export function inside(range, edge, step) {
  if (edge === 'low') {
    if (range.gte !== undefined) return range.gte;
    if (range.gt !== undefined) return range.gt + step;
  } else {
    if (range.lte !== undefined) return range.lte;
    if (range.lt !== undefined) return range.lt - step;
  }
  return undefined;
}

/** A value just outside a range at one edge (undefined when the range is open there). */
export function outside(range, edge, step) {
  if (edge === 'low') {
    if (range.gte !== undefined) return range.gte - step;
    if (range.gt !== undefined) return range.gt;
  } else {
    if (range.lte !== undefined) return range.lte + step;
    if (range.lt !== undefined) return range.lt;
  }
  return undefined;
}

const rnd = (v) => Number(v.toFixed(6));

/** @typedef {import('../../server/src/guidelines/index.js').Facts} Facts */

/**
 * Facts that meet every condition of a row (size set by the caller).
 * @returns {Facts}
 */
export function factsFor(g, row, sizeMm) {
  const w = row.when;
  const step = g.roundMm ?? 0.1;
  const context = [...(w.context ? [w.context[0]] : [])];
  for (const s of g.inScope) if (s.when.context) context.push(s.when.context[0]);
  /** @type {Facts} */
  const f = {
    concept: g.subjects[0].concept,
    dimensionsMm: sizeMm === undefined ? undefined : [sizeMm],
    sizeUnit: 'mm',
    type: w.type?.[0] ?? null,
    count: w.count?.[0] ?? null,
    status: w.status?.[0] ?? null,
    risk: w.risk?.[0] ?? 'unknown',
    menopause: w.menopause?.[0] ?? null,
    bosniak: w.bosniak?.[0] ?? null,
    modality: g.modalities[0],
    context,
    features: w.features ? [w.features[0]] : [],
    age: w.age ? rnd(inside(w.age, 'low', 1) ?? inside(w.age, 'high', 1)) : 50,
    attenuationHu: w.attenuationHu ? (inside(w.attenuationHu, 'high', 1) ?? inside(w.attenuationHu, 'low', 1)) : null,
    solidComponentMm: w.solidComponentMm ? rnd(inside(w.solidComponentMm, 'low', step) ?? inside(w.solidComponentMm, 'high', step)) : null,
    volumeMm3: null,
  };
  return f;
}
