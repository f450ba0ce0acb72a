import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyFix, engine, problemsOf, root } from '../helpers/engine.mjs';
import { check, nlp, reportLib } from '../helpers/guidelines.mjs';

const RULE = 'follow-up-recommendation';
const slice = (text, p) => text.slice(p.start, p.end);
const withOptions = (text, options) =>
  engine.checkText(text, { ...engine.DEFAULT_SETTINGS, ruleOptions: { [RULE]: options } }).problems.filter((p) => p.rule === RULE);

const CHEST = (findings, impression, history = '60-year-old man with cough.') =>
  `EXAM: CT chest without contrast\nHISTORY: ${history}\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`;

test('follow-up-recommendation: a 7 mm nodule without a recommendation -> info with the guideline text, citation and a fix', () => {
  const text = CHEST('There is a 7 mm solid nodule in the right upper lobe.', '7 mm right upper lobe nodule.');
  const [p, ...rest] = problemsOf(RULE, text);
  assert.equal(rest.length, 0);
  assert.equal(p.severity, 'info');
  assert.equal(p.category, 'guideline');
  assert.equal(slice(text, p), 'nodule');
  assert.match(p.message, /^No follow-up recommendation\. Fleischner 2017: solitary solid 7 mm nodule: low risk: CT at 6–12 months/);
  assert.match(p.message, /MacMahon et al\., Radiology 2017;284:228-243/);
  const fix = p.fixes[0];
  assert.equal(fix.applicability, 'unsafe');
  assert.equal(fix.snippet, true, 'risk unknown: a field to choose');
  const fixed = applyFix(text, fix);
  assert.match(
    fixed,
    /IMPRESSION: 7 mm right upper lobe nodule\.\nRecommendation for the solitary solid 7 mm nodule: \$\{1:low risk: .* \| high risk: .*\} \(Fleischner 2017; MacMahon/,
  );
});

test('follow-up-recommendation: with the risk set, one row and plain text; the fixed report is then silent', () => {
  const text = CHEST('There is a 7 mm solid nodule in the right upper lobe.', '7 mm right upper lobe nodule.');
  const [p] = withOptions(text, { risk: 'low' });
  assert.match(p.message, /solitary solid 7 mm nodule, low risk: CT at 6–12 months, then consider CT at 18–24 months/);
  assert.equal(p.fixes[0].snippet, undefined);
  const fixed = applyFix(text, p.fixes[0]);
  assert.deepEqual(withOptions(fixed, { risk: 'low' }), []);
});

test('follow-up-recommendation: a disagreeing interval -> warning with both and the report sentence as related', () => {
  const text = CHEST(
    'There is a 7 mm nodule in the right upper lobe.',
    '7 mm right upper lobe nodule. Follow-up CT in 3 months is recommended.',
  );
  const [p] = problemsOf(RULE, text);
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /The report recommends "Follow-up CT in 3 months is recommended\."; Fleischner 2017/);
  assert.equal(slice(text, p.related[0]), 'Follow-up CT in 3 months is recommended.');
});

test('follow-up-recommendation: "no follow-up needed" where the guideline calls for one -> warning', () => {
  const text = CHEST('There is a 12 mm nodule in the right upper lobe.', 'Right upper lobe nodule. No follow-up is needed.');
  const [p] = problemsOf(RULE, text);
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /consider CT at 3 months, PET\/CT, or tissue sampling/);
  // A declined follow-up is what the report says, not what it recommends.
  assert.match(p.message, /^The report says "[^"]*No follow-up is needed\."/);
});

test('follow-up-recommendation: an agreeing recommendation is silent', () => {
  for (const reco of [
    'Recommend follow-up chest CT in 6-12 months.',
    'Follow-up CT in 12 months is recommended per Fleischner guidelines.',
  ]) {
    assert.deepEqual(problemsOf(RULE, CHEST('There is a 7 mm nodule in the right upper lobe.', `Nodule. ${reco}`)), [], reco);
  }
  assert.deepEqual(problemsOf(RULE, CHEST('There is a 14 mm nodule in the left upper lobe.', 'Nodule. PET/CT is recommended.')), []);
});

