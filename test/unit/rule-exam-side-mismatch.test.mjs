// exam-side-mismatch: a side against the side of a one-sided exam; when the exam title is the
// outlier, one problem on the title, not one per body mention.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { problemsOf, applyFix, root } from '../helpers/engine.mjs';

const RULE = 'exam-side-mismatch';
const slice = (text, p) => text.slice(p.start, p.end);
const LATERALITY = ['exam-side-mismatch', 'laterality-mismatch', 'lobe-side-mismatch'];
const all = (text) => LATERALITY.flatMap((r) => problemsOf(r, text));

test('exam-side-mismatch: every side in the body against the title: one problem on the title, related at each mention', () => {
  const text =
    'EXAM: MRI RIGHT KNEE without contrast.\nTECHNIQUE: MRI of the left knee.\nFINDINGS: Tear of the posterior horn of the left medial meniscus. Small joint effusion.\nIMPRESSION: Left medial meniscal tear.\n';
  const ps = problemsOf(RULE, text);
  assert.equal(ps.length, 1, 'one problem, not one per body mention');
  const [p] = ps;
  assert.equal(slice(text, p), 'RIGHT');
  assert.ok(p.start < text.indexOf('\n'), 'on the exam title');
  assert.equal(p.related.length, 3);
  assert.ok(p.related.every((r) => /^left$/i.test(slice(text, r))));
  assert.equal(p.fixes.length, 1);
  assert.equal(p.fixes[0].applicability, 'unsafe');
  assert.equal(applyFix(text, p.fixes[0]), text.replace('MRI RIGHT KNEE', 'MRI LEFT KNEE'));
  // Nor does any other laterality rule count the body mentions again.
  assert.equal(all(text).length, 1);
  // Once the title is changed the report is clean.
  assert.deepEqual(all(applyFix(text, p.fixes[0])), []);
});

test('exam-side-mismatch: a split body keeps a problem per mention against the title', () => {
  const text =
    'EXAM: MRI RIGHT KNEE\nFINDINGS: Tear of the posterior horn of the left medial meniscus. Bone bruise of the right lateral femoral condyle.\nIMPRESSION: Left medial meniscal tear.\n';
  const ps = problemsOf(RULE, text);
  assert.ok(ps.length >= 1);
  assert.ok(
    ps.every((p) => p.start > text.indexOf('\n')),
    'not on the title',
  );
  assert.ok(ps.every((p) => /^left$/i.test(slice(text, p))));
  assert.equal(ps[0].fixes[0].isPreferred, true);
});

test('exam-side-mismatch: a single body mention against the title is the mention, not the title', () => {
  const text =
    'EXAM: MRI RIGHT KNEE\nFINDINGS: Tear of the posterior horn of the left medial meniscus.\nIMPRESSION: Medial meniscal tear.\n';
  const ps = problemsOf(RULE, text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['left'],
  );
});

