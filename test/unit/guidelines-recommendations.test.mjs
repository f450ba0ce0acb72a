// The report's own recommendations in the forms radiologists write them: with or without a verb, in
// steps, deferring to the guideline, naming no finding; and the nodule count they are judged against.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine, registry } from '../helpers/engine.mjs';
import { check, facts as factsLib, followups, guidelines, nlp, reportLib } from '../helpers/guidelines.mjs';

const p = followups.parseFollowUp;
const CT = (a, b = a) => ({ action: 'imaging', modality: ['CT'], months: [a, b] });

/** @type {(text: string, risk?: 'low' | 'high' | 'unknown') => any} */
const analyse = (text, risk = 'low') => {
  const report = reportLib.parseReport(text);
  return check.analyse(report, nlp.understand(report), { risk }).find((r) => r.recommendation.status === 'recommend');
};
const CHEST = (findings, impression) =>
  `EXAM: CT chest without contrast\nHISTORY: 62-year-old woman with cough.\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`;

test('a recommendation without a verb: a modality or action and a time to come', () => {
  assert.deepEqual(p('CT at 6–12 months to confirm persistence.'), [CT(6, 12)]);
  assert.deepEqual(p('Chest CT in 3 months.'), [CT(3)]);
  assert.deepEqual(p('PET/CT or tissue sampling.'), [{ action: 'pet' }, { action: 'biopsy' }]);
  assert.deepEqual(p('Optional CT at 12 months.'), [{ action: 'none' }, CT(12)]);
  assert.deepEqual(p('No routine follow-up.'), [{ action: 'none' }]);
  // A comparison or a past study is not one.
  assert.equal(p('Unchanged from CT at 3 months.'), null);
  assert.equal(p('CT 6 months ago showed a 4 mm nodule.'), null);
  assert.equal(p('Compared with CT in 2 years, no change.'), null);
  assert.equal(p('The nodule measured 5 mm on CT at 6 months.'), null);
});

test('an exam or a biopsy denied as the subject is a recommendation of none, not of what it names', () => {
  for (const said of [
    'Additional views are not required.',
    'Spot compression views of the left breast are not needed.',
    'A biopsy is not planned at this time.',
    'Tissue sampling is not indicated.',
    'Breast MRI will not be necessary.',
    'Ultrasound is not currently warranted.',
    'Follow-up CT is not recommended.',
    // "No <exam> is needed", "no need for <exam>".
    'No additional views are needed.',
    'No MRI is necessary at this time.',
    'There is no need for further imaging.',
    'No need for biopsy.',
  ])
    assert.deepEqual(p(said), [{ action: 'none' }], said);
  // Said without the denial, the same words still recommend.
  assert.deepEqual(p('Additional views are required.'), [{ action: 'imaging', modality: ['MG'] }]);
  assert.deepEqual(p('A biopsy is planned.'), [{ action: 'biopsy' }]);
  assert.deepEqual(p('Ultrasound is recommended in 6 months.'), [{ action: 'imaging', modality: ['US'], months: [6, 6] }]);
  // An exam's own evidence or correlate denied is no recommendation at all.
  for (const said of [
    'No mammographic evidence of malignancy.',
    'No MRI evidence of implant rupture.',
    'No additional views were obtained.',
  ])
    assert.equal(p(said), null, said);
  // A later step after the denial still counts.
  assert.deepEqual(p('Additional views are not required; follow-up in 6 months.'), [
    { action: 'none' },
    { action: 'imaging', months: [6, 6] },
  ]);
});

test('a recommendation in steps: the first step is the recommendation, later steps continue it', () => {
  const report = reportLib.parseReport(
    'IMPRESSION: Multiple ground-glass nodules. CT at 3–6 months, then at 18–24 months if unchanged. If stable, consider CT at 2 and 4 years.',
  );
  const said = followups.findFollowUps(report);
  assert.equal(said.length, 1);
  assert.deepEqual(said[0].options, [CT(3, 6)]);
  assert.deepEqual(said[0].later, [[CT(18, 24)], [CT(48)]]);
  assert.equal(said[0].continuedBy.length, 1);
});

