import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../helpers/nlp.mjs';

const kinds = (text) => parseReport(text).sections.map((s) => [s.kind, s.header?.name ?? null]);

test('a section name run on after an exam title in capitals with one space starts its section; the title stays before it', () => {
  for (const [text, kind, name, title] of /** @type {[string, string, string, RegExp][]} */ ([
    ['CT ABDOMEN WITH CONTRAST FINDINGS: The liver is normal.\nIMPRESSION: Normal.', 'findings', 'FINDINGS', /^CT ABDOMEN WITH CONTRAST$/],
    ['MRI BRAIN TECHNIQUE: Sagittal T1 and axial T2.\nFINDINGS: No infarct.', 'technique', 'TECHNIQUE', /^MRI BRAIN$/],
    [
      'EXAM:\nMRI NECK WITHOUT CONTRAST CLINICAL INDICATION: Left neck swelling.\nFINDINGS: Cyst.',
      'history',
      'CLINICAL INDICATION',
      /MRI NECK WITHOUT CONTRAST$/,
    ],
    [
      'EXAM: US RIGHT UPPER QUADRANT COMPARISON: None.\nFINDINGS: Normal gallbladder.',
      'comparison',
      'COMPARISON',
      /^US RIGHT UPPER QUADRANT$/,
    ],
  ])) {
    const r = parseReport(text);
    const i = r.sections.findIndex((s) => s.header?.name === name);
    assert.ok(i > 0, JSON.stringify(kinds(text)));
    assert.equal(r.sections[i].kind, kind);
    const before = r.sections[i - 1];
    assert.match(text.slice(before.body.start, before.body.end), title);
  }
});

test('capitals naming no exam before a section name are the header itself ("PAST MEDICAL HISTORY:")', () => {
  assert.deepEqual(kinds('PAST MEDICAL HISTORY: Diabetes.\nFINDINGS: Normal.'), [
    ['history', 'PAST MEDICAL HISTORY'],
    ['findings', 'FINDINGS'],
  ]);
  assert.deepEqual(kinds('FINDINGS: The liver is normal. NO ACUTE FINDINGS: none.'), [['findings', 'FINDINGS']]);
});

test('title-case section names glued to a capitals title or run in after a sentence start their section', () => {
  assert.deepEqual(kinds('EXAM: CT CHEST WITH CONTRASTComparison: None.\nFINDINGS: Clear.'), [
    ['exam', 'EXAM'],
    ['comparison', 'Comparison'],
    ['findings', 'FINDINGS'],
  ]);
  assert.deepEqual(
    kinds('CLINICAL INDICATION: Cough for 3 months. Comparison: No prior CT. Technique: Axial images of the chest.\nFINDINGS: Clear.'),
    [
      ['history', 'CLINICAL INDICATION'],
      ['comparison', 'Comparison'],
      ['technique', 'Technique'],
      ['findings', 'FINDINGS'],
    ],
  );
  // Lower-case words and other labels within a sentence stay text.
  assert.deepEqual(kinds('FINDINGS: Clear lungs. The findings: stable nodule. Impressions of the prior exam differ.'), [
    ['findings', 'FINDINGS'],
  ]);
});

test('conclusions as translated and international reports head them are the impression; "RESULTS" of a study stay findings', () => {
  for (const header of [
    'RADIOLOGICAL CONCLUSION',
    'Radiologic impression',
    'Impression and recommendations',
    'IMPRESSION/PLAN',
    'Diagnostic impression',
    'CONCLUSIONS AND RECOMMENDATIONS',
    // The plural as the singular (r18r #5): never a block of its own outside the report's sections.
    'INTERPRETATIONS',
    'INTERPRETATIONS AND RECOMMENDATIONS',
  ]) {
    const r = parseReport(`FINDINGS: Clear lungs.\n${header}: No pulmonary embolism.`);
    assert.deepEqual(
      r.sections.map((s) => s.kind),
      ['findings', 'impression'],
      header,
    );
  }
  assert.deepEqual(
    parseReport('EXAM: Echocardiogram\nRESULTS: Normal left ventricle.').sections.map((s) => s.kind),
    ['exam', 'findings'],
  );
});

test('"RESULT" heads findings, never the impression they would be checked against (rev12 #9)', () => {
  for (const text of ['RESULT:\nNormal.\nLeft adrenal 3 cm mass.', 'DEXA SCAN\nRESULT: T-score -2.7 at the femoral neck, osteoporosis.']) {
    const kinds = parseReport(text).sections.map((s) => s.kind);
    assert.ok(kinds.includes('findings'), text);
    assert.ok(!kinds.includes('impression'), text);
  }
});

