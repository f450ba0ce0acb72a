import type { Report, Token } from '../report/types';
import type { SpellChecker } from '../spelling/checker';
import type { FindingTypo } from '../spelling/finding-typos';
import { getSpellChecker, loadSpelling } from '../spelling/load';
import type { Problem } from '../problem';
import { z } from 'zod';
import { defineRule, type ReportAnalysis, type Rule } from './types';

/**
 * Options (radlint.ruleOptions.spelling): `confusions`, real-word confusions (the real-word-confusion
 * rule), on unless false. The words the user accepted come from the analysis' settings: the word-list
 * files behind radlint.addToDictionary and this report's "Ignore in this report" list, matched
 * without regard to case.
 */
export const spellingOptions = z
  .object({
    confusions: z
      .boolean()
      .catch(true)
      .default(true)
      .meta({ description: 'Flag real-word confusions (terminal ilium, plural effusion); on unless false.' }),
  })
  .catch({ confusions: true });

// A pasted table or a non-English text can hold thousands of unknown words: report the first
// hundred, as cspell does.
const MAX_UNKNOWN_WORDS = 100;

// Titles before a name: the name after them is not a misspelling.
const TITLES = new Set(['dr', 'mr', 'mrs', 'ms', 'prof', 'doctor']);

const NO_WORDS: ReadonlySet<string> = new Set();
// The server passes the same lists check after check: their set is made once per pair of lists.
const setsByLists = new WeakMap<readonly string[], WeakMap<readonly string[], ReadonlySet<string>>>();

/** The words the user accepted, lower-cased (anything but a list of words counts as none). */
export function acceptedWords({ words, ignoredWords }: Pick<ReportAnalysis['settings'], 'words' | 'ignoredWords'>): ReadonlySet<string> {
  if (!Array.isArray(words) || !Array.isArray(ignoredWords)) return makeSet(words, ignoredWords);
  if (words.length === 0 && ignoredWords.length === 0) return NO_WORDS;
  let byIgnored = setsByLists.get(words);
  if (!byIgnored) setsByLists.set(words, (byIgnored = new WeakMap()));
  let set = byIgnored.get(ignoredWords);
  if (!set) byIgnored.set(ignoredWords, (set = makeSet(words, ignoredWords)));
  return set;
}

function makeSet(words: unknown, ignoredWords: unknown): ReadonlySet<string> {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : []);
  return new Set([...list(words), ...list(ignoredWords)].map((w) => w.toLowerCase()));
}

/** A word to look up, with its offsets: a hyphenated token is checked part by part. */
interface Part {
  text: string;
  start: number;
  end: number;
}

const possessiveS = (t: string) => {
  const c = t.charCodeAt(t.length - 2);
  return (c === 39 || c === 0x2019) && (t.endsWith('s') || t.endsWith('S'));
};

