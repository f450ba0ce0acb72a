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
import { radsManagement } from './rads-management';
import { realWordConfusion } from './real-word-confusion';
import { examSideMismatch } from './exam-side-mismatch';
import { lobeSideMismatch } from './lobe-side-mismatch';
import { inconsistentUnits } from './inconsistent-units';
import { mixedUnits } from './mixed-units';
import { implausibleOrganSize } from './implausible-organ-size';

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
  radsManagement,
];

export { RULE_ALIASES, ruleLevel } from './levels';
