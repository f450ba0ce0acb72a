// Trainee mode: sizes compared within a tolerance (a millimetre or two, some 20% on larger ones).
import { MM_PER, type Finding, type Measurement } from '../nlp';
import type { SizeTolerance } from './types';
import type { Item } from './items';

/**
 * Measurement agreement: two readers measuring the same lesion differ by a millimetre or two (Lung-RADS
 * counts growth only from 1.5 mm on) and by some 20% on larger ones; beyond either it is another size.
 */
export const DEFAULT_SIZE_TOLERANCE: SizeTolerance = { mm: 2, relative: 0.2, hu: 10, degrees: 5 };

const VOLUME = new Set(['mL', 'cc']);

export interface Size {
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
export function sizeDisagreement(r: Item, t: Item, tol: SizeTolerance): { ref: Size; trainee: Size } | null {
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
