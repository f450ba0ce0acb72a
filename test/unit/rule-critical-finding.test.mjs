// critical-finding: present, current critical findings and their urgency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, engine } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);
// The critical-finding marks alone, with the communication rule (which takes over those needing a call) switched off.
const marksOf = (text) =>
  engine.checkText(text, { rules: { 'critical-communication-missing': 'off' } }).problems.filter((p) => p.rule === 'critical-finding');

test('critical-finding: present critical findings with their urgency, at info level', () => {
  const text = 'FINDINGS: Large right tension pneumothorax with mediastinal shift.\nIMPRESSION: Right tension pneumothorax.\n';
  const [p] = marksOf(text);
  assert.equal(p.severity, 'info');
  assert.equal(p.finding, 'tension pneumothorax');
  assert.match(p.message, /minutes/);
  assert.equal(slice(text, p), 'tension pneumothorax');
});

test('critical-finding: silent on denials, history, questions and clear reports', () => {
  for (const text of [
    'FINDINGS: No pneumothorax.\nIMPRESSION: No acute process.',
    'INDICATION: Evaluate for pneumothorax.\nFINDINGS: Lungs clear.\nIMPRESSION: Normal.',
    'FINDINGS: The prior pneumothorax has resolved.\nIMPRESSION: Resolved right pneumothorax.',
    'IMPRESSION: Rule out free air.',
    'FINDINGS: Lungs are clear.\nIMPRESSION: Normal chest.',
  ]) {
    assert.deepEqual(
      problemsOf('critical-finding', text).map((p) => p.finding),
      [],
      text,
    );
  }
});

test('critical-finding: a malpositioned tube is critical, a well-placed one is not', () => {
  const bad = 'FINDINGS: The endotracheal tube tip is in the right mainstem bronchus.\nIMPRESSION: ETT in the right mainstem bronchus.';
  assert.ok(marksOf(bad).some((p) => p.finding === 'malpositioned endotracheal tube'));
  const good = 'FINDINGS: The endotracheal tube tip is 4 cm above the carina.\nIMPRESSION: Satisfactory ETT position.';
  assert.deepEqual(problemsOf('critical-finding', good), []);
  const fixed =
    'FINDINGS: The endotracheal tube has been withdrawn and is no longer in the right mainstem bronchus.\nIMPRESSION: Improved ETT position.';
  assert.ok(!problemsOf('critical-finding', fixed).some((p) => p.finding.startsWith('malpositioned')));
});

test('critical-finding: settings extend and trim the list', () => {
  const text = 'FINDINGS: Small right pneumothorax.\nIMPRESSION: Small right pneumothorax.';
  const trimmed = engine.checkText(text, { rules: {}, critical: { pneumothorax: 'none' } });
  assert.ok(!trimmed.problems.some((p) => p.rule === 'critical-finding'));
  const nodule = 'FINDINGS: 9 mm nodule in the right upper lobe.\nIMPRESSION: Right upper lobe nodule.';
  const extended = engine.checkText(nodule, { rules: {}, critical: { nodule: 'days' } });
  const names = extended.problems.filter((p) => p.rule === 'critical-finding').map((p) => p.finding);
  assert.ok(names.length > 0, 'nodule made critical by setting');
});

test('critical-finding: no "days" mark on what the report reads as benign, as the known cancer, or as stable post-surgical change', () => {
  for (const text of [
    // Read as benign after the mention, or named benign before it.
    "EXAM: Right breast ultrasound.\nFINDINGS: At 10 o'clock there is a 1.4 cm oval circumscribed hypoechoic mass parallel to the skin, most likely a fibroadenoma.\nIMPRESSION: Probably benign mass, likely fibroadenoma. BI-RADS 3.",
    "EXAM: Left breast ultrasound.\nFINDINGS: 8 mm anechoic mass with posterior acoustic enhancement at 2 o'clock, compatible with a simple cyst.\nIMPRESSION: Simple cyst. BI-RADS 2: Benign.",
    // The known, biopsy-proven cancer being staged.
    "EXAM: Bilateral breast MRI.\nFINDINGS: The biopsy-proven invasive ductal carcinoma in the right breast at 11 o'clock measures 2.1 cm.\nIMPRESSION: Known right breast cancer measuring 2.1 cm. BI-RADS 6.",
    // Stable, or the operation's change.
    'EXAM: CT chest.\nFINDINGS: 2.5 cm right upper lobe mass, stable since 2019.\nIMPRESSION: Stable right upper lobe mass.',
    'EXAM: Bilateral diagnostic mammogram.\nFINDINGS: Architectural distortion at the lumpectomy site in the left breast, unchanged from 2023.\nIMPRESSION: Postsurgical changes. BI-RADS 2.',
  ])
    assert.deepEqual(
      marksOf(text).map((p) => p.finding),
      [],
      text,
    );
});

