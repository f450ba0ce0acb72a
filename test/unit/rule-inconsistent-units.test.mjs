// inconsistent-units: the same size written in other units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf } from '../helpers/engine.mjs';

test('measurement-mismatch: the same length in other units, or fewer dimensions, agrees (no warning)', () => {
  const sameSize = 'FINDINGS: A 2.1 cm cyst in the left kidney.\nIMPRESSION: Left renal cyst, 21 mm.';
  assert.deepEqual(problemsOf('measurement-mismatch', sameSize), []);
  assert.deepEqual(
    problemsOf('inconsistent-units', sameSize).map((p) => p.severity),
    ['info'],
  );
  for (const text of [
    'FINDINGS: Mass measuring 2.3 x 1.5 x 1.0 cm in the right upper lobe.\nIMPRESSION: 2.3 cm right upper lobe mass.',
    'FINDINGS: Nodule measuring 8 mm, previously 6 mm.\nIMPRESSION: Nodule, now 8 mm.',
  ]) {
    assert.deepEqual(problemsOf('measurement-mismatch', text), [], text);
  }
});

test('inconsistent-units: silent when both sections write the size in one unit, or give other sizes', () => {
  for (const text of [
    'FINDINGS: A 2.1 cm cyst in the left kidney.\nIMPRESSION: Left renal cyst, 2.1 cm.',
    'FINDINGS: A 21 mm cyst in the left kidney.\nIMPRESSION: Left renal cyst, 21 mm.',
    'FINDINGS: A 2.1 cm cyst in the left kidney.\nIMPRESSION: Left renal cyst.',
  ])
    assert.deepEqual(problemsOf('inconsistent-units', text), [], text);
});
