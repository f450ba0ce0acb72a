// Cross-sectional vocabulary: chest CT, urinary tract and pediatric renal terms, each a concept of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions, understand } from '../helpers/nlp.mjs';

const present = (text) =>
  understand(text)
    .findings.filter((f) => f.assertion === 'present')
    .map((f) => f.concept);

test('coronary artery calcification by name or by the arteries a plaque sits in', () => {
  assert.ok(present('Coronary artery calcifications are noted.').includes('coronary-artery-calcification'));
  assert.ok(present('Calcified plaques are seen in the coronary arteries.').includes('coronary-artery-calcification'));
  const both = understand('Calcific atheroma plaques are observed in the aorta and coronary arteries.').findings.find(
    (f) => f.concept === 'plaque',
  );
  assert.deepEqual(both.site, ['aorta', 'coronary artery']);
});

test('chest CT patterns: mosaic attenuation, septal thickening, fibrotic sequelae, peribronchial thickening', () => {
  assert.ok(present('Mosaic attenuation pattern in both lungs.').includes('mosaic-attenuation'));
  assert.ok(present('There are thickenings in the interlobular septa.').includes('septal-thickening'));
  assert.ok(present('Pleuroparenchymal sequelae changes at both apices.').includes('scarring'));
  assert.ok(present('Thickening of the bronchial walls in the lower lobes.').includes('bronchial-wall-thickening'));
  assert.equal(mentions('No pathological LAP in the mediastinum.', 'lymphadenopathy')[0].assertion, 'absent');
});

test('enlarged and pathological lymph nodes are lymphadenopathy', () => {
  assert.ok(present('Subcarinal lymph nodes are enlarged.').includes('lymphadenopathy'));
  assert.ok(present('Lymph nodes of pathological size in the right hilum.').includes('lymphadenopathy'));
});

test('pediatric and urinary terms: hydroureter is not hydronephrosis; VUR, duplex and horseshoe kidney', () => {
  assert.deepEqual(present('Left hydroureter.'), ['hydroureter']);
  assert.ok(present('Grade 3 VUR on the right.').includes('vesicoureteral-reflux'));
  assert.ok(present('Duplex collecting system of the left kidney.').includes('duplex-kidney'));
  assert.ok(present('Horseshoe kidney.').includes('horseshoe-kidney'));
  assert.ok(!present('History of reactive airways disease.').includes('bronchial-wall-thickening'));
});

test('CT phrasing of heart size, pericardial fluid and airway walls', () => {
  assert.ok(present('The cardiothoracic ratio is increased.').includes('cardiomegaly'));
  assert.ok(present('The heart is larger than normal.').includes('cardiomegaly'));
  assert.ok(present('A small effusion is seen in the pericardial recess.').includes('pericardial-effusion'));
  assert.ok(present('Peribronchial thickness increases in both lower lobes.').includes('bronchial-wall-thickening'));
  assert.ok(!present('Parenchymal density of the liver is normal.').includes('opacity'));
  assert.ok(present('Increased density in the left lower lobe.').includes('opacity'));
});

test('a lymph node is lymphadenopathy from 10 mm short axis; a smaller one, or one under a bound, stays a node', () => {
  assert.deepEqual(present('Millimetric lymph nodes are observed in the mediastinum.'), ['lymph-node']);
  assert.deepEqual(present('Subcarinal lymph node measuring 9 x 6 mm.'), ['lymph-node']);
  assert.deepEqual(present('Paratracheal lymph nodes with a short axis less than 1 cm are observed.'), ['lymph-node']);
  assert.deepEqual(present('A 17 x 12 mm lymph node in the right lower paratracheal station.'), ['lymphadenopathy']);
  assert.deepEqual(present('Lymph nodes in the mediastinum, the largest with a short diameter of 1.5 cm.'), ['lymphadenopathy']);
  // The short axis is the smaller dimension: a node 17 mm long and 8 mm across is of normal size.
  assert.deepEqual(present('A 17 x 8 mm lymph node in the aortopulmonary window.'), ['lymph-node']);
  assert.deepEqual(present('A 7 mm intrapulmonary lymph node in the right lower lobe.'), ['nodule']);
  assert.equal(mentions('No lymph node of pathological size in the mediastinum.', 'lymphadenopathy')[0].assertion, 'absent');
  // A line labelled with the organ is a heading, no node seen.
  assert.deepEqual(present('FINDINGS:\nLymph nodes: No enlarged lymph nodes.'), []);
});