test('critical-finding: a new or suspicious mass, suspicious calcifications and a BI-RADS 4 or 5 lesion keep their "days" mark', () => {
  for (const [text, finding] of [
    [
      "EXAM: Left breast ultrasound.\nFINDINGS: 1.2 cm irregular hypoechoic mass with spiculated margins at 2 o'clock.\nIMPRESSION: Suspicious mass. BI-RADS 4C. Biopsy recommended.",
      'mass',
    ],
    [
      'EXAM: Screening mammogram.\nFINDINGS: New 9 mm mass in the right breast, upper outer quadrant.\nIMPRESSION: New right breast mass. BI-RADS 0.',
      'mass',
    ],
    [
      'EXAM: Diagnostic mammogram.\nFINDINGS: New grouped fine pleomorphic calcifications in the left breast.\nIMPRESSION: Suspicious calcifications. BI-RADS 4B. Stereotactic biopsy recommended.',
      'suspicious breast calcifications',
    ],
    // Beside the known cancer, a new mass in the other breast.
    [
      "EXAM: Bilateral breast MRI.\nFINDINGS: Known right breast cancer at 9 o'clock. In the left breast there is a new 8 mm irregular enhancing mass.\nIMPRESSION: New left breast mass, suspicious. BI-RADS 4.",
      'mass',
    ],
    // Stable, but spiculated: suspicion stands beside it.
    ['EXAM: CT chest.\nFINDINGS: 3 cm spiculated right upper lobe mass, stable since 2019.\nIMPRESSION: Right upper lobe mass.', 'mass'],
    // A benign reading under a BI-RADS 4 is still a suspected cancer.
    [
      "EXAM: Left breast ultrasound.\nFINDINGS: 1.5 cm oval hypoechoic mass at 3 o'clock, possibly a fibroadenoma.\nIMPRESSION: BI-RADS 4A. Ultrasound-guided biopsy is recommended.",
      'mass',
    ],
  ])
    assert.ok(
      marksOf(text).some((p) => p.finding === finding && /days/.test(p.message)),
      text,
    );
});

test('critical-finding: a benign word beside the mention, a hedged benign cause outside breast imaging, or a malignancy named in the reading keeps the "days" mark', () => {
  for (const [text, finding] of [
    // The reading word reads the mass as a cancer; the cyst after "with" is another finding.
    [
      'EXAM: CT abdomen with contrast.\nFINDINGS: 4 cm pancreatic tail mass, most likely adenocarcinoma, with a 6 mm simple cyst in the pancreatic body.\nIMPRESSION: Pancreatic tail mass, most likely adenocarcinoma, and a small pancreatic cyst.',
      'pancreatic mass',
    ],
    // Outside breast imaging a benign cause named for a mass is no reason to drop its mark.
    [
      'EXAM: CT chest with contrast.\nFINDINGS: 2.8 cm right lower lobe mass, possibly related to scarring from prior infection.\nIMPRESSION: Right lower lobe mass, possibly related to scarring.',
      'mass',
    ],
    [
      'EXAM: CT abdomen with contrast.\nFINDINGS: 5 cm left renal mass, likely due to a hemorrhagic cyst.\nIMPRESSION: 5 cm left renal mass, which may be related to a hemorrhagic cyst.',
      'renal mass',
    ],
    // A malignancy in the reading, by any -carcinoma, -oma or tumor word.
    [
      'EXAM: MRI pelvis.\nFINDINGS: 6 cm right adnexal mass, likely a dermoid or cystadenocarcinoma.\nIMPRESSION: Right adnexal mass, likely a dermoid or cystadenocarcinoma.',
      'adnexal mass',
    ],
    [
      "EXAM: Right breast ultrasound.\nFINDINGS: At 9 o'clock there is a 1.1 cm oval mass, likely an intramammary lymph node versus lymphoma.\nIMPRESSION: Right breast mass. BI-RADS 0: Incomplete.",
      'mass',
    ],
    [
      "EXAM: Left breast ultrasound.\nFINDINGS: At 2 o'clock there is a 2.4 cm circumscribed oval mass, most consistent with a phyllodes tumor.\nIMPRESSION: Left breast mass. Surgical consultation.",
      'mass',
    ],
  ])
    assert.ok(
      marksOf(text).some((p) => p.finding === finding && /days/.test(p.message)),
      text,
    );
});

test('critical-finding: a breast report reads a mass benign by its own reading word, chained or followed by another clause', () => {
  for (const text of [
    "EXAM: Left breast ultrasound.\nFINDINGS: At 1 o'clock there is a 9 mm oval circumscribed mass, likely representing an intramammary lymph node.\nIMPRESSION: Left breast mass, likely an intramammary lymph node. BI-RADS 2: Benign.",
    "EXAM: Bilateral breast MRI.\nFINDINGS: Right breast 10 o'clock: 7 mm circumscribed enhancing mass, most likely a fibroadenoma, with a small adjacent cyst.\nIMPRESSION: Right breast mass, most likely a fibroadenoma. BI-RADS 3: Probably benign. Follow-up MRI in 6 months.",
  ])
    assert.deepEqual(
      marksOf(text).map((p) => p.finding),
      [],
      text,
    );
});

