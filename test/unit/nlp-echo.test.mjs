// Echocardiography: valve and chamber abbreviations read as findings with their grade, pressures by their value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions, understand } from '../helpers/nlp.mjs';

const read = (text) => understand(text).findings.map((f) => `${f.concept} ${f.assertion}${f.significant ? ' significant' : ''}`);

test('graded valve abbreviations are regurgitation or stenosis, significant from moderate on', () => {
  assert.deepEqual(read('Mild AI.'), ['aortic-regurgitation present']);
  assert.deepEqual(read('There is mild-to-moderate MR present.'), ['mitral-regurgitation present significant']);
  assert.deepEqual(read('Moderate TR is noted.'), ['tricuspid-regurgitation present significant']);
  assert.deepEqual(read('There is a trace TR present.'), ['tricuspid-regurgitation present']);
  assert.deepEqual(read('Pulmonic valve showed mild PI.'), ['pulmonic-regurgitation present']);
  assert.deepEqual(read('Calcified valve with severe AS, peak gradient 64 mmHg.'), ['aortic-valve-stenosis present significant']);
  assert.deepEqual(read('No aortic insufficiency.'), ['aortic-regurgitation absent']);
  // Spelt out, the grade before the term weighs the same.
  assert.deepEqual(read('Moderate to severe tricuspid regurgitation.'), ['tricuspid-regurgitation present significant']);
  assert.deepEqual(read('Trace mitral insufficiency.'), ['mitral-regurgitation present']);
});

test('the same capitals in other senses are no valve finding', () => {
  // "MR" is the modality, "AS" an English word in capitals, a bare "TR" the jet measured for the pressure.
  assert.deepEqual(read('MR angiography of the brain was performed.'), []);
  assert.deepEqual(read('NO CHANGE AS COMPARED TO THE PRIOR STUDY.'), []);
  assert.deepEqual(read('Peak TR jet velocity 2.4 m/s.'), []);
  assert.ok(!read('The narrowing is not as severe as on the prior MR.').some((f) => f.startsWith('aortic')));
  // Bare "AI" and "AR" are artificial intelligence, augmented reality, an author's initials: only graded are they the valve.
  assert.deepEqual(read('Findings were reviewed with the AI software.'), []);
  assert.deepEqual(read('Images were processed with an AI-based algorithm.'), []);
  assert.deepEqual(read('Dictated by AR, reviewed by the attending.'), []);
});

test('PFO and LVH are findings; mild LVH is minor', () => {
  assert.deepEqual(read('Bubble study shows a small PFO with right-to-left shunting.'), ['patent-foramen-ovale present significant']);
  assert.deepEqual(read('No PFO is seen.'), ['patent-foramen-ovale absent significant']);
  assert.deepEqual(read('The left ventricle is normal in size with mild LVH.'), ['left-ventricular-hypertrophy present']);
  assert.deepEqual(read('Severe concentric left ventricular hypertrophy.'), ['left-ventricular-hypertrophy present significant']);
});

test('an estimated right heart pressure above 36 mmHg is pulmonary hypertension; at or under it, nothing', () => {
  // ESC/ERS: PH unlikely up to a PASP of 36 mmHg, possible from 37 (pressures.json).
  for (const text of ['PA systolic pressure is 36 mmHg.', 'Estimated RVSP 35 mm Hg.', 'The PASP was estimated at 36 mmHg.'])
    assert.deepEqual(mentions(text, 'pulmonary-hypertension'), [], text);
  for (const text of ['PA systolic pressure is 37 mmHg.', 'Estimated RVSP of 40 mmHg.'])
    assert.deepEqual(
      mentions(text, 'pulmonary-hypertension').map((m) => m.assertion),
      ['present'],
      text,
    );
  assert.deepEqual(
    mentions('RVSP 45 mmHg.', 'pulmonary-hypertension').map((m) => m.assertion),
    ['present'],
  );
  assert.deepEqual(
    mentions('The estimated PA systolic pressure is 55-60 mm Hg.', 'pulmonary-hypertension').map((m) => m.assertion),
    ['present'],
  );
  assert.deepEqual(mentions('The estimated right ventricular systolic pressure is 28 mmHg.', 'pulmonary-hypertension'), []);
  assert.deepEqual(mentions('Unable to estimate PA systolic pressure accurately.', 'pulmonary-hypertension'), []);
  // Named in words too, it is one finding, not two.
  assert.equal(mentions('Moderate pulmonary hypertension, RVSP 58 mmHg.', 'pulmonary-hypertension').length, 1);
  // A value quoted from another study is that study's: historical, not today's finding.
  assert.deepEqual(
    mentions('On the recent outside echocardiogram, RVSP was calculated at 40 mmHg on that study.', 'pulmonary-hypertension').map(
      (m) => m.assertion,
    ),
    ['historical'],
  );
  assert.deepEqual(
    mentions('RVSP is 48 mmHg, previously 30 mmHg.', 'pulmonary-hypertension').map((m) => m.assertion),
    ['present'],
  );
  // Compared with another study, today's value is today's: only a value the other study gave is historical.
  for (const sentence of [
    'Compared to the prior study, the RVSP has increased to 55 mmHg.',
    'In comparison with the previous echocardiogram, the estimated PA systolic pressure is now 60 mmHg.',
    'Estimated RVSP of 50 mmHg, higher than on the previous study.',
    'The RVSP has increased to 55 mmHg from 40 mmHg on the prior echo.',
    // An aside quoting the prior value is about that value, not today's (rev13 #5).
    'Estimated RVSP is 55 mmHg (previously 30 mmHg).',
    'PA systolic pressure 62 mmHg (prior 41 mmHg).',
  ])
    assert.deepEqual(
      mentions(sentence, 'pulmonary-hypertension').map((m) => m.assertion),
      ['present'],
      sentence,
    );
  assert.deepEqual(
    mentions('On the prior echo, the RVSP was 45 mmHg.', 'pulmonary-hypertension').map((m) => m.assertion),
    ['historical'],
  );
  assert.deepEqual(
    mentions('RVSP on the previous study was 52 mmHg.', 'pulmonary-hypertension').map((m) => m.assertion),
    ['historical'],
  );
});

