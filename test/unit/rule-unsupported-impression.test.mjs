import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { engine, problemsOf, root } from '../helpers/engine.mjs';

const RULE = 'unsupported-impression';
const slice = (text, p) => text.slice(p.start, p.end);
const rules = (text) => engine.checkText(text).problems.map((p) => p.rule);

test('unsupported-impression: an impression finding the findings never describe', () => {
  // Over "The lungs are clear" the pneumonia is now a contradiction (issue 11): findings that say nothing of the lungs.
  const text = 'FINDINGS: Heart size is normal. No pleural effusion.\nIMPRESSION: Right lower lobe pneumonia.';
  const [p, ...rest] = problemsOf(RULE, text);
  assert.equal(rest.length, 0);
  assert.equal(p.category, 'insertion');
  assert.equal(slice(text, p), 'pneumonia');
  assert.equal(p.side, 'right');
  assert.match(slice(text, p.related[0]), /^Heart size is normal/);
});

test('unsupported-impression: an added numbered item', () => {
  const text =
    'FINDINGS: Small left pleural effusion. No pneumothorax.\nIMPRESSION:\n1. Small left pleural effusion.\n2. Large hiatal hernia.';
  assert.deepEqual(
    problemsOf(RULE, text).map((p) => p.finding),
    ['hiatal hernia'],
  );
});

