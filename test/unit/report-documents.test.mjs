import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../helpers/nlp.mjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { analyze } = require(path.join(root, 'out/server/engine.js'));

const CASE_HISTORY = `CC: Left arm weakness.

HX: This 64 y/o RHM developed left arm weakness two days before admission.

PMH: Hypertension.

FHX: Mother had a stroke at age 70.

SHX: Retired teacher.

EXAM: Alert and oriented.

COURSE: HCT showed a right frontal subdural hematoma. He improved.
`;

const OPERATIVE = `PREOPERATIVE DIAGNOSIS: Bunion, right foot.

POSTOPERATIVE DIAGNOSIS: Same.

ANESTHESIA: Local with sedation.

ESTIMATED BLOOD LOSS: Minimal.

DESCRIPTION OF PROCEDURE: The incision was carried deep with sharp and blunt dissection.
`;

test('a neurology case history, an operative note and an EMG study are no imaging reports', () => {
  assert.equal(parseReport(CASE_HISTORY).document, 'case-history');
  assert.equal(parseReport(OPERATIVE).document, 'procedure-note');
  const emg =
    'HISTORY: Numb hands.\n\nNERVE CONDUCTION STUDIES: Median motor latencies are prolonged.\n\nNEEDLE EMG: Normal.\n\nIMPRESSION: Carpal tunnel syndrome.';
  assert.equal(parseReport(emg).document, 'neurophysiology');
});

test('a radiotherapy course or planning note is no imaging report; a CT after radiotherapy with findings stays one (r18i)', () => {
  for (const text of [
    'HYPOFRACTIONATED COURSE\n\nThe patient will receive radiotherapy to the left breast. The dose per fraction is raised so that fewer fractions are needed.',
    'BRACHYTHERAPY PLANNING\n\nThe applicator was placed and simulation films were taken. The CT data set was used for brachytherapy planning.',
    'The isocenter was set on the CT data set and the target volume outlined. Treatment planning then shaped each beam.',
  ]) {
    assert.equal(parseReport(text).document, 'radiation-therapy', text);
  }
  const afterRadiotherapy =
    'HISTORY: Lung cancer after radiotherapy, completed 2024.\nFINDINGS: Paramediastinal fibrosis in the radiotherapy field. New 9 mm nodule in the right upper lobe.\nIMPRESSION: New nodule.';
  assert.equal(parseReport(afterRadiotherapy).document, 'imaging');
  // With no FINDINGS header, the therapy named twice and an impression: still a report, with its checks (rev17 #3).
  const noFindingsHeader =
    'CT CHEST WITH CONTRAST\n\nHistory: lung cancer after chemoradiotherapy.\n\nRadiotherapy to the right upper lobe ended in March. There is a new 2.5 cm spiculated mass in the left lower lobe.\n\nImpression: New left lower lobe mass.';
  assert.equal(parseReport(noFindingsHeader).document, 'imaging');
});

test('imaging reports stay imaging reports, with or without headers', () => {
  assert.equal(parseReport('FINDINGS: Small left pleural effusion.\nIMPRESSION: Small left effusion.').document, 'imaging');
  assert.equal(parseReport('The lungs are clear. No pneumothorax.').document, 'imaging');
  // A history told at the top of an ultrasound the writer performed is still the ultrasound's report.
  const obstetric =
    'PAST MEDICAL HISTORY: None.\n\nSOCIAL HISTORY: Nonsmoker.\n\nFAMILY HISTORY: Noncontributory.\n\nDETAILS: I performed a transabdominal ultrasound today. Single live intrauterine pregnancy.';
  assert.equal(parseReport(obstetric).document, 'imaging');
});

test('a document that is no imaging report gets no clinical checks and no critical-result call', () => {
  const a = analyze(CASE_HISTORY);
  assert.deepEqual(a.critical, []);
  assert.deepEqual(
    a.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.rule),
    [],
  );
  assert.equal(analyze(OPERATIVE).problems.filter((p) => p.rule.startsWith('critical')).length, 0);
});

test("PMH, FHX, SHX, CC and COURSE are history sections, not today's findings", () => {
  const r = parseReport('FHX: stroke.\nSHX/FHX: unremarkable.\nPMH: MI.\nCC: fall.\nCOURSE: improved.\nFINDINGS: Normal.');
  assert.deepEqual(
    r.sections.slice(0, 5).map((s) => s.kind),
    ['history', 'history', 'history', 'history', 'history'],
  );
});

test('section headers run into the text after a sentence are sections ("...contrast.FINDINGS: ...")', () => {
  const r = parseReport('TECHNIQUE: Axial images after contrast.FINDINGS: Small hepatic cyst.  IMPRESSION: Hepatic cyst.');
  assert.deepEqual(
    r.sections.map((s) => s.kind),
    ['technique', 'findings', 'impression'],
  );
  // A label inside a sentence is not a header of its own.
  assert.deepEqual(
    parseReport('FINDINGS: Liver: normal.').sections.map((s) => s.kind),
    ['findings'],
  );
});

