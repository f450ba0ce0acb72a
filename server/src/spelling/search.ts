// The search for corrections more than one edit away: a walk of a dictionary trie that keeps the
// edit distance of each prefix to the word (one row per node) and leaves a branch once every
// entry of its row is over the limit. It stops at a deadline it checks as it goes, so a word that
// matches nothing costs at most the deadline (cspell's own search checks its timeout only when it
// finds a word, and took 90–160 ms for such words).

/** A trie node, as cspell's tries and our own word lists give them. */
export interface TrieNode {
  readonly eow: boolean;
  entries(): Iterable<readonly [string, TrieNode]>;
}

/** cspell's trie nodes have an id; one node may be handed out as several objects. */
type KeyedNode = TrieNode & { readonly id?: unknown };

const EDIT = 100;
/** Swapped neighbours and doubled or undoubled letters, the commonest slips, cost less (as in checker.ts). */
const SLIP = 75;
/** How many nodes are walked between two looks at the clock. */
const CLOCK_EVERY = 16;
const MARKS = new Set(['+', '~', '!', ':', '*']);
/** Child lists kept per trie: the first levels are walked for every word. */
const CHILDREN_LIMIT = 20_000;

/**
 * The children of a node, lower-case letters only (words with capitals are also listed in
 * lower case under the case-folded root; "+", "~", "!" and ":" mark cspell's compounds, folded
 * forms, forbidden words and suggestions). Reading a cspell node's children is the costly step
 * of the walk, so they are kept per node id.
 */
export class ChildLists {
  readonly #lists = new Map<unknown, (readonly [string, TrieNode])[]>();

  of(node: KeyedNode): readonly (readonly [string, TrieNode])[] {
    const key = node.id ?? node;
    let list = this.#lists.get(key);
    if (!list) {
      list = [...node.entries()].filter(([ch]) => !MARKS.has(ch) && ch === ch.toLowerCase());
      if (this.#lists.size >= CHILDREN_LIMIT) this.#lists.clear();
      this.#lists.set(key, list);
    }
    return list;
  }
}

/**
 * Offers every word under `roots` within `maxCost` of `word` (lower case; 100 = one edit) with its
 * cost, until `deadline` (a performance.now() time). Returns false when the deadline cut it short.
 */
export function searchTrie(
  roots: readonly TrieNode[],
  children: ChildLists,
  word: string,
  maxCost: number,
  deadline: number,
  offer: (candidate: string, cost: number) => void,
): boolean {
  const n = word.length;
  const first = Array.from({ length: n + 1 }, (_, j) => j * EDIT);
  let visited = 0;
  let late = false;

  // `prev` is the row of the node's own prefix, `before` the row of its parent (for swaps).
  const step = (ch: string, child: TrieNode, prefix: string, prev: number[], before: number[] | undefined, last: string): void => {
    if (visited++ % CLOCK_EVERY === 0 && performance.now() > deadline) late = true;
    if (late) return;
    const row = new Array<number>(n + 1);
    row[0] = prev[0] + EDIT;
    let least = row[0];
    for (let j = 1; j <= n; j++) {
      const letter = word[j - 1];
      let cost = prev[j - 1] + (letter === ch ? 0 : EDIT);
      // The word has a letter the dictionary word lacks (cheaper when it doubles the one before).
      const extra = row[j - 1] + (letter === word[j - 2] ? SLIP : EDIT);
      if (extra < cost) cost = extra;
      // The dictionary word has a letter the word lacks (cheaper when it doubles its neighbour).
      const missing = prev[j] + (ch === last || ch === letter ? SLIP : EDIT);
      if (missing < cost) cost = missing;
      if (before && j > 1 && ch === word[j - 2] && last === letter && before[j - 2] + SLIP < cost) cost = before[j - 2] + SLIP;
      row[j] = cost;
      if (cost < least) least = cost;
    }
    const text = prefix + ch;
    if (child.eow && row[n] <= maxCost) offer(text, row[n]);
    if (least <= maxCost) walk(child, text, row, prev, ch);
  };
  // The word's own next letter first: if the deadline cuts the walk short, the likeliest words were seen.
  const walk = (node: TrieNode, prefix: string, prev: number[], before: number[] | undefined, last: string): void => {
    const list = children.of(node);
    const own = word[prefix.length];
    const same = list.find(([ch]) => ch === own);
    if (same) step(own, same[1], prefix, prev, before, last);
    for (const [ch, child] of list) if (ch !== own) step(ch, child, prefix, prev, before, last);
  };
  for (const root of roots) if (!late) walk(root, '', first, undefined, '');
  return !late;
}

/** A trie of a word list, built for searchTrie (our own lists are a few thousand words). */
export function wordListTrie(words: Iterable<string>): TrieNode {
  type Node = { eow: boolean; next: Map<string, Node>; entries(): Iterable<readonly [string, TrieNode]> };
  const node = (): Node => {
    const next = new Map<string, Node>();
    return { eow: false, next, entries: () => next.entries() };
  };
  const root = node();
  for (const word of words) {
    let at = root;
    for (const ch of word.toLowerCase()) {
      let child = at.next.get(ch);
      if (!child) at.next.set(ch, (child = node()));
      at = child;
    }
    at.eow = true;
  }
  return root;
}
