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

test('measurement-mismatch: a dimension changed though a smaller lesion beside it shares another dimension', () => {
  const text =
    'FINDINGS: A 4 mm cyst dorsal to the lunate. A cyst measuring 1.0 x 1.0 x 0.4 cm volar to the fourth carpometacarpal joint.\n' +
    'IMPRESSION: A 4 mm cyst dorsal to the lunate. A 2.0 x 1.0 x 0.4 cm cyst volar to the fourth carpometacarpal joint.';
  assert.deepEqual(
    problemsOf(RULE, text)
      .map((p) => slice(text, p))
      .sort(),
    ['1.0 x 1.0 x 0.4 cm', '2.0 x 1.0 x 0.4 cm'],
  );
});

test('measurement-mismatch: a lesion at its place is compared with its own size, not a cyst elsewhere', () => {
  const text =
    'FINDINGS: 4.0 cm hypodense lesion in the left hepatic lobe. The left ovary demonstrates a 3 cm simple cyst.\n' +
    'IMPRESSION: 3.0 cm hypodense lesion in the left hepatic lobe. Simple left ovarian cyst.';
  assert.deepEqual(
    problemsOf(RULE, text)
      .map((p) => slice(text, p))
      .sort(),
    ['3.0 cm', '4.0 cm'],
  );
});

test('measurement-mismatch: a unit slip pairs with the size written in the same numbers; a distance is no size', () => {
  const a =
    'FINDINGS: 70% stenosis of the proximal superficial femoral artery spanning 2 cm. 50% stenosis of the mid superficial femoral artery spanning 1.5 mm.\n' +
    'IMPRESSION: 70% stenosis of the proximal superficial femoral artery, spanning 2 cm. 50% stenosis of the mid superficial femoral artery, spanning 1.5 cm.';
  assert.ok(problemsOf(RULE, a).some((p) => slice(a, p) === '1.5 mm'));
  const b =
    'FINDINGS: Approximately 3 cm from the ankle joint there is a lobulated mass measuring 18 x 22 x 24 mm.\n' +
    'IMPRESSION: Lobulated mass measuring 18 x 22 x 24 mm, approximately 3-4 cm from the ankle joint.';
  assert.deepEqual(problemsOf(RULE, b), []);
});

test('measurement-mismatch: a fetal quantity named in both sections (cervical length, amniotic fluid index) with two values', () => {
  const cervix =
    'FINDINGS: The cervix measures 2.4 cm in length, shortened since the prior study.\nIMPRESSION: Cervical shortening to 1.4 cm.';
  assert.ok(problemsOf(RULE, cervix).some((p) => slice(cervix, p) === '1.4 cm'));
  const fluid = 'FINDINGS: Amniotic fluid index is 26 cm, increased.\nIMPRESSION: Mild polyhydramnios, amniotic fluid index 27 cm.';
  assert.ok(problemsOf(RULE, fluid).some((p) => slice(fluid, p) === '27 cm'));
  // The same value, or another quantity's, is no mismatch.
  assert.deepEqual(problemsOf(RULE, fluid.replace('26 cm', '27 cm')), []);
  assert.deepEqual(problemsOf(RULE, 'FINDINGS: BPD 7.9 cm. HC 29.0 cm.\nIMPRESSION: Head circumference 29.0 cm.'), []);
});

test('measurement-mismatch: a septal wall thickness quoted differently in the impression', () => {
  const text =
    'EXAM: Cardiac MRI.\nFINDINGS: There is asymmetric septal hypertrophy, the septum measuring 22 mm at the base.\nIMPRESSION: Asymmetric septal hypertrophy measuring 20 mm, in keeping with hypertrophic cardiomyopathy.';
  assert.equal(problemsOf('measurement-mismatch', text).length, 2);
  assert.deepEqual(problemsOf('measurement-mismatch', text.replace('20 mm', '22 mm')), []);
});

test('measurement-mismatch: of two lesions of one kind, the changed size is paired with the one the impression leaves unmatched', () => {
  const cases = [
    'FINDINGS: A 70% stenosis of the proximal SFA spans 2 cm. A 50% stenosis of the popliteal artery spans 1.5 cm.\nIMPRESSION: 70% stenosis of the proximal SFA over 2 cm. 50% stenosis of the popliteal artery over 1.2 cm.',
    'FINDINGS: Hypodense lesion in segment 2 measuring 3.1 cm. Second hypodense lesion in segment 6 measuring 1.4 cm.\nIMPRESSION: Hypodense lesions in segment 2 (3.1 cm) and segment 6 (1.8 cm).',
  ];
  for (const text of cases) {
    const quoted = problemsOf('measurement-mismatch', text).map((p) => text.slice(p.start, p.end));
    assert.equal(quoted.length, 2, text);
    assert.ok(!quoted.includes('2 cm') && !quoted.includes('3.1 cm'), quoted.join(' | '));
  }
});