test('known headers glued to the word before them are sections ("...WITH CONTRASTCLINICAL HISTORY:")', () => {
  const ct =
    'CT HEAD WITHOUT CONTRASTCLINICAL HISTORY: Sudden left-sided weakness, suspected acute stroke.TECHNIQUE: Axial images of the head were obtained without contrast.COMPARISON: ()FINDINGS: No intracranial hemorrhage. Gray-white matter differentiation is preserved.dIMPRESSION: No acute intracranial abnormality.';
  const r = parseReport(ct);
  assert.deepEqual(
    r.sections.map((s) => [s.kind, s.header?.name ?? null]),
    [
      ['preamble', null],
      ['history', 'CLINICAL HISTORY'],
      ['technique', 'TECHNIQUE'],
      ['comparison', 'COMPARISON'],
      ['findings', 'FINDINGS'],
      ['impression', 'IMPRESSION'],
    ],
  );
  // A header glued to a lower-case word, and to a closing bracket.
  assert.deepEqual(
    parseReport('EXAM: CT CHEST (PULMONARY ANGIOGRAM)CLINICAL HISTORY: Chest pain and weight lossTECHNIQUE: Helical CT.').sections.map(
      (s) => s.kind,
    ),
    ['exam', 'history', 'technique'],
  );
  // The stroke the history suspects is no finding of today's report, and no call is asked for.
  const a = analyze(ct);
  assert.deepEqual(a.critical, []);
  assert.ok(!a.understanding.findings.some((f) => f.section !== 'history' && /stroke|infarct/.test(f.finding)));
  // A word that only ends in a header name is not cut.
  assert.deepEqual(
    parseReport('CONTRAINDICATIONS: None.\nFINDINGS: Normal.').sections.map((s) => s.kind),
    ['other', 'findings'],
  );
});

test('a second HISTORY: after the findings holds its own paragraph; the paragraphs after it are findings again', () => {
  const ccta = `EXAM:  Coronary artery CTA with calcium scoring and cardiac function.

HISTORY:  Chest pain.

TECHNIQUE AND FINDINGS:  Coronary artery CTA was performed on a dual-source CT scanner.  150 mL Ultravist 370 was given intravenously.

HISTORY:  Significant for high cholesterol, overweight, chest pain, family history

The total calcium score (Agatston) is 10.

The LAD has a moderate area of stenosis in its midportion due to a focal calcified plaque.  The circumflex is diminutive in size along its proximal portion.

Cardiac wall motion within normal limits.
`;
  const r = parseReport(ccta);
  assert.deepEqual(
    r.sections.map((s) => s.kind),
    ['exam', 'history', 'findings', 'history', 'findings'],
  );
  const last = r.sections[4];
  assert.match(ccta.slice(last.body.start, last.body.end), /^The total calcium score[\s\S]*within normal limits\.$/);
  assert.ok(r.sentences.some((s) => s.section === 4 && /The LAD has a moderate area of stenosis/.test(s.text)));
  // A history at the top of a report keeps all its paragraphs (a case history's HX runs on).
  const top = parseReport('HISTORY: Chest pain.\n\nShortness of breath for a week.\n\nFINDINGS: Normal.');
  assert.deepEqual(
    top.sections.map((s) => s.kind),
    ['history', 'findings'],
  );
});

test('a comparison no findings header follows holds its own paragraph: the unheaded paragraphs after it are findings', () => {
  const ct = `EXAM: CT lumbar spine without contrast.

FINDINGS: Axial images were obtained from T12 to S1 with sagittal reformats. COMPARISON: Previous MRI examination 10/13/2004.

There is minimal curvature of the lumbar spine convex to the left.

L4-5: Broad-based disc protrusion with moderate left foraminal stenosis.

IMPRESSION: L4-5 disc protrusion with moderate left foraminal stenosis.
`;
  const r = parseReport(ct);
  assert.deepEqual(
    r.sections.map((s) => s.kind),
    ['exam', 'findings', 'comparison', 'findings', 'impression'],
  );
  const found = analyze(ct).understanding.findings.filter((f) => f.section === 'findings');
  assert.ok(found.some((f) => f.concept === 'foraminal-stenosis' && f.assertion === 'present'));
  // With a FINDINGS header below, a comparison's later paragraph stays the comparison's.
  const headed = parseReport('COMPARISON: CT of 1/2/2020.\n\nMRI of 3/4/2019.\n\nFINDINGS: Normal.');
  assert.deepEqual(
    headed.sections.map((s) => s.kind),
    ['comparison', 'findings'],
  );
});

test('headers run in after a capital, a blank to fill, a title colon or one space are sections', () => {
  const mri =
    'MRI OF THE BRAIN, WITH AND WITHOUT CONTRAST: CLINICAL HISTORY: Headaches. COMPARISON: MRI dated __. TECHNIQUE: 9 mL of Gadavist IV. FINDINGS: Small acute infarct in the left frontal white matter. IMPRESSION: Small acute left frontal infarct.';
  assert.deepEqual(
    parseReport(mri).sections.map((s) => s.kind),
    ['preamble', 'history', 'comparison', 'technique', 'findings', 'impression'],
  );
  const ct = 'EXAM: CT chest. TECHNIQUE: Helical CT. DLP: 680 mGy-cm FINDINGS: No effusion. COMPARISON: None IMPRESSION: Normal.';
  assert.deepEqual(
    parseReport(ct).sections.map((s) => s.kind),
    ['exam', 'technique', 'findings', 'comparison', 'impression'],
  );
  assert.deepEqual(
    parseReport('MRI Knee: __HISTORY: Knee pain.\nFINDINGS: Normal.').sections.map((s) => s.kind),
    ['preamble', 'history', 'findings'],
  );
});
