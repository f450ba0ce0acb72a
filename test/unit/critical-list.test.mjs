// The critical list as broad as the published ones (ACR actionable findings, pyConTextNLP's critical
// findings KB): each finding is critical under its own name and site, and its denial is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, engine } from '../helpers/engine.mjs';

const findingsOf = (text) => engine.analyze(text).understanding.findings;
// The critical findings as marked one by one, with the communication rule (which merges them into one warning) off.
const marksOf = (text) =>
  engine.checkText(text, { rules: { 'critical-communication-missing': 'off' } }).problems.filter((p) => p.rule === 'critical-finding');
const criticalNames = (text) => marksOf(text).map((p) => p.finding);

test('critical list: the findings a new user tried are critical, each under its own name', () => {
  const cases = [
    ['Epiglottitis with an enlarged epiglottis.', 'epiglottitis', 'minutes'],
    ['Findings concerning for placental abruption.', 'placental abruption', 'minutes'],
    ['Soft tissue gas in the thigh consistent with necrotizing fasciitis.', 'necrotizing fasciitis', 'minutes'],
    ['Type II odontoid fracture.', 'odontoid fracture', 'minutes'],
    ['L1 burst fracture with a retropulsed fragment.', 'burst fracture', 'minutes'],
    ["Hangman's fracture of C2.", 'unstable spine fracture', 'minutes'],
    ['Depressed skull fracture of the left parietal bone.', 'depressed skull fracture', 'hours'],
    ['Retained surgical sponge in the right lower quadrant.', 'retained surgical foreign body', 'hours'],
    ['Dissection of the right vertebral artery.', 'cervical artery dissection', 'minutes'],
    ['Left internal carotid artery dissection.', 'cervical artery dissection', 'minutes'],
    ['Wedge-shaped left renal infarct.', 'renal infarct', 'hours'],
    ['Acute infarct of the left kidney.', 'renal infarct', 'hours'],
    ['Splenic infarct.', 'splenic infarct', 'hours'],
    ['Retropharyngeal abscess.', 'retropharyngeal abscess', 'hours'],
  ];
  for (const [sentence, name, urgency] of cases) {
    const text = `FINDINGS: ${sentence}\nIMPRESSION: ${sentence}\n`;
    const [p, ...rest] = marksOf(text);
    assert.ok(p, `critical: ${sentence}`);
    assert.equal(rest.length, 0, sentence);
    assert.equal(p.finding, name, sentence);
    assert.match(p.message, new RegExp(`^Critical finding: ${name} `), sentence);
    assert.match(p.message, urgency === 'minutes' ? /minutes/ : /hours/, sentence);
    // By default the communication warning names it, with its own name.
    assert.match(problemsOf('critical-communication-missing', text)[0].message, new RegExp(`\\(${name}\\)`), sentence);
  }
});

test('critical list: a neck artery is not the aorta, a kidney or spleen infarct is not the brain', () => {
  const named = (t) => findingsOf(`FINDINGS: ${t}`).map((f) => f.finding);
  assert.deepEqual(named('Dissection of the left vertebral artery.'), ['cervical artery dissection']);
  assert.ok(!named('Right carotid artery dissection.').includes('aortic dissection'));
  assert.ok(!named('Left renal infarct.').includes('acute infarct'));
  assert.ok(!named('Infarct in the spleen.').includes('acute infarct'));
  // Negative cases: the aorta and the brain keep their names.
  assert.deepEqual(named('Type A aortic dissection extending into the right carotid artery.').slice(0, 1), ['aortic dissection']);
  assert.deepEqual(named('Intimal flap in the descending thoracic aorta.'), ['aortic dissection']);
  assert.deepEqual(named('Acute infarct in the left MCA territory.'), ['acute infarct']);
  assert.deepEqual(named('Acute infarct in the left basal ganglia.'), ['acute infarct']);
  assert.deepEqual(named('Old healed fracture of the left clavicle.'), ['old fracture']);
});

test('critical list: tubes in a bronchus, of either side or none named, are malpositioned', () => {
  for (const sentence of [
    'The endotracheal tube terminates in the right bronchus.',
    'Endotracheal tube tip enters the left main bronchus.',
    'The endotracheal tube is in the bronchus intermedius.',
    'Feeding tube coursing into the right lower lobe bronchus.',
  ]) {
    const names = criticalNames(`FINDINGS: ${sentence}\nIMPRESSION: Tube malposition.\n`);
    assert.ok(
      names.some((n) => /malpositioned/.test(n)),
      sentence,
    );
  }
  for (const text of [
    'FINDINGS: Endotracheal tube tip 3 cm above the carina. The right bronchus is patent.\nIMPRESSION: Tube in good position.',
    'FINDINGS: Endotracheal tube has been withdrawn and is no longer in the right main bronchus.\nIMPRESSION: Repositioned tube.',
  ]) {
    assert.deepEqual(criticalNames(text), [], text);
  }
});

test('critical list: denials, history and differentials of the new findings are not critical', () => {
  for (const text of [
    'FINDINGS: No epiglottitis. No retropharyngeal abscess.\nIMPRESSION: Normal soft tissue neck.',
    'FINDINGS: No fracture.\nIMPRESSION: No acute cervical spine fracture.',
    'FINDINGS: No carotid or vertebral artery dissection.\nIMPRESSION: No dissection.',
    'INDICATION: Evaluate for placental abruption.\nFINDINGS: Normal placenta.\nIMPRESSION: No abruption.',
    'HISTORY: Prior odontoid fracture, fused.\nFINDINGS: Posterior C1-C2 fusion.\nIMPRESSION: Postoperative changes.',
    // Retropulsion of gait (a neurological examination) is not a retropulsed fragment.
    'FINDINGS: Station: 3-4 step retropulsion.\nIMPRESSION: Parkinsonian gait.',
  ]) {
    assert.deepEqual(criticalNames(text), [], text);
  }
});