test('a section name run in after a sentence of the findings labels only its own words: the findings go on (rev12 #2)', () => {
  for (const text of [
    'FINDINGS: The lungs are clear. Comparison: None. Large right pneumothorax with mediastinal shift.\nIMPRESSION: Pneumothorax.',
    'FINDINGS: No effusion. History: fall from a ladder. There is a 2 cm laceration of the spleen.',
    'The lungs are clear. Comparison: None. Large right pneumothorax with mediastinal shift.',
  ]) {
    const r = parseReport(text);
    const at = text.indexOf(text.includes('pneumothorax') ? 'Large right' : 'There is a 2 cm');
    const section = r.sections.find((s) => s.start <= at && at < s.end);
    assert.ok(section && ['findings', 'preamble'].includes(section.kind), text);
  }
  // Run in after the history, or glued to a title, it still opens its section; so does an impression after findings.
  assert.deepEqual(
    parseReport('HISTORY: Chest tightness. Comparison: No prior CT.\nFINDINGS: Clear.').sections.map((s) => s.kind),
    ['history', 'comparison', 'findings'],
  );
  assert.deepEqual(
    parseReport('FINDINGS: No effusion. There is a 2 cm liver lesion. Impression: Liver lesion.').sections.map((s) => s.kind),
    ['findings', 'impression'],
  );
});

// rev12 #6: a "Comparison:" run in after a findings sentence opened the prior study's section for the rest of the
// paragraph, filing a pneumothorax as history and silencing the alarms.
test('a title-case "Comparison:", "History:" or "Technique:" run in after a findings or impression sentence opens no section', () => {
  for (const [text, finding] of [
    ['FINDINGS: The lungs are clear. Comparison: None. Large right pneumothorax with mediastinal shift.', 'Large right pneumothorax'],
    ['FINDINGS: Heart size normal. History: cough. Moderate left pleural effusion.', 'Moderate left pleural effusion'],
    ['FINDINGS: Liver normal. Technique: limited by motion. A 3 cm mass in the pancreatic head.', 'A 3 cm mass'],
    ['IMPRESSION: No fracture. Comparison: outside films. Acute appendicitis.', 'Acute appendicitis'],
  ]) {
    const r = parseReport(text);
    const sentence = r.sentences.find((s) => s.text.startsWith(finding));
    assert.ok(sentence, JSON.stringify(r.sentences.map((s) => s.text)));
    assert.match(r.sections[sentence.section].kind, /^(findings|impression)$/, JSON.stringify(kinds(text)));
  }
  // Before the findings the run-in name still opens its section.
  assert.deepEqual(kinds('INDICATION: Cough. Comparison: None.\nFINDINGS: Clear.'), [
    ['history', 'INDICATION'],
    ['comparison', 'Comparison'],
    ['findings', 'FINDINGS'],
  ]);
});

test('"DISCUSSION:" heads the findings of a report with an impression and no findings section, before or after it', () => {
  const body = 'There is a 3 cm collection with small foci of free air in the pelvis.';
  for (const text of [
    `EXAM: CT abdomen and pelvis.\nTECHNIQUE: Axial images with contrast.\nDISCUSSION: ${body}\nIMPRESSION: Postoperative changes.`,
    `EXAM: Carotid arteriogram.\nIMPRESSION: Moderate right carotid stenosis.\nDISCUSSION: ${body}`,
  ]) {
    const found = parseReport(text).sections.find((s) => s.header?.name === 'DISCUSSION');
    assert.equal(found?.kind, 'findings', JSON.stringify(kinds(text)));
  }
  // A procedure note's closing discussion (no impression), or one beside a findings section, stays other text.
  for (const text of [
    `PROCEDURE: Radiofrequency ablation.\nCOMPLICATIONS: None.\nDISCUSSION: The patient tolerated it well.`,
    `FINDINGS: ${body}\nIMPRESSION: Collection.\nDISCUSSION: Drainage was discussed with the surgeon.`,
  ]) {
    const found = parseReport(text).sections.find((s) => s.header?.name === 'DISCUSSION');
    assert.equal(found?.kind, 'other', JSON.stringify(kinds(text)));
  }
});

