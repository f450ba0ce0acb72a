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

/** Every rule the engine knows, in the order their problems are reported when ranges tie. */
export const RULES: readonly Rule[] = [
  unfilledPlaceholder,
  dictationArtifact,
  missingImpression,
  spelling,
  criticalFinding,
  criticalCommunicationMissing,
  lateralityMismatch,
  impressionOmission,
  unsupportedImpression,
  findingsImpressionContradiction,
  sexMismatch,
  measurementMismatch,
  followUpRecommendation,
];
