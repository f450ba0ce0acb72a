// Trainee mode: what a comparison of a trainee's report with the attending's (the reference) yields.
// Plain data in report offsets; adapters (CLI, editor) turn spans into ranges.
import type { Side, Understanding } from '../nlp/types';
import type { Report, Span } from '../report/types';
import type { CompareSummary, DiscrepancyKind, DiscrepancySeverity } from './contract';

/** A report and what the engine understood of it: an Analysis (engine.ts) is one. */
export interface UnderstoodReport {
  readonly report: Report;
  readonly understanding: Understanding;
}

export { DISCREPANCY_KINDS, type CompareSummary, type DiscrepancyKind, type DiscrepancySeverity } from './contract';

export interface Discrepancy {
  kind: DiscrepancyKind;
  severity: DiscrepancySeverity;
  /** The finding's preferred name (the reference's wording where it has one). */
  finding: string;
  /** The reference's side (the trainee's for an extra finding). */
  side: Side | null;
  /** Where the trainee report says it, or null (a missed finding). */
  trainee: Span | null;
  /** Where the reference says it, or null (an extra finding). */
  reference: Span | null;
  message: string;
}

/** A finding both reports name; `wording` when they name it in other words ("airspace opacity" / "consolidation"). */
export interface FindingMatch {
  finding: string;
  trainee: Span;
  reference: Span;
  traineeFinding: string;
  referenceFinding: string;
  wording: boolean;
}

export interface SizeTolerance {
  /** Lengths agree within this many millimetres... */
  mm: number;
  /** ...or within this fraction of the larger value (volumes too). */
  relative: number;
  /** Attenuation agrees within this many Hounsfield units. */
  hu: number;
  /** Angles agree within this many degrees. */
  degrees: number;
}

export interface CompareOptions {
  sizeTolerance?: Partial<SizeTolerance>;
}

export interface Comparison {
  summary: CompareSummary;
  discrepancies: Discrepancy[];
  matches: FindingMatch[];
  /** The parsed reports the spans point into (for ranges: report/positions rangeOf). */
  trainee: Report;
  reference: Report;
}
