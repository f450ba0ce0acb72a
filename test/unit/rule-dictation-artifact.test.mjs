// dictation-artifact: repeated words and spoken commands typed as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);

test('dictation-artifact: repeated word, with a preferred fix that deletes one', () => {
  const text = 'FINDINGS: The the heart is normal.';
  const [p] = problemsOf('dictation-artifact', text);
  assert.equal(slice(text, p), 'The the');
  assert.equal(p.fixes[0].isPreferred, true);
  assert.equal(applyFix(text, p.fixes[0]), 'FINDINGS: The heart is normal.');
});

test('dictation-artifact: repeats across a line break are caught; across punctuation, XXXX or legitimate doubles are not', () => {
  assert.equal(problemsOf('dictation-artifact', 'no acute\nacute disease').length, 1);
  for (const text of [
    'XXXX XXXX XXXX.',
    'Stable. Stable.',
    'He had had surgery.',
    'It is clear that that is old.',
    'Moya moya disease.',
    'left, left',
    '2 2 cm',
  ]) {
    assert.deepEqual(problemsOf('dictation-artifact', text), [], text);
  }
});

test('dictation-artifact: spoken commands and their fixes', () => {
  const text = 'Lungs are clear. new paragraph Heart normal. Small nodule scratch that. next field';
  const ps = problemsOf('dictation-artifact', text);
  assert.deepEqual(
    ps.map((p) => slice(text, p)),
    ['new paragraph', 'scratch that', 'next field'],
  );
  assert.equal(applyFix(text, ps[0].fixes[0]), 'Lungs are clear.\n\nHeart normal. Small nodule scratch that. next field');
  assert.match(ps[1].message, /before it/);
  assert.equal(ps[1].fixes[0].isPreferred, false); // how much to delete cannot be known
  assert.equal(applyFix(text, ps[2].fixes[0]), 'Lungs are clear. new paragraph Heart normal. Small nodule scratch that.');
});

test('dictation-artifact: "new line" as a noun phrase is not a command', () => {
  for (const text of ['There is a new line in the right internal jugular vein.', 'New line placement.', 'The next line of treatment.']) {
    assert.deepEqual(problemsOf('dictation-artifact', text), [], text);
  }
  const atLineEnd = 'Heart normal. new line\nLungs clear.';
  const [p] = problemsOf('dictation-artifact', atLineEnd);
  assert.equal(applyFix(atLineEnd, p.fixes[0]), 'Heart normal.\nLungs clear.', 'the line break already there is not doubled');
  const paragraph = 'Heart normal. new paragraph\nLungs clear.';
  assert.equal(applyFix(paragraph, problemsOf('dictation-artifact', paragraph)[0].fixes[0]), 'Heart normal.\n\nLungs clear.');
});

test('spoken commands inside a sentence are commands; the fix deletes them', () => {
  const text = 'FINDINGS: There is a nodule in the new paragraph right upper lobe.';
  const [p] = problemsOf('dictation-artifact', text);
  assert.ok(p);
  assert.equal(text.slice(p.start, p.end), 'new paragraph');
  assert.equal(applyFix(text, p.fixes[0]), 'FINDINGS: There is a nodule in the right upper lobe.');
  const field = 'FINDINGS: Effusion next field on the left.';
  assert.equal(applyFix(field, problemsOf('dictation-artifact', field)[0].fixes[0]), 'FINDINGS: Effusion on the left.');
  // Negative: "new line" as a noun phrase is still prose.
  assert.equal(problemsOf('dictation-artifact', 'FINDINGS: Interval new line placement in the right IJ.').length, 0);
});

test('a doubled "is" is an error, except in "what it is is"', () => {
  const [p] = problemsOf('dictation-artifact', 'FINDINGS: The heart is is enlarged.');
  assert.ok(p);
  assert.match(p.message, /is is/);
  assert.equal(problemsOf('dictation-artifact', 'FINDINGS: What it is is a simple cyst.').length, 0);
  assert.equal(problemsOf('dictation-artifact', 'FINDINGS: That that is so had had no effect.').length, 0);
});

test("dictation-artifact: a title line's last word opening the next line's heading in capitals is layout, not a stutter", () => {
  assert.deepEqual(problemsOf('dictation-artifact', 'EXAM: MR ANKLE\nANKLE MRI: MRI of the right ankle without contrast.\n'), []);
  assert.equal(problemsOf('dictation-artifact', 'FINDINGS: The the\nthe heart is normal.\n').length >= 1, true);
});
