// Clinical relations as data (lexicon/relations.json, concept flags, anatomy side words): checked
// against the lexicon at load, read through the helpers of nlp/relations.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nlp, parseReport } from '../helpers/nlp.mjs';
import { root } from '../helpers/engine.mjs';

const relationsJson = () => JSON.parse(readFileSync(path.join(root, 'server/src/nlp/lexicon/relations.json'), 'utf8'));
const names = () => ({
  concepts: new Set(nlp.CONCEPT_BY_ID.keys()),
  groups: new Set(nlp.CONCEPTS.map((c) => c.group)),
  sites: new Set([
    'apex',
    'upper lobe',
    'lingula',
    'base',
    'lower lobe',
    'middle lobe',
    'costophrenic angle',
    'hemidiaphragm',
    'retrocardiac',
    'rib',
    'lung',
    'hilum',
    'midlung',
    'hemithorax',
    'pleura',
  ]),
  bodyParts: new Set([
    'shoulder',
    'elbow',
    'wrist',
    'hand',
    'hip',
    'knee',
    'ankle',
    'foot',
    'upper extremity',
    'lower extremity',
    'head',
    'face',
    'cervical spine',
    'thoracic spine',
    'lumbar spine',
    'spine',
    'scrotum',
    'breast',
    'chest',
    'abdomen',
    'abdomen and pelvis',
    'pelvis',
  ]),
});

test('relations.json passes its own checks', () => {
  const r = nlp.checkRelations(relationsJson(), names());
  assert.ok(r.sameFinding.length > 40);
  assert.ok(Object.keys(r.covers).length > 40);
});

test('an unknown concept id anywhere in relations.json throws an error naming it and where it stands', () => {
  /** @type {[any, any][]} */
  const cases = [
    [(r) => (r.sameFinding[0][1] = 'pleural-efusion'), /unknown concept "pleural-efusion" in sameFinding\[0\]/],
    [(r) => (r.covers['hart-failure'] = ['cardiomegaly']), /unknown concept "hart-failure" in covers/],
    [(r) => r.covers['heart-failure'].push('cardiomegally'), /unknown concept "cardiomegally" in covers\["heart-failure"\]/],
    [(r) => r.denialReaches.fracture.push('compresion-fracture'), /unknown concept "compresion-fracture" in denialReaches\["fracture"\]/],
    [(r) => (r.lungZones['upper lobes'] = ['upper']), /unknown site "upper lobes" in lungZones/],
    [(r) => r.examShows.everyExam.push('vasculer'), /unknown group "vasculer" in examShows.everyExam/],
    [(r) => (r.examShows.byBodyPart.kneee = ['msk']), /unknown bodyPart "kneee" in examShows.byBodyPart/],
    [(r) => r.oneSidedBodyParts.push('elbows'), /unknown bodyPart "elbows" in oneSidedBodyParts/],
    [(r) => r.statementDomains[0].groups.push('chset'), /unknown group "chset" in statementDomains\[0\]/],
  ];
  for (const [spoil, message] of cases) {
    const r = relationsJson();
    spoil(r);
    assert.throws(() => nlp.checkRelations(r, names()), message);
  }
  // A shape error is zod's: a lung zone that is no zone.
  const r = relationsJson();
  r.lungZones.apex = ['middle'];
  assert.throws(() => nlp.checkRelations(r, names()));
});

test('a concept id that code names is checked the same way', () => {
  assert.equal(nlp.knownConcept('opacity'), 'opacity');
  assert.throws(() => nlp.knownConcept('opacitiy', 'a test'), /unknown concept "opacitiy" named in a test/);
});

test('same finding, covers and denial reach, one way where they are one way', () => {
  assert.ok(nlp.sameFinding('opacity', 'consolidation') && nlp.sameFinding('consolidation', 'opacity'));
  assert.ok(!nlp.sameFinding('pneumothorax', 'pleural-effusion'));
  assert.ok(nlp.covers('heart-failure', 'cardiomegaly'));
  assert.ok(!nlp.covers('cardiomegaly', 'heart-failure'));
  assert.ok(nlp.coveredBy('heart-failure').has('pulmonary-edema'));
  assert.ok(nlp.kinOf('cardiomegaly').has('heart-failure'), 'kin goes both ways');
  assert.ok(nlp.sameFindingKin('fracture').has('compression-fracture'));
  assert.ok(!nlp.sameFindingKin('fracture').has('dislocation'));
  assert.ok(nlp.denies('intracranial-hemorrhage', 'subdural-hematoma'));
  assert.ok(!nlp.denies('subdural-hematoma', 'intracranial-hemorrhage'));
  assert.deepEqual(nlp.deniedBy('fracture'), [
    'fracture',
    'compression-fracture',
    'odontoid-fracture',
    'burst-fracture',
    'unstable-spine-fracture',
    'cervical-spine-fracture',
    'depressed-skull-fracture',
  ]);
  // A denied fracture of any kind is denied by "no fracture"; a brain infarct denial says nothing of the kidney.
  assert.ok(nlp.denies('fracture', 'odontoid-fracture'));
  assert.ok(!nlp.denies('infarct', 'renal-infarct'));
  assert.deepEqual(nlp.deniedBy('constructor'), ['constructor'], 'no prototype keys');
});

