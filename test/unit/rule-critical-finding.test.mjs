// critical-finding: present, current critical findings and their urgency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, engine } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);
// The critical-finding marks alone, with the communication rule (which takes over those needing a call) switched off.
const marksOf = (text) =>
  engine.checkText(text, { rules: { 'critical-communication-missing': 'off' } }).problems.filter((p) => p.rule === 'critical-finding');

test('critical-finding: present critical findings with their urgency, at info level', () => {
  const text = 'FINDINGS: Large right tension pneumothorax with mediastinal shift.\nIMPRESSION: Right tension pneumothorax.\n';
  const [p] = marksOf(text);
  assert.equal(p.severity, 'info');
  assert.equal(p.finding, 'tension pneumothorax');
  assert.match(p.message, /minutes/);
  assert.equal(slice(text, p), 'tension pneumothorax');
});

test('critical-finding: silent on denials, history, questions and clear reports', () => {
  for (const text of [
    'FINDINGS: No pneumothorax.\nIMPRESSION: No acute process.',
    'INDICATION: Evaluate for pneumothorax.\nFINDINGS: Lungs clear.\nIMPRESSION: Normal.',
    'FINDINGS: The prior pneumothorax has resolved.\nIMPRESSION: Resolved right pneumothorax.',
    'IMPRESSION: Rule out free air.',
    'FINDINGS: Lungs are clear.\nIMPRESSION: Normal chest.',
  ]) {
    assert.deepEqual(
      problemsOf('critical-finding', text).map((p) => p.finding),
      [],
      text,
    );
  }
});

test('critical-finding: a malpositioned tube is critical, a well-placed one is not', () => {
  const bad = 'FINDINGS: The endotracheal tube tip is in the right mainstem bronchus.\nIMPRESSION: ETT in the right mainstem bronchus.';
  assert.ok(marksOf(bad).some((p) => p.finding === 'malpositioned endotracheal tube'));
  const good = 'FINDINGS: The endotracheal tube tip is 4 cm above the carina.\nIMPRESSION: Satisfactory ETT position.';
  assert.deepEqual(problemsOf('critical-finding', good), []);
  const fixed =
    'FINDINGS: The endotracheal tube has been withdrawn and is no longer in the right mainstem bronchus.\nIMPRESSION: Improved ETT position.';
  assert.ok(!problemsOf('critical-finding', fixed).some((p) => p.finding.startsWith('malpositioned')));
});

test('critical-finding: settings extend and trim the list', () => {
  const text = 'FINDINGS: Small right pneumothorax.\nIMPRESSION: Small right pneumothorax.';
  const trimmed = engine.checkText(text, { rules: {}, critical: { pneumothorax: 'none' } });
  assert.ok(!trimmed.problems.some((p) => p.rule === 'critical-finding'));
  const nodule = 'FINDINGS: 9 mm nodule in the right upper lobe.\nIMPRESSION: Right upper lobe nodule.';
  const extended = engine.checkText(nodule, { rules: {}, critical: { nodule: 'days' } });
  const names = extended.problems.filter((p) => p.rule === 'critical-finding').map((p) => p.finding);
  assert.ok(names.length > 0, 'nodule made critical by setting');
});
