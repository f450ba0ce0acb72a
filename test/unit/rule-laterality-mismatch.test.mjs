import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { engine, problemsOf, applyFix, root } from '../helpers/engine.mjs';

const RULE = 'laterality-mismatch';
const slice = (text, p) => text.slice(p.start, p.end);

test('laterality-mismatch: findings left, impression right; one problem at the impression, both fixes, neither preferred', () => {
  const text = 'FINDINGS: There is a moderate left pleural effusion.\nIMPRESSION: Moderate right pleural effusion.\n';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['right'],
    'one slip, one problem',
  );
  const [p] = ps;
  assert.equal(p.category, 'laterality');
  assert.equal(p.finding, 'pleural effusion');
  assert.equal(p.related.length, 1);
  assert.equal(slice(text, p.related[0]), 'left');
  assert.ok(p.fixes.length === 2 && p.fixes.every((f) => !f.isPreferred));
  assert.equal(applyFix(text, p.fixes[0]), text.replace('Moderate right', 'Moderate left'));
  assert.equal(applyFix(text, p.fixes[1]), text.replace('moderate left', 'moderate right'));
});

test('laterality-mismatch: the outlier against the other mentions is the one flagged, with a preferred fix', () => {
  // Two left mentions in the impression against one right in the findings: the findings are wrong.
  const text =
    'FINDINGS: Moderate right pleural effusion.\nIMPRESSION: 1. Moderate left pleural effusion. 2. Left pleural effusion, larger than before.\n';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['right'],
  );
  assert.ok(ps[0].start < text.indexOf('IMPRESSION'));
  assert.equal(ps[0].related.length, 1);
  assert.equal(ps[0].fixes.length, 1);
  assert.equal(ps[0].fixes[0].isPreferred, true);
  assert.equal(applyFix(text, ps[0].fixes[0]), text.replace('Moderate right', 'Moderate left'));
  // Two right mentions in the findings against one left in the impression: the impression is wrong.
  const text2 = 'FINDINGS: Right pleural effusion. The right pleural effusion is moderate.\nIMPRESSION: Moderate left pleural effusion.\n';
  const ps2 = problemsOf(RULE, text2);
  assert.deepEqual(
    ps2.map((p) => slice(text2, p)),
    ['left'],
  );
  assert.ok(ps2[0].start > text2.indexOf('IMPRESSION'));
});

test('laterality-mismatch: the history counts among the other mentions', () => {
  // The indication's left mass sides with the impression: the findings' right is the outlier.
  const text =
    'INDICATION: Enlarging mass of the left parotid region.\nFINDINGS: Well demarcated mass of the deep lobe of the right parotid gland.\nIMPRESSION: Left parotid mass.\n';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['right'],
  );
  assert.equal(ps[0].fixes.length, 1);
  assert.equal(ps[0].fixes[0].isPreferred, true);
  // Negative: a history with no side leaves the tie to the impression, with both fixes.
  const tie = text.replace('mass of the left parotid region', 'parotid mass');
  const [t] = problemsOf(RULE, tie);
  assert.equal(slice(tie, t), 'Left');
  assert.equal(t.fixes.length, 2);
});

test('laterality-mismatch: synonyms at the same site count as the same finding; capitals are kept', () => {
  const text = 'FINDINGS: Consolidation in the LEFT lower lobe.\nIMPRESSION: RIGHT lower lobe pneumonia.';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['RIGHT'],
  );
  assert.equal(applyFix(text, ps[0].fixes[0]), text.replace('RIGHT lower', 'LEFT lower'));
  assert.equal(applyFix(text, ps[0].fixes[1]), text.replace('LEFT lower', 'RIGHT lower'));
});

test('laterality-mismatch: the example chest radiograph with a left/right effusion', () => {
  const text = fs.readFileSync(path.join(root, 'examples/chest-radiograph-errors.rpt'), 'utf8');
  const ps = problemsOf(RULE, text);
  assert.equal(ps.length, 1, 'one slip, one problem');
  assert.ok(ps.every((p) => p.finding === 'pleural effusion'));
});

