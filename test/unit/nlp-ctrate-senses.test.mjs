// Chest CT vocabulary (issue 19): lung bleeding, a bleeding lesion's descriptor and contrast out of the bowel
// are findings of their own sense, not the critical hemorrhage or ruptured aneurysm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const calls = (findings) =>
  analyze(`FINDINGS: ${findings}`)
    .critical.filter((c) => c.needsCall)
    .map((c) => c.finding.concept);

// Diffuse alveolar hemorrhage stays a call (rule-critical-communication-missing.test.mjs); the bleeding of a bruised lung does not.
test('pulmonary hemorrhage beside a contusion is a lung finding, not the critical hemorrhage', () => {
  assert.deepEqual(calls('Contused right lower lobe with surrounding lung hemorrhage.'), []);
  assert.deepEqual(calls('Pulmonary hemorrhage surrounds the contusion in the left lower lobe.'), []);
  assert.deepEqual(calls('Acute hemorrhage in the right basal ganglia.'), ['hemorrhage']);
});

test('"hemorrhagic" describing a lesion, or asked of it, is not an acute hemorrhage', () => {
  assert.deepEqual(calls('Hyperdense right adrenal nodule with a hemorrhagic component.'), []);
  assert.deepEqual(calls('A hyperdense area in the upper pole of the left kidney (hemorrhagic ?).'), []);
  assert.deepEqual(calls('A hyperdense lesion of the right kidney, possibly hemorrhagic.'), []);
  assert.deepEqual(calls('Hyperdense fluid in the pelvis, likely hemorrhagic.'), ['hemorrhage']);
});

test('contrast leaking from the bowel, an anastomosis or an injection site is no ruptured aneurysm', () => {
  assert.deepEqual(calls('Barium enema. Contrast extravasation is seen at the sigmoid anastomosis.'), []);
  assert.deepEqual(calls('Oral contrast extravasation into the pelvis from the colon.'), []);
  assert.deepEqual(calls('Contrast extravasation in the forearm at the injection site.'), []);
  assert.deepEqual(calls('Contrast extravasation from the right renal artery into the perirenal space.'), ['ruptured-aneurysm']);
});

test('a density read as sequelae is the scarring it is read as, not a lung opacity', () => {
  const concepts = (text) => analyze(text).understanding.findings.map((f) => f.concept);
  assert.deepEqual(concepts('FINDINGS: Linear density in the lingula, compatible with sequelae.'), ['scarring']);
  assert.deepEqual(concepts('FINDINGS: Increased densities at both apices evaluated in favor of pleuroparenchymal sequelae.'), [
    'scarring',
  ]);
  assert.deepEqual(concepts('FINDINGS: Sequelae density increases in the right upper lobe.'), ['scarring']);
  // A density read as anything else stays an opacity.
  assert.ok(concepts('FINDINGS: Increased density in the right lower lobe, consistent with pneumonia.').includes('opacity'));
});

test('sequelae with a density or opacity word beside them are scarring however the sentence goes on', () => {
  const concepts = (text) => analyze(text).understanding.findings.map((f) => f.concept);
  assert.deepEqual(concepts('FINDINGS: Pleuroparenchymal sequelae increase in density at both apices.'), ['scarring']);
  assert.deepEqual(concepts('FINDINGS: Sequelae densities are increased in the left upper lobe.'), ['scarring']);
  assert.deepEqual(concepts('FINDINGS: Sequelae opacities in the lingula.'), ['scarring']);
  assert.deepEqual(concepts('FINDINGS: Linear density increases in the lingula, sequelae.'), ['scarring']);
});
