// A synchronous spell checker over cspell tries, built once by load.ts. Rules run on every
// keystroke, so everything here is plain look-ups plus per-word memos.
import { ChildLists, searchTrie, type TrieNode } from './search';

/** The part of cspell-trie-lib's ITrie we use (kept structural so tests can pass fakes). */
export interface WordTrie {
  hasWord(word: string, caseSensitive: boolean): boolean;
  /**
   * How many leading letters of a lower-case word some word of the trie starts with (in either
   * case mode): a word differing from it at a later letter cannot be in the trie. Absent: unknown.
   */
  reach?(lower: string): number;
  /**
   * The nodes its words hang from in lower case (the root, and cspell's case-folded root) for the
   * search beyond one edit. Absent: that search skips this dictionary.
   */
  roots?(): readonly TrieNode[];
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

/**
 * No corrections are searched for longer tokens: the longest words of the dictionaries are about
 * 45 letters, and the one-edit search costs the square of the length (a 3,000-letter run of keys
 * held down would cost seconds per keystroke).
 */
export const MAX_SUGGESTED_LENGTH = 48;

// Prefixes that make closed-up compounds in reports, longest first so "hyper" wins over "hy".
const PREFIX = new RegExp(
  '^(?:' +
    [
      'hyper',
      'hypo',
      'infra',
      'supra',
      'intra',
      'inter',
      'extra',
      'retro',
      'juxta',
      'pseudo',
      'neuro',
      'multi',
      'micro',
      'macro',
      'trans',
      'under',
      'over',
      'semi',
      'peri',
      'para',
      'post',
      'anti',
      'endo',
      'poly',
      'ultra',
      'non',
      'mid',
      'pre',
      'sub',
      're',
    ].join('|') +
    ')',
);

/**
 * Every word one edit away, priced on cspell's scale (100 = one edit): swapped neighbours and
 * doubled or undoubled letters are the commonest typing slips, so they cost less.
 */
function* singleEdits(word: string): Generator<{ word: string; cost: number; at: number }> {
  // `at`: the first letter where the candidate differs from the word.
  const n = word.length;
  for (let i = 0; i < n; i++) {
    const doubled = word[i] === word[i - 1] || word[i] === word[i + 1];
    yield { word: word.slice(0, i) + word.slice(i + 1), cost: doubled ? 75 : 100, at: i };
    if (i + 1 < n && word[i] !== word[i + 1]) yield { word: word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), cost: 75, at: i };
  }
  for (let i = 0; i <= n; i++) {
    for (const c of ALPHABET) {
      const doubling = c === word[i - 1] || c === word[i];
      yield { word: word.slice(0, i) + c + word.slice(i), cost: doubling ? 75 : 100, at: i };
      if (i < n && c !== word[i]) {
        yield { word: word.slice(0, i) + c + word.slice(i + 1), cost: 100, at: i };
      }
    }
  }
}

export class SpellChecker {
  private readonly known = new Map<string, boolean>();
  private readonly suggested = new Map<string, Suggestion[]>();
  private readonly near = new Map<string, Suggestion[]>();
  private readonly children: ChildLists[];

