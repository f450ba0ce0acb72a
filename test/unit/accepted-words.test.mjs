import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The user's accepted words: one set per pair of lists (the server passes the same lists check after check).
const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { acceptedWords } = require(path.join(root, 'out/server/rules/spelling.js'));
const { analyze, prepareRules } = require(path.join(root, 'out/server/engine.js'));

test('accepted words are lower-cased, from both lists, and the set is kept for the same lists', () => {
  const words = ['Zorbix', 42];
  const ignoredWords = ['quellan'];
  const set = acceptedWords({ words, ignoredWords });
  assert.deepEqual([...set].sort(), ['quellan', 'zorbix']);
  assert.equal(acceptedWords({ words, ignoredWords }), set);
  // Another list (a word ignored since) gives its own set.
  const more = acceptedWords({ words, ignoredWords: [...ignoredWords, 'brindle'] });
  assert.notEqual(more, set);
  assert.ok(more.has('brindle'));
  assert.equal(acceptedWords({ words: [], ignoredWords: [] }).size, 0);
  assert.equal(acceptedWords({ words: 'not a list', ignoredWords: [] }).size, 0);
});

test('a word accepted in one check is still flagged in a check without it', async () => {
  await prepareRules();
  const text = 'FINDINGS: The lungs show zorbixate change.\nIMPRESSION: Zorbixate change.';
  const flagged = (settings) => analyze(text, settings).problems.some((p) => p.rule === 'spelling' && /zorbixate/i.test(p.word));
  assert.ok(flagged({}));
  assert.ok(!flagged({ words: ['zorbixate'] }));
  assert.ok(flagged({}));
});
