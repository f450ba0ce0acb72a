import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { problemsOf, root } from '../helpers/engine.mjs';

const RULE = 'sex-mismatch';
const slice = (text, p) => text.slice(p.start, p.end);

test('sex-mismatch: female organs in a male patient, with the stated sex as related information', () => {
  const text = 'INDICATION: 62-year-old male with hematuria.\nFINDINGS: The uterus and ovaries are unremarkable.\nIMPRESSION: Normal.';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['uterus', 'ovaries'],
  );
  assert.equal(ps[0].category, 'sex-mismatch');
  assert.equal(slice(text, ps[0].related[0]), 'male');
});

test('sex-mismatch: male organs in a female patient, whether normal or denied', () => {
  const text = 'HISTORY: 45-year-old woman with pelvic pain.\nFINDINGS: The prostate is not enlarged. Status post orchiectomy.';
  assert.deepEqual(
    problemsOf(RULE, text).map((p) => slice(text, p)),
    ['prostate', 'orchiectomy'],
  );
});

test('sex-mismatch: pregnancy at an age that rules it out; denied pregnancy is fine', () => {
  const text = 'HISTORY: 80-year-old female.\nFINDINGS: Single live intrauterine pregnancy.';
  assert.equal(problemsOf(RULE, text).length, 1);
  assert.deepEqual(problemsOf(RULE, 'HISTORY: 80-year-old female. Negative pregnancy test.\nFINDINGS: Normal uterus.'), []);
  assert.deepEqual(problemsOf(RULE, 'HISTORY: 28-year-old female.\nFINDINGS: Single live intrauterine pregnancy.'), []);
});

test('sex-mismatch: silent when the sex is unknown, on matching organs and on relatives', () => {
  for (const text of [
    'FINDINGS: The prostate is enlarged. The uterus is normal.',
    'HISTORY: 51-year-old female.\nFINDINGS: The uterus and ovaries are normal.',
    'HISTORY: 70-year-old man. Mother had ovarian cancer.\nFINDINGS: The prostate is enlarged.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
  for (const file of ['chest-radiograph-normal.rpt', 'ct-head-hemorrhage.rpt', 'ct-abdomen-pelvis.rpt', 'mri-knee.rpt']) {
    assert.deepEqual(problemsOf(RULE, fs.readFileSync(path.join(root, 'examples', file), 'utf8')), [], file);
  }
});