test('a recommendation deferring to the guideline agrees; one naming no finding binds to the nodule', () => {
  assert.equal(analyse(CHEST('A 7 mm nodule in the right upper lobe.', 'Nodule.\nFollow-up per Fleischner guidelines.')).verdict, 'agree');
  // Two sentences away from the nodule, naming nothing: still about it.
  const wrong = analyse(
    CHEST(
      'A 7 mm nodule in the right upper lobe. Heart normal. No effusion.',
      '1. Nodule.\n2. No acute process.\n3. Follow-up CT in 3 months.',
    ),
  );
  assert.equal(wrong.verdict, 'disagree');
  const none = analyse(
    CHEST('A 10 mm nodule in the right upper lobe. No effusion.', '1. Nodule.\n2. Mild emphysema.\n3. No follow-up needed.'),
  );
  assert.equal(none.verdict, 'disagree');
  // A recommendation naming another finding is about that one.
  const other = analyse(
    CHEST(
      'A 7 mm nodule in the right upper lobe. Right lower lobe pneumonia.',
      '1. Nodule.\n2. Pneumonia.\n3. Pneumonia: chest radiograph in 6 weeks to document resolution.',
    ),
  );
  assert.notEqual(other.verdict, 'disagree');
});

test('subsolid sequences are checked as the table gives them', () => {
  const right = analyse(
    CHEST(
      'Multiple ground-glass nodules, the largest 4 mm.',
      'Ground-glass nodules.\nCT at 3–6 months. If stable, consider CT at 2 and 4 years.',
    ),
  );
  assert.equal(right.verdict, 'agree', right.recommendation.text);
  const wrongFirst = analyse(
    CHEST('A 12 mm part-solid nodule with a 4 mm solid component.', 'Part-solid nodule. CT in 12 months, then yearly for 5 years.'),
  );
  assert.equal(wrongFirst.verdict, 'disagree');
  const rightPartSolid = analyse(
    CHEST(
      'A 12 mm part-solid nodule with a 4 mm solid component.',
      'Part-solid nodule. CT in 3–6 months to confirm persistence; if unchanged, CT every year for 5 years.',
    ),
  );
  assert.equal(rightPartSolid.verdict, 'agree');
  const wrongLater = analyse(
    CHEST('A 7 mm solid nodule in the left upper lobe.', 'Nodule. CT at 6–12 months, then CT at 5 years if stable.'),
  );
  assert.equal(wrongLater.verdict, 'disagree');
});

test('counting: plural words, number words and listed nodules of the same size are multiple', () => {
  const count = (findings) => {
    const report = reportLib.parseReport(CHEST(findings, 'See above.'));
    return factsLib.extractCases(report, nlp.understand(report)).find((c) => c.guideline.id === 'fleischner-2017')?.facts.count;
  };
  assert.equal(count('Two 5 mm nodules in the right upper lobe.'), 'multiple');
  assert.equal(count('Bilateral 4 mm nodules.'), 'multiple');
  assert.equal(count('5 mm nodule in the right upper lobe. 5 mm nodule in the left lower lobe.'), 'multiple');
  assert.equal(count('A 5 mm nodule in the right upper lobe. The 5 mm nodule is solid.'), 'single');
  assert.equal(count('In the right upper lobe there is a 5 mm nodule.'), 'single');
  // A summary repeating the nodule at the same place, without an IMPRESSION header, is still one.
  assert.equal(count('An 8 mm nodule in the left lower lobe. Mild emphysema. 8 mm nodule in the left lower lobe.'), 'single');
});

test('a size written as an upper bound ("less than 6 mm") falls below it', () => {
  const r = analyse(CHEST('Two nodules less than 6 mm in diameter in the right middle lobe.', 'See above.'));
  assert.match(r.recommendation.text, /no routine follow-up/);
});

test('of several nodules the most suspicious drives the row', () => {
  const r = analyse(
    CHEST(
      'A 9 mm ground-glass nodule in the right upper lobe. A 7 mm part-solid nodule with a 3 mm solid component in the left lower lobe.',
      'Nodules.',
    ),
  );
  assert.equal(r.case.facts.count, 'multiple');
  assert.match(r.recommendation.text, /CT at 3–6 months/);
});

test('every Fleischner cell, in every recommendation style: right advice left alone, wrong advice warned', async () => {
  const { followUpCases } = await import('../../scripts/lib/followup-cases.mjs');
  const rule = registry.RULES.filter((r) => r.id === 'follow-up-recommendation');
  const fleischner = guidelines.GUIDELINES.filter((g) => g.id === 'fleischner-2017');
  const misses = [];
  for (const c of followUpCases(fleischner, guidelines.followUpAgrees, 7)) {
    const problems = engine.analyze(c.text, { ruleOptions: { 'follow-up-recommendation': { risk: c.risk } } }, rule).problems;
    const ok = c.right ? problems.length === 0 : problems.some((p) => p.severity === 'warning');
    if (!ok) misses.push(`${c.row.id} ${c.style} ${c.right ? 'right' : 'wrong'}: ${c.text}`);
  }
  assert.deepEqual(misses, []);
});