test('laterality-mismatch: silent on agreement, bilateral, findings on both sides, denials and no sections', () => {
  for (const text of [
    'FINDINGS: Small left pleural effusion.\nIMPRESSION: Small left pleural effusion.',
    'FINDINGS: Bilateral pleural effusions.\nIMPRESSION: Right pleural effusion, larger than the left.',
    'FINDINGS: Small left pleural effusion. Trace right pleural effusion.\nIMPRESSION: Small right pleural effusion.',
    'FINDINGS: No left pleural effusion. Small right pleural effusion.\nIMPRESSION: Small right pleural effusion.',
    'FINDINGS: Right lower lobe nodule. Left upper lobe granuloma.\nIMPRESSION: Right lower lobe nodule.',
    'Small left pleural effusion. Moderate right pleural effusion.',
    'EXAM: MRI RIGHT KNEE\nFINDINGS: Tear of the medial meniscus. The contralateral left knee was imaged for comparison previously.\nIMPRESSION: Medial meniscal tear.',
  ]) {
    for (const rule of [RULE, 'exam-side-mismatch', 'lobe-side-mismatch']) assert.deepEqual(problemsOf(rule, text), [], `${rule}: ${text}`);
  }
});

test('laterality-mismatch: silent on the correct example reports', () => {
  for (const file of ['chest-radiograph-normal.rpt', 'ct-head-hemorrhage.rpt', 'ct-abdomen-pelvis.rpt']) {
    const text = fs.readFileSync(path.join(root, 'examples', file), 'utf8');
    for (const rule of [RULE, 'exam-side-mismatch', 'lobe-side-mismatch']) assert.deepEqual(problemsOf(rule, text), [], `${rule}: ${file}`);
  }
});

