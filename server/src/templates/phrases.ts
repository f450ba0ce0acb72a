// Whole-word phrase matching for the small word lists of templates/*.json.

/** A regular expression matching any of the phrases as whole words ("ct" not in "acute"). */
export function phraseRegex(phrases: readonly string[], flags = 'i'): RegExp {
  const escaped = phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\w-])(?:${escaped.join('|')})(?![\\w-])`, flags);
}
