// The evaluator and extractor on the cases radiologists argue about: size boundaries as each paper
// measures them, unknown risk, units, multiple nodules, volumes, scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guidelines, facts as factsLib, followups, nlp, reportLib } from '../helpers/guidelines.mjs';

const { GUIDELINE_BY_ID, evaluate, recommend } = guidelines;
const fleischner = GUIDELINE_BY_ID.get('fleischner-2017');
const lungRads = GUIDELINE_BY_ID.get('lung-rads-2022');
/** @type {(size: number, extra?: object) => import('../../server/src/guidelines/index.js').Facts} */
const solid = (size, extra = {}) => ({
  concept: 'nodule',
  dimensionsMm: [size],
  modality: 'CT',
  context: [],
  features: [],
  age: 60,
  risk: 'low',
  ...extra,
});
const rowOf = (g, f) => evaluate(g, f).rows.map((r) => r.id);

test('Fleischner rounds the mean diameter to the nearest mm: 5.4 < 6; 5.5, 5.9, 6, 8, 8.1, 8.4 are 6–8; 8.5 > 8', () => {
  assert.deepEqual(rowOf(fleischner, solid(5.4)), ['solid-single-lt6-low']);
  for (const s of [5.5, 5.9, 6, 7, 8, 8.1, 8.4]) assert.deepEqual(rowOf(fleischner, solid(s)), ['solid-single-6to8-low'], String(s));
  for (const s of [8.5, 9, 20]) assert.deepEqual(rowOf(fleischner, solid(s)), ['solid-single-gt8'], String(s));
});

test('Fleischner measures the mean of long and short axes: 9 x 5 mm is 7 mm', () => {
  assert.deepEqual(rowOf(fleischner, solid(0, { dimensionsMm: [9, 5] })), ['solid-single-6to8-low']);
  assert.equal(evaluate(fleischner, solid(0, { dimensionsMm: [9, 5] })).sizeMm, 7);
});

test('Fleischner: risk unknown gives both rows where they differ, one row where they agree', () => {
  const r = evaluate(fleischner, solid(7, { risk: 'unknown' }));
  assert.deepEqual(
    r.rows.map((x) => x.id),
    ['solid-single-6to8-low', 'solid-single-6to8-high'],
  );
  assert.match(
    r.text,
    /low risk: CT at 6–12 months, then consider CT at 18–24 months; high risk: CT at 6–12 months, then CT at 18–24 months/,
  );
  assert.equal(r.noneAcceptable, false);
  const big = evaluate(fleischner, solid(12, { risk: 'unknown' }));
  assert.deepEqual(
    big.rows.map((x) => x.id),
    ['solid-single-gt8'],
  );
  const small = evaluate(fleischner, solid(4, { risk: 'unknown' }));
  assert.equal(small.noneAcceptable, true, 'low risk needs no follow-up, so no recommendation may be right');
});

test('Fleischner message: "solitary solid 7 mm nodule, low risk: ..."', () => {
  assert.equal(
    evaluate(fleischner, solid(7)).text,
    'Fleischner 2017: solitary solid 7 mm nodule, low risk: CT at 6–12 months, then consider CT at 18–24 months',
  );
});

test('Fleischner subsolid: ground-glass and part-solid by size; "subsolid" alone gives both', () => {
  assert.deepEqual(rowOf(fleischner, solid(7, { type: 'ground-glass' })), ['ggn-single-ge6']);
  assert.deepEqual(rowOf(fleischner, solid(5, { type: 'ground-glass' })), ['ggn-single-lt6']);
  assert.deepEqual(rowOf(fleischner, solid(7, { type: 'part-solid' })), ['part-solid-single-ge6']);
  assert.deepEqual(rowOf(fleischner, solid(7, { type: 'subsolid' })), ['ggn-single-ge6']);
  assert.deepEqual(rowOf(fleischner, solid(7, { type: 'ground-glass', count: 'multiple' })), ['subsolid-multiple-ge6']);
});

test('Fleischner scope: under 35, known cancer, immunocompromised, screening, calcified, radiograph -> out of scope with a reason', () => {
  /** @type {[any, any][]} */
  const cases = [
    [{ age: 34 }, /35 or older/],
    [{ context: ['known-malignancy'] }, /known primary cancer/],
    [{ context: ['immunocompromised'] }, /immunocompromised/],
    [{ context: ['screening'] }, /Lung-RADS/],
    [{ features: ['calcified'] }, /calcified/],
    [{ modality: 'XR' }, /written for CT/],
    [{ dimensionsMm: [30] }, /a mass, not a nodule/],
  ];
  for (const [extra, reason] of cases) {
    const r = evaluate(fleischner, solid(7, extra));
    assert.equal(r.status, 'out-of-scope', JSON.stringify(extra));
    assert.match(r.reason, reason);
  }
  assert.equal(evaluate(fleischner, solid(7, { age: 35 })).status, 'recommend');
  assert.equal(evaluate(fleischner, solid(7, { age: null })).status, 'recommend', 'age unknown: the guideline applies');
});