test('"INTERPRETATION(S):" beside an IMPRESSION, CONCLUSION or SUMMARY, with no findings section, heads the findings', () => {
  for (const [text, name] of [
    [
      'EXAM: US left lower extremity venous duplex.\nHISTORY: Leg swelling.\nINTERPRETATION: There is occlusive thrombus in the left popliteal vein.\nIMPRESSION: Left lower extremity DVT.',
      'INTERPRETATION',
    ],
    [
      'EXAM: Carotid duplex.\nINTERPRETATIONS: Peak systolic velocity in the right ICA is 250 cm/s with heterogeneous plaque.\nCONCLUSION: 70-99% right ICA stenosis.',
      'INTERPRETATIONS',
    ],
    [
      'EXAM: Lexiscan nuclear stress test.\nSUMMARY: Abnormal scan.\nInterpretation: Large reversible inferior wall defect.',
      'Interpretation',
    ],
  ]) {
    const found = parseReport(text).sections.find((s) => s.header?.name === name);
    assert.equal(found?.kind, 'findings', JSON.stringify(kinds(text)));
    assert.equal(parseReport(text).sections.filter((s) => s.kind === 'impression').length, 1, JSON.stringify(kinds(text)));
  }
  // Alone, beside a findings section, or beside two conclusions, it is a conclusion.
  for (const text of [
    'EXAM: US right lower extremity venous duplex.\nINTERPRETATIONS: Normal flow, compression and augmentation in the right femoral and popliteal veins.',
    'EXAM: Echocardiogram.\nFINDINGS: Normal left ventricular size and function.\nINTERPRETATION: Normal study.\nSUMMARY: EF 60%.',
    // A two-part stress and nuclear report: the stress part's interpretation is no imaging finding.
    'EXAM: Adenosine nuclear stress test.\nINTERPRETATION: Peak heart rate was 95.\nIMPRESSION: Nondiagnostic stress ECG.\nNUCLEAR INTERPRETATION: Reversible inferior defect.\nIMPRESSION: Inferior ischemia.',
    // Beside a conclusion that only records the call or gives advice, the interpretation is the conclusion (rev18 #6).
    'EXAM: Portable chest.\nINTERPRETATION: Tension pneumothorax on the left with rightward shift.\nCONCLUSION: Results called to Dr. Osei in the emergency department at 03:10 and read back.',
    'EXAM: Renal ultrasound.\nINTERPRETATION: Moderate right hydronephrosis.\nSUMMARY: Recommend correlation with urinalysis and follow-up ultrasound.',
  ]) {
    const found = parseReport(text).sections.find((s) => /^interpretations?$/i.test(s.header?.name ?? ''));
    assert.equal(found?.kind, 'impression', JSON.stringify(kinds(text)));
  }
});

// A nuclear or vascular report heads its results with the exam's full name, longer than a header's usual 41
// characters; in capitals at a line start, after the sections have begun, it opens a section of its own.
test('a long label in capitals at a line start opens its section; a mixed-case one or the title line does not', () => {
  for (const label of [
    'SPECT MYOCARDIAL PERFUSION IMAGING WITH SESTAMIBI AT REST',
    'CAROTID DUPLEX ULTRASOUND WITH SPECTRAL DOPPLER ANALYSIS',
  ]) {
    const text = `HISTORY: Chest pain.\nPROCEDURE: Treadmill stress to 9 METs. Heart rate rose to 150.\n${label}: Uniform uptake in all walls.\nIMPRESSION: Normal study.`;
    assert.deepEqual(kinds(text).slice(-2), [
      ['other', label],
      ['impression', 'IMPRESSION'],
    ]);
  }
  // The same words in mixed case are a sentence leading into its text.
  const mixed =
    'HISTORY: Chest pain.\nPROCEDURE: Stress test done.\nSpect myocardial perfusion imaging with sestamibi at rest: uniform uptake.';
  assert.deepEqual(kinds(mixed).at(-1), ['exam', 'PROCEDURE']);
  // The exam's title, first in the report or under "EXAM:", stays where it is.
  for (const text of [
    'MRI OF THE LUMBAR SPINE WITH AND WITHOUT INTRAVENOUS CONTRAST:\nHISTORY: Back pain.\nFINDINGS: Normal.',
    'EXAM: CT CHEST\nCT OF THE CHEST WITHOUT CONTRAST, LOW DOSE SCREENING PROTOCOL:\nHISTORY: Smoker.\nFINDINGS: Clear.',
  ]) {
    assert.ok(!kinds(text).some(([kind]) => kind === 'other'), JSON.stringify(kinds(text)));
  }
});

// A report with no findings header that heads its results with the exam's name beside an impression: those are the findings.
test('a section named by the exam, saying sentences, beside an impression and no findings section, heads the findings', () => {
  for (const [text, name] of [
    [
      'HISTORY: Chest pain.\nPROCEDURE: Dipyridamole stress. No symptoms.\nSESTAMIBI MYOCARDIAL PERFUSION SCAN AT REST AND STRESS: There is a reversible inferior defect. The ejection fraction is 48%.\nIMPRESSION: Inferior ischemia.',
      'SESTAMIBI MYOCARDIAL PERFUSION SCAN AT REST AND STRESS',
    ],
    [
      'REASON: Claudication.\nRIGHT LOWER EXTREMITY ARTERIAL DUPLEX: Monophasic flow in the popliteal artery. The superficial femoral artery is occluded.\nCONCLUSION: Right SFA occlusion.',
      'RIGHT LOWER EXTREMITY ARTERIAL DUPLEX',
    ],
  ]) {
    assert.equal(parseReport(text).sections.find((s) => s.header?.name === name)?.kind, 'findings', JSON.stringify(kinds(text)));
  }
  // A measure's label naming the exam ("… BY CURRENT ULTRASOUND: 28 weeks 3 days") is no findings section.
  const label = 'HISTORY: Dates.\nGESTATIONAL AGE BY CURRENT ULTRASOUND: 28 weeks 3 days\nIMPRESSION: Single live fetus.';
  assert.equal(kinds(label)[1][0], 'other', JSON.stringify(kinds(label)));
});
