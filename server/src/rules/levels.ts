// A rule's level from settings, old ids included. Apart from the registry so that a rule may ask
// whether another is on without importing every rule.
import type { RuleLevel } from './types';

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