test('exam-side-mismatch: silent when the body agrees with the title, or talks of the other side', () => {
  for (const text of [
    'EXAM: MRI RIGHT KNEE\nFINDINGS: Tear of the right medial meniscus. Right joint effusion.\nIMPRESSION: Right medial meniscal tear.',
    'EXAM: MRI LEFT SHOULDER\nFINDINGS: Full-thickness supraspinatus tear. Compared with the prior right shoulder MRI, the right rotator cuff tear is larger.\nIMPRESSION: Supraspinatus tear.',
    'EXAM: CHEST PA AND LATERAL\nFINDINGS: Left pleural effusion. Left basilar atelectasis.\nIMPRESSION: Left pleural effusion.',
    "EXAM: Diagnostic mammogram, right breast.\nFINDINGS: Grouped calcifications in the right breast at 11 o'clock. The left breast was not imaged today.\nIMPRESSION: Right breast calcifications.",
    'EXAM: MRI RIGHT KNEE\nFINDINGS: Tear of the right medial meniscus. The left knee was not examined.\nIMPRESSION: Right medial meniscal tear.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('one slip, one problem across exam-side, lobe-side and laterality rules', () => {
  const cases = [
    // A lobe on the wrong side, against the findings too: the lobe rule has it.
    ['FINDINGS: Right middle lobe consolidation.\nIMPRESSION: Left middle lobe pneumonia.', 'lobe-side-mismatch', 'Left'],
    // Against the exam title and the findings: the exam rule has it.
    [
      'EXAM: MRI RIGHT KNEE\nFINDINGS: Tear of the right medial meniscus.\nIMPRESSION: Left medial meniscal tear.',
      'exam-side-mismatch',
      'Left',
    ],
    // The title against every body side: the title.
    [
      'EXAM: XR LEFT SHOULDER\nFINDINGS: Fracture of the right humeral neck.\nIMPRESSION: Right humeral neck fracture.',
      'exam-side-mismatch',
      'LEFT',
    ],
    // Findings against impression, no title side: once, at the impression.
    [
      'FINDINGS: Left lower lobe opacity. Small left effusion.\nIMPRESSION: Right lower lobe pneumonia. Small left effusion.',
      'laterality-mismatch',
      'Right',
    ],
  ];
  for (const [text, rule, word] of cases) {
    const ps = all(text);
    assert.equal(ps.length, 1, `one problem: ${text}`);
    assert.equal(ps[0].rule, rule, text);
    assert.equal(slice(text, ps[0]), word, text);
  }
});

test('exam-side-mismatch: a side against the exam title, with a preferred fix to the title side', () => {
  const text = fs.readFileSync(path.join(root, 'examples/mri-knee.rpt'), 'utf8');
  assert.deepEqual(problemsOf('laterality-mismatch', text), [], 'the findings/impression check leaves it to exam-side-mismatch');
  const [p, ...rest] = problemsOf('exam-side-mismatch', text);
  assert.equal(rest.length, 0);
  assert.equal(slice(text, p), 'left');
  assert.match(p.message, /right knee/);
  assert.match(slice(text, p.related[0]), /MRI RIGHT KNEE/);
  assert.equal(p.fixes[0].isPreferred, true);
  assert.match(applyFix(text, p.fixes[0]), /posterior horn of the right medial meniscus/);
});

test('exam-side-mismatch: the body part named with the other side in the technique', () => {
  const text =
    'EXAM: MRI LEFT SHOULDER\nTECHNIQUE: Multiplanar MRI of the right shoulder.\nFINDINGS: Normal rotator cuff.\nIMPRESSION: Normal.';
  const ps = problemsOf('exam-side-mismatch', text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['right'],
  );
});

test('one wrong side word, one problem: the exam-side rule has it, the others leave it alone', () => {
  const text =
    'EXAM: CT LEFT KNEE\nFINDINGS: Fracture of the right lateral tibial plateau.\nIMPRESSION: Fracture of the left lateral tibial plateau.';
  const examSide = problemsOf('exam-side-mismatch', text);
  assert.deepEqual(
    examSide.map((p) => slice(text, p)),
    ['right'],
  );
  assert.deepEqual(problemsOf('laterality-mismatch', text), [], 'the same word is not reported again as a findings/impression mismatch');
});

test('exam-side-mismatch: a title of two exams holds its one-sided part to its side; the chest keeps its own sides', () => {
  const two = (side, chest) =>
    problemsOf(
      RULE,
      `EXAM: Two-view chest. Three-view ${side} ankle.\nFINDINGS: Chest: Both lungs clear. Small ${chest} pleural effusion. Right ankle: No fracture.\nIMPRESSION: Small ${chest} pleural effusion.\n`,
    );
  assert.deepEqual(two('right', 'left'), []);
  const p = two('left', 'left');
  assert.equal(p.length, 1);
  assert.match(p[0].message, /"?Right ankle"?, but the exam is of the left ankle/);
});

test('exam-side-mismatch: the history or a procedure line names the body part on the other side', () => {
  const history =
    'EXAM: MRI RIGHT SHOULDER\nINDICATION: Left shoulder pain since a fall.\nFINDINGS: No rotator cuff tear.\nIMPRESSION: Normal.\n';
  const [h] = problemsOf(RULE, history);
  assert.equal(slice(history, h), 'Left');
  assert.match(h.message, /exam is of the right shoulder/);
  const procedure =
    'EXAM: MRI LEFT ANKLE\nPROCEDURE: Multiplanar imaging of the right ankle was performed.\nFINDINGS: No fracture.\nIMPRESSION: Normal.\n';
  assert.deepEqual(
    problemsOf(RULE, procedure).map((p) => slice(procedure, p)),
    ['right'],
  );
  // A history of both sides, or of an earlier operation, speaks of the other side on purpose.
  for (const quiet of [
    'EXAM: MRI RIGHT SHOULDER\nINDICATION: Left shoulder replaced in 2019, now right shoulder pain.\nFINDINGS: No tear.\nIMPRESSION: Normal.\n',
    'EXAM: MRI RIGHT SHOULDER\nINDICATION: Previous left shoulder surgery.\nFINDINGS: No tear.\nIMPRESSION: Normal.\n',
  ])
    assert.deepEqual(problemsOf(RULE, quiet), [], quiet);
});

test('exam-side-mismatch: a title without a side takes it from the procedure or technique line', () => {
  const flipped =
    'MRI HIP:\nPROCEDURE: Multiplanar, multisequence imaging of the left hip and pelvis was performed at 3T without contrast. Full field of view imaging of the pelvis was also obtained.\nFINDINGS: Tear of the right anterosuperior labrum. The right femoral head is normal.\nIMPRESSION: Right labral tear.\n';
  const ps = problemsOf(RULE, flipped);
  assert.equal(ps.length, 1, 'one problem, on the stated side');
  assert.equal(slice(flipped, ps[0]), 'left');
  assert.match(ps[0].message, /exam line says left/);
  assert.deepEqual(all(applyFix(flipped, ps[0].fixes[0])), []);
  // The technique's "left foot and ankle" against the title's right ankle.
  const technique =
    'ANKLE MRI: MRI OF THE RIGHT ANKLE\nTECHNIQUE: STIR sequences were performed of the left foot and ankle.\nFINDINGS: Edema surrounding the right ankle.\nIMPRESSION: Right ankle edema.\n';
  assert.deepEqual(
    problemsOf(RULE, technique).map((p) => slice(technique, p)),
    ['left'],
  );
  // Agreeing, or a technique naming another body part: silent.
  for (const text of [
    flipped.replace('of the left hip', 'of the right hip'),
    'MRI HIP:\nTECHNIQUE: Imaging of the left shoulder was performed.\nFINDINGS: Tear of the right anterosuperior labrum.\nIMPRESSION: Right labral tear.\n',
  ])
    assert.deepEqual(all(text), [], text);
});
