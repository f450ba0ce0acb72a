// Loads the spelling dictionaries once, asynchronously, and hands out the synchronous checker the
// `spelling` rule uses. The server and the CLI await loadSpelling() at start; until it has
// finished, getSpellChecker() returns undefined and the rule stays silent.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { SpellChecker, type NamedTrie, type WordTrie } from './checker';
import { wordListTrie, type TrieNode } from './search';
import { CORE_RADIOLOGY_WORDS, RADIOLOGY_WORDS } from './radiology-words';

// cspell-trie-lib is ESM only: a dynamic import (kept as import() by "module": "node16") loads
// it from the CommonJS output, and esbuild bundles it into dist/server.js.
type TrieLib = typeof import('cspell-trie-lib', { with: { 'resolution-mode': 'import' } });

const gunzipAsync = promisify(gunzip);

function importTrieLib(): Promise<TrieLib> {
  return import('cspell-trie-lib');
}

export interface LoadSpellingOptions {
  /** A folder made by scripts/copy-dicts.mjs; found automatically next to the bundle otherwise. */
  dictDir?: string;
}

export interface SpellingLoadInfo {
  ms: number;
  /** 'prebuilt': binary tries from copy-dicts; 'packages': the original @cspell/dict-* files. */
  from: 'prebuilt' | 'packages';
  dictionaries: string[];
}

interface Manifest {
  dictionaries: { name: string; file: string }[];
}

// dist/dicts beside the bundle (dist/server.js), or the repository's dist/dicts when running the
// tsc output under out/server/spelling/ (tests, eval).
function findPrebuilt(explicit?: string): string | undefined {
  const candidates = [explicit, process.env.RADLINT_DICT_DIR, join(__dirname, 'dicts')];
  for (let dir = __dirname, i = 0; i < 5; i++, dir = dirname(dir)) candidates.push(join(dir, 'dist', 'dicts'));
  return candidates.find((dir): dir is string => !!dir && existsSync(join(dir, 'manifest.json')));
}

async function readMaybeGzipped(file: string): Promise<Uint8Array<ArrayBuffer>> {
  const data = await readFile(file);
  return new Uint8Array(file.endsWith('.gz') ? await gunzipAsync(data) : data);
}

type CspellTrie = ReturnType<TrieLib['decodeTrie']>;

/** A cspell trie that tells how far its paths go into a word (WordTrie.reach) and gives its roots. */
function withReach(trie: CspellTrie): WordTrie {
  // The root node is not in ITrie's typings: read it structurally, and do without it if it is not there.
  const { root } = trie as unknown as {
    root?: TrieNode & {
      getNode?(prefix: string): unknown;
      get?(letter: string): TrieNode | undefined;
      hasCompoundWords?: boolean;
      info?: { stripCaseAndAccentsPrefix?: string };
    };
  };
  const getNode = root?.getNode?.bind(root);
  const folded = root?.info?.stripCaseAndAccentsPrefix;
  const hasWord = (word: string, caseSensitive: boolean) => trie.hasWord(word, caseSensitive);
  if (!root || !getNode || !folded) return { hasWord };
  // Words as written hang from the root, their case-folded forms under a prefix ("~").
  const foldedRoot = root.get?.(folded);
  const roots = foldedRoot ? [root, foldedRoot] : [root];
  // A compound can continue from the root mid-word: no limit to its reach.
  if (root.hasCompoundWords) return { hasWord, roots: () => roots };
  return {
    hasWord,
    roots: () => roots,
    reach(lower) {
      let n = 0;
      while (n < lower.length && (getNode(lower.slice(0, n + 1)) || getNode(folded + lower.slice(0, n + 1)))) n++;
      return n;
    },
  };
}

async function loadPrebuilt(lib: TrieLib, dir: string): Promise<NamedTrie[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return Promise.all(
    manifest.dictionaries.map(async ({ name, file }) => ({
      name,
      trie: withReach(lib.decodeTrie(await readMaybeGzipped(join(dir, file)))),
    })),
  );
}

// Slow path (about a second): the package files as published. Used when copy-dicts has not run.
async function loadFromPackages(lib: TrieLib): Promise<NamedTrie[]> {
  // The package name goes through a variable so esbuild does not try to bundle a JSON path.
  const packageDir = (pkg: string) => dirname(require.resolve(`${pkg}/cspell-ext.json`));
  const read = async (pkg: string, file: string) => gunzipAsync(await readFile(join(packageDir(pkg), file)));
  const [en, medical] = await Promise.all([
    read('@cspell/dict-en_us', 'en_US.trie.gz'),
    read('@cspell/dict-medicalterms', join('dict', 'medicalterms-en.txt.gz')),
  ]);
  return [
    { name: 'en_US', trie: withReach(lib.decodeTrie(new Uint8Array(en))) },
    { name: 'medicalterms', trie: withReach(lib.parseDictionary(medical.toString('utf8'))) },
  ];
}

/**
 * Our own lists as a WordTrie: Sets for look-ups (ready at once), and a trie for the search beyond
 * one edit built the first time it is needed.
 */
class WordListTrie implements WordTrie {
  private readonly exact: Set<string>;
  private readonly lower: Set<string>;
  private root: TrieNode | undefined;

  constructor(words: string[]) {
    this.exact = new Set(words);
    this.lower = new Set(words.map((w) => w.toLowerCase()));
  }

  hasWord(word: string, caseSensitive: boolean): boolean {
    return caseSensitive ? this.exact.has(word) : this.lower.has(word.toLowerCase());
  }

  roots(): readonly TrieNode[] {
    this.root ??= wordListTrie(this.lower);
    return [this.root];
  }
}

/** Our own lists: words separated by white space, `#` starts a comment. */
export function radiologyWordList(text: string = RADIOLOGY_WORDS): string[] {
  return text
    .split('\n')
    .flatMap((line) => line.replace(/#.*/, '').split(/\s+/))
    .filter((w) => w.length > 0);
}

let checker: SpellChecker | undefined;
let loading: Promise<SpellingLoadInfo> | undefined;

/** Load the dictionaries (once; later calls return the same promise). */
export function loadSpelling(options: LoadSpellingOptions = {}): Promise<SpellingLoadInfo> {
  loading ??= (async () => {
    const started = performance.now();
    const lib = await importTrieLib();
    const prebuilt = findPrebuilt(options.dictDir);
    const cspell = prebuilt
      ? await loadPrebuilt(lib, prebuilt)
      : await loadFromPackages(lib).catch((error: unknown) => {
          throw new Error(
            `no dist/dicts (build it with: node scripts/copy-dicts.mjs) and the @cspell/dict-* packages are not installed (${String(error)})`,
          );
        });
    const ours: NamedTrie[] = [
      { name: 'core', trie: new WordListTrie(radiologyWordList(CORE_RADIOLOGY_WORDS)) },
      { name: 'radiology', trie: new WordListTrie(radiologyWordList(RADIOLOGY_WORDS)) },
    ];
    // Preference order for equal-cost suggestions: ours, then medical, then general English.
    const order = ['core', 'radiology', 'medicalterms', 'en_US'];
    const tries = [...ours, ...cspell].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    checker = new SpellChecker(tries);
    return { ms: performance.now() - started, from: prebuilt ? 'prebuilt' : 'packages', dictionaries: tries.map((t) => t.name) };
  })();
  // A failed load may be retried (e.g. after copy-dicts has run).
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** The loaded checker, or undefined before loadSpelling() has finished. */
export function getSpellChecker(): SpellChecker | undefined {
  return checker;
}
