import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nlp, mentions, understand, assertionOf } from '../helpers/nlp.mjs';

const shape = (text) => nlp.findMeasurements(text).map((m) => ({ value: m.value, unit: m.unit, text: text.slice(m.start, m.end) }));

test('values, dimensions and ranges with their unit', () => {
  assert.deepEqual(shape('a 2.3 x 1.5 x 1.0 cm mass'), [{ value: [2.3, 1.5, 1], unit: 'cm', text: '2.3 x 1.5 x 1.0 cm' }]);
  assert.deepEqual(shape('measuring 2.3 cm x 1.5 cm'), [{ value: [2.3, 1.5], unit: 'cm', text: '2.3 cm x 1.5 cm' }]);
  assert.deepEqual(shape('a 4 mm nodule'), [{ value: [4], unit: 'mm', text: '4 mm' }]);
  assert.deepEqual(shape('nodules of 2-3 mm'), [{ value: [2, 3], unit: 'mm', text: '2-3 mm' }]);
  assert.deepEqual(shape('volume 15 mL, 12 cc'), [
    { value: [15], unit: 'mL', text: '15 mL' },
    { value: [12], unit: 'cc', text: '12 cc' },
  ]);
  assert.deepEqual(shape('attenuation of -20 HU'), [{ value: [-20], unit: 'HU', text: '-20 HU' }]);
  assert.deepEqual(shape('a 35 degree curve'), [{ value: [35], unit: 'degrees', text: '35 degree' }]);
});

test('numbers without a unit, and units glued to words, are not measurements', () => {
  assert.deepEqual(shape('T11 and L4-5 levels, 3 views, series 2 image 45'), []);
  assert.deepEqual(shape('5 cmH2O'), []);
});

test('a measurement is attached to the finding it measures', () => {
  const [nodule] = mentions('FINDINGS: There is a 2.3 x 1.5 cm nodule in the right upper lobe.', 'nodule');
  assert.equal(nodule.f.measurements.length, 1);
  assert.deepEqual(nodule.f.measurements[0].value, [2.3, 1.5]);
  const [mass] = mentions('FINDINGS: Right hilar mass measuring 4 cm.', 'mass');
  assert.deepEqual(
    mass.f.measurements.map((m) => m.value),
    [[4]],
  );
});

test('two findings in one sentence each keep their own size', () => {
  const text = 'FINDINGS: A 3 mm nodule in the right upper lobe and a 6 mm nodule in the left lower lobe.';
  const sizes = mentions(text, 'nodule').map((m) => m.f.measurements.map((x) => x.value[0]));
  assert.deepEqual(sizes, [[3], [6]]);
});

test('a measurement in another sentence is not attached', () => {
  const u = understand('FINDINGS: Small effusion. Slices of 5 mm were obtained.');
  assert.equal(u.findings[0].measurements.length, 0);
  assert.equal(u.measurements.length, 1);
});

// Their time is measured in `npm run bench` (50,000 spaces); here, what they read.
test('long runs of white space join no number to a unit and no age to its label', () => {
  const spaces = ' '.repeat(50000);
  for (const text of ['5' + spaces + 'x', 'Age' + spaces + ':']) {
    const u = understand(text);
    assert.equal(u.measurements.length, 0);
    assert.equal(u.patient.age, null);
  }
  assert.equal(understand('51 year old' + spaces + 'x').patient.age, 51);
});

test('a unit joined by a hyphen ("a 5-mm shift") is a measurement; a range still reads as a range', () => {
  assert.deepEqual(shape('an approximately 5-mm shift'), [{ value: [5], unit: 'mm', text: '5-mm' }]);
  assert.deepEqual(shape('a 2-cm nodule and 2-3 mm stones'), [
    { value: [2], unit: 'cm', text: '2-cm' },
    { value: [2, 3], unit: 'mm', text: '2-3 mm' },
  ]);
});

test('isDistance: a distance from a landmark is not a size', () => {
  const text = "Mass 3-4 cm from the ankle joint. A 2 cm mass at 2 o'clock 4 cm FN. A 1.2 cm nodule.";
  assert.deepEqual(
    nlp.findMeasurements(text).map((m) => nlp.isDistance(text, m)),
    [true, false, true, false],
  );
});

test('a subclavian vessel is no neck site; "full regression of" makes a finding historical', () => {
  const [clot] = mentions('FINDINGS: Right subclavian vein thrombosis.', 'thrombus');
  assert.deepEqual(clot.site, ['subclavian']);
  assert.equal(assertionOf('FINDINGS: Full regression of the mediastinal lymphadenopathy.', 'lymphadenopathy'), 'historical');
});

test('a quantity measured by name: the nearest name before the measurement in its own words', () => {
  const { measuredQuantity, findMeasurements } = nlp;
  const named = (text) => findMeasurements(text).map((m) => measuredQuantity(text, m));
  assert.deepEqual(named('Mild polyhydramnios, amniotic fluid index 27 cm.'), ['amniotic-fluid-index']);
  assert.deepEqual(named('Short cervix, 1.8 cm, with funneling.'), ['cervical-length']);
  // A measurement before it closes the name's reach: twin B's value is not named again.
  assert.deepEqual(named('Nuchal translucency is 1.6 mm in twin A and 1.8 mm in twin B.'), ['nuchal-translucency', null]);
  assert.deepEqual(named('A 2 cm nodule. BPD 7.9 cm, HC 29.0 cm.'), [null, 'biparietal-diameter', 'head-circumference']);
  // Abbreviations count in capitals only ("ac" is no abdominal circumference).
  assert.deepEqual(named('the ac joint 2 cm'), [null]);
  // A prior study's value is the quantity's prior value, compared only with another prior value.
  assert.deepEqual(named('The left renal pelvis measures 8 mm, previously 6 mm.'), ['renal-pelvis', 'renal-pelvis (prior)']);
});
