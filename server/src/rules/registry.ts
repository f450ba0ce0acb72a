import type { Rule } from './types';
import { unfilledPlaceholder } from './unfilled-placeholder';
import { dictationArtifact } from './dictation-artifact';
import { missingImpression } from './missing-impression';
import { spelling } from './spelling';
import { criticalFinding } from './critical-finding';
import { criticalCommunicationMissing } from './critical-communication-missing';
import { lateralityMismatch } from './laterality-mismatch';
import { impressionOmission } from './impression-omission';
import { unsupportedImpression } from './unsupported-impression';
import { findingsImpressionContradiction } from './findings-impression-contradiction';
import { sexMismatch } from './sex-mismatch';
import { measurementMismatch } from './measurement-mismatch';
import { followUpRecommendation } from './follow-up-recommendation';
import { realWordConfusion } from './real-word-confusion';
import { examSideMismatch } from './exam-side-mismatch';
import { lobeSideMismatch } from './lobe-side-mismatch';
import { inconsistentUnits } from './inconsistent-units';
import { mixedUnits } from './mixed-units';
import { implausibleOrganSize } from './implausible-organ-size';
import type { RuleLevel } from '../engine';

/** Every rule the engine knows, in the order their problems are reported when ranges tie. */
export const RULES: readonly Rule[] = [
  unfilledPlaceholder,
  dictationArtifact,
  missingImpression,
  spelling,
  realWordConfusion,
  criticalFinding,
  criticalCommunicationMissing,
  examSideMismatch,
  lobeSideMismatch,
  lateralityMismatch,
  impressionOmission,
  unsupportedImpression,
  findingsImpressionContradiction,
  sexMismatch,
  measurementMismatch,
  inconsistentUnits,
  mixedUnits,
  implausibleOrganSize,
  followUpRecommendation,
];

/**
 * Checks that once ran under one id and now have their own (old id -> new ids): a level set on
 * the old id in radlint.rules still reaches them, so users' settings keep working. The old id
 * remains the rule of its main check.
 */
export const RULE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  spelling: ['real-word-confusion'],
  'laterality-mismatch': ['exam-side-mismatch', 'lobe-side-mismatch'],
  'measurement-mismatch': ['inconsistent-units', 'mixed-units', 'implausible-organ-size'],
};

const ALIASED_BY = new Map<string, string[]>();
for (const [old, ids] of Object.entries(RULE_ALIASES)) for (const id of ids) ALIASED_BY.set(id, [...(ALIASED_BY.get(id) ?? []), old]);

/** A rule's level from settings: its own if set, else one set on an old id it was split from. */
export function ruleLevel(levels: Readonly<Record<string, RuleLevel | undefined>>, ruleId: string): RuleLevel {
  const own = levels[ruleId];
  if (own !== undefined) return own;
  for (const old of ALIASED_BY.get(ruleId) ?? []) {
    const level = levels[old];
    if (level !== undefined) return level;
  }
  return 'default';
}
