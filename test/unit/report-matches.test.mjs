import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../helpers/engine.mjs';

/** @type {typeof import('../../server/src/report/matches.js')} */
const { allMatches } = load('report/matches.js');

/** @param {RegExpMatchArray[]} ms */
const plain = (ms) => ms.map((m) => ({ index: m.index, groups: [...m] }));

test('allMatches gives what matchAll gives: empty matches, code points, a lastIndex left as found', () => {
  /** @type {[RegExp, string][]} */
  const cases = [
    [/\b(\d+)\s?(mm|cm)\b/g, 'A 12 mm nodule and a 3cm mass; 4 x 5 cm.'],
    [/x*/g, 'axxbx'],
    [/(?:)/gu, 'a😀b'],
    [/\p{L}+/gu, 'Gefäß 😀 naïve'],
    [/^[A-Z]+:/gm, 'EXAM: x\nFINDINGS: y\nnot: z'],
  ];
  for (const [re, text] of cases) {
    assert.deepEqual(plain(allMatches(re, text)), plain([...text.matchAll(re)]), String(re));
    assert.equal(re.lastIndex, 0);
  }
  const started = /a/g;
  started.lastIndex = 2;
  assert.deepEqual(plain(allMatches(started, 'a a a')), plain([...'a a a'.matchAll(started)]));
  assert.equal(started.lastIndex, 2);
  assert.throws(() => allMatches(/a/, 'a'), TypeError);
});
