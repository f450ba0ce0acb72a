// Clinical reading, second pass: hedged findings and clinical-prose assertion cues. (Its rule cases
// live in the rule-ID test files.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertionOf, mentions } from '../helpers/nlp.mjs';

test('hedged findings are possible', () => {
  assert.equal(assertionOf('FINDINGS: Probable right middle lobe pneumonia.', 'pneumonia'), 'possible');
  assert.equal(assertionOf('FINDINGS: Hilar vessels may reflect mild vascular congestion.', 'pulmonary-vascular-congestion'), 'possible');
  assert.equal(assertionOf('FINDINGS: Cannot exclude a small effusion.', 'pleural-effusion'), 'possible');
  assert.equal(assertionOf('FINDINGS: A subtle tear may be present.', 'tear'), 'possible');
  assert.equal(assertionOf('FINDINGS: A tear is present.', 'tear'), 'present');
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
