#!/usr/bin/env node
// Prepares the spelling dictionaries for the bundled server and CLI.
//
//   node scripts/copy-dicts.mjs [OUT_DIR]        (default: dist/dicts)
//
// The cspell dictionaries ship as a text trie (en_US, ~250 ms to decode) and a plain word list
// (medical terms, ~800 ms to parse). Both are re-encoded here into cspell's binary trie format,
// which decodes in ~40 ms together, so the language server starts within its 500 ms budget.
// Stored uncompressed: gunzip would cost ~50-100 ms at start, and the .vsix is a zip anyway.
// The loader (server/src/spelling/load.ts) looks for OUT_DIR next to the bundle (dist/dicts) and
// falls back to the original packages in node_modules when it is absent.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeTrie, parseDictionary, encodeITrieToBTrie } from 'cspell-trie-lib';

const require = createRequire(import.meta.url);
const outDir = resolve(process.argv[2] ?? 'dist/dicts');
mkdirSync(outDir, { recursive: true });

// Each source: its npm package, the dictionary file inside it, and how to read it.
const SOURCES = [
  { name: 'en_US', pkg: '@cspell/dict-en_us', file: 'en_US.trie.gz', kind: 'trie' },
  { name: 'medicalterms', pkg: '@cspell/dict-medicalterms', file: 'dict/medicalterms-en.txt.gz', kind: 'words' },
];

const manifest = { format: 'btrie', dictionaries: [] };
for (const source of SOURCES) {
  const pkgDir = dirname(require.resolve(`${source.pkg}/cspell-ext.json`));
  const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const raw = gunzipSync(readFileSync(join(pkgDir, source.file)));
  // parseDictionary adds the case-insensitive forms cspell itself generates for word lists.
  const trie = source.kind === 'trie' ? decodeTrie(raw) : parseDictionary(raw.toString('utf8'));
  const file = `${source.name}.btrie`;
  writeFileSync(join(outDir, file), encodeITrieToBTrie(trie));
  // The licences travel with the data (the medical-terms list is GPL-3.0).
  copyFileSync(join(pkgDir, 'LICENSE'), join(outDir, `${source.name}.LICENSE`));
  manifest.dictionaries.push({ name: source.name, file, package: source.pkg, version: pkgJson.version, license: pkgJson.license });
  console.log(`copy-dicts: ${source.pkg}@${pkgJson.version} -> ${join(outDir, file)}`);
}
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