test('follow-up-recommendation: silent out of scope (under 35, known cancer, immunocompromised, screening, radiograph)', () => {
  const f = 'There is a 7 mm nodule in the right upper lobe.';
  for (const text of [
    CHEST(f, 'Nodule.', '30-year-old man with cough.'),
    CHEST(f, 'Nodule.', '60-year-old man with a history of colon cancer.'),
    CHEST(f, 'Nodule.', '60-year-old renal transplant recipient.'),
    `EXAM: Low-dose CT chest for lung cancer screening\nHISTORY: 65-year-old smoker.\nFINDINGS: ${f}\nIMPRESSION: Lung-RADS 3. Follow-up LDCT in 6 months.\n`,
    `EXAM: Chest radiograph PA and lateral\nHISTORY: 60-year-old man.\nFINDINGS: ${f}\nIMPRESSION: Nodule.\n`,
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('follow-up-recommendation: a screening CT is judged by Lung-RADS instead', () => {
  const text = `EXAM: Low-dose CT chest for lung cancer screening\nHISTORY: 65-year-old smoker.\nFINDINGS: 7 mm solid nodule in the left lower lobe.\nIMPRESSION: Lung-RADS 3. Follow-up LDCT in 12 months.\n`;
  const [p] = problemsOf(RULE, text);
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /Lung-RADS v2022: solid 7 mm nodule, category 3: LDCT in 6 months/);
});

test('follow-up-recommendation: nothing on reports without a covered finding, without a size, or with the finding denied', () => {
  for (const text of [
    CHEST('The lungs are clear. No pleural effusion.', 'No acute disease.'),
    CHEST('No pulmonary nodules.', 'Normal.'),
    CHEST('A small nodule in the right upper lobe.', 'Small nodule.'),
    CHEST('A 4 mm nodule in the right upper lobe.', 'Small nodule.'),
    CHEST('A 7 mm calcified nodule in the right upper lobe.', 'Calcified granuloma.'),
    CHEST('A 7 mm nodule in the right upper lobe, stable since 2019.', 'Stable nodule.'),
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
  for (const file of fs.readdirSync(path.join(root, 'examples'))) {
    assert.deepEqual(problemsOf(RULE, fs.readFileSync(path.join(root, 'examples', file), 'utf8')), [], file);
  }
});

test('follow-up-recommendation: the guidelines setting switches guidelines off', () => {
  const text = CHEST('There is a 7 mm nodule in the right upper lobe.', 'Nodule.');
  assert.equal(withOptions(text, {}).length, 1);
  assert.deepEqual(withOptions(text, { guidelines: ['acr-adrenal-2017'] }), []);
});

test('follow-up-recommendation: ACR incidental findings beyond the lung', () => {
  const abd = (f, i, h = '55-year-old woman with abdominal pain.') =>
    `EXAM: CT abdomen and pelvis with contrast\nHISTORY: ${h}\nFINDINGS: ${f}\nIMPRESSION: ${i}\n`;
  const adrenal = problemsOf(RULE, abd('There is a 2.5 cm left adrenal nodule.', 'Left adrenal nodule.'));
  assert.match(adrenal[0].message, /ACR adrenal 2017: 2\.5 cm adrenal nodule.*adrenal-protocol CT/);
  assert.deepEqual(
    problemsOf(RULE, abd('There is a 2.5 cm left adrenal nodule measuring 5 HU on unenhanced images.', 'Adrenal adenoma.')),
    [],
  );
  const aaa = problemsOf(RULE, abd('Infrarenal abdominal aortic aneurysm measuring 4.2 cm.', 'Abdominal aortic aneurysm.'));
  assert.match(aaa[0].message, /ACR AAA 2013: 4\.2 cm abdominal aortic aneurysm: follow-up imaging in 1 year/);
  const bosniak = problemsOf(RULE, abd('A 2 cm Bosniak IIF cyst in the left kidney.', 'Bosniak IIF renal cyst.'));
  assert.match(bosniak[0].message, /Bosniak IIF.*6 months and 12 months/);
  assert.deepEqual(problemsOf(RULE, abd('A 2 cm simple cyst in the left kidney.', 'Simple renal cyst.')), []);
  const thy = problemsOf(
    RULE,
    `EXAM: CT neck with contrast\nHISTORY: 50-year-old man.\nFINDINGS: 2 cm nodule in the left thyroid lobe.\nIMPRESSION: Thyroid nodule.\n`,
  );
  assert.match(thy[0].message, /ACR thyroid 2015: 2 cm thyroid nodule, age 35 or older: dedicated thyroid ultrasound/);
  assert.deepEqual(
    problemsOf(
      RULE,
      `EXAM: CT neck with contrast\nHISTORY: 50-year-old man.\nFINDINGS: 1.2 cm nodule in the left thyroid lobe.\nIMPRESSION: Thyroid nodule.\n`,
    ),
    [],
  );
  const ov = problemsOf(
    RULE,
    `EXAM: Pelvic ultrasound\nHISTORY: 62-year-old female.\nFINDINGS: 4 cm simple cyst in the right ovary.\nIMPRESSION: Simple right ovarian cyst.\n`,
  );
  assert.match(ov[0].message, /postmenopausal: follow-up ultrasound in 1 year/);
  assert.deepEqual(
    problemsOf(
      RULE,
      `EXAM: Pelvic ultrasound\nHISTORY: 32-year-old female.\nFINDINGS: 4 cm simple cyst in the right ovary.\nIMPRESSION: Simple right ovarian cyst.\n`,
    ),
    [],
  );
});

test('explainAt: the hover gives the row, or why the guideline is silent', () => {
  const text = CHEST('There is a 7 mm nodule in the right upper lobe.', 'Nodule.', '30-year-old man.');
  const report = reportLib.parseReport(text);
  const u = nlp.understand(report);
  const at = text.indexOf('nodule');
  const e = check.explainAt(report, u, at);
  assert.equal(e.status, 'out-of-scope');
  assert.match(e.reason, /35 or older/);
  assert.match(e.markdown, /Silent: Fleischner 2017 applies to patients 35 or older/);
  assert.equal(check.explainAt(report, u, 0), null);
  const ok = CHEST('There is a 7 mm nodule in the right upper lobe.', 'Nodule.');
  const r2 = reportLib.parseReport(ok);
  const e2 = check.explainAt(r2, nlp.understand(r2), ok.indexOf('nodule'), { risk: 'high' });
  assert.equal(e2.rows[0].label, 'solid, single, 6–8 mm (100–250 mm³), high risk');
  assert.equal(e2.verdict, 'missing');
});

test('follow-up-recommendation: a Lung-RADS category other than the table\u2019s is a disagreement', () => {
  const sc = (impression) =>
    `EXAM: Low-dose CT chest for lung cancer screening\nHISTORY: 65-year-old smoker.\nFINDINGS: 9 mm solid nodule in the left lower lobe.\nIMPRESSION: ${impression}\n`;
  const [p] = problemsOf(RULE, sc('Lung-RADS category 3.'));
  assert.equal(p.severity, 'warning');
  assert.match(p.message, /category 4A: LDCT in 3 months/);
  assert.deepEqual(problemsOf(RULE, sc('Lung-RADS category 4A. Follow-up low-dose CT in 3 months.')), []);
  assert.deepEqual(problemsOf(RULE, sc('Lung-RADS 4A.')), []);
});

test('follow-up-recommendation: the fix appends a numbered item to a numbered impression, or adds a section', () => {
  const numbered = CHEST('There is a 7 mm nodule in the right upper lobe.', '1. Right upper lobe nodule.\n2. No effusion.');
  const [p] = withOptions(numbered, { risk: 'high' });
  assert.match(
    applyFix(numbered, p.fixes[0]),
    /2\. No effusion\.\n3\. Recommendation for the solitary solid 7 mm nodule, high risk: CT at 6–12 months, then CT at 18–24 months \(Fleischner 2017; /,
  );
  const bare = 'EXAM: CT chest\nHISTORY: 60-year-old man.\nFINDINGS: There is a 7 mm nodule in the right upper lobe.\n';
  const [q] = withOptions(bare, { risk: 'high' });
  assert.match(applyFix(bare, q.fixes[0]), /upper lobe\.\n\nRECOMMENDATION: Recommendation for the solitary solid 7 mm nodule, high risk/);
});

test('follow-up-recommendation: no false alarm on look-alikes', () => {
  const abd = (f, i = 'No acute abnormality.') =>
    `EXAM: CT abdomen and pelvis with contrast\nHISTORY: 55-year-old woman with pain.\nFINDINGS: ${f}\nIMPRESSION: ${i}\n`;
  for (const text of [
    abd('Lung bases: 4 mm nodule in the right lower lobe.'),
    abd('Multiple hepatic cysts, the largest measuring 2.1 cm.'),
    abd('A 6 mm hypodense lesion in the liver, too small to characterize.'),
    abd('The abdominal aorta is normal in caliber, measuring 2.0 cm. No abdominal aortic aneurysm.'),
    abd('A 1.2 cm lymph node in the mesentery.'),
    abd('A 7 mm nodule in the right lobe of the liver, likely a hemangioma.'),
    abd('A 9 mm left adrenal nodule.'),
    abd('Status post endovascular repair of a 5.6 cm abdominal aortic aneurysm with a stent graft.'),
    CHEST('A 7 mm nodule in the right breast.', 'Breast nodule; correlate with mammography.'),
    CHEST('A 9 mm right thyroid nodule.', 'Thyroid nodule.'),
    abd('A 1.5 cm left adrenal adenoma.'),
    abd('A 1.5 cm left adrenal nodule, consistent with an adenoma.'),
    CHEST('The descending aorta is aneurysmal, measuring 4.6 cm.', 'Descending thoracic aortic aneurysm.'),
    CHEST('Aortic aneurysm measuring 4.6 cm.', 'Aortic aneurysm.'),
    CHEST('There is a 7 mm nodule in the right upper lobe.', 'Nodule. Recommend comparison with prior outside studies.'),
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('follow-up-recommendation: never throws, whatever the mix of findings, sizes and recommendations (property)', async () => {
  const fc = (await import('fast-check')).default;
  const pieces = [
    'EXAM: CT chest.',
    'EXAM: Low-dose CT chest for lung cancer screening.',
    'EXAM: Pelvic ultrasound.',
    'HISTORY: 45-year-old woman.',
    'HISTORY: History of lymphoma.',
    'FINDINGS:',
    'IMPRESSION:',
    'A 7 mm nodule in the right upper lobe.',
    'Multiple ground-glass nodules up to 9 x 5 mm.',
    'Part-solid nodule 12 mm with a 5 mm solid component.',
    '2.5 cm left adrenal nodule measuring -5 HU.',
    'Bosniak IIF cyst in the right kidney.',
    '4.6 cm infrarenal abdominal aortic aneurysm.',
    '6 cm simple right ovarian cyst.',
    '8 mm sessile gallbladder polyp.',
    '1.8 cm pancreatic cyst with a mural nodule.',
    'Follow-up CT in 3-6 months.',
    'No follow-up is needed.',
    'Lung-RADS 4B.',
    'Recommend PET/CT or biopsy.',
    'Stable since 2 years ago.',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), fc.constantFrom('\n', ' ', '\r\n'), (parts, sep) => {
      const result = engine.checkText(parts.join(sep));
      assert.deepEqual(
        result.failures.filter((f) => f.rule === RULE),
        [],
      );
    }),
    { numRuns: 300, seed: 14 },
  );
});

test('follow-up-recommendation: multiple solid nodules > 8 mm: the most suspicious guides management, so PET/CT or sampling agrees (Fleischner 2017 table note)', () => {
  const findings =
    'Nodules measuring 12x13 mm in the left upper lobe, 10x9 mm in the right lower lobe and 9 mm in the right middle lobe are observed.';
  for (const reco of [
    'PET-CT and histopathological verification are recommended.',
    'Tissue sampling is recommended.',
    'Follow-up CT in 3 months is recommended.',
  ])
    assert.deepEqual(
      problemsOf(RULE, CHEST(findings, `Multiple pulmonary nodules. ${reco}`)).map((p) => p.message),
      [],
      reco,
    );
  // A 12-month follow-up is still later than the table's 3–6 months.
  const [late] = problemsOf(RULE, CHEST(findings, 'Multiple pulmonary nodules. Follow-up CT in 12 months is recommended.'));
  assert.match(late.message, /multiple solid 1\d mm nodules/);
});
