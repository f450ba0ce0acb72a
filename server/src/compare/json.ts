// The comparison as the JSON contract of docs/compare.md: spans as 0-based line/character ranges
// (UTF-16 code units, as LSP and `radlint check` count them). Shared by the CLI and the stdio command.
import { rangeOf } from '../report/positions';
import type { Report, Span } from '../report/types';
import { SUMMARY_KEYS, type CompareSummary } from './contract';
import type { Comparison, Discrepancy } from './types';

export const COMPARE_JSON_VERSION = 1;

const rangeIn = (report: Report, s: Span | null) => (s ? rangeOf(report.lineStarts, s) : null);

export function discrepancyJson(c: Comparison, d: Discrepancy) {
  return {
    kind: d.kind,
    severity: d.severity,
    finding: d.finding,
    side: d.side,
    trainee: rangeIn(c.trainee, d.trainee),
    reference: rangeIn(c.reference, d.reference),
    message: d.message,
  };
}

/** `summary` in the contract's key order. */
export function summaryJson(s: CompareSummary): CompareSummary {
  return Object.fromEntries(SUMMARY_KEYS.map((k) => [k, s[k]])) as CompareSummary;
}

/** The body of `radlint compare --format json` for one pair. */
export function comparisonJson(c: Comparison) {
  return { summary: summaryJson(c.summary), discrepancies: c.discrepancies.map((d) => discrepancyJson(c, d)) };
}
