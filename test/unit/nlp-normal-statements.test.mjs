// Normal statements deny their organ's findings (lexicon/organs.json normalDenies and normalStatements).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions, understand } from '../helpers/nlp.mjs';

const denials = (text, concept) => mentions(`FINDINGS: ${text}`, concept).filter((m) => m.assertion === 'absent');

test('"The lungs are clear" denies consolidation, opacity, infiltrate, mass and edema, with the statement as range', () => {
  const text = 'The lungs are clear.';
  for (const concept of ['consolidation', 'airspace-disease', 'opacity', 'infiltrate', 'mass', 'pulmonary-edema', 'pneumonia']) {
    const found = denials(text, concept);
    assert.equal(found.length, 1, concept);
    assert.equal(found[0].text, 'lungs are clear', concept);
    assert.equal(found[0].f.normal, 'organ');
  }
});

test('clear lungs do not deny a pleural effusion, a granuloma or a nodule', () => {
  const text = 'FINDINGS: The lungs are clear. Small left pleural effusion. Calcified granuloma in the left upper lobe.';
  assert.deepEqual(
    mentions(text, 'pleural-effusion').map((m) => m.assertion),
    ['present'],
  );
  assert.equal(mentions(text, 'calcified-granuloma').filter((m) => m.assertion === 'absent').length, 0);
  assert.equal(mentions(text, 'nodule').filter((m) => m.assertion === 'absent').length, 0);
});

test('heart, cardiomediastinal silhouette, liver and "clear lungs" in either word order', () => {
  assert.equal(denials('Heart size is normal.', 'cardiomegaly').length, 1);
  assert.equal(denials('The cardiomediastinal silhouette is within normal limits.', 'cardiomegaly').length, 1);
  assert.equal(denials('The cardiomediastinal silhouette is within normal limits.', 'widened-mediastinum').length, 1);
  assert.equal(denials('Unremarkable liver.', 'hepatomegaly').length, 1);
  assert.equal(denials('Clear lungs.', 'consolidation').length, 1);
  assert.equal(denials('The heart and lungs are normal.', 'consolidation').length, 1);
  assert.equal(denials('The heart and lungs are normal.', 'cardiomegaly').length, 1);
});

test("a normal organ statement does not deny another organ's findings", () => {
  assert.equal(denials('Heart size is normal.', 'consolidation').length, 0);
  assert.equal(denials('Unremarkable liver.', 'hydronephrosis').length, 0);
  assert.equal(denials('The lungs are clear.', 'cardiomegaly').length, 0);
});

test('whole-study statements: "No acute cardiopulmonary abnormality" denies acute findings only; "Negative study" more', () => {
  assert.equal(denials('No acute cardiopulmonary abnormality.', 'pneumonia').length, 1);
  assert.equal(denials('No acute cardiopulmonary abnormality.', 'pneumothorax').length, 1);
  assert.equal(denials('No acute cardiopulmonary abnormality.', 'cardiomegaly').length, 0, 'cardiomegaly is not acute');
  assert.equal(denials('No acute cardiopulmonary abnormality.', 'mass').length, 0);
  assert.equal(denials('Negative study.', 'cardiomegaly').length, 1);
  assert.equal(denials('Negative study.', 'pneumonia')[0].f.normal, 'study');
});

test('partial, negated or graded statements deny nothing', () => {
  for (const text of [
    'The lungs are otherwise clear.',
    'The lungs are clear except for right basilar atelectasis.',
    'Normal lung volumes.',
    'The lungs are not clear.',
    'The pulmonary vasculature is normal.',
    'The right lower lobe is clear.',
  ])
    assert.equal(denials(text, 'consolidation').length, 0, text);
  assert.equal(denials('The heart is top normal in size.', 'cardiomegaly').length, 0);
});

test('a sentence naming the finding keeps its own mention; a present one makes the statement partial', () => {
  assert.deepEqual(
    mentions('FINDINGS: Lungs are clear without consolidation.', 'consolidation').map((m) => m.text),
    ['consolidation'],
  );
  assert.equal(denials('Lungs are clear with mild right lower lobe opacity.', 'opacity').length, 0);
});

test('the side of "The right lung is clear" is kept; history and comparison statements deny nothing', () => {
  assert.equal(denials('The right lung is clear.', 'consolidation')[0].side, 'right');
  const u = understand('HISTORY: Normal chest radiograph last year.\nCOMPARISON: Lungs were clear.\nFINDINGS: Pneumonia.');
  assert.equal(u.findings.filter((f) => f.normal).length, 0);
});
