import type { Word } from './words';

interface Node<T> {
  next: Map<string, Node<T>>;
  value: T | undefined;
}

/** Phrases as word sequences, matched longest-first at a position: one walk per word, no regex. */
export class PhraseTrie<T> {
  // Every node has the same shape (value present, maybe undefined): the walk stays monomorphic.
  private readonly root: Node<T> = { next: new Map(), value: undefined };
  /** exact: compare the words as written (abbreviations), else their normalised form. */
  constructor(readonly exact = false) {}

  /** Adds a phrase; an existing entry is kept unless replace is set (explicit terms beat generated ones). */
  add(keys: readonly string[], value: T, replace = false): void {
    if (keys.length === 0) return;
    let node = this.root;
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), value: undefined };
        node.next.set(key, child);
      }
      node = child;
    }
    if (node.value === undefined || replace) node.value = value;
  }

  /** The first words of its phrases (as written when exact): a word not among them starts no match. */
  firstKeys(): IterableIterator<string> {
    return this.root.next.keys();
  }

  /** Can a phrase start with this key? */
  startsWith(key: string): boolean {
    return this.root.next.has(key);
  }

  /**
   * The longest phrase starting at words[at] and ending before limit: its end index and value.
   * Words in `skip` may stand inside a phrase without being part of it ("elevated right hemidiaphragm").
   */
  match(words: readonly Word[], at: number, limit = words.length, skip?: ReadonlySet<string>): { end: number; value: T } | null {
    // The best end and value as two locals and one result object at the end, not one per matching step:
    // every word of a report starts several walks.
    if (at >= limit) return null;
    // The first word alone first: nearly every walk ends there (a skipped word never starts a phrase).
    let node: Node<T> | undefined = this.root.next.get(this.exact ? words[at].text : words[at].norm);
    if (node === undefined) return null;
    let end = -1;
    let value: T | undefined;
    if (node.value !== undefined) {
      end = at + 1;
      value = node.value;
    }
    for (let i = at + 1; i < limit && node; i++) {
      const key = this.exact ? words[i].text : words[i].norm;
      const next: Node<T> | undefined = node.next.get(key);
      if (!next && skip && skip.has(words[i].norm)) continue;
      node = next;
      if (node !== undefined && node.value !== undefined) {
        end = i + 1;
        value = node.value;
      }
    }
    return end < 0 ? null : { end, value: value as T };
  }
}

/**
 * Per first word, one bit for each of several (normalised, not exact) tries that a phrase of it can start
 * with that word. A caller trying a few tries at a word looks the word up once and walks only the tries
 * it can start: nearly every word of a report starts none, and each miss was a map look-up of its own.
 */
export function firstWordBits(tries: readonly (readonly [{ firstKeys(): Iterable<string> }, number])[]): ReadonlyMap<string, number> {
  const bits = new Map<string, number>();
  for (const [trie, bit] of tries) for (const key of trie.firstKeys()) bits.set(key, (bits.get(key) ?? 0) | bit);
  return bits;
}
