// The phrase trie's first-word bits: one look-up of a word says which of several tries it can start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { PhraseTrie, firstWordBits } = require(path.join(root, 'out/server/nlp/trie.js'));

test('firstWordBits gives each first word the bits of every trie a phrase of it starts, and no other word a bit', () => {
  const sites = new PhraseTrie();
  sites.add(['lower', 'lobe'], 'lower lobe');
  sites.add(['apex'], 'apex');
  const sides = new PhraseTrie();
  sides.add(['left'], 'left');
  sides.add(['lower', 'left'], 'left');
  const bits = firstWordBits([
    [sites, 1],
    [sides, 2],
  ]);
  assert.equal(bits.get('lower'), 3);
  assert.equal(bits.get('apex'), 1);
  assert.equal(bits.get('left'), 2);
  // A word inside a phrase only ("lobe") starts nothing.
  assert.equal(bits.get('lobe'), undefined);
});
