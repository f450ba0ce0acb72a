import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { LIST_NUMBER, stripListNumber } = require(path.join(root, 'out/server/rewrite/list-number.js'));
const { draftImpression } = require(path.join(root, 'out/server/rewrite/impression.js'));
const { readClause } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

test('a list number is taken off, with its space, glued to its word or not', () => {
  assert.equal(stripListNumber('2. Small effusion.'), 'Small effusion.');
  assert.equal(stripListNumber('  3) Small effusion.'), 'Small effusion.');
  assert.equal(stripListNumber('1.Very mild degenerative change.'), 'Very mild degenerative change.');
  assert.equal(stripListNumber('- Small effusion.'), 'Small effusion.');
  assert.equal(stripListNumber('• Small effusion.'), 'Small effusion.');
  assert.equal(stripListNumber('· Small effusion.'), 'Small effusion.');
  assert.equal(stripListNumber('3.'), '');
});

test('a decimal, a size or a level is no list number', () => {
  for (const text of ['1.5 cm nodule.', '12.5cm mass.', '1.5cm nodule.', '2 cm cyst.', 'L4-5 disc bulge.', '-5 degrees.'])
    assert.equal(stripListNumber(text), text, text);
  assert.equal(LIST_NUMBER.test('10.2 x 3 cm'), false);
});

test('the verifier reads a glued "1.Very mild" as words, not as a quantity 1', () => {
  const text = '1.Very mild disc bulge.';
  const clause = readClause(text, { start: 0, end: text.length }, 'impression', null);
  assert.deepEqual(clause.quantities, []);
  assert.ok(clause.words.includes('very') || clause.words.includes('disc'), clause.words.join());
});

test('a glued list number is not written into a draft item ("4. 1.Very mild …")', () => {
  const report = parseReport(
    'EXAM: MRI lumbar spine.\nFINDINGS:\n1.Very mild disc bulge at L4-5 with moderate right foraminal stenosis.\n2.Large disc extrusion at L5-S1 compressing the left S1 nerve root.\n',
  );
  const { text } = draftImpression(report);
  assert.doesNotMatch(text, /\d\.\s*\d\.|\b\d\.[A-Z]/, text);
  assert.match(text, /extrusion/i, text);
});