test("critical-finding: a breast exam's benign reading takes the days mark from breast lesions only, not from another organ's mass", () => {
  const liver =
    'EXAM: Bilateral breast MRI.\nFINDINGS: No suspicious enhancement in either breast. A 2 cm mass in the liver, which may represent a hemangioma.\nIMPRESSION: BI-RADS 1: Negative. Liver mass, likely hemangioma.';
  assert.ok(problemsOf('critical-finding', liver).some((p) => /mass/.test(p.message)));
  const breast =
    'EXAM: Bilateral breast MRI.\nFINDINGS: A 9 mm oval circumscribed mass in the left breast, which may represent a fibroadenoma.\nIMPRESSION: BI-RADS 3: Probably benign. Left breast mass, likely fibroadenoma.';
  assert.deepEqual(problemsOf('critical-finding', breast), []);
});

test('critical-finding: a mediastinal shift is critical when new or growing, not when stable, chronic or pulled by volume loss', () => {
  const shifts = (text) =>
    engine.checkText(text).problems.filter((p) => p.rule.startsWith('critical') && /mediastinal shift/.test(p.message));
  for (const line of [
    'Stable mild mediastinal shift to the right.',
    'Mild tracheal deviation to the right, unchanged from the prior radiograph.',
    'Right pneumonectomy with the expected mediastinal shift to the right.',
    'Postlobectomy volume loss in the left hemithorax with mild shift of the mediastinum to the left.',
  ])
    assert.deepEqual(shifts(`EXAM: CT chest\nFINDINGS: ${line}\nIMPRESSION: ${line}`), [], line);
  for (const line of [
    'New mediastinal shift to the left.',
    'Left pneumonectomy with new shift of the mediastinum to the right.',
    'Mediastinal shift to the left without volume loss.',
    'Large right pleural effusion with increasing mediastinal shift to the left.',
  ])
    assert.equal(shifts(`EXAM: CT chest\nFINDINGS: ${line}\nIMPRESSION: ${line}`)[0]?.rule, 'critical-communication-missing', line);
});

test('critical-communication-missing: a shift away from the resected side, or growing after a resection, keeps the call', () => {
  const shifts = (text) =>
    engine.checkText(text).problems.filter((p) => p.rule.startsWith('critical') && /mediastinal shift/.test(p.message));
  // Toward the resected side: the lung is gone and the mediastinum fills its place.
  for (const line of [
    'Left upper lobectomy with leftward mediastinal shift.',
    'Shift of the mediastinum to the left due to prior left pneumonectomy.',
    'Status post right pneumonectomy with the expected shift of the mediastinum toward the right.',
  ])
    assert.deepEqual(shifts(`EXAM: CT chest\nFINDINGS: ${line}\nIMPRESSION: ${line}`), [], line);
  // Away from it (a bronchopleural fistula, bleeding or fluid filling the space pushes), or growing.
  for (const line of [
    'Status post left pneumonectomy with mediastinal shift to the right.',
    'Left upper lobectomy with rightward mediastinal shift.',
    'S/p right pneumonectomy with shift of the mediastinum away from the right.',
    'Status post right pneumonectomy with interval increase in mediastinal shift to the left.',
    'Right pneumonectomy with interval increase in the mediastinal shift to the right.',
  ])
    assert.equal(shifts(`EXAM: CT chest\nFINDINGS: ${line}\nIMPRESSION: ${line}`)[0]?.rule, 'critical-communication-missing', line);
});

test('critical-communication-missing: a loss told in another sentence pulls the shift toward its own side only', () => {
  const shifts = (text) =>
    engine.checkText(text).problems.filter((p) => p.rule.startsWith('critical') && /mediastinal shift/.test(p.message));
  for (const findings of [
    'The left hemithorax is hypovolemic. The mediastinum is slightly deviated to the left.',
    'The heart and mediastinum are deviated to the right. The right lung is collapsed except for a small aerated part of the upper lobe.',
    'Prior left pneumonectomy. The mediastinum is shifted to the left.',
  ])
    assert.deepEqual(shifts(`EXAM: CT chest\nFINDINGS: ${findings}\nIMPRESSION: Postoperative changes.`), [], findings);
  for (const findings of [
    'Prior left pneumonectomy. The mediastinum is shifted to the right.',
    'The left lower lobe is collapsed. New mediastinal shift to the right.',
    'No volume loss in the left lung. The mediastinum is shifted to the left.',
  ])
    assert.equal(
      shifts(`EXAM: CT chest\nFINDINGS: ${findings}\nIMPRESSION: Mediastinal shift.`)[0]?.rule,
      'critical-communication-missing',
      findings,
    );
});
