import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nlp, parseReport, understand, mentions } from '../helpers/nlp.mjs';

test('at least 150 concepts with names, critical tiers and significance', () => {
  assert.ok(nlp.CONCEPTS.length >= 150, String(nlp.CONCEPTS.length));
  const byId = (id) => nlp.CONCEPT_BY_ID.get(id);
  assert.equal(byId('pneumoperitoneum').critical, 'minutes');
  assert.equal(byId('pneumothorax').critical, 'hours');
  assert.equal(byId('pleural-effusion').critical, null);
  assert.equal(byId('calcified-granuloma').significant, false);
  assert.equal(byId('degenerative-change').significant, false);
  assert.equal(byId('scarring').significant, false);
  assert.equal(byId('pneumonia').significant, true);
  assert.equal(byId('ovarian-torsion').sex, 'female');
  assert.equal(byId('testicular-torsion').sex, 'male');
  assert.ok(nlp.PAIRED_ANATOMY.includes('kidney') && nlp.PAIRED_ANATOMY.includes('ovary'));
});

test('plurals and British spellings meet the same concept', () => {
  assert.equal(mentions('Bilateral pleural effusions.', 'pleural-effusion').length, 1);
  assert.equal(mentions('Small haemorrhage.', 'hemorrhage').length, 1);
  assert.equal(mentions('Pulmonary oedema.', 'pulmonary-edema').length, 1);
  assert.equal(mentions('Multiple calcified granulomata.', 'calcified-granuloma').length, 1);
  assert.equal(mentions('Ground glass opacity and ground-glass opacities.', 'ground-glass-opacity').length, 2);
});

test('the longest phrase wins', () => {
  const u = understand('FINDINGS: Small hiatal hernia. Tension pneumothorax.');
  assert.deepEqual(
    u.findings.map((f) => f.concept),
    ['hiatal-hernia', 'tension-pneumothorax'],
  );
});

test('a modifier in the phrase refines the concept', () => {
  assert.equal(mentions('Calcified right hilar granulomas.', 'calcified-granuloma').length, 1);
  assert.equal(mentions('Right hilar granuloma.', 'granuloma').length, 1);
});

test('findingsJson follows the CLI contract', () => {
  const text =
    'EXAM: CT CHEST\nHISTORY: 51 year old female\nFINDINGS:\nSmall left pleural effusion.\nA 2.3 x 1.5 cm mass in the right upper lobe.';
  const out = nlp.findingsJson(parseReport(text));
  assert.deepEqual(Object.keys(out), ['patient', 'exam', 'findings']);
  assert.deepEqual(out.patient, { sex: 'female', age: 51 });
  assert.deepEqual(out.exam, { modality: 'CT', bodyPart: 'chest', side: null });
  const [effusion, mass] = out.findings;
  assert.deepEqual(effusion, {
    finding: 'pleural effusion',
    assertion: 'present',
    side: 'left',
    section: 'findings',
    range: { start: { line: 3, character: 11 }, end: { line: 3, character: 27 } },
    measurements: [],
    critical: null,
  });
  assert.equal(mass.finding, 'mass');
  assert.equal(mass.critical, 'days');
  assert.deepEqual(mass.measurements, [
    { value: [2.3, 1.5], unit: 'cm', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 14 } } },
  ]);
});

test('the labeller output gives an urgency only to present or suspected findings', () => {
  const out = nlp.findingsJson(parseReport('FINDINGS: No pneumothorax. Possible free air.'));
  assert.deepEqual(
    out.findings.map((f) => [f.finding, f.assertion, f.critical]),
    [
      ['pneumothorax', 'absent', null],
      ['pneumoperitoneum', 'possible', 'minutes'],
    ],
  );
});

test('a broken device is not a broken bone', () => {
  assert.equal(mentions('The lateral most screw is fractured.', 'device-fracture').length, 1);
  assert.equal(mentions('Fracture of the superior sternotomy wire.', 'device-fracture').length, 1);
  assert.equal(mentions('Fracture of the left humerus.', 'fracture').length, 1);
  assert.equal(mentions('Old healed right rib fractures.', 'old-fracture').length, 1);
});
