// Clinical reading, second pass: normal statements against the impression, an impression that
// contradicts itself, hedged findings in the impression check, clinical-prose cues, dictation leftovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, engine, problemsOf } from '../helpers/engine.mjs';
import { assertionOf, mentions } from '../helpers/nlp.mjs';

const rules = (text) => engine.checkText(text).problems.map((p) => p.rule);

test('an impression naming consolidation over clear lungs is a contradiction', () => {
  const text = 'FINDINGS: The lungs are clear. Heart size is normal.\n\nIMPRESSION: Right lower lobe consolidation.';
  const [p] = problemsOf('findings-impression-contradiction', text);
  assert.ok(p);
  assert.equal(text.slice(p.start, p.end), 'consolidation');
  assert.match(p.message, /lungs are clear/);
  assert.equal(problemsOf('unsupported-impression', text).length, 0, 'one problem for one mistake');
});

test('a normal statement of one side or organ does not contradict a finding elsewhere', () => {
  const other = 'FINDINGS: The right lung is clear.\n\nIMPRESSION: Left lower lobe pneumonia.';
  assert.equal(problemsOf('findings-impression-contradiction', other).length, 0);
  assert.equal(problemsOf('unsupported-impression', other).length, 1, 'still not described');
  const heart = 'FINDINGS: Heart size is normal. Right lower lobe consolidation.\n\nIMPRESSION: Right lower lobe pneumonia.';
  assert.equal(problemsOf('findings-impression-contradiction', heart).length, 0);
  const effusion = 'FINDINGS: The lungs are clear. Small left pleural effusion.\n\nIMPRESSION: Small left pleural effusion.';
  assert.deepEqual(
    rules(effusion).filter((r) => r !== 'critical-finding'),
    [],
  );
  const hilar = 'FINDINGS: Lungs clear. Heart size is normal.\n\nIMPRESSION: Right hilar mass.';
  assert.equal(problemsOf('findings-impression-contradiction', hilar).length, 0, 'a hilar mass is not in the lungs');
  assert.equal(problemsOf('unsupported-impression', hilar).length, 1);
});

test('an impression that contradicts itself: a normal sentence beside an unsupported finding', () => {
  for (const impression of [
    'Unremarkable study. Small left apical pneumothorax.',
    '1. Stable chest. 2. New right hilar mass.',
    'No acute cardiopulmonary abnormality. Mild pulmonary edema.',
  ]) {
    const text = `FINDINGS: The heart is normal in size. No pleural effusion.\n\nIMPRESSION: ${impression}`;
    assert.ok(
      rules(text).some((r) => r === 'unsupported-impression' || r === 'findings-impression-contradiction'),
      impression,
    );
  }
  // Without the normal statement a mild finding may be added in passing, as before.
  const mild = 'FINDINGS: The heart is normal in size. No pleural effusion.\n\nIMPRESSION: Mild pulmonary edema.';
  assert.equal(problemsOf('unsupported-impression', mild).length, 0);
});

test('a normal impression sentence over an abnormal finding: replace it with the finding, or remove it', () => {
  const text = 'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: No acute cardiopulmonary process. Stable heart size.';
  const [p] = problemsOf('findings-impression-contradiction', text);
  assert.ok(p);
  assert.equal(p.fixes.length, 2);
  for (const f of p.fixes) assert.equal(f.applicability, 'unsafe');
  assert.equal(
    applyFix(text, p.fixes[0]),
    'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: Right lower lobe consolidation. Stable heart size.',
  );
  assert.equal(applyFix(text, p.fixes[1]), 'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: Stable heart size.');
  // The only statement: removing it would leave no impression, so only the replacement is offered.
  const alone = 'FINDINGS: Right lower lobe consolidation.\n\nIMPRESSION: No acute cardiopulmonary process.';
  const [q] = problemsOf('findings-impression-contradiction', alone);
  assert.deepEqual(
    q.fixes.map((f) => f.title.split(' ')[0]),
    ['Replace'],
  );
});

