// The follow-up settings (radlint.ruleOptions['follow-up-recommendation'], filled from
// radlint.guidelines.*), read the same way by the rule and by hover.
import { z } from 'zod';
import { GUIDELINE_BY_ID } from './index';
import type { ExtractOptions } from './facts';

export const FOLLOW_UP_RULE = 'follow-up-recommendation';

const RISKS = ['unknown', 'low', 'high'] as const;

/** The follow-up-recommendation rule's options: unknown guideline ids are dropped, a bad risk is 'unknown'. */
export const followUpOptionsSchema: z.ZodType<ExtractOptions> = z
  .object({
    guidelines: z
      .array(z.unknown())
      .transform((ids) => ids.filter((g): g is string => typeof g === 'string' && GUIDELINE_BY_ID.has(g)))
      .optional()
      .catch(undefined)
      .meta({ description: 'The guidelines checked, as radlint.guidelines.enabled (which sets this); all when absent.' }),
    risk: z
      .enum(RISKS)
      .catch('unknown')
      .default('unknown')
      .meta({ description: "The patient's risk when the report does not say, as radlint.guidelines.defaultRisk (which sets this)." }),
  })
  .catch({ risk: 'unknown' });

/** The follow-up options from every rule's options (radlint.ruleOptions). */
export function followUpOptions(options: Readonly<Record<string, unknown>>): ExtractOptions {
  return followUpOptionsSchema.parse(options[FOLLOW_UP_RULE]);
}