// "patient's", "Kerley's", "bronchi’" -> the word without its possessive ending.
function stripPossessive(part: Part): Part {
  const m = /['’]+s?$/i.exec(part.text);
  return m ? { ...part, text: part.text.slice(0, m.index), end: part.end - m[0].length } : part;
}

/**
 * Abbreviations and brand names are not spelling: "CT", "MRIs", "BIRADS", "FeSat", "OsteoMed",
 * "McArdle". Two mixed-case shapes are checked (without regard to case) because they are typing
 * slips or units: a held shift ("PPulmonary") and a lower-case letter before a capital ("kVp",
 * "mGy", "oNrmal").
 */
function isAbbreviationLike(word: string): boolean {
  if (/^\p{Lu}[\p{Lu}\d]+s?$/u.test(word) || /^Ma?c\p{Lu}\p{Ll}/u.test(word)) return true;
  if (!/.\p{Lu}/u.test(word)) return false;
  return !/^\p{Lu}\p{Lu}\p{Ll}+$|^\p{Ll}\p{Lu}\p{Ll}+$/u.test(word);
}

// A hyphen glued between tokens[j] and the token after it ("well-defined", "x-XXXX", "L4-5").
const hyphenAfter = (tokens: Token[], j: number) =>
  tokens[j + 1]?.text === '-' && tokens[j + 1].start === tokens[j].end && tokens[j + 2]?.start === tokens[j + 1].end;

/**
 * The last of the word tokens joined by hyphens with nothing between ("well-defined",
 * "epicondylo-olecranon") that start at tokens[i]: the chain's parts are tokens i, i+2, ... end.
 * An index, not a list: nearly every word is a chain of one, read once per token of every check.
 */
function chainEnd(tokens: Token[], i: number): number {
  let j = i;
  while (hyphenAfter(tokens, j) && tokens[j + 2].kind === 'word') j += 2;
  return j;
}

function skipChain(report: Report, tokens: Token[], first: number, last: number): boolean {
  const { text } = report;
  const start = tokens[first].start;
  const end = tokens[last].end;
  // Glued to digits or de-identified text: "5mm", "XXXXing", "2-view".
  if (/[\p{L}\p{N}]/u.test(text[start - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '')) return true;
  if (text[start - 1] === '-' && /[\p{N}X]/u.test(text[start - 2] ?? '')) return true;
  // "Dr. Smith": names are not in any dictionary.
  const previousWord = tokens[first - 1]?.kind === 'punct' ? tokens[first - 2] : tokens[first - 1];
  if (previousWord && TITLES.has(previousWord.lower)) return true;
  // Web and mail addresses, file names: the run of text without spaces around the word tells.
  let from = start;
  let to = end;
  while (from > 0 && !/\s/.test(text[from - 1])) from--;
  while (to < text.length && !/\s/.test(text[to])) to++;
  return /:\/\/|www\.|@|\.(?:com|org|net|edu|gov|html?|pdf|txt|dcm)\b/i.test(text.slice(from, to));
}

/** "epicondylo-olecranon", "teno-osseous": a combining form whose stem makes a known word. */
function isCombiningForm(word: string, checker: SpellChecker): boolean {
  if (!/^\p{L}{3,}o$/u.test(word)) return false;
  const stem = word.slice(0, -1);
  return ['', 'e', 'ar', 'al', 'ic', 'a', 'us', 'um', 'on'].some((ending) => checker.isKnown(stem + ending));
}

/**
 * The problem carries the word, not its corrections: the code-action layer asks
 * spellingFixes(word, start, end) when the user looks (spelling/suggestions.ts). The hint is the
 * nearest word one edit away, which is plain look-ups and the same on every check.
 */
function unknownWordProblem(rule: Rule, part: Part, nearest: string | undefined): Problem {
  return {
    rule: rule.id,
    category: rule.category,
    severity: rule.severity,
    message: `Unknown word "${part.text}".${nearest ? ` Did you mean "${nearest}"?` : ''}`,
    start: part.start,
    end: part.end,
    word: part.text,
  };
}

/**
 * A misspelt finding: a warning, and the checks read it as the correction (said, so a wrong guess is
 * seen). In a case history or an operative note the clinical checks do not run, so the typo changes
 * no reading: there it is an unknown word like any other (info).
 */
function findingTypoProblem(rule: Rule, typo: FindingTypo, imaging: boolean): Problem {
  return {
    rule: rule.id,
    category: rule.category,
    severity: imaging ? 'warning' : rule.severity,
    message: `Misspelt finding "${typo.word}": did you mean "${typo.correction}"? The other checks read it as ${typo.finding}.`,
    start: typo.start,
    end: typo.end,
    word: typo.word,
  };
}

export const spelling = defineRule({
  options: spellingOptions,
  id: 'spelling',
  category: 'spelling',
  // Info: an unknown word may be a rare drug or a name the dictionaries lack; it should be seen,
  // not fail a CI run.
  severity: 'info',
  description: 'Misspelt words: words in none of the English, medical and radiology dictionaries.',
  async prepare() {
    try {
      // The language server warms the suggestion search up when idle (lsp/warm-up.ts).
      await loadSpelling();
    } catch (error) {
      // The other rules (real-word confusions too) still work; say why spelling does not.
      process.emitWarning(`RadLint: spelling dictionaries could not be loaded, so unknown words are not checked: ${String(error)}`);
    }
  },
  check(context) {
    const { report } = context;
    const checker = getSpellChecker();
    const accepted = acceptedWords(context.analysis.settings);
    // Finding words misspelt, which the other checks read as corrected (spelling/finding-typos.ts).
    const typos = context.analysis.findingTypos ?? [];
    const problems: Problem[] = [];
    if (checker) {
      const { tokens, text } = report;
      let unknown = 0;
      for (let i = 0; i < tokens.length && unknown < MAX_UNKNOWN_WORDS; i++) {
        if (tokens[i].kind !== 'word') continue;
        const first = i;
        const last = chainEnd(tokens, i);
        i = last;
        // Glued to a number or de-identified text after a hyphen: "x-XXXX", "T2-weighted", "L4-5".
        if (hyphenAfter(tokens, last)) continue;
        // De-identification cut into a word: "comparisXXXX".
        let cut = false;
        for (let k = first; k <= last && !cut; k += 2) cut = tokens[k].text.includes('XXXX');
        if (cut) continue;
        // "well-defined" may be listed whole; otherwise each part must be a word.
        if (last > first) {
          const whole = text.slice(tokens[first].start, tokens[last].end);
          if (checker.isKnown(whole) || accepted.has(whole.toLowerCase())) continue;
        }
        // What stands around the chain (digits, "Dr.", an address) is read only for a word that would be
        // reported: nearly every word is known, and the look-around cost more than the (memoised) look-up.
        let aside: boolean | undefined;
        for (let k = first; k <= last; k += 2) {
          const token = tokens[k];
          // A word token ends in a letter: only "'s" can be a possessive ending to strip.
          const part = possessiveS(token.text) ? stripPossessive(token) : token;
          if (part.text.length < 3) continue;
          const lower = part === token ? token.lower : part.text.toLowerCase();
          if ((accepted.size && accepted.has(lower)) || checker.isKnown(part.text) || isAbbreviationLike(part.text)) continue;
          if (k < last && isCombiningForm(part.text, checker)) continue;
          if ((aside ??= skipChain(report, tokens, first, last))) break;
          if (++unknown > MAX_UNKNOWN_WORDS) break;
          const typo = typos.find((t) => t.start === part.start && t.end === part.end);
          problems.push(
            typo
              ? findingTypoProblem(this, typo, report.document === 'imaging')
              : unknownWordProblem(this, part, checker.suggestNear(part.text, 1)[0]?.word),
          );
        }
      }
    }
    return problems;
  },
});
