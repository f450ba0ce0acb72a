// Whole-word phrase matching for the small word lists of templates/*.json.
import { escapeRegExp } from '../report/regex';

/** A regular expression matching any of the phrases as whole words ("ct" not in "acute"). */
export function phraseRegex(phrases: readonly string[], flags = 'i'): RegExp {
  const escaped = phrases.map(escapeRegExp);
  return new RegExp(`(?<![\\w-])(?:${escaped.join('|')})(?![\\w-])`, flags);
}
