import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The search for corrections beyond one edit (spelling/search.ts): what it finds, its costs, and
// that it stops at its deadline. How long it takes is measured in `npm run bench`, not here.
const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { ChildLists, searchTrie, wordListTrie } = require(path.join(root, 'out/server/spelling/search.js'));
const load = require(path.join(root, 'out/server/spelling/load.js'));
const { SpellChecker } = require(path.join(root, 'out/server/spelling/checker.js'));

const WORDS = ['pneumothorax', 'pneumonia', 'effusion', 'nodule', 'nodular', 'Kerley'];

/** Every word within `maxCost` of `word`, with its cost, sorted; and whether the walk finished. */
function found(word, maxCost = 200, deadline = Infinity) {
  const offers = [];
  const finished = searchTrie([wordListTrie(WORDS)], new ChildLists(), word, maxCost, deadline, (w, cost) => offers.push(`${w}:${cost}`));
  return { offers: offers.sort(), finished };
}

test('words up to two edits away, slips (swaps, doubled letters) cheaper than other edits', () => {
  assert.deepEqual(found('pnuemothroax'), { offers: ['pneumothorax:150'], finished: true }, 'two swaps');
  assert.deepEqual(found('efusion').offers, ['effusion:75'], 'a letter not doubled');
  assert.deepEqual(found('noduule').offers, ['nodule:75'], 'a letter doubled');
  assert.deepEqual(found('nodlue').offers, ['nodule:75'], 'a swap');
  assert.deepEqual(found('nodxle').offers, ['nodule:100'], 'a substitution');
  assert.deepEqual(found('nodulr').offers, ['nodular:100', 'nodule:100']);
  assert.deepEqual(found('kerly').offers, ['kerley:100'], 'listed words are searched in lower case');
  assert.deepEqual(found('zqxvtr').offers, [], 'nothing near');
  assert.deepEqual(found('pnuemothroax', 100).offers, [], 'the limit holds');
});

test('a deadline already past stops the walk at once', () => {
  const { offers, finished } = found('nodule', 200, performance.now() - 1);
  assert.equal(finished, false);
  assert.deepEqual(offers, []);
});

test('suggest() finds two-edit corrections in the real dictionaries, and nothing for noise', async () => {
  await load.loadSpelling();
  // A generous budget: which words come first must not depend on the machine's load here.
  const checker = new SpellChecker(load.getSpellChecker().tries, 60_000);
  assert.equal(checker.suggestNear('pnuemothroax').length, 0, 'not one edit away');
  assert.equal(checker.suggest('pnuemothroax')[0].word, 'pneumothorax');
  assert.equal(checker.suggest('Effsuoin')[0].word, 'Effusion', 'in the case of the word');
  assert.deepEqual(checker.suggest('zqxvtrplkw'), []);
});