  /**
   * @param tries in order of preference: on equal cost, an earlier dictionary's suggestion ranks
   *   first, so the radiology list beats medical terms, which beat general English.
   * @param searchBudgetMs time allowed for the search beyond one edit, all dictionaries together
   *   (suggest() runs when the editor asks for code actions, between keystrokes).
   */
  constructor(
    readonly tries: readonly NamedTrie[],
    readonly searchBudgetMs = 15,
  ) {
    this.children = tries.map(() => new ChildLists());
  }

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
    if (like && this.inDictionary(like[1], like[1])) return true;
    return this.isInflection(lower);
  }

  /**
   * The medical-terms list has base forms only ("perseverate", "brachytherapy", "anesthesia"):
   * accept their regular inflections. A stem ending in "s" is not pluralised again, so a doubled
   * final letter ("noduless") is still caught.
   */
  private isInflection(lower: string): boolean {
    const known = (w: string) => w.length >= 5 && this.inDictionary(w, w);
    const m = /^(\p{L}+?)(ed|ing|ist|s)$/u.exec(lower);
    if (!m) return false;
    const [, stem, suffix] = m;
    switch (suffix) {
      case 'ed':
      case 'ing':
        return known(stem) || known(stem + 'e');
      case 'ist':
        return known(stem + 'y');
      default:
        return !stem.endsWith('s') && known(stem);
    }
  }

  /**
   * Corrections one edit away only, best first: plain dictionary look-ups, no time budget, so the
   * same word always gets the same answer (the spelling rule's "Did you mean" hint). suggest()
   * starts with these, so when there are any its first answer is this one's.
   */
  suggestNear(word: string, limit = 5): Suggestion[] {
    if (word.length > MAX_SUGGESTED_LENGTH) return [];
    const lower = word.replace(/[’`]/g, "'").toLowerCase();
    let found = this.near.get(lower);
    if (!found)
      found = remember(
        this.near,
        lower,
        this.rank(lower, (offer) => this.offerSingleEdits(lower, offer)),
      );
    return found.slice(0, limit).map((s) => ({ ...s, word: matchCase(s.word, word) }));
  }

  /** Up to `limit` corrections, best first, in the case pattern of `word`. */
  suggest(word: string, limit = 5): Suggestion[] {
    if (word.length > MAX_SUGGESTED_LENGTH) return [];
    const lower = word.replace(/[’`]/g, "'").toLowerCase();
    let merged = this.suggested.get(lower);
    if (!merged) {
      const near = this.suggestNear(lower, Infinity);
      // Two edits or a half-typed word: a search of the tries with a deadline.
      merged = near.length ? near : this.rank(lower, (offer) => this.offerTwoEdits(lower, offer));
      remember(this.suggested, lower, merged);
    }
    return merged.slice(0, limit).map((s) => ({ ...s, word: matchCase(s.word, word) }));
  }

  /** Most typos are one edit away: look those up directly (a few thousand look-ups, ~1 ms). */
  private offerSingleEdits(lower: string, offer: (candidate: string, cost: number, rank: number) => void): void {
    // Most candidates leave every dictionary's paths early ("thebasilar" past "theba"): a trie is
    // asked only about candidates that differ from the word within its reach (the typing path).
    const reach = this.tries.map(({ trie }) => trie.reach?.(lower) ?? Infinity);
    for (const { word: candidate, cost, at } of singleEdits(lower)) {
      const found = this.lookup(candidate, (rank) => at <= reach[rank]);
      if (found) offer(found.word, cost, found.rank);
    }
  }

  /**
   * Words up to two edits away, from each dictionary in turn; each gets an equal share of the
   * time left, so a small list that finishes early leaves more to the large ones.
   */
  private offerTwoEdits(lower: string, offer: (candidate: string, cost: number, rank: number) => void): void {
    const end = performance.now() + this.searchBudgetMs;
    this.tries.forEach(({ trie }, rank) => {
      const roots = trie.roots?.();
      if (!roots) return;
      const now = performance.now();
      const deadline = now + Math.max(0, end - now) / (this.tries.length - rank);
      searchTrie(roots, this.children[rank], lower, 2 * 100, deadline, (candidate, cost) =>
        // As the dictionary lists it ("Kerley"); a folded form of an accented word as found.
        offer(this.lookup(candidate, (r) => r === rank)?.word ?? candidate, cost, rank),
      );
    });
  }

  /** The candidates `search` offers, one per word (cheapest, then earliest dictionary), best first. */
  private rank(lower: string, search: (offer: (candidate: string, cost: number, rank: number) => void) => void): Suggestion[] {
    const best = new Map<string, Suggestion & { rank: number }>();
    search((candidate, cost, rank) => {
      const key = candidate.toLowerCase();
      if (key === lower) return;
      // "opacity's" for "opactiy": possessives are never what a report meant.
      if (/'/.test(candidate) && !/'/.test(lower)) return;
      const previous = best.get(key);
      if (!previous || cost < previous.cost || (cost === previous.cost && rank < previous.rank)) {
        best.set(key, { word: candidate, cost, source: this.tries[rank].name, rank });
      }
    });
    return [...best.values()]
      .sort((a, b) => a.cost - b.cost || a.rank - b.rank || a.word.localeCompare(b.word))
      .map(({ word: w, cost, source }) => ({ word: w, cost, source }));
  }

  /** The first dictionary (in preference order) with a lower-case word, and the word as listed there. */
  private lookup(lower: string, mayHave: (rank: number) => boolean): { word: string; rank: number } | undefined {
    for (let rank = 0; rank < this.tries.length; rank++) {
      if (!mayHave(rank)) continue;
      const { trie } = this.tries[rank];
      if (trie.hasWord(lower, true)) return { word: lower, rank };
      if (trie.hasWord(lower, false)) {
        // Listed with a capital ("Kerley"): offer it that way.
        const capital = lower[0].toUpperCase() + lower.slice(1);
        return { word: trie.hasWord(capital, true) ? capital : lower, rank };
      }
    }
    return undefined;
  }
}
