import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nlp, understand } from '../helpers/nlp.mjs';

test('sex and age from the history', () => {
  assert.deepEqual(understand('HISTORY: 51 year old female with cough.\nFINDINGS: Clear.').patient, { sex: 'female', age: 51 });
  assert.deepEqual(understand('INDICATION: 67-year-old man, dyspnea.').patient, { sex: 'male', age: 67 });
  assert.deepEqual(understand('INDICATION: XXXX-year-old male with chest pain.').patient, { sex: 'male', age: null });
  assert.deepEqual(understand('HISTORY: 45 yo F, fall.').patient, { sex: 'female', age: 45 });
  assert.deepEqual(understand('Patient: Mrs. Jones\nFINDINGS: Normal.').patient, { sex: 'female', age: null });
  assert.deepEqual(understand('Sex: M\nAge: 70\nFINDINGS: Normal.').patient, { sex: 'male', age: 70 });
  assert.equal(understand('PATIENT: Doe, Jane, F, 51\nFINDINGS: Normal.').patient.sex, 'female');
});

test('no sex or age when the text does not say', () => {
  assert.deepEqual(understand('FINDINGS: The lungs are clear. No pleural effusion.').patient, { sex: null, age: null });
  // Mixed pronouns decide nothing.
  assert.equal(understand('HISTORY: Her husband says he fell.').patient.sex, null);
});

test('an organ only one sex has, named as present, outweighs a pronoun; a stated sex outweighs both', () => {
  // A translated CT-RATE report: "his" beside a uterus and ovaries.
  const ctrate =
    'EXAM: CT CHEST\nFINDINGS: Compared with his previous examination, the nodule is stable. In the sections through the pelvis, the uterus and ovaries are of normal appearance, and no pelvic mass is detected.';
  assert.equal(understand(ctrate).patient.sex, 'female');
  assert.equal(understand('FINDINGS: The prostate is enlarged. She reports urgency.').patient.sex, 'male');
  // Taken away or denied, the organ tells nothing; the pronoun decides.
  assert.equal(understand('FINDINGS: His uterus is surgically absent. Status post hysterectomy.').patient.sex, 'male');
  // Both sexes' organs (an inserted slip): the pronouns decide; a stated sex always wins.
  assert.equal(understand('FINDINGS: The uterus is normal. The prostate is enlarged. He is stable.').patient.sex, 'male');
  assert.equal(understand('HISTORY: 60-year-old man.\nFINDINGS: The uterus is normal.').patient.sex, 'male');
  // A uterus named only in the history is no organ of today's findings.
  assert.equal(understand('HISTORY: Mother had uterine cancer.\nFINDINGS: His lungs are clear.').patient.sex, 'male');
});

test('exam modality, body part and side from the title', () => {
  const e = understand('EXAM: MRI RIGHT ANKLE\nFINDINGS: Normal.').exam;
  assert.deepEqual([e.modality, e.bodyPart, e.side], ['MR', 'ankle', 'right']);
  const cxr = understand('EXAM: Xray Chest PA and Lateral\nFINDINGS: Normal.').exam;
  assert.deepEqual([cxr.modality, cxr.bodyPart, cxr.side], ['XR', 'chest', null]);
  const ct = understand('CT ABDOMEN AND PELVIS WITH CONTRAST\n\nFINDINGS: Normal.').exam;
  assert.deepEqual([ct.modality, ct.bodyPart], ['CT', 'abdomen and pelvis']);
  const us = understand('EXAM: Ultrasound of the left testicle.').exam;
  assert.deepEqual([us.modality, us.bodyPart, us.side], ['US', 'scrotum', 'left']);
  // A body part that names its modality ("screening mammogram") names both.
  const mg = understand('EXAM: Screening mammogram, bilateral.\nFINDINGS: Normal.').exam;
  assert.deepEqual([mg.modality, mg.bodyPart, mg.side], ['MG', 'breast', 'bilateral']);
});

