// A synchronous spell checker over cspell tries, built once by load.ts. Rules run on every
// keystroke, so everything here is plain look-ups plus per-word memos.

/** The part of cspell-trie-lib's ITrie we use (kept structural so tests can pass fakes). */
export interface WordTrie {
  hasWord(word: string, caseSensitive: boolean): boolean;
  suggestWithCost(text: string, options: SuggestOptions): { word: string; cost: number }[];
}

interface SuggestOptions {
  numSuggestions: number;
  ignoreCase: boolean;
  changeLimit: number;
  includeTies: boolean;
  timeout: number;
}

export interface NamedTrie {
  name: string;
  trie: WordTrie;
}

export interface Suggestion {
  word: string;
  /** cspell edit cost: 100 is one edit; swaps and doubled letters cost less. */
  cost: number;
  /** Which dictionary offered it. */
  source: string;
}

// Memos are bounded so a long editing session cannot grow them without end.
const MEMO_LIMIT = 50_000;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** "Pneumothorax" -> same case pattern as `model` ("PNEUMOTHORAX", "Pneumothorax", "pneumothorax"). */
export function matchCase(word: string, model: string): string {
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  if (/^\p{Lu}/u.test(model) && word === word.toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

// Prefixes that make closed-up compounds in reports, longest first so "hyper" wins over "hy".
const PREFIX = new RegExp(
  '^(?:' + [
    'hyper', 'hypo', 'infra', 'supra', 'intra', 'inter', 'extra', 'retro', 'juxta', 'pseudo', 'neuro', 'multi',
    'micro', 'macro', 'trans', 'under', 'over', 'semi', 'peri', 'para', 'post', 'anti', 'endo', 'poly', 'ultra',
    'non', 'mid', 'pre', 'sub', 're',
  ].join('|') + ')',
);

/** Single edits at the start of a word, with cspell's costs (a swap is cheaper than the rest). */
function* firstLetterEdits(word: string): Generator<{ word: string; cost: number }> {
  if (word.length < 3) return;
  yield { word: word.slice(1), cost: 100 };
  if (word[0] !== word[1]) yield { word: word[1] + word[0] + word.slice(2), cost: 75 };
  for (const c of ALPHABET) {
    yield { word: c + word, cost: 100 };
    if (c !== word[0]) yield { word: c + word.slice(1), cost: 100 };
  }
}

export class SpellChecker {
  private readonly known = new Map<string, boolean>();
  private readonly suggested = new Map<string, Suggestion[]>();

  /**
   * @param tries in order of preference: on equal cost, an earlier dictionary's suggestion ranks
   *   first, so the radiology list beats medical terms, which beat general English.
   * @param suggestTimeoutMs time allowed per dictionary when suggesting; bounds the cost of a
   *   misspelt word (a half-typed word is one) on the typing path.
   */
  constructor(
    readonly tries: readonly NamedTrie[],
    readonly suggestTimeoutMs = 40,
  ) {}

  /** True when some dictionary has the word as written, or in lower case. */
  isKnown(word: string): boolean {
    const memo = this.known.get(word);
    if (memo !== undefined) return memo;
    const normal = word.replace(/[’`]/g, "'");
    const lower = normal.toLowerCase();
    const found = this.inDictionary(normal, lower) || this.isCompound(lower);
    return remember(this.known, word, found);
  }

  private inDictionary(word: string, lower: string): boolean {
    return this.tries.some(({ trie }) => trie.hasWord(word, true) || trie.hasWord(lower, false));
  }

  /**
   * Radiologists write prefixed and "-like" compounds closed up ("midlung", "nonsedated",
   * "postbiopsy", "cystlike"): known when the rest is a known word of some length.
   */
  private isCompound(lower: string): boolean {
    const prefix = PREFIX.exec(lower);
    if (prefix && lower.length - prefix[0].length >= 4) {
      const rest = lower.slice(prefix[0].length).replace(/^-/, '');
      if (this.inDictionary(rest, rest)) return true;
    }
    const like = /^(\p{L}{3,})-?like$/u.exec(lower);
    return !!like && this.inDictionary(like[1], like[1]);
  }

  /** Up to `limit` corrections, best first, in the case pattern of `word`. */
  suggest(word: string, limit = 5): Suggestion[] {
    const lower = word.replace(/[’`]/g, "'").toLowerCase();
    let merged = this.suggested.get(lower);
    if (!merged) {
      const best = new Map<string, Suggestion & { rank: number }>();
      this.tries.forEach(({ name, trie }, rank) => {
        const found = trie.suggestWithCost(lower, {
          numSuggestions: 8, ignoreCase: true, changeLimit: 3, includeTies: false, timeout: this.suggestTimeoutMs,
        });
        for (const s of found) {
          const candidate = s.word.replace(/^~/, '');
          const key = candidate.toLowerCase();
          if (key === lower) continue;
          // "opacity's" for "opactiy": possessives are never what a report meant.
          if (/'/.test(candidate) && !/'/.test(lower)) continue;
          const previous = best.get(key);
          if (!previous || s.cost < previous.cost || (s.cost === previous.cost && rank < previous.rank)) {
            best.set(key, { word: candidate, cost: s.cost, source: name, rank });
          }
        }
      });
      // Trie walks find edits at the first letter poorly ("ateral" for lateral): try those directly.
      for (const { word: candidate, cost } of firstLetterEdits(lower)) {
        const rank = this.tries.findIndex(({ trie }) => trie.hasWord(candidate, true) || trie.hasWord(candidate, false));
        if (rank < 0) continue;
        const previous = best.get(candidate);
        if (!previous || cost < previous.cost || (cost === previous.cost && rank < previous.rank)) {
          best.set(candidate, { word: candidate, cost, source: this.tries[rank].name, rank });
        }
      }
      merged = [...best.values()]
        .sort((a, b) => a.cost - b.cost || a.rank - b.rank || a.word.localeCompare(b.word))
        .map(({ word: w, cost, source }) => ({ word: w, cost, source }));
      remember(this.suggested, lower, merged);
    }
    return merged.slice(0, limit).map((s) => ({ ...s, word: matchCase(s.word, word) }));
  }
}
