import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions, sideOf } from '../helpers/nlp.mjs';

test('side from the modifiers before the finding', () => {
  assert.equal(sideOf('Right lower lobe opacity.', 'opacity'), 'right');
  assert.equal(sideOf('There is a left-sided pleural effusion.', 'pleural-effusion'), 'left');
  assert.equal(sideOf('There is right basilar airspace disease.', 'airspace-disease'), 'right');
});

test('side from a locative phrase after the finding', () => {
  assert.equal(sideOf('Opacity at the left base.', 'opacity'), 'left');
  assert.equal(sideOf('Small effusion is seen on the right.', 'pleural-effusion'), 'right');
  assert.equal(sideOf('Calcified granuloma in the right upper lobe.', 'calcified-granuloma'), 'right');
});

test('bilateral words, bibasilar, both and "right greater than left"', () => {
  assert.equal(sideOf('Bilateral pleural effusions.', 'pleural-effusion'), 'bilateral');
  assert.equal(sideOf('Bibasilar atelectasis.', 'atelectasis'), 'bilateral');
  assert.equal(sideOf('Opacities in both lung bases.', 'opacity'), 'bilateral');
  assert.equal(sideOf('Right greater than left pleural effusions.', 'pleural-effusion'), 'bilateral');
  assert.equal(sideOf('Atelectasis, left lower lobe opacity.', 'atelectasis'), null); // after a comma: another finding's phrase
  assert.equal(sideOf('Small pleural effusions.', 'pleural-effusion'), 'bilateral'); // one per hemithorax
  assert.equal(sideOf('Left and right pleural effusions.', 'pleural-effusion'), 'bilateral');
});

test('a side is never borrowed from a neighbouring clause', () => {
  assert.equal(sideOf('Left lower lobe atelectasis and small effusion.', 'pleural-effusion'), null);
  assert.equal(sideOf('Cardiomegaly with left basilar atelectasis.', 'cardiomegaly'), null);
  assert.equal(sideOf('Right chest tube in place. Pneumothorax has resolved.', 'pneumothorax'), null);
  assert.equal(sideOf('No pneumothorax, right lower lobe opacity.', 'pneumothorax'), null);
});

test('unspecified when the text does not say', () => {
  assert.equal(sideOf('Small pleural effusion.', 'pleural-effusion'), null);
  assert.equal(sideOf('Mild cardiomegaly.', 'cardiomegaly'), null);
});

test('heart chambers are not laterality', () => {
  assert.equal(sideOf('Pacemaker leads in the right atrium and right ventricle.', 'pacemaker'), null);
});

test('lobe abbreviations imply a side and a site', () => {
  const [m] = mentions('RLL consolidation.', 'consolidation');
  assert.equal(m.side, 'right');
  assert.deepEqual(m.site, ['lower lobe']);
  const [lingula] = mentions('Atelectasis in the lingula.', 'atelectasis');
  assert.equal(lingula.side, 'left');
});

test('site words are normalised', () => {
  assert.deepEqual(mentions('Right lower lobe opacity.', 'opacity')[0].site, ['lower lobe']);
  assert.deepEqual(mentions('Opacity at the left base.', 'opacity')[0].site, ['base']);
  assert.deepEqual(mentions('Bibasilar atelectasis.', 'atelectasis')[0].site, ['base']);
  assert.deepEqual(mentions('Right apical pneumothorax.', 'pneumothorax')[0].site, ['apex']);
  assert.deepEqual(mentions('Nodule in the left upper lobe.', 'nodule')[0].site, ['upper lobe']);
  assert.deepEqual(mentions('Small pleural effusion.', 'pleural-effusion')[0].site, []);
});

test('an interpretation shares the place of the finding it interprets', () => {
  assert.equal(mentions('Left basilar opacity, likely atelectasis.', 'atelectasis')[0].side, 'left');
  assert.equal(mentions('Opacity in the right lower lobe which may represent pneumonia.', 'pneumonia')[0].side, 'right');
  assert.equal(mentions('Minimal left base atelectasis/infiltrate.', 'infiltrate')[0].side, 'left');
  assert.equal(mentions('Right pleural effusion with adjacent atelectasis.', 'atelectasis')[0].side, 'right');
  assert.equal(mentions('Left basilar opacity, atelectasis versus infiltrate.', 'atelectasis')[0].side, 'left');
  // A plain "and" joins two findings without saying they share a side.
  assert.equal(mentions('Right pleural effusion and atelectasis.', 'atelectasis')[0].side, null);
});

test('terms that carry their own side', () => {
  assert.equal(sideOf('Mild levoscoliosis.', 'scoliosis'), 'left');
  assert.equal(sideOf('Thoracic dextroscoliosis.', 'scoliosis'), 'right');
});

test('a side word inside a lexicon phrase keeps the phrase and gives its side', () => {
  const [m] = mentions('Elevated right hemidiaphragm.', 'elevated-hemidiaphragm');
  assert.equal(m.side, 'right');
  assert.equal(m.text, 'Elevated right hemidiaphragm');
  assert.equal(sideOf('Blunting of the left costophrenic angle.', 'blunted-costophrenic-angle'), 'left');
  // Not at the start of a phrase: "right pleural effusion" is a side and then the finding.
  assert.equal(mentions('Right pleural effusion.', 'pleural-effusion')[0].text, 'pleural effusion');
});
