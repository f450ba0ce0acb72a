// mixed-units: one measurement in two units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

test('mixed-units and inconsistent-units: one measurement in two units, and the same size in another unit (info)', () => {
  const a = 'FINDINGS: A 2.1 cm x 15 mm cyst in the left kidney.';
  assert.deepEqual(problemsOf('measurement-mismatch', a), []);
  const [p] = problemsOf('mixed-units', a);
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /mixes units/);
  assert.equal(applyFix(a, p.fixes[0]), 'FINDINGS: A 21 x 15 mm cyst in the left kidney.');
  const b = 'FINDINGS: A 2.1 cm cyst in the left kidney.\nIMPRESSION: Left renal cyst, 21 mm.';
  assert.deepEqual(problemsOf('mixed-units', b), []);
  const [q, ...rest] = problemsOf('inconsistent-units', b);
  assert.equal(rest.length, 0);
  assert.equal(q.severity, 'info');
  assert.equal(applyFix(b, q.fixes[0]), b.replace('21 mm', '2.1 cm'));
});

test('mixed-units: silent on a measurement written in one unit', () => {
  for (const text of ['FINDINGS: A 21 x 15 mm cyst in the left kidney.', 'FINDINGS: A 2.1 x 1.5 cm cyst in the left kidney.'])
    assert.deepEqual(problemsOf('mixed-units', text), [], text);
});