test('unsupported-impression: supported by the same finding in other words, silent on denials and hedges', () => {
  for (const text of [
    'FINDINGS: Patchy opacity in the right lower lobe.\nIMPRESSION: Right lower lobe pneumonia.',
    'FINDINGS: Enlarged cardiac silhouette, vascular congestion and bilateral effusions.\nIMPRESSION: Congestive heart failure.',
    'FINDINGS: No pleural effusion.\nIMPRESSION: Small left pleural effusion.', // a contradiction, not an insertion
    'FINDINGS: The lungs are clear.\nIMPRESSION: No pneumonia.',
    'FINDINGS: The lungs are clear.\nIMPRESSION: Clinical correlation to exclude pneumonia.',
    'FINDINGS: See impression.\nIMPRESSION: Right lower lobe pneumonia.',
    'IMPRESSION: Right lower lobe pneumonia.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('unsupported-impression: silent on the correct examples', () => {
  for (const file of ['chest-radiograph-normal.rpt', 'ct-head-hemorrhage.rpt', 'ct-abdomen-pelvis.rpt']) {
    assert.deepEqual(problemsOf(RULE, fs.readFileSync(path.join(root, 'examples', file), 'utf8')), [], file);
  }
});

test('an impression that contradicts itself: a normal sentence beside an unsupported finding', () => {
  for (const impression of [
    'Unremarkable study. Small left apical pneumothorax.',
    '1. Stable chest. 2. New right hilar mass.',
    'No acute cardiopulmonary abnormality. Mild pulmonary edema.',
  ]) {
    const text = `FINDINGS: The heart is normal in size. No pleural effusion.\n\nIMPRESSION: ${impression}`;
    assert.ok(
      rules(text).some((r) => r === 'unsupported-impression' || r === 'findings-impression-contradiction'),
      impression,
    );
  }
  // Without the normal statement a mild finding may be added in passing, as before.
  const mild = 'FINDINGS: The heart is normal in size. No pleural effusion.\n\nIMPRESSION: Mild pulmonary edema.';
  assert.equal(problemsOf('unsupported-impression', mild).length, 0);
});

test('unsupported-impression: a diagnosis outside the exam is not supported by what it would cover there', () => {
  const text =
    'EXAM: MRI of the right elbow.\nFINDINGS: Distal biceps tendinopathy. Mild edema of the biceps brachii muscle belly.\nIMPRESSION: Distal biceps tendinopathy with muscle edema. Acute appendicitis.';
  const problems = engine.checkText(text).problems.filter((p) => p.rule === 'unsupported-impression');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /appendicitis/);
});

test('unsupported-impression: a finding of another organ does not describe the diagnosis', () => {
  const text =
    'EXAM: CT SINUSES\nFINDINGS: Mucosal thickening with opacification of the maxillary sinuses.\n' +
    'IMPRESSION: Maxillary sinusitis. Right lower lobe pneumonia.';
  const ps = problemsOf('unsupported-impression', text);
  assert.deepEqual(
    ps.map((p) => text.slice(p.start, p.end)),
    ['pneumonia'],
  );
  const supported =
    'EXAM: CT CHEST\nFINDINGS: Opacification of the right lower lobe with air bronchograms.\nIMPRESSION: Right lower lobe pneumonia.';
  assert.deepEqual(problemsOf('unsupported-impression', supported), []);
});

test("unsupported-impression: a mild finding beside an organ's short normal statement", () => {
  const text =
    'EXAM: CT ABDOMEN AND PELVIS\nFINDINGS: Bilateral nonobstructing intrarenal stones. The appendix is normal.\n' +
    'IMPRESSION: 1. Bilateral intrarenal stones, no obstruction. 2. Normal appendix. 3. Mild pulmonary edema.';
  assert.deepEqual(
    problemsOf(RULE, text).map((p) => slice(text, p)),
    ['pulmonary edema'],
  );
});

test('unsupported-impression: a mild finding beside a statement that only denies ("No pleural effusion or pneumothorax.")', () => {
  for (const [exam, findings, impression, named] of [
    [
      'CT CHEST',
      'No mediastinal or hilar lymphadenopathy. No pleural effusion or pneumothorax. The heart is normal in size.',
      'No pleural effusion or pneumothorax. Mild pulmonary edema.',
      'pulmonary edema',
    ],
    [
      'ULTRASOUND ABDOMEN',
      'The liver is normal in echotexture. The gallbladder is without gallstones or wall thickening. No hydronephrosis.',
      '1. No gallstones. No hydronephrosis. 2. Mild splenomegaly.',
      'splenomegaly',
    ],
  ]) {
    const text = `EXAM: ${exam}\nFINDINGS: ${findings}\nIMPRESSION: ${impression}`;
    assert.deepEqual(
      problemsOf(RULE, text).map((p) => slice(text, p)),
      [named],
      impression,
    );
  }
  // Described in the findings, it stands beside the denial as it should.
  const told =
    'EXAM: CT CHEST\nFINDINGS: Mild interlobular septal thickening and vascular congestion, mild pulmonary edema. No pleural effusion.\nIMPRESSION: No pleural effusion or pneumothorax. Mild pulmonary edema.';
  assert.deepEqual(problemsOf(RULE, told), []);
  // A statement naming a finding it affirms is no denial: a mild finding beside it may be added in passing.
  const beside =
    'EXAM: CT CHEST\nFINDINGS: Small right pleural effusion. No pneumothorax.\nIMPRESSION: Small right pleural effusion. Mild pulmonary edema.';
  assert.deepEqual(problemsOf(RULE, beside), []);
  // Pulmonary edema accounts for opacities, but an opacity alone does not show edema.
  const opacity =
    'EXAM: CHEST 2 VIEWS\nFINDINGS: Streaky left retrocardiac airspace opacity. No pleural effusion.\nIMPRESSION: No pneumothorax. Mild pulmonary edema.';
  assert.deepEqual(
    problemsOf(RULE, opacity).map((p) => slice(opacity, p)),
    ['pulmonary edema'],
  );
});

test('unsupported-impression: the findings may tell the phrase in their own order ("the bladder demonstrates ... wall thickening")', () => {
  const at = (findings, impression) =>
    problemsOf('unsupported-impression', `EXAM: CT abdomen and pelvis\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`);
  assert.deepEqual(
    at(
      'The urinary bladder demonstrates a focal area of wall thickening in the right posterolateral wall measuring 1.2 cm. The liver is normal.',
      'Focal bladder wall thickening, suspicious for bladder neoplasm.',
    ),
    [],
  );
  assert.deepEqual(
    at('The right kidney appears to be atrophic and displays abnormal enhancement. The liver is normal.', 'Atrophic right kidney.'),
    [],
  );
  // The organ alone, or the words in another organ, do not tell it.
  assert.equal(at('The right kidney is normal in size. The liver is atrophic.', 'Atrophic right kidney.').length, 1);
});

test('unsupported-impression: "cervical shortening" is told by "the cervix measures 2.4 cm, shortened"; a normal cervix does not tell it', () => {
  const ob = (findings) =>
    problemsOf(
      RULE,
      `EXAM: Obstetric ultrasound.\nFINDINGS: Single live intrauterine pregnancy. ${findings}\nIMPRESSION: Cervical shortening to 2.4 cm.\n`,
    );
  assert.deepEqual(ob('The cervix measures 2.4 cm in length, shortened since the prior study.'), []);
  assert.equal(ob('The cervix measures 4.0 cm in length.').length, 1);
});

test('unsupported-impression: a healed granuloma, or an opacity read as something else or lying elsewhere, shows no mass', () => {
  const mass = (findings, impression = 'Spiculated right upper lobe mass, suspicious for malignancy.') =>
    problemsOf(RULE, `FINDINGS: Heart size is normal. No pneumothorax. ${findings}\nIMPRESSION: ${impression}\n`).map((p) => p.finding);
  // Benign and healed: a calcified granuloma, granulomatous disease.
  assert.deepEqual(mass('There is a calcified granuloma in the right midlung.'), ['mass']);
  assert.deepEqual(mass('Scattered calcified granulomas.'), ['mass']);
  assert.deepEqual(mass('Nodular densities consistent with chronic granulomatous disease.'), ['mass']);
  // An opacity the sentence reads as another finding, or at another place.
  assert.deepEqual(mass('Streaky opacity in the right lower lobe, likely subsegmental atelectasis.'), ['mass']);
  assert.deepEqual(mass('Bibasilar airspace opacities.', 'Right upper lobe mass.'), ['mass']);
  assert.deepEqual(mass('There is an opacity projecting over the left midlung.', 'Right upper lobe mass.'), ['mass']);
  // Still shown: the density at its place, or the granuloma under the nodule it is.
  assert.deepEqual(mass('There is a 4 cm rounded density in the right upper lung zone.', 'Right upper lobe mass.'), []);
  assert.deepEqual(mass('Large opacity in the right upper lobe.', 'Right upper lobe mass.'), []);
  assert.deepEqual(mass('Calcified granuloma in the left upper lobe.', 'Left upper lobe calcified nodule, a granuloma.'), []);
});

test('unsupported-impression: atelectasis shows neither a hiatal hernia nor a pleural effusion; obscured bases show an effusion', () => {
  const at = (findings, impression) =>
    problemsOf(RULE, `FINDINGS: Heart size is normal. No pneumothorax. ${findings}\nIMPRESSION: ${impression}\n`).map((p) => p.finding);
  assert.deepEqual(at('Bandlike opacities in the right base consistent with atelectasis.', 'Atelectasis. Large hiatal hernia.'), [
    'hiatal hernia',
  ]);
  assert.deepEqual(at('Minimal atelectasis or scarring in the left lower lobe.', 'Moderate hiatal hernia.'), ['hiatal hernia']);
  assert.deepEqual(at('Patchy left basilar atelectasis.', 'Left basilar atelectasis. Small left pleural effusion.'), ['pleural effusion']);
  assert.deepEqual(at('The left hemidiaphragm is obscured.', 'Small left pleural effusion.'), []);
  assert.deepEqual(at('There is obscuration of the bilateral lung bases.', 'Bilateral pleural effusions.'), []);
  assert.deepEqual(at('Retrocardiac air-fluid level.', 'Hiatal hernia.'), []);
});

test('unsupported-impression: a tumour in the findings does not show lymphadenopathy the findings never describe', () => {
  const at = (exam, findings, impression) =>
    problemsOf(RULE, `EXAM: ${exam}\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`).map((p) => p.finding);
  assert.deepEqual(
    at(
      'MR BRAIN',
      'There is a new enhancing mass in the right occipital lobe, suggesting a neoplastic process, with vasogenic edema.',
      'New right occipital lobe mass. Mediastinal lymphadenopathy.',
    ),
    ['lymphadenopathy'],
  );
  assert.deepEqual(
    at(
      'CT chest',
      '4 cm spiculated mass in the right upper lobe. No pleural effusion.',
      'Right upper lobe mass with mediastinal lymphadenopathy.',
    ),
    ['lymphadenopathy'],
  );
  assert.deepEqual(
    at(
      'CT chest',
      '4 cm spiculated mass in the right upper lobe. Enlarged right hilar lymph nodes measuring up to 15 mm.',
      'Right upper lobe mass with right hilar lymphadenopathy, suspicious for malignancy.',
    ),
    [],
  );
});

test('unsupported-impression: aortic stenosis is described by its valve and its measures, not only by name', () => {
  const echo = (findings) =>
    `EXAM: Transthoracic echocardiogram.\nFINDINGS: ${findings} Normal left ventricular function.\nIMPRESSION: Severe aortic stenosis.`;
  for (const f of [
    'The aortic valve is thick and calcified with a severely restricted opening.',
    'Heavily calcified aortic valve leaflets with reduced excursion.',
    'Peak velocity 4.6 m/s and mean gradient 52 mmHg across the aortic valve.',
  ])
    assert.deepEqual(problemsOf(RULE, echo(f)), [], f);
  assert.equal(problemsOf(RULE, echo('The mitral valve is normal.')).length, 1);
});

test("unsupported-impression: another valve's or vessel's measures are no evidence of aortic stenosis; the aortic valve's are", () => {
  const echo = (findings) =>
    `EXAM: Transthoracic echocardiogram.\nFINDINGS: ${findings} Normal left ventricular function.\nIMPRESSION: Severe aortic stenosis.`;
  for (const f of [
    'Mitral valve area 1.2 cm2 by pressure half-time.',
    'Mitral valve: mean gradient 10 mmHg, valve area 1.1 cm2.',
    'Tricuspid regurgitation peak velocity 3.1 m/s.',
  ])
    assert.equal(problemsOf(RULE, echo(f)).length, 1, f);
  for (const f of [
    'AV peak velocity 4.5 m/s, mean gradient 48 mmHg.',
    'Transaortic mean gradient 45 mmHg.',
    'Aortic valve area by continuity equation 0.8 cm2.',
  ])
    assert.deepEqual(problemsOf(RULE, echo(f)), [], f);
});
