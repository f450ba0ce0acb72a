import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertionOf, mentions, understand } from '../helpers/nlp.mjs';
import { problemsOf } from '../helpers/engine.mjs';

test('plain statements are present', () => {
  assert.equal(assertionOf('FINDINGS: Small left pleural effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('FINDINGS: There is a right apical pneumothorax.', 'pneumothorax'), 'present');
});

test('pre-negation: no, without, negative for, free of, no evidence of', () => {
  for (const text of [
    'No pleural effusion.',
    'Lungs are clear without pleural effusion.',
    'Negative for pleural effusion.',
    'The pleural spaces are free of effusion.',
    'No evidence of pleural effusion.',
    'There is no definite pleural effusion.',
  ])
    assert.equal(assertionOf(text, 'pleural-effusion'), 'absent', text);
});

test('the de-identification token does not break a denial', () => {
  assert.equal(assertionOf('There are no XXXX of a pleural effusion.', 'pleural-effusion'), 'absent');
  assert.equal(assertionOf('No XXXX focal infiltrate.', 'infiltrate'), 'absent');
});

test('a denied list denies every item', () => {
  const text = 'No pneumonia, effusions, edema, pneumothorax, adenopathy, nodules or masses.';
  for (const concept of ['pneumonia', 'pleural-effusion', 'pulmonary-edema', 'pneumothorax', 'lymphadenopathy', 'nodule', 'mass']) {
    assert.equal(assertionOf(text, concept), 'absent', concept);
  }
  assert.equal(
    assertionOf(
      'No focal consolidation, suspicious pulmonary opacity, large pleural effusion, or pneumothorax is identified.',
      'pneumothorax',
    ),
    'absent',
  );
});

test('a new modifier after a comma or "and" ends the denied list', () => {
  assert.equal(assertionOf('No effusion, mild bibasilar atelectasis.', 'atelectasis'), 'present');
  assert.equal(assertionOf('No pneumothorax and small left effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('No pneumothorax, stable cardiomegaly.', 'cardiomegaly'), 'present');
});

test('post-negation: not seen, not identified, is absent', () => {
  assert.equal(assertionOf('A pneumothorax is not seen.', 'pneumothorax'), 'absent');
  assert.equal(assertionOf('Pleural effusion is not identified.', 'pleural-effusion'), 'absent');
  const both = mentions('Pneumothorax or effusion are not seen.', 'pneumothorax').concat(
    mentions('Pneumothorax or effusion are not seen.', 'pleural-effusion'),
  );
  assert.deepEqual(
    both.map((m) => m.assertion),
    ['absent', 'absent'],
  );
});

test('pseudo-triggers are not denials', () => {
  assert.equal(assertionOf('No change in the small left pleural effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('No increase in size of the right upper lobe nodule.', 'nodule'), 'present');
  assert.equal(assertionOf('No significant interval change in cardiomegaly.', 'cardiomegaly'), 'present');
  assert.equal(assertionOf('Not only an effusion but also consolidation.', 'pleural-effusion'), 'present');
});

test('"there is no change in X" tells of X unchanged, the denial cue does not swallow the pseudo-trigger', () => {
  assert.equal(assertionOf('There is no increase in peribronchial wall thickness.', 'bronchial-wall-thickening'), 'present');
  assert.equal(assertionOf('There is no significant change in the small left pleural effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('There are no interval changes in the nodule.', 'nodule'), 'present');
  assert.equal(assertionOf('There is no pleural effusion.', 'pleural-effusion'), 'absent');
  assert.equal(assertionOf('There is no longer a pleural effusion.', 'pleural-effusion'), 'absent');
});

test('terminators close the scope: but, however, which, semicolon', () => {
  assert.equal(assertionOf('No consolidation but a small pleural effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('No pneumothorax; moderate pleural effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('No focal consolidation, however there is a small effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('No pneumothorax is seen, and there is a small effusion.', 'pleural-effusion'), 'present');
});

test('the scope stays inside the sentence', () => {
  assert.equal(assertionOf('No pneumothorax. Small right pleural effusion.', 'pleural-effusion'), 'present');
});

test('uncertainty: possible, may represent, cannot exclude, questionable', () => {
  for (const text of [
    'Possible right lower lobe pneumonia.',
    'Opacity which may represent pneumonia.',
    'Cannot exclude early pneumonia.',
    'Pneumonia cannot be excluded.',
    'Questionable pneumonia.',
    'Findings suspicious for pneumonia.',
  ])
    assert.equal(assertionOf(text, 'pneumonia'), 'possible', text);
});

test('hedges are graded: probable and differential', () => {
  const [likely] = mentions('Left basilar opacity, likely atelectasis.', 'atelectasis');
  assert.equal(likely.assertion, 'possible');
  assert.equal(likely.f.hedge, 'probable');
  const [versus] = mentions('Atelectasis versus pneumonia.', 'pneumonia');
  assert.equal(versus.assertion, 'possible');
  assert.equal(versus.f.hedge, 'differential');
  assert.equal(mentions('Atelectasis versus pneumonia.', 'atelectasis')[0].assertion, 'possible');
});

test('a denial wins over a hedge in its scope', () => {
  assert.equal(assertionOf('No focal consolidation to suggest pneumonia.', 'pneumonia'), 'absent');
  assert.equal(assertionOf('No evidence to suggest pneumothorax.', 'pneumothorax'), 'absent');
});

test('historical: history of, status post, resolved', () => {
  assert.equal(assertionOf('History of pneumothorax.', 'pneumothorax'), 'historical');
  assert.equal(assertionOf('Status post right mastectomy.', 'mastectomy'), 'historical');
  assert.equal(assertionOf('The left pleural effusion has resolved.', 'pleural-effusion'), 'historical');
  assert.equal(assertionOf('Interval resolution of the right lower lobe pneumonia.', 'pneumonia'), 'historical');
});

test('what a past operation comes "with" is today\'s finding; the operation stays past', () => {
  assert.equal(
    assertionOf('FINDINGS: Status post left pneumonectomy with mediastinal shift to the right.', 'mediastinal-shift'),
    'present',
  );
  assert.equal(assertionOf('FINDINGS: S/p CABG with a small left pleural effusion.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('FINDINGS: Status post right upper lobectomy with a new right pneumothorax.', 'pneumothorax'), 'present');
  assert.equal(
    assertionOf('FINDINGS: Status post left pneumonectomy with mediastinal shift to the right.', 'lung-resection'),
    'historical',
  );
  // A history keeps what it is told with: "history of lung cancer with brain metastases".
  assert.equal(assertionOf('FINDINGS: History of lung cancer with brain metastases.', 'metastases'), 'historical');
  assert.equal(assertionOf('FINDINGS: Status post resection of the left lower lobe nodule.', 'nodule'), 'historical');
  // In the request's reason or the history (rev16 #5) it is the history the request gives, not today's finding; a
  // report with no headers tells today's findings in its preamble.
  for (const [text, concept] of [
    [
      'CT HEAD\nReason: status post fall with epidural hematoma, follow-up.\n\nFINDINGS: The epidural collection has resolved.\n',
      'epidural-hematoma',
    ],
    ['CLINICAL HISTORY: Status post laparotomy with small bowel obstruction.\nFINDINGS: Normal bowel gas pattern.\n', 'bowel-obstruction'],
  ]) {
    const told = mentions(text, concept).filter((f) => f.f.start < text.indexOf('FINDINGS'));
    assert.ok(told.length > 0 && told.every((f) => f.assertion !== 'present'), text);
  }
  assert.equal(assertionOf('Status post left pneumonectomy with mediastinal shift to the left.', 'mediastinal-shift'), 'present');
  // An unheaded paragraph of findings before the IMPRESSION tells today's findings too (rev17 #2).
  for (const text of [
    'CT HEAD WITHOUT CONTRAST\n\nStatus post left craniotomy with large subdural hematoma causing midline shift.\n\nIMPRESSION:\nPostoperative changes.\n',
    'CT ABDOMEN\n\nS/p Whipple with a new 4 cm fluid collection in the pancreatic bed.\n\nIMPRESSION: Collection.\n',
  ]) {
    const concept = /subdural/.test(text) ? 'subdural-hematoma' : 'fluid-collection';
    const told = mentions(text, concept).filter((f) => f.f.start < text.indexOf('IMPRESSION'));
    assert.ok(told.length > 0 && told.every((f) => f.assertion === 'present'), text);
  }
});

test('a hedging adverb inside a modal hedge keeps it a hedge ("may also reflect", "could potentially represent")', () => {
  for (const text of [
    'FINDINGS: Patchy opacity in the left base, which may also reflect pneumonia.',
    'FINDINGS: Right lower lobe consolidation, which might reflect pneumonia.',
    'FINDINGS: Airspace disease at the right base could potentially represent pneumonia.',
    'FINDINGS: Patchy opacity that may well represent pneumonia.',
    'FINDINGS: Patchy opacity, conceivably pneumonia.',
    'FINDINGS: Opacity at the left base might also represent pneumonia.',
  ])
    assert.equal(assertionOf(text, 'pneumonia'), 'possible', text);
  // "not well seen" is no denial: "well" is no skipped adverb.
  assert.equal(assertionOf('FINDINGS: Small bilateral pleural effusions are also seen.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('FINDINGS: The right pneumothorax is also not seen.', 'pneumothorax'), 'absent');
});

test('a lymph node station is a place, not a node', () => {
  const concepts = (text) =>
    understand(text)
      .findings.filter((f) => f.concept === 'lymph-node' || f.concept === 'lymphadenopathy')
      .map((f) => `${f.concept} ${f.assertion}`);
  assert.deepEqual(concepts('FINDINGS: No enlarged lymph nodes are seen at the mediastinal lymph node stations.'), [
    'lymphadenopathy absent',
  ]);
  assert.deepEqual(concepts('FINDINGS: Mediastinal and hilar lymph node stations show no enlarged nodes.'), ['lymphadenopathy absent']);
  assert.deepEqual(concepts('FINDINGS: No enlarged lymph nodes in the cervical lymph node levels.'), ['lymphadenopathy absent']);
  assert.deepEqual(concepts('FINDINGS: Lymph nodes at stations 4R and 7 measure up to 8 mm.'), ['lymph-node present']);
  assert.deepEqual(concepts('FINDINGS: A 14 mm lymph node at station 4R.'), ['lymphadenopathy present']);
  // A station said to be enlarged or measured tells nodes (rev16 #3): never read away as a place alone.
  for (const text of [
    'FINDINGS: Lymph node stations 2R and 7 are enlarged, the largest measuring 1.8 cm.',
    'FINDINGS: Lymph node station 4R measures 15 mm in short axis.',
  ])
    assert.ok(concepts(text).includes('lymphadenopathy present'), text);
  // (Enlarged said past the levels is not yet read as lymphadenopathy, but the nodes are no longer lost.)
  assert.deepEqual(concepts('FINDINGS: Lymph node levels IIA and III on the right are bulky and necrotic.'), ['lymph-node present']);
});

test('hypothetical: evaluate for, rule out, if', () => {
  assert.equal(assertionOf('INDICATION: Cough, evaluate for pneumonia.', 'pneumonia'), 'hypothetical');
  assert.equal(assertionOf('Rule out pneumothorax.', 'pneumothorax'), 'hypothetical');
  assert.equal(assertionOf('If symptoms persist, CT could exclude pulmonary embolism.', 'pulmonary-embolism'), 'hypothetical');
});

test('a request opening a findings sentence asks about the finding, it does not report it', () => {
  for (const [text, concept] of [
    ['FINDINGS: Evaluate malignancy.\nIMPRESSION: No acute findings.', 'malignancy'],
    ['FINDINGS: Assess pneumothorax.\nIMPRESSION: Lungs clear.', 'pneumothorax'],
    ['FINDINGS: Please evaluate possible fracture of the left wrist.\nIMPRESSION: Negative.', 'fracture'],
    ['FINDINGS: Eval PE. No filling defect.\nIMPRESSION: Negative.', 'pulmonary-embolism'],
    ['FINDINGS: r/o PE\nIMPRESSION: Negative.', 'pulmonary-embolism'],
    ['FINDINGS: Rule out appendicitis. The appendix measures 5 mm.\nIMPRESSION: Normal.', 'appendicitis'],
  ])
    assert.equal(assertionOf(text, concept), 'hypothetical', text);
  // Later in a sentence the verbs are the report's own reading, not a request.
  assert.equal(assertionOf('FINDINGS: The pneumothorax was assessed and is small.', 'pneumothorax'), 'present');
  assert.equal(assertionOf('FINDINGS: Evaluation of the gallbladder demonstrates cholelithiasis.', 'cholelithiasis'), 'present');
  assert.equal(assertionOf('FINDINGS: Assessment of the lungs shows consolidation.', 'consolidation'), 'present');
  // rev15 #2: "Evaluation of X shows …" reports X; only the imperative asks about it.
  assert.equal(
    assertionOf('FINDINGS: Evaluation of pneumothorax shows it has increased, now large on the right.', 'pneumothorax'),
    'present',
  );
  assert.equal(assertionOf('FINDINGS: Assessment of the pleural effusion shows it is now moderate.', 'pleural-effusion'), 'present');
  // "Query" opening a finding is the radiologist's own hedge.
  assert.equal(assertionOf('FINDINGS: Query undisplaced fracture of the fifth metacarpal.', 'fracture'), 'possible');
});

test('a request in the findings raises no critical-result call', () => {
  for (const text of [
    'EXAM: CT chest\nFINDINGS: Evaluate pulmonary embolism. The pulmonary arteries opacify well without filling defect.\nIMPRESSION: No pulmonary embolism.',
    'EXAM: Chest radiograph\nFINDINGS: Assess pneumothorax. The lungs are clear.\nIMPRESSION: Clear lungs.',
  ])
    assert.deepEqual(
      problemsOf('critical-communication-missing', text).map((p) => p.message),
      [],
      text,
    );
});

test('a denial inside a predicate: "the heart is not enlarged"', () => {
  assert.equal(assertionOf('The heart is not enlarged.', 'cardiomegaly'), 'absent');
  assert.equal(assertionOf('The cardiac silhouette is mildly enlarged.', 'cardiomegaly'), 'present');
  // A normal statement denies its organ's findings (issue 11): the denial spans the statement.
  assert.deepEqual(
    mentions('Heart size is normal.', 'cardiomegaly').map((m) => [m.assertion, m.text]),
    [['absent', 'Heart size is normal']],
  );
});

test('abbreviations match with their capitals only', () => {
  assert.equal(assertionOf('IMPRESSION: Small left PTX.', 'pneumothorax'), 'present');
  assert.equal(assertionOf('IMPRESSION: No PE.', 'pulmonary-embolism'), 'absent');
  assert.equal(mentions('Pe is a word here.', 'pulmonary-embolism').length, 0);
  assert.equal(mentions('ETT tip 4 cm above the carina. NGT in the stomach. Right PICC.', 'endotracheal-tube').length, 1);
  assert.equal(mentions('Acute SAH in the left sylvian fissure.', 'subarachnoid-hemorrhage')[0].assertion, 'present');
  assert.equal(mentions('Small SDH.', 'subdural-hematoma').length, 1);
});

test('the indication asks, the comparison looks back', () => {
  const u = understand('INDICATION: Pneumonia.\nCOMPARISON: Prior pneumothorax film.\nFINDINGS: Right lower lobe pneumonia.');
  assert.deepEqual(
    u.findings.map((f) => [f.concept, f.section, f.assertion]),
    [
      ['pneumonia', 'history', 'hypothetical'],
      ['pneumothorax', 'comparison', 'historical'],
      ['pneumonia', 'findings', 'present'],
    ],
  );
  // An explicit cue still decides: a denial in the history stays a denial.
  assert.equal(understand('HISTORY: No prior fracture.').findings[0].assertion, 'absent');
});

test('more denials: "fail to demonstrate", "non-", a cue before a colon', () => {
  assert.equal(assertionOf('Images fail to demonstrate a renal mass.', 'renal-mass'), 'absent');
  assert.equal(assertionOf('A non-malignant course.', 'malignancy'), 'absent');
  assert.equal(assertionOf('Differential diagnosis: abscess.', 'abscess'), 'possible');
  assert.equal(assertionOf('Diagnosis: abscess.', 'abscess'), 'present');
});

test('partly resolved is still there', () => {
  assert.equal(assertionOf('Almost completely resolved right apical pleural air collection.', 'pneumothorax'), 'present');
  assert.equal(assertionOf('The left effusion has partially resolved.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('Resolving right lower lobe pneumonia.', 'pneumonia'), 'present');
  assert.equal(assertionOf('The effusion has resolved.', 'pleural-effusion'), 'historical');
});

test('a prefix or an adjective does not deny the finding it qualifies', () => {
  assert.equal(assertionOf('FINDINGS: 7 mm non calcified nodule in the right upper lobe.', 'nodule'), 'present');
  assert.equal(assertionOf('FINDINGS: The lungs are clear and hyperinflated.', 'hyperinflation'), 'present');
  // ...while a true denial of the same words still holds.
  const denied = mentions('FINDINGS: No displaced rib fractures, or obvious nondisplaced rib fractures.', 'fracture');
  assert.deepEqual(
    denied.map((m) => m.assertion),
    ['absent', 'absent'],
  );
});

test('a new statement after a denied list is not denied', () => {
  assert.equal(
    assertionOf('IMPRESSION: No acute cardiopulmonary abnormality, findings compatible with emphysema.', 'emphysema'),
    'possible', // not denied; "compatible with" is a radiologist's hedge
  );
  assert.equal(assertionOf('FINDINGS: No pneumonia, effusions, edema or nodules.', 'pulmonary-edema'), 'absent');
});

test('cleared findings are historical', () => {
  assert.equal(assertionOf('FINDINGS: Cleared left lower lobe airspace disease.', 'airspace-disease'), 'historical');
});

// Hedges as radiologists write them (issue 19): each reads as possible, never as certain.
test('"A or B", "A vs B", "either...or", "consistent with", "can be seen with", "cannot be excluded" are possible', () => {
  for (const [text, concept] of [
    ['FINDINGS: Left basilar atelectasis or pneumonia.', 'pneumonia'],
    ['FINDINGS: Left basilar atelectasis or pneumonia.', 'atelectasis'],
    ['IMPRESSION: Atelectasis vs pneumonia at the right base.', 'pneumonia'],
    ['IMPRESSION: Either a vascular space or a lacunar infarct.', 'chronic-infarct'],
    ['IMPRESSION: Findings are consistent with pneumonia.', 'pneumonia'],
    ['IMPRESSION: Hypervascularity compatible with epididymitis.', 'epididymitis'],
    ['IMPRESSION: This can be seen with sarcoidosis.', 'sarcoidosis'],
    ['IMPRESSION: Appearance is suggestive of pneumonia.', 'pneumonia'],
    ['IMPRESSION: An abscess cannot be excluded.', 'abscess'],
    // A question mark after the finding: "atelectasis?" is asked, not stated.
    ['FINDINGS: Linear density at the left base, atelectasis? No effusion.', 'atelectasis'],
    ['IMPRESSION: Left basilar atelectasis?', 'atelectasis'],
  ])
    assert.equal(assertionOf(text, concept), 'possible', `${concept}: ${text}`);
  assert.equal(assertionOf('FINDINGS: No effusion or pneumothorax.', 'pneumothorax'), 'absent');
  // The question reaches three words back, not the whole sentence.
  assert.equal(
    assertionOf('FINDINGS: Large right pleural effusion with adjacent compressive atelectasis, pneumonia?', 'pleural-effusion'),
    'present',
  );
});

test('"No X ... to suggest Y": Y is denied with X', () => {
  assert.equal(assertionOf('FINDINGS: No consolidation to suggest pneumonia.', 'pneumonia'), 'absent');
  assert.equal(assertionOf('FINDINGS: No mass effect to suggest hemorrhage.', 'hemorrhage'), 'absent');
  assert.equal(assertionOf('FINDINGS: No focal opacity is identified to suggest lobar pneumonia.', 'pneumonia'), 'absent');
  assert.equal(assertionOf('FINDINGS: No effusion, and the opacity suggests pneumonia.', 'pneumonia'), 'possible');
});

test('"X, which was seen before, was not detected now": a relative clause does not end the denial of its head', () => {
  for (const text of [
    'FINDINGS: Pneumothorax, which was observed on the right in the previous examination, was not detected in the current examination.',
    'FINDINGS: The pneumothorax, which was seen on the prior study, is not seen today.',
    'FINDINGS: Pneumothorax, which was present on the left before, is not seen.',
  ])
    assert.notEqual(assertionOf(text, 'pneumothorax'), 'present', text);
  assert.equal(
    assertionOf('FINDINGS: Pneumothorax, which was observed on the right in the previous examination, was not detected.', 'pneumothorax'),
    'absent',
  );
  // What the relative clause itself says stays its own; an unclosed clause still ends the scope.
  assert.equal(assertionOf('FINDINGS: Small pleural effusion, which was not seen before, is new.', 'pleural-effusion'), 'present');
  assert.equal(assertionOf('FINDINGS: There is a pneumothorax, which is not seen on the prior.', 'pneumothorax'), 'present');
  // A finding told as seen on the previous examination and not detected now.
  assert.equal(
    assertionOf(
      'FINDINGS: However, intra-abdominal free air views observed in previous examinations in the vicinity of this level were not detected in the current examination.',
      'pneumoperitoneum',
    ),
    'absent',
  );
});

test('"X compatible with Y was not detected": the denial after the phrase reaches the finding and its reading', () => {
  const text = 'FINDINGS: A filling defect compatible with embolism in the pulmonary arteries was not detected in this examination.';
  assert.equal(mentions(text, 'thrombus')[0].assertion, 'absent');
  assert.equal(assertionOf(text, 'pulmonary-embolism'), 'absent');
  assert.equal(assertionOf('FINDINGS: A nodule consistent with granuloma is not seen.', 'granuloma'), 'absent');
  // The reading of a finding that is there is not denied by a later statement's denial.
  assert.equal(assertionOf('FINDINGS: Opacity consistent with atelectasis, no effusion is seen.', 'atelectasis'), 'possible');
});

test('"no X in A and in B in favor of Y": "and" before a preposition joins places, not statements', () => {
  const text =
    'FINDINGS: There is no filling defect in favor of thrombus and mass in the heart cavities and in the vascular structures in favor of embolism.';
  assert.equal(assertionOf(text, 'pulmonary-embolism'), 'absent');
  assert.equal(assertionOf('FINDINGS: No effusion in the left and in the right hemithorax.', 'pleural-effusion'), 'absent');
  assert.equal(assertionOf('FINDINGS: No effusion and there is a pneumothorax on the right.', 'pneumothorax'), 'present');
});

test('"No X are noted ... to suggest Y": a presence verb does not close the denial that "to suggest" carries', () => {
  for (const text of [
    'FINDINGS: No abnormal susceptibility artifacts are noted on SWI images to suggest hemorrhage.',
    'FINDINGS: No abnormal signal is seen on gradient echo images to suggest hemorrhage.',
    'FINDINGS: No susceptibility is identified to indicate hemorrhage.',
  ])
    assert.equal(assertionOf(text, 'hemorrhage'), 'absent', text);
  assert.notEqual(assertionOf('FINDINGS: Susceptibility is noted on SWI images to suggest hemorrhage.', 'hemorrhage'), 'absent');
});

test('a hedged item of a history\'s list is the history\'s: "the clinical history of X and suspected Y"', () => {
  assert.equal(assertionOf('FINDINGS: No history of stroke.', 'infarct'), 'absent');
  assert.equal(
    assertionOf(
      'IMPRESSION: Given the clinical history of left gaze deviation and suspected new seizure or stroke, further evaluation with MRI may be helpful.',
      'infarct',
    ),
    'historical',
  );
  // After a comma the hedge is today's.
  assert.equal(assertionOf('FINDINGS: History of lymphoma, and possible pneumonia in the left lower lobe.', 'pneumonia'), 'possible');
});

test('a hedge over a history weighs a known history, no new result: "consistent with the patient\'s history of stroke"', () => {
  const known = (text, concept) => mentions(text, concept).map((m) => [m.assertion, m.f.critical]);
  assert.deepEqual(
    known("FINDINGS: Encephalomalacia in the left MCA territory, consistent with the patient's history of ischemic stroke.", 'infarct'),
    [['possible', null]],
  );
  assert.deepEqual(known('FINDINGS: Findings may relate to a history of stroke.', 'infarct'), [['possible', null]]);
  // A known malignancy may still be there: possible, not historical, but no new result to call about.
  assert.deepEqual(known('FINDINGS: Abnormal enhancement compatible with the history of malignancy.', 'malignancy'), [['possible', null]]);
  // The hedge nearer the finding is today's: "history of cough with possible pneumonia"; a new stroke is called.
  assert.equal(assertionOf('FINDINGS: History of cough with possible pneumonia in the left lower lobe.', 'pneumonia'), 'possible');
  assert.deepEqual(known('FINDINGS: Restricted diffusion, consistent with acute ischemic stroke.', 'infarct'), [['possible', 'minutes']]);
  // A denial still wins.
  assert.equal(assertionOf('FINDINGS: No findings to suggest history of stroke.', 'infarct'), 'absent');
});

test('a denial at the end of a long description of the earlier finding reaches it; a far recommendation does not', () => {
  assert.equal(
    assertionOf(
      'FINDINGS: However, intra-abdominal free air views observed in previous examinations in the vicinity of this level and in other intra-abdominal areas were not detected in the current examination.',
      'pneumoperitoneum',
    ),
    'absent',
  );
  assert.equal(
    assertionOf(
      'FINDINGS: The mass lesion described in the right lung on the prior study of last year Close follow-up is recommended.',
      'mass',
    ),
    'present',
  );
  assert.equal(assertionOf('IMPRESSION: Follow-up CT of the nodule is recommended.', 'nodule'), 'hypothetical');
});

test('what could not be evaluated is not asserted: "Free air ..., which was observed before, could not be evaluated"', () => {
  assert.equal(
    assertionOf(
      'FINDINGS: Free air at the rectosigmoid level, which was observed in the previous examination, could not be evaluated in the current examination.',
      'pneumoperitoneum',
    ),
    'hypothetical',
  );
  assert.equal(
    assertionOf('FINDINGS: The possible presence of a mass in this localization cannot be clearly evaluated.', 'mass'),
    'hypothetical',
  );
  assert.equal(assertionOf('FINDINGS: A mass is seen in the left upper lobe. The mediastinum cannot be evaluated.', 'mass'), 'present');
});

test('one item of a differential stays one: "less likely", "or other"', () => {
  const text =
    'FINDINGS: Differential considerations include a neoplastic process, such as glioma or metastasis, or less likely, an abscess or other infectious process.';
  const [abscess] = mentions(text, 'abscess');
  assert.equal(abscess.assertion, 'possible');
  assert.equal(abscess.f.hedge, 'differential');
  assert.equal(mentions('IMPRESSION: Atelectasis, less likely pneumonia.', 'pneumonia')[0].f.hedge, 'differential');
});

test('"lack of" denies what it names next to it, not what follows far after', () => {
  assert.equal(assertionOf('FINDINGS: Evaluation of the labrum is limited due to lack of joint fluid.', 'joint-effusion'), 'absent');
  assert.equal(assertionOf('FINDINGS: Lack of enhancement within the central portion of the mass.', 'mass'), 'present');
});

test('a recommended procedure is not a finding: "fine-needle aspiration is recommended"', () => {
  for (const text of [
    'IMPRESSION: Further evaluation with an endoscopic ultrasound and fine-needle aspiration is recommended for definitive diagnosis.',
    'IMPRESSION: Further evaluation, such as repeat fine-needle aspiration or biopsy, is recommended to determine the etiology.',
  ])
    // The needle's aspiration is a procedure, no aspiration of the lungs at all (a hypothetical one at most).
    assert.ok(
      understand(text).findings.every((f) => f.concept !== 'aspiration' || f.assertion === 'hypothetical'),
      text,
    );
});

test('a bare list of findings opening the sentence shares the denial after it; a modified first item does not', () => {
  for (const [text, concept] of [
    ['Active infiltration, mass lesion is not detected in both lungs.', 'infiltrate'],
    ['Pleural effusion, pneumothorax was not detected.', 'pleural-effusion'],
  ])
    assert.equal(assertionOf(text, concept), 'absent', text);
  for (const [text, concept] of [
    ['Mild cardiomegaly, effusion is not seen.', 'cardiomegaly'],
    ['Right pleural effusion, pneumothorax is not seen.', 'pleural-effusion'],
    ['There is consolidation, effusion is not seen.', 'consolidation'],
  ])
    assert.equal(assertionOf(text, concept), 'present', text);
});

test('contrast "not given" or "not administered" is no finding (a limit of the exam), never contrast present', () => {
  for (const text of [
    'FINDINGS: Mediastinum cannot be evaluated optimally because contrast material is not given.',
    'FINDINGS: Oral contrast was not administered.',
  ])
    assert.ok(!understand(text).findings.some((f) => f.concept === 'contrast-material' && f.assertion !== 'absent'), text);
});

test('"does not appear to be / represent A or B" denies both, past the word window of "not"', () => {
  for (const [text, concept] of [
    ['Does not appear to be a hydropneumothorax or empyema.', 'abscess'],
    ['This does not appear to represent an abscess or empyema.', 'abscess'],
    ['The lucency does not appear to be a pneumothorax or pneumomediastinum.', 'pneumomediastinum'],
    ['The opacity does not represent pneumonia or aspiration.', 'aspiration'],
  ]) {
    const said = mentions(text, concept).map((m) => m.assertion);
    assert.ok(said.length > 0 && said.every((a) => a === 'absent'), `${text}: ${said}`);
  }
  // What comes before the denial stays as it is said.
  assert.equal(assertionOf('Large right pneumothorax, which does not appear to be under tension.', 'pneumothorax'), 'present');
});

test('"not seen on the prior study" tells a finding new, not absent; "not seen on the current study" still denies it', () => {
  for (const [text, concept] of [
    ['FINDINGS: Type B aortic dissection, not seen on the prior study of 2 weeks ago.', 'aortic-dissection'],
    ['FINDINGS: Small left apical pneumothorax, not seen on the previous radiograph.', 'pneumothorax'],
    ['FINDINGS: A 6 mm nodule in the right upper lobe, not visible on the prior CT.', 'nodule'],
  ])
    assert.equal(assertionOf(text, concept), 'present', text);
  assert.equal(assertionOf('FINDINGS: The previously described nodule is not seen on the current study.', 'nodule'), 'absent');
  assert.equal(assertionOf('FINDINGS: No pneumothorax is seen on the prior study or today.', 'pneumothorax'), 'absent');
});

test('"developing" tells time, not doubt: a newly developing finding is present; only a hedge of its own makes it possible', () => {
  for (const [text, concept] of [
    ['FINDINGS: Newly developing consolidation in the right lower lobe.', 'consolidation'],
    ['FINDINGS: There is a newly developing small left pleural effusion.', 'pleural-effusion'],
    ['FINDINGS: Consolidation is developing in the lingula since the prior study.', 'consolidation'],
    ['FINDINGS: Developing atelectasis at the left base.', 'atelectasis'],
  ])
    assert.equal(assertionOf(text, concept), 'present', text);
  for (const text of [
    'IMPRESSION: Possibly developing pneumonia in the left lower lobe.',
    'IMPRESSION: Findings are concerning for developing pneumonia.',
    'IMPRESSION: Left basilar opacity may represent atelectasis or developing pneumonia.',
  ])
    assert.equal(assertionOf(text, 'pneumonia'), 'possible', text);
  assert.equal(assertionOf('FINDINGS: No newly developing pleural effusion.', 'pleural-effusion'), 'absent');
});

test('a degree word inside a hedge ("cannot be entirely ruled out", "not completely excluded") keeps the hedge', () => {
  for (const [sentence, concept] of [
    ['Malignancy cannot be entirely ruled out.', 'malignancy'],
    ['A malignant process cannot be completely excluded.', 'malignancy'],
    ['Likely atelectasis, although pneumonia cannot be totally excluded.', 'pneumonia'],
    ['Early appendicitis can not be fully ruled out.', 'appendicitis'],
  ])
    assert.equal(mentions(sentence, concept)[0]?.assertion, 'possible', sentence);
  // Without the hedge the denial reads as before.
  assert.equal(mentions('Malignancy has been ruled out.', 'malignancy')[0].assertion, 'absent');
  assert.equal(mentions('Malignancy has been completely ruled out.', 'malignancy')[0].assertion, 'absent');
});

test('"is/are no longer seen" makes what the prior showed historical, not present ("are no" is no denial before it)', () => {
  for (const [text, concept] of [
    ['FINDINGS: The infiltrates seen on the prior radiograph are no longer seen.', 'infiltrate'],
    ['FINDINGS: The previously noted right pleural effusion is no longer visible.', 'pleural-effusion'],
    ['FINDINGS: The ground-glass opacities in the right lower lobe were no longer observed.', 'ground-glass-opacity'],
  ])
    assert.equal(assertionOf(text, concept), 'historical', text);
  // Only what precedes the cue: a finding of the sentence before stays present.
  assert.equal(assertionOf('FINDINGS: Right lower lobe consolidation. The nodule is no longer seen.', 'consolidation'), 'present');
});

test('a hedged finding that has resolved is historical: whatever it was thought to be, it is gone today', () => {
  for (const [text, concept] of [
    ['FINDINGS: Possible small left pleural effusion has resolved.', 'pleural-effusion'],
    ['FINDINGS: Findings consistent with the infiltration observed on the prior study show full regression.', 'infiltrate'],
    ['FINDINGS: Opacities which may represent pneumonia have resolved.', 'pneumonia'],
  ])
    assert.equal(assertionOf(text, concept), 'historical', text);
  // Not a word of resolution: the hedge stands; another clause's resolution is not this finding's; a denial still wins.
  assert.equal(assertionOf('FINDINGS: Probable atelectasis at the left base, seen previously.', 'atelectasis'), 'possible');
  assert.equal(
    assertionOf('FINDINGS: Possible pneumonia in the right lower lobe; the left effusion has resolved.', 'pneumonia'),
    'possible',
  );
  assert.equal(
    assertionOf('FINDINGS: The consolidation shows partial regression; possible superimposed infection.', 'consolidation'),
    'present',
  );
  assert.equal(assertionOf('FINDINGS: No pneumothorax, which has resolved.', 'pneumothorax'), 'absent');
});
