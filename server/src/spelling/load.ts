// Loads the spelling dictionaries once, asynchronously, and hands out the synchronous checker the
// `spelling` rule uses. The server and the CLI await loadSpelling() at start; until it has
// finished, getSpellChecker() returns undefined and the rule stays silent.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { SpellChecker, type NamedTrie, type WordTrie } from './checker';
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

async function loadPrebuilt(lib: TrieLib, dir: string): Promise<NamedTrie[]> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return Promise.all(manifest.dictionaries.map(async ({ name, file }) => ({
    name,
    trie: lib.decodeTrie(new Uint8Array(await gunzipAsync(await readFile(join(dir, file))))) as WordTrie,
  })));
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
    { name: 'en_US', trie: lib.decodeTrie(new Uint8Array(en)) as WordTrie },
    { name: 'medicalterms', trie: lib.parseDictionary(medical.toString('utf8')) as WordTrie },
  ];
}

/** Our own lists: words separated by white space, `#` starts a comment. */
export function radiologyWordList(text: string = RADIOLOGY_WORDS): string[] {
  return text.split('\n').flatMap((line) => line.replace(/#.*/, '').split(/\s+/)).filter((w) => w.length > 0);
}

let checker: SpellChecker | undefined;
let loading: Promise<SpellingLoadInfo> | undefined;

/** Load the dictionaries (once; later calls return the same promise). */
export function loadSpelling(options: LoadSpellingOptions = {}): Promise<SpellingLoadInfo> {
  loading ??= (async () => {
    const started = performance.now();
    const lib = await importTrieLib();
    const prebuilt = findPrebuilt(options.dictDir);
    const cspell = prebuilt ? await loadPrebuilt(lib, prebuilt) : await loadFromPackages(lib);
    const ours: NamedTrie[] = [
      { name: 'core', trie: lib.parseDictionary(radiologyWordList(CORE_RADIOLOGY_WORDS)) as WordTrie },
      { name: 'radiology', trie: lib.parseDictionary(radiologyWordList(RADIOLOGY_WORDS)) as WordTrie },
    ];
    // Preference order for equal-cost suggestions: ours, then medical, then general English.
    const order = ['core', 'radiology', 'medicalterms', 'en_US'];
    const tries = [...ours, ...cspell].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    checker = new SpellChecker(tries);
    return { ms: performance.now() - started, from: prebuilt ? 'prebuilt' : 'packages', dictionaries: tries.map((t) => t.name) };
  })();
  // A failed load may be retried (e.g. after copy-dicts has run).
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** The loaded checker, or undefined before loadSpelling() has finished. */
export function getSpellChecker(): SpellChecker | undefined {
  return checker;
}

/** For tests: put a checker in place (or remove it) without loading dictionaries. */
export function setSpellChecker(value: SpellChecker | undefined): void {
  checker = value;
}
