import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { problemsOf, applyFix, root } from '../helpers/engine.mjs';

const RULE = 'measurement-mismatch';
const slice = (text, p) => text.slice(p.start, p.end);

test('measurement-mismatch: a value changed between sections; both flagged, fix aligns to the findings', () => {
  const text = 'FINDINGS: A 2.1 cm simple cyst in the upper pole of the left kidney.\nIMPRESSION: Left renal cyst, 3.1 cm.';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(ps.map((p) => slice(text, p)).sort(), ['2.1 cm', '3.1 cm']);
  const inImpression = ps.find((p) => slice(text, p) === '3.1 cm');
  assert.equal(inImpression.category, 'measurement');
  assert.equal(slice(text, inImpression.related[0]), '2.1 cm');
  assert.equal(inImpression.fixes[0].isPreferred, true);
  assert.equal(applyFix(text, inImpression.fixes[0]), text.replace('3.1 cm', '2.1 cm'));
  assert.equal(applyFix(text, inImpression.fixes[1]), text.replace('2.1 cm', '3.1 cm'));
});

test('measurement-mismatch: a unit changed (cm to mm)', () => {
  const text = 'FINDINGS: There is an 8 mm nodule in the right upper lobe.\nIMPRESSION: 8 cm right upper lobe nodule.';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(ps.map((p) => slice(text, p)).sort(), ['8 cm', '8 mm']);
});

test('measurement-mismatch: the same length in other units, or fewer dimensions, agrees (no warning)', () => {
  const sameSize = 'FINDINGS: A 2.1 cm cyst in the left kidney.\nIMPRESSION: Left renal cyst, 21 mm.';
  assert.deepEqual(problemsOf(RULE, sameSize), []);
  assert.deepEqual(
    problemsOf('inconsistent-units', sameSize).map((p) => p.severity),
    ['info'],
  );
  for (const text of [
    'FINDINGS: Mass measuring 2.3 x 1.5 x 1.0 cm in the right upper lobe.\nIMPRESSION: 2.3 cm right upper lobe mass.',
    'FINDINGS: Nodule measuring 8 mm, previously 6 mm.\nIMPRESSION: Nodule, now 8 mm.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('implausible-organ-size: a size no organ has, with a unit fix where the other unit fits', () => {
  const SIZE = 'implausible-organ-size';
  const text = 'FINDINGS: The right kidney measures 45 cm in length.';
  assert.deepEqual(problemsOf(RULE, text), []);
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

test('measurement-mismatch: silent on the correct examples', () => {
  for (const file of ['chest-radiograph-normal.rpt', 'ct-head-hemorrhage.rpt', 'ct-abdomen-pelvis.rpt', 'chest-radiograph-errors.rpt']) {
    const text = fs.readFileSync(path.join(root, 'examples', file), 'utf8');
    for (const rule of [RULE, 'inconsistent-units', 'mixed-units', 'implausible-organ-size'])
      assert.deepEqual(problemsOf(rule, text), [], `${rule}: ${file}`);
  }
});

test('measurement-mismatch: one dimension changed, and a size written before its finding', () => {
  const a = 'FINDINGS: Lingular opacity measuring 2.2 x 1.6 cm.\nIMPRESSION: Lingular nodule measuring 2.9 x 1.6 cm.';
  assert.deepEqual(
    problemsOf(RULE, a)
      .map((p) => slice(a, p))
      .sort(),
    ['2.2 x 1.6 cm', '2.9 x 1.6 cm'],
  );
  const b = 'FINDINGS: 5 mm nodular opacity overlies the left anterior 5th rib.\nIMPRESSION: 6 mm left lung nodular opacity.';
  assert.deepEqual(
    problemsOf(RULE, b)
      .map((p) => slice(b, p))
      .sort(),
    ['5 mm', '6 mm'],
  );
});

test('mixed-units and inconsistent-units: one measurement in two units, and the same size in another unit (info)', () => {
  const a = 'FINDINGS: A 2.1 cm x 15 mm cyst in the left kidney.';
  assert.deepEqual(problemsOf(RULE, a), []);
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
