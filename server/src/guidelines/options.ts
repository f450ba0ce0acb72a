// The follow-up settings (radlint.ruleOptions['follow-up-recommendation'], from radlint.guidelines),
// read the same way by the rule and by hover.
import { GUIDELINE_BY_ID } from './index';
import type { ExtractOptions } from './facts';

export const FOLLOW_UP_RULE = 'follow-up-recommendation';

/** Settings: options['follow-up-recommendation'] = { guidelines?: string[]; risk?: 'unknown' | 'low' | 'high' }. */
export function followUpOptions(options: Readonly<Record<string, unknown>>): ExtractOptions {
  const raw = (options[FOLLOW_UP_RULE] ?? {}) as { guidelines?: unknown; risk?: unknown };
  const out: ExtractOptions = { risk: 'unknown' };
  if (Array.isArray(raw.guidelines))
    out.guidelines = raw.guidelines.filter((g): g is string => typeof g === 'string' && GUIDELINE_BY_ID.has(g));
  if (raw.risk === 'low' || raw.risk === 'high' || raw.risk === 'unknown') out.risk = raw.risk;
  return out;
}