test('hedged findings are possible', () => {
  assert.equal(assertionOf('FINDINGS: Probable right middle lobe pneumonia.', 'pneumonia'), 'possible');
  assert.equal(assertionOf('FINDINGS: Hilar vessels may reflect mild vascular congestion.', 'pulmonary-vascular-congestion'), 'possible');
  assert.equal(assertionOf('FINDINGS: Cannot exclude a small effusion.', 'pleural-effusion'), 'possible');
  assert.equal(assertionOf('FINDINGS: A subtle tear may be present.', 'tear'), 'possible');
  assert.equal(assertionOf('FINDINGS: A tear is present.', 'tear'), 'present');
});

test('a significant possible finding left out of the impression is an omission, graded by its hedge', () => {
  const probable = problemsOf('impression-omission', 'FINDINGS: Probable right middle lobe pneumonia.\n\nIMPRESSION: Stable heart size.');
  assert.equal(probable.length, 1);
  assert.equal(probable[0].severity, 'warning');
  const possible = problemsOf('impression-omission', 'FINDINGS: Cannot exclude a small left effusion.\n\nIMPRESSION: Stable heart size.');
  assert.equal(possible.length, 1);
  assert.equal(possible[0].severity, 'info');
  // Named in the impression, a differential, or minor: nothing to add.
  assert.equal(problemsOf('impression-omission', 'FINDINGS: Probable right middle lobe pneumonia.\n\nIMPRESSION: Pneumonia.').length, 0);
  assert.equal(
    problemsOf('impression-omission', 'FINDINGS: Left basilar atelectasis versus pneumonia.\n\nIMPRESSION: Stable.').filter((p) =>
      /pneumonia/.test(p.message),
    ).length,
    0,
  );
  assert.equal(problemsOf('impression-omission', 'FINDINGS: Possible mild edema.\n\nIMPRESSION: Stable.').length, 0);
});

test('critical findings stay critical with small, residual, probable or XXXX before them', () => {
  for (const q of ['Small', 'Residual', 'Probable small', 'XXXX', 'Probable XXXX residual']) {
    const text = `FINDINGS: ${q} right apical pneumothorax. Heart size normal.\n\nIMPRESSION: Stable heart size.`;
    const [p] = problemsOf('impression-omission', text);
    assert.ok(p, q);
    assert.match(p.message, /^Critical finding/, q);
  }
});

test('assertion cues from clinical prose', () => {
  assert.equal(assertionOf('FINDINGS: Patient denied any chest pain or pneumonia.', 'pneumonia'), 'absent');
  assert.equal(assertionOf('FINDINGS: The sputum is -ve for pneumonia.', 'pneumonia'), 'absent');
  assert.equal(assertionOf('FINDINGS: These findings would not support a diagnosis of pneumonia.', 'pneumonia'), 'absent');
  assert.equal(assertionOf('FINDINGS: Right pneumothorax, resolved.', 'pneumothorax'), 'historical');
  // Negative cases: a plain conditional stays hypothetical, "resolving" is still there, a later comma clause is its own.
  assert.equal(assertionOf('FINDINGS: Would evaluate for pneumonia.', 'pneumonia'), 'hypothetical');
  assert.equal(assertionOf('FINDINGS: If there is concern for fracture, consider a rib series.', 'fracture'), 'hypothetical');
  assert.equal(assertionOf('FINDINGS: There is concern for fracture.', 'fracture'), 'possible');
  assert.equal(assertionOf('FINDINGS: Left effusion, resolving.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('FINDINGS: Left effusion, which is small.', 'pleural-effusion'), 'present');
  assert.equal(mentions('FINDINGS: Right pneumothorax, resolved. Left pneumothorax.', 'pneumothorax')[1].assertion, 'present');
  // "No A to suggest B" denies B; "findings to suggest B" hedge it.
  const text = 'FINDINGS: No pleural line to suggest pneumothorax or costophrenic blunting to suggest large pleural effusion.';
  assert.equal(assertionOf(text, 'pleural-effusion'), 'absent');
  assert.equal(assertionOf(text, 'pneumothorax'), 'absent');
  assert.equal(assertionOf('FINDINGS: There is nothing to suggest pneumonia.', 'pneumonia'), 'absent');
  assert.equal(assertionOf('FINDINGS: There are findings to suggest pneumonia.', 'pneumonia'), 'possible');
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
