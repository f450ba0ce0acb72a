import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix, engine } from '../helpers/engine.mjs';

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

test('critical-communication-missing: no statement -> warning with a snippet fix at the end of the impression', () => {
  const text = 'FINDINGS: Free intraperitoneal air under the right hemidiaphragm.\nIMPRESSION: Pneumoperitoneum.\n';
  const [p] = problemsOf('critical-communication-missing', text);
  assert.equal(p.severity, 'warning');
  assert.equal(p.category, 'communication');
  const fix = p.fixes[0];
  assert.equal(fix.snippet, true);
  assert.equal(fix.isPreferred, true);
  const after = applyFix(text, fix);
  assert.match(
    after,
    /IMPRESSION: Pneumoperitoneum\.\nThese findings were discussed with \$\{1:Dr\. name\} by \$\{2\|telephone,in person,secure message\|\} on \$\{3:date\} at \$\{4:time\}/,
  );
});

test('critical-communication-missing: a complete statement satisfies it; an incomplete one is named', () => {
  const done =
    'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with Dr. Lee by telephone at 14:35, read back confirmed.';
  assert.deepEqual(problemsOf('critical-communication-missing', done), []);
  const half = 'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with Dr. Lee.';
  const [p] = problemsOf('critical-communication-missing', half);
  assert.match(p.message, /when, how/);
  assert.equal(slice(half, p), 'Discussed with Dr. Lee.');
});

test('critical-communication-missing: a known, stable finding of the hours tier needs no new call', () => {
  const text = 'FINDINGS: Stable small right apical pneumothorax.\nIMPRESSION: Unchanged small right pneumothorax.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
  assert.equal(problemsOf('critical-finding', text).length, 1, 'still marked as critical');
});

test('critical-communication-missing: silent without critical findings', () => {
  assert.deepEqual(problemsOf('critical-communication-missing', 'FINDINGS: No pneumothorax.\nIMPRESSION: Normal.'), []);
});

test('one message per critical finding: the mark merges into the communication warning, and goes once a call is documented', () => {
  const text = 'FINDINGS: Large right tension pneumothorax with mediastinal shift.\nIMPRESSION: Right tension pneumothorax.\n';
  // No call documented: one warning names the finding and its urgency; no separate info mark.
  assert.deepEqual(problemsOf('critical-finding', text), []);
  const [w, ...more] = problemsOf('critical-communication-missing', text);
  assert.equal(more.length, 0);
  assert.equal(w.finding, 'tension pneumothorax');
  assert.match(w.message, /tension pneumothorax.*within minutes/);
  // A complete statement: neither the warning nor the mark.
  const told = text + 'Discussed with Dr. Lee by telephone at 14:35, read back confirmed.\n';
  assert.deepEqual(problemsOf('critical-finding', told), []);
  assert.deepEqual(problemsOf('critical-communication-missing', told), []);
  // An incomplete statement: its own warning, still no mark.
  const half = text + 'Discussed with Dr. Lee.\n';
  assert.deepEqual(problemsOf('critical-finding', half), []);
  assert.equal(problemsOf('critical-communication-missing', half).length, 1);
  // Negative: a critical finding that needs no call (the days tier) keeps its mark.
  const mass = 'FINDINGS: 4 cm spiculated mass in the right upper lobe.\nIMPRESSION: Right upper lobe mass, suspicious for malignancy.';
  assert.ok(problemsOf('critical-finding', mass).length >= 1);
  assert.deepEqual(problemsOf('critical-communication-missing', mass), []);
});