test('a technique scanning from one body part to another reads as the part between, never as an end', () => {
  const exam = (technique) => {
    const e = understand(`TECHNIQUE: ${technique}\nFINDINGS: The lungs are clear.\n`).exam;
    return [e.modality, e.bodyPart];
  };
  assert.deepEqual(exam('Sequential axial CT images were obtained from the base of the brain to the upper abdomen.'), ['CT', 'chest']);
  assert.deepEqual(exam('Axial CT images of the head were obtained from the skull base to the vertex.'), ['CT', 'head']);
  // A range whose middle the data does not know names no body part rather than an end's.
  assert.equal(exam('CT images were obtained from the neck to the pelvis.')[1], null);
  // The side of a title without one, from the procedure line ("MRI HIP" over "imaging of the right hip").
  const hip = understand(
    'MRI HIP:\nPROCEDURE: Multiplanar, multisequence imaging of the right hip and pelvis was performed at 3T without contrast. Full field of view imaging of the pelvis was also obtained.\nFINDINGS: Normal.\n',
  ).exam;
  assert.deepEqual([hip.bodyPart, hip.side], ['hip', 'right']);
});

test('the exam decides what an ambiguous word means', () => {
  const knee = understand('EXAM: MRI LEFT KNEE\nFINDINGS: Small effusion.');
  assert.equal(knee.findings[0].concept, 'joint-effusion');
  const chest = understand('EXAM: CHEST 2 VIEWS\nFINDINGS: Small effusion.');
  assert.equal(chest.findings[0].concept, 'pleural-effusion');
});

test('sex-specific words are found with their sex', () => {
  const u = understand('FINDINGS: The uterus and ovaries are normal. The prostate is enlarged.');
  assert.deepEqual(
    u.sexSpecific.map((s) => [s.term, s.sex]),
    [
      ['uterus', 'female'],
      ['ovaries', 'female'],
      ['prostate', 'male'],
    ],
  );
  assert.ok(nlp.SEX_SPECIFIC_TERMS.some((t) => t.term === 'testes' && t.sex === 'male'));
  assert.equal(understand('FINDINGS: Cervical spine is normal.').sexSpecific.length, 0);
});

test('a title naming several body parts reads each in its own sense', () => {
  const u = understand('EXAM: Pelvis with bilateral hips, and PA and lateral chest.\nFINDINGS: Interstitial edema. Small effusion.');
  assert.equal(u.exam.bodyPart, 'pelvis');
  assert.deepEqual(
    u.findings.map((f) => f.concept),
    ['pulmonary-edema', 'pleural-effusion'],
  );
  const ankle = understand('EXAM: MRI RIGHT ANKLE\nFINDINGS: Interstitial edema of the ligament.');
  assert.notEqual(ankle.findings[0]?.concept, 'pulmonary-edema');
});

test('a title written as the first header names the exam, so a bare "edema" there is no lung edema', () => {
  const u = understand('MRI HIP: __.CLINICAL HISTORY: Right hip pain. FINDINGS: Adjacent peritendinous edema.');
  assert.equal(u.exam.modality, 'MR');
  assert.equal(u.exam.bodyPart, 'hip');
  assert.ok(!u.findings.some((f) => f.concept === 'pulmonary-edema'));
  assert.equal(understand('CLINICAL HISTORY: Cough.\nFINDINGS: Clear lungs.').exam.modality, null);
});

test('the gestational age the report states (the latest) makes a breech fetus significant from 36 weeks', () => {
  const significant = (history) =>
    understand(
      `CLINICAL HISTORY: ${history}\nCOMPARISON: Anatomy survey at 20 weeks.\nFINDINGS: Single live fetus in breech presentation.`,
    ).findings.find((f) => f.concept === 'fetal-malpresentation' && f.section === 'findings')?.significant;
  assert.equal(significant('G1P0 at 36 weeks 3 days.'), true);
  assert.equal(significant('GESTATIONAL AGE BY CURRENT ULTRASOUND: 37weeks 4days +/- 2 weeks.'), true);
  assert.equal(significant('34 weeks gestation, follow-up in 2 weeks.'), false);
  assert.equal(significant('Routine anatomy scan.'), false);
});
