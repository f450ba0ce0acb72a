// The comparison's counts and kinds as the wire contract (docs/compare.md) states them, written once:
// the CLI's JSON, the radlint/compare request (protocol.ts) and the scorecard read these. Imports
// nothing, so the shared protocol may take its types.

/** Discrepancy kinds, after the GREEN error categories (contract: docs/compare.md). */
export const DISCREPANCY_KINDS = ['missed', 'extra', 'side', 'site', 'size', 'assertion', 'impression'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** RADPEER-style: a major discrepancy could change the patient's management, a minor one would not. */
export type DiscrepancySeverity = 'major' | 'minor';

/**
 * The summary's counts in the contract's key order: `matched`, findings both reports name (same
 * finding family), whatever their side, site, size or assertion; one count per discrepancy kind;
 * `wording`, the matched findings named in other words (not a discrepancy); then per severity.
 */
export const SUMMARY_KEYS = ['matched', ...DISCREPANCY_KINDS, 'wording', 'major', 'minor'] as const;
export type CompareSummary = Record<(typeof SUMMARY_KEYS)[number], number>;

export const emptySummary = (): CompareSummary => Object.fromEntries(SUMMARY_KEYS.map((k) => [k, 0])) as CompareSummary;

/** The totals of several comparisons (a batch of teaching files). */
export function addSummaries(list: readonly CompareSummary[]): CompareSummary {
  const total = emptySummary();
  for (const s of list) for (const k of SUMMARY_KEYS) total[k] += s[k];
  return total;
}
