import type { Rule } from './types';
import { unfilledPlaceholder } from './unfilled-placeholder';
import { dictationArtifact } from './dictation-artifact';
import { missingImpression } from './missing-impression';
import { spelling } from './spelling';

/** Every rule the engine knows, in the order their problems are reported when ranges tie. */
export const RULES: readonly Rule[] = [
  unfilledPlaceholder,
  dictationArtifact,
  missingImpression,
  spelling,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