test('Lung-RADS v2022 at one decimal: 5.9 is 2, 6.0 and 7.9 are 3, 8.0 and 14.9 are 4A, 15.0 is 4B', () => {
  const lr = (s, extra = {}) => evaluate(lungRads, solid(s, { context: ['screening'], ...extra })).rows[0]?.category;
  assert.equal(lr(5.9), '2');
  assert.equal(lr(6), '3');
  assert.equal(lr(7.94), '3');
  assert.equal(lr(7.96), '4A', '7.96 rounds to 8.0');
  assert.equal(lr(8), '4A');
  assert.equal(lr(14.9), '4A');
  assert.equal(lr(15), '4B');
  assert.equal(lr(5, { status: 'new' }), '3');
  assert.equal(lr(3.9, { status: 'new' }), '2');
  assert.equal(lr(9, { status: 'growing' }), '4B');
  assert.equal(lr(25, { type: 'ground-glass' }), '2');
  assert.equal(lr(30, { type: 'ground-glass' }), '3');
  assert.equal(lr(10, { type: 'part-solid', solidComponentMm: 7 }), '4A');
  assert.equal(evaluate(lungRads, solid(7)).status, 'out-of-scope', 'not a screening CT');
});

test('recommend picks Lung-RADS on a screening CT and Fleischner otherwise', () => {
  assert.equal(recommend(solid(7, { context: ['screening'] })).guideline.id, 'lung-rads-2022');
  assert.equal(recommend(solid(7)).guideline.id, 'fleischner-2017');
  assert.equal(recommend({ concept: 'pleural-effusion' }), null);
});

test('ACR thyroid: 1 cm under 35, 1.5 cm from 35; age unknown gives both', () => {
  const th = GUIDELINE_BY_ID.get('acr-thyroid-2015');
  const f = (size, age) => ({ concept: 'thyroid-nodule', dimensionsMm: [size], modality: 'CT', context: [], features: [], age });
  assert.deepEqual(rowOf(th, f(10, 34)), ['lt35-ge1cm']);
  assert.deepEqual(rowOf(th, f(9.9, 34)), ['lt35-lt1cm']);
  assert.deepEqual(rowOf(th, f(14.9, 35)), ['ge35-lt15mm']);
  assert.deepEqual(rowOf(th, f(15, 35)), ['ge35-ge15mm']);
  assert.deepEqual(rowOf(th, f(12, null)), ['lt35-ge1cm', 'ge35-lt15mm']);
});

test('ACR adrenal: ≤ 10 HU is an adenoma whatever the size; cancer history changes the branch', () => {
  const ad = GUIDELINE_BY_ID.get('acr-adrenal-2017');
  const f = (size, extra = {}) => ({
    concept: 'adrenal-nodule',
    dimensionsMm: [size],
    modality: 'CT',
    context: [],
    features: [],
    age: 60,
    ...extra,
  });
  assert.deepEqual(rowOf(ad, f(25, { attenuationHu: 10 })), ['lipid-rich']);
  assert.deepEqual(rowOf(ad, f(25, { attenuationHu: 11 })), ['2to4-no-cancer']);
  assert.deepEqual(rowOf(ad, f(25, { context: ['known-malignancy'] })), ['1to4-cancer']);
  assert.deepEqual(rowOf(ad, f(9)), ['lt1cm']);
});

function parse(text) {
  const report = reportLib.parseReport(text);
  return { report, u: nlp.understand(report) };
}

test('extractor: cm and mm give the same row; the largest of several nodules drives and makes them multiple', () => {
  const mm = parse('EXAM: CT chest\nHISTORY: 60-year-old man.\nFINDINGS: 7 mm nodule in the right upper lobe.\nIMPRESSION: Nodule.');
  const cm = parse('EXAM: CT chest\nHISTORY: 60-year-old man.\nFINDINGS: 0.7 cm nodule in the right upper lobe.\nIMPRESSION: Nodule.');
  const [a] = factsLib.extractCases(mm.report, mm.u).filter((c) => c.guideline.id === 'fleischner-2017');
  const [b] = factsLib.extractCases(cm.report, cm.u).filter((c) => c.guideline.id === 'fleischner-2017');
  assert.deepEqual(a.facts.dimensionsMm, [7]);
  assert.deepEqual(b.facts.dimensionsMm, [7]);
  assert.equal(evaluate(fleischner, a.facts).rows[0].id, evaluate(fleischner, b.facts).rows[0].id);
  const many = parse(
    'EXAM: CT chest\nHISTORY: 60-year-old man.\nFINDINGS: A 4 mm nodule in the left lower lobe. A 7 mm nodule in the right upper lobe.\nIMPRESSION: Nodules.',
  );
  const [c] = factsLib.extractCases(many.report, many.u).filter((x) => x.guideline.id === 'fleischner-2017');
  assert.equal(c.facts.count, 'multiple');
  assert.deepEqual(c.facts.dimensionsMm, [7]);
  assert.equal(many.report.text.slice(c.anchor.start, c.anchor.end), 'nodule');
  assert.ok(c.anchor.start > many.report.text.indexOf('7 mm'));
  assert.match(evaluate(fleischner, { ...c.facts, risk: 'low' }).rows[0].id, /solid-multiple-6to8/);
});

