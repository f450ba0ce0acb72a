// Side and site given after the finding, the exam from the technique, a size attached to what it measures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from '../helpers/engine.mjs';

const understood = (text) => engine.analyze(text).understanding;
const one = (text, finding) => {
  const f = understood(text).findings.find((x) => x.finding === finding);
  assert.ok(f, `${finding} in: ${text}`);
  return f;
};

test('place after the finding: a relative clause that only says where', () => {
  const f = one('FINDINGS: There is an opacity which appears to be within the right lower lobe.', 'opacity');
  assert.equal(f.side, 'right');
  assert.deepEqual(f.site, ['lower lobe']);
  assert.equal(one('FINDINGS: There is a nodule that is located in the left upper lobe.', 'nodule').side, 'left');
  // Negative: a relative clause that says something else gives no place.
  const g = one('FINDINGS: There is a nodule that is unchanged from prior, in the left upper lobe.', 'nodule');
  assert.equal(g.side, null);
});

test('place after a comma: "effusion, on the left", "consolidation, right lower lobe"', () => {
  assert.equal(one('FINDINGS: Small effusion, on the left.', 'pleural effusion').side, 'left');
  const c = one('FINDINGS: Consolidation, right lower lobe.', 'consolidation');
  assert.equal(c.side, 'right');
  assert.deepEqual(c.site, ['lower lobe']);
  assert.equal(one('FINDINGS: Pleural effusion, left greater than right.', 'pleural effusion').side, 'bilateral');
  // Negative: the place after the comma belongs to the next finding, or starts a clause of its own.
  const u = understood('FINDINGS: Small effusion, left lower lobe atelectasis.');
  assert.equal(u.findings.find((x) => x.finding === 'pleural effusion').side, null);
  assert.equal(u.findings.find((x) => x.finding === 'atelectasis').side, 'left');
  assert.equal(one('FINDINGS: Small effusion, right lung is clear.', 'pleural effusion').side, null);
});

test('exam from the technique where the title leaves the body part out; a head CT edema is cerebral', () => {
  const text =
    'EXAM: CT WITHOUT CONTRAST\nTECHNIQUE: Axial CT images of the head were obtained without contrast.\nFINDINGS: There is edema in the left frontal lobe.\n';
  const u = understood(text);
  assert.equal(u.exam.modality, 'CT');
  assert.equal(u.exam.bodyPart, 'head');
  assert.equal(u.findings[0].finding, 'cerebral edema');
  // No title at all: the technique alone.
  assert.equal(understood('TECHNIQUE: MRI of the right knee without contrast.\nFINDINGS: Joint effusion.').exam.side, 'right');
  // Negative: scalp edema on a head CT is the soft tissues'; edema on a chest exam is the lungs'.
  assert.equal(
    understood(text.replace('There is edema in the left frontal lobe', 'Left scalp edema')).findings[0].finding,
    'soft tissue swelling',
  );
  assert.equal(understood('EXAM: CHEST PA AND LATERAL\nFINDINGS: Mild interstitial edema.').findings[0].finding, 'pulmonary edema');
  // Negative: a title with its own body part is not overridden by the technique.
  assert.equal(
    understood('EXAM: CT CHEST\nTECHNIQUE: CT of the abdomen was also reviewed.\nFINDINGS: Clear lungs.').exam.bodyPart,
    'chest',
  );
});

test('a measurement goes to the finding it measures', () => {
  const u = understood('FINDINGS: Appendix dilated to 11 mm with fat stranding.');
  const appendix = u.findings.find((x) => x.finding === 'appendicitis');
  assert.ok(appendix, 'the dilated appendix is a finding');
  assert.deepEqual(
    appendix.measurements.map((m) => m.value.join('x')),
    ['11'],
  );
  assert.deepEqual(u.findings.find((x) => x.finding !== 'appendicitis').measurements, []);
  const n = understood('FINDINGS: Nodule measuring 8 mm and small effusion.').findings;
  assert.equal(n.find((x) => x.finding === 'nodule').measurements.length, 1);
  assert.equal(n.find((x) => x.finding === 'pleural effusion').measurements.length, 0);
  // Negative: a size before a noun still reads onto that noun.
  const m = understood('FINDINGS: Small effusion and 8 mm nodule.').findings;
  assert.equal(m.find((x) => x.finding === 'nodule').measurements.length, 1);
  assert.equal(m.find((x) => x.finding === 'pleural effusion').measurements.length, 0);
  // Negative: a normal appendix is not appendicitis.
  assert.equal(understood('FINDINGS: The appendix is not dilated.').findings[0]?.assertion, 'absent');
});