test('concept flags come from findings.json', () => {
  assert.ok(nlp.conceptHas('opacity', 'descriptive'));
  assert.ok(!nlp.conceptHas('pneumothorax', 'descriptive'));
  assert.ok(nlp.conceptHas('pleural-effusion', 'acute'));
  assert.ok(nlp.conceptHas('disc-herniation', 'spinal-level'));
  assert.ok(!nlp.conceptHas('no-such-concept', 'acute'));
});

test('sites: lung zones agree where they can be one place', () => {
  /** A finding at these sites (all the site checks read). @type {(...site: string[]) => any} */
  const at = (...site) => ({ site });
  assert.ok(nlp.sitesAgree(at('apex'), at('upper lobe')));
  assert.ok(!nlp.sitesAgree(at('apex'), at('base')));
  assert.ok(nlp.sitesAgree(at('lung'), at('base')));
  assert.ok(nlp.sitesAgree(at(), at('base')), 'an unknown site agrees');
  assert.ok(!nlp.sitesAgree(at('kidney'), at('ovary')));
  assert.ok(nlp.sitesMatch(at('base', 'lung'), at('lung')));
  assert.ok(!nlp.sitesMatch(at('apex'), at('upper lobe')));
});

test('side words and their mirror images come from anatomy.json', () => {
  assert.equal(nlp.sideOfWord('Left-sided'), 'left');
  assert.equal(nlp.sideOfWord('RLL'), 'right');
  assert.equal(nlp.sideOfWord('sinister'), null);
  assert.equal(nlp.sideWordLike('LLL', 'right'), 'RLL');
  assert.equal(nlp.sideWordLike('Leftward', 'right'), 'Rightward');
  assert.equal(nlp.sideWordLike('lt', 'right'), 'rt');
  assert.equal(nlp.sideWordLike('right', 'right'), 'right');
  /** @type {any} the parts of a sentence sideWordsIn reads */
  const sentence = { start: 10, end: 60, text: 'Left ventricle normal. Rt and LLL, lll.' };
  assert.deepEqual(
    nlp.sideWordsIn(sentence).map((w) => [w.text, w.side, w.start]),
    [
      ['Rt', 'right', 33],
      ['LLL', 'left', 40],
    ],
    'cardiac names and lower-case lobe letters are not sides',
  );
});

test('an exam shows the concept groups of its body part', () => {
  const r = parseReport('EXAM: MRI LEFT KNEE\nFINDINGS: Small joint effusion. Small pleural effusion.');
  const u = nlp.understand(r);
  const fits = u.findings.map((f) => [f.concept, nlp.fitsExam(u, f, r)]);
  assert.ok(fits.some(([c, ok]) => c === 'joint-effusion' && ok));
  assert.ok(!nlp.fitsExam(u, /** @type {any} a finding by its concept only */ ({ concept: 'pneumothorax' }), r));
  assert.ok(nlp.isOneSidedBodyPart('knee') && !nlp.isOneSidedBodyPart('chest') && !nlp.isOneSidedBodyPart(null));
  assert.ok(nlp.ORGAN_SIZES.find((o) => o.name === 'kidney').organ.test('the right kidney measures'));
});

test('qualifier word lists compile to word-boundary patterns, * for any ending', () => {
  assert.ok(nlp.QUALIFIERS.explained.test('Probably atelectasis.'));
  assert.ok(nlp.QUALIFIERS.explained.test('favouring scar'));
  assert.ok(!nlp.QUALIFIERS.explained.test('Focal consolidation.'));
  assert.ok(nlp.QUALIFIERS.minorBefore.test('plate-like'));
  assert.ok(!nlp.QUALIFIERS.minorBefore.test('mildew'), 'whole words only');
  assert.ok(nlp.wordsRegex(['a.b']).test('a.b') && !nlp.wordsRegex(['a.b']).test('axb'), 'words are literal');
});