test('extractor: a volume in mm³ is used instead of the diameter', () => {
  const { report, u } = parse(
    'EXAM: CT chest\nHISTORY: 60-year-old man.\nFINDINGS: A 5 mm nodule in the right upper lobe, volume 180 mm3.\nIMPRESSION: Nodule.',
  );
  const [c] = factsLib.extractCases(report, u).filter((x) => x.guideline.id === 'fleischner-2017');
  assert.equal(c.facts.volumeMm3, 180);
  assert.equal(evaluate(fleischner, { ...c.facts, risk: 'low' }).rows[0].id, 'solid-single-6to8-low');
});

test('extractor: type, solid component, HU, screening, known cancer, menopause by age', () => {
  const gg = parse(
    'EXAM: CT chest\nFINDINGS: 8 mm part-solid nodule with a 3 mm solid component in the left upper lobe.\nIMPRESSION: Nodule.',
  );
  const [g1] = factsLib.extractCases(gg.report, gg.u);
  assert.equal(g1.facts.type, 'part-solid');
  assert.equal(g1.facts.solidComponentMm, 3);
  const sc = parse(
    'EXAM: Low-dose CT chest for lung cancer screening\nFINDINGS: 7 mm nodule in the right lower lobe.\nIMPRESSION: Lung-RADS 3.',
  );
  assert.ok(factsLib.extractCases(sc.report, sc.u)[0].facts.context.includes('screening'));
  const ca = parse(
    'EXAM: CT chest\nHISTORY: History of breast cancer.\nFINDINGS: 7 mm nodule in the right lower lobe.\nIMPRESSION: Nodule.',
  );
  assert.ok(factsLib.extractCases(ca.report, ca.u)[0].facts.context.includes('known-malignancy'));
  const ro = parse(
    'EXAM: CT chest\nHISTORY: Cough, rule out malignancy.\nFINDINGS: 7 mm nodule in the right lower lobe.\nIMPRESSION: Nodule.',
  );
  assert.ok(!factsLib.extractCases(ro.report, ro.u)[0].facts.context.includes('known-malignancy'));
  const ad = parse('EXAM: CT abdomen without contrast\nFINDINGS: 2.2 cm left adrenal nodule measuring 8 HU.\nIMPRESSION: Adenoma.');
  const [a] = factsLib.extractCases(ad.report, ad.u).filter((x) => x.guideline.id === 'acr-adrenal-2017');
  assert.equal(a.facts.attenuationHu, 8);
  const ov = parse(
    'EXAM: Pelvic ultrasound\nHISTORY: 62-year-old female.\nFINDINGS: 4 cm simple cyst in the right ovary.\nIMPRESSION: Simple ovarian cyst.',
  );
  const [o] = factsLib.extractCases(ov.report, ov.u).filter((x) => x.guideline.id === 'o-rads-us-2020');
  assert.equal(o.facts.menopause, 'postmenopausal');
});

test("the report's recommendations: interval, modality, none, PET, vague", () => {
  const p = followups.parseFollowUp;
  assert.deepEqual(p('Follow-up CT in 3 months is recommended.'), [{ action: 'imaging', modality: ['CT'], months: [3, 3] }]);
  assert.deepEqual(p('Recommend chest CT in 6-12 months.'), [{ action: 'imaging', modality: ['CT'], months: [6, 12] }]);
  assert.deepEqual(p('Recommend follow-up ultrasound in one year.'), [{ action: 'imaging', modality: ['US'], months: [12, 12] }]);
  assert.deepEqual(p('No follow-up imaging is needed.'), [{ action: 'none' }]);
  assert.deepEqual(p('Consider PET/CT or tissue sampling.'), [{ action: 'pet' }, { action: 'biopsy' }]);
  assert.deepEqual(p('Follow-up as clinically indicated.'), []);
  assert.equal(p('The nodule has been stable for 2 years.'), null);
  assert.equal(p('A 7 mm nodule in the right upper lobe.'), null);
  assert.deepEqual(p('Stable for 2 years; no further follow-up is required.'), [{ action: 'none' }]);
});