test('laterality-mismatch: coronary artery names are not sides; an impression giving both sides is not a confusion', () => {
  for (const text of [
    'FINDINGS: 70% stenosis of the left anterior descending artery.\nIMPRESSION: Stenosis of the right coronary artery and of the left anterior descending artery.',
    'FINDINGS: Right lower lobe nodule.\nIMPRESSION: Right lower lobe nodule and a new left lower lobe nodule.',
    'FINDINGS: Right L4-5 foraminal stenosis.\nIMPRESSION: Left L5-S1 foraminal stenosis.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('laterality-mismatch: a "Contrast:" line inside FINDINGS does not take the findings after it out of the check', () => {
  const text =
    'EXAM: MRI chest.\nFINDINGS:\nContrast: 7.5 mL gadobutrol.\nLungs: There is a moderate left pleural effusion.\nIMPRESSION: Moderate right pleural effusion.\n';
  const ps = problemsOf(RULE, text);
  assert.ok(
    ps.some((p) => slice(text, p) === 'right'),
    `no laterality-mismatch on the impression: ${JSON.stringify(ps.map((p) => slice(text, p)))}`,
  );
});

test('laterality-mismatch: spine findings are compared level by level; a stenosis outside the spine by side', () => {
  const spine =
    'EXAM: MRI cervical spine.\nFINDINGS: C5-6: There is a right posterolateral disc protrusion. It narrows the right neural foramen.\nC6-7: Left posterolateral disc protrusion.\n' +
    'IMPRESSION: C5-6 left posterolateral disc protrusion. C6-7 left disc protrusion.';
  const [p] = problemsOf('laterality-mismatch', spine);
  assert.match(p.message, /Disc herniation is left in the impression but right in the findings/);
  const levels =
    'EXAM: MRI lumbar spine.\nFINDINGS: L4-5: Right foraminal disc protrusion.\nL5-S1: Left foraminal disc protrusion.\nIMPRESSION: L4-5 right and L5-S1 left foraminal disc protrusions.';
  assert.deepEqual(problemsOf('laterality-mismatch', levels), []);
  const artery =
    'EXAM: MRA left lower extremity.\nFINDINGS: Focal stenosis of approximately 70% in the proximal left anterior tibial artery.\nIMPRESSION: Focal 70% stenosis of the proximal right anterior tibial artery.';
  assert.equal(engine.checkText(artery).problems.filter((x) => x.category === 'laterality').length, 1);
});

test('laterality-mismatch: a lung-wide impression statement agrees with the lobe finding on its side', () => {
  // The right upper lobe mass is the "lung malignancy"; the left lower lobe nodule is another finding.
  const text =
    'FINDINGS: 3.2 cm spiculated mass in the right upper lobe. Several pulmonary nodules, the largest 7 mm in the left lower lobe.\nIMPRESSION: Spiculated mass in the right upper lobe, highly concerning for primary lung malignancy. Multiple pulmonary nodules.\n';
  assert.deepEqual(problemsOf(RULE, text), []);
  // The impression's lobe flipped is still a slip.
  const flipped = text.replace('mass in the right upper lobe, highly', 'mass in the left upper lobe, highly');
  assert.ok(problemsOf(RULE, flipped).length + problemsOf('lobe-side-mismatch', flipped).length >= 1);
});

// A report exported with no IMPRESSION header, its conclusion run into the findings after them (quoted or bulleted
// statements): the conclusion's sides are held to the findings' before it.
test('laterality-mismatch: a conclusion run into the findings that names the other side of the same organ', () => {
  const quoted =
    'FINDINGS: Both lungs are clear. A 2 cm fat-containing nodule is seen in the right adrenal gland, in favour of myelolipoma. ' +
    'The kidneys are normal. " Right adrenal myelolipoma is not excluded." " Nodule of the left adrenal gland compatible with myelolipoma."\n';
  const quotedProblems = problemsOf(RULE, quoted);
  assert.deepEqual(
    quotedProblems.map((p) => slice(quoted, p)),
    ['left'],
  );
  assert.match(quotedProblems[0].message, /in the conclusion/);
  // A left lung nodule in the findings is another organ's side: it does not make the kidney's "left" agree.
  const bulleted =
    'FINDINGS: A 5 mm solid nodule is seen in the left lung lower lobe. A 25 mm simple cyst is noted in the lower pole of the ' +
    'right kidney. The spleen is normal.\n• Left lower lobe 5 mm nodule. • Simple cyst in the lower pole of the left kidney.\n';
  assert.deepEqual(
    problemsOf(RULE, bulleted).map((p) => slice(bulleted, p)),
    ['left'],
  );
  assert.ok(problemsOf(RULE, bulleted)[0].start > bulleted.indexOf('• Simple'));
  // The same report with the sides agreeing raises nothing.
  assert.deepEqual(problemsOf(RULE, bulleted.replace('of the left kidney', 'of the right kidney')), []);
});

test('laterality-mismatch: a run-in conclusion on both sides, or over a finding the findings also tell with no side, is no slip', () => {
  // The conclusion gives the finding on both sides.
  const both =
    'FINDINGS: Pleural effusion measuring 15 mm is seen on the right.\n" Bilateral pleural effusion, more prominent on the left."\n';
  assert.deepEqual(problemsOf(RULE, both), []);
  // The findings' side of the volume loss is carried by the sentence before ("in this localization").
  const carried =
    'FINDINGS: Consolidation is seen in the central parts of the left lung. There is also volume loss in this localization. ' +
    'Pleuroparenchymal sequelae with volume loss are seen in the right lung middle lobe. " Consolidation and loss of volume in the left lung."\n';
  assert.deepEqual(problemsOf(RULE, carried), []);
  // A headed impression is read as before: the slip is found there, not twice.
  const headed = 'FINDINGS: A 2 cm cyst is noted in the right kidney.\nIMPRESSION: " Cyst in the left kidney."\n';
  assert.equal(problemsOf(RULE, headed).length, 1);
});