test("septal hypertrophy is the left ventricle's, measured by its wall; hypertrophic cardiomyopathy is its own; myocardial fibrosis is no lung fibrosis", () => {
  assert.deepEqual(read('Asymmetric septal hypertrophy, maximal wall thickness 21 mm.'), ['left-ventricular-hypertrophy present']);
  assert.deepEqual(read('Findings are consistent with hypertrophic obstructive cardiomyopathy.'), [
    'hypertrophic-cardiomyopathy possible significant',
  ]);
  assert.deepEqual(read('Known HCM.').length, 1);
  assert.deepEqual(read('Late gadolinium enhancement in the septum, suggestive of myocardial fibrosis.'), []);
  assert.deepEqual(read('Advanced hepatic fibrosis with a nodular contour.'), []);
  assert.ok(read('Basilar predominant fibrosis with honeycombing.').includes('pulmonary-fibrosis present significant'));
});

test('reduced left ventricular systolic function is a finding in words, by the ejection fraction, or as global hypokinesis', () => {
  const reduced = ['reduced-ejection-fraction present significant'];
  assert.deepEqual(read('Severely reduced ejection fraction.'), reduced);
  assert.deepEqual(read('Left ventricular systolic function is moderately reduced.'), reduced);
  assert.deepEqual(read('Global hypokinesis of the left ventricle.'), reduced);
  assert.deepEqual(read('Diffuse hypokinesis with depressed LV systolic function.').slice(0, 1), reduced);
  // The number alone states it: below 50% (the lower end of a range), after a colon too.
  assert.deepEqual(read('LVEF 30%.'), reduced);
  assert.deepEqual(read('The left ventricular ejection fraction is estimated at 30-35%.'), reduced);
  assert.deepEqual(read('LV ejection fraction was 40 to 45 %.'), reduced);
  assert.deepEqual(read('FINDINGS: EF: 35%.'), reduced);
  assert.deepEqual(read('Estimated ejection fraction of 55-60%.'), []);
  assert.deepEqual(read('LVEF: 65%.'), []);
  assert.deepEqual(read('Ejection fraction is not reduced.'), ['reduced-ejection-fraction absent significant']);
  // Quoted from another study, the value is that study's.
  assert.deepEqual(read('LVEF on the prior echo was 30%.'), ['reduced-ejection-fraction historical significant']);
});

test("another organ's or chamber's ejection fraction is no reduced left ventricular function", () => {
  // A hepatobiliary scan's gallbladder ejection fraction, in words or by number; the right ventricle's.
  assert.deepEqual(read('Decreased gallbladder ejection fraction of 20%, consistent with biliary dyskinesia.'), []);
  assert.deepEqual(read('The gallbladder ejection fraction is reduced.'), []);
  assert.deepEqual(read('After sincalide, the ejection fraction at 30 minutes was 32% (normal is greater than 35%).'), []);
  assert.deepEqual(read('Right ventricular ejection fraction 40%.'), []);
  assert.deepEqual(read('The right ventricular systolic function is reduced.'), []);
  assert.deepEqual(read('RV EF: 30%.'), []);
  assert.deepEqual(read('The right ventricle is dilated with an ejection fraction of 30%.'), []);
  // An echo names both ventricles in one sentence: the other chamber in another clause leaves the LV's value its own.
  const reduced = ['reduced-ejection-fraction present significant'];
  assert.deepEqual(read('LVEF 25%, RV size and function normal.'), reduced);
  assert.deepEqual(read('Left ventricular ejection fraction of 35%; the RV is normal in size.'), reduced);
  assert.deepEqual(read('RV EF 30%, LVEF 60%.'), []);
});

test('left atrial enlargement is a finding of its own, significant from moderate on', () => {
  assert.deepEqual(read('The left atrium is moderately dilated.'), ['left-atrial-enlargement present significant']);
  assert.deepEqual(read('Severe left atrial enlargement.'), ['left-atrial-enlargement present significant']);
  assert.deepEqual(read('Mildly enlarged left atrium.'), ['left-atrial-enlargement present']);
  assert.deepEqual(read('Left atrial size is enlarged at 4.6 cm.'), ['left-atrial-enlargement present']);
  assert.deepEqual(read('No left atrial enlargement.'), ['left-atrial-enlargement absent']);
});
