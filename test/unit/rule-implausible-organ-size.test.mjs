// implausible-organ-size: a size no organ has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);

test('implausible-organ-size: a size no organ has, with a unit fix where the other unit fits', () => {
  const SIZE = 'implausible-organ-size';
  const text = 'FINDINGS: The right kidney measures 45 cm in length.';
  assert.deepEqual(problemsOf('measurement-mismatch', text), []);
  const [p] = problemsOf(SIZE, text);
  assert.equal(slice(text, p), '45 cm');
  assert.equal(p.category, 'measurement');
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /kidney/);
  assert.equal(applyFix(text, p.fixes[0]), 'FINDINGS: The right kidney measures 45 mm in length.');
  assert.equal(problemsOf(SIZE, 'FINDINGS: The abdominal aorta measures 3 mm in diameter.').length, 1);
  assert.deepEqual(problemsOf(SIZE, 'FINDINGS: The right kidney measures 11.2 cm. The spleen measures 10 cm.'), []);
  assert.deepEqual(problemsOf(SIZE, 'FINDINGS: Left kidney: a 5 mm nonobstructing stone measuring 5 mm.'), []);
});
