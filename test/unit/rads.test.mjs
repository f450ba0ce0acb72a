// RADS categories: read wherever written, judged against the management the report writes, against
// each other, and against the features the text describes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { problemsOf, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const rads = require(path.join(root, 'out/server/guidelines/rads/index.js'));
const RULE = 'rads-management';
const read = (t) => rads.readCategories(t).map((m) => `${m.system.id} ${m.category.id}`);

test('six systems load, each category with a management, each with a citation and a source', () => {
  assert.deepEqual(
    rads.RADS_SYSTEMS.map((s) => s.id),
    ['bi-rads', 'lung-rads', 'ti-rads', 'li-rads', 'pi-rads', 'o-rads-us'],
  );
  for (const s of rads.RADS_SYSTEMS) {
    assert.ok(s.citation.length > 40 && s.source.length > 10, s.id);
    for (const c of s.categories) assert.ok(c.management || c.bySize, `${s.id} ${c.id}`);
  }
});

test('categories read wherever written', () => {
  assert.deepEqual(read('BIRADS: 4a'), ['bi-rads 4A']);
  assert.deepEqual(read('BI-RADS category 3.'), ['bi-rads 3']);
  assert.deepEqual(read('Mass (BIRADS-5).'), ['bi-rads 5']);
  assert.deepEqual(read('BIRADS Classification 2 - Benign'), ['bi-rads 2']);
  assert.deepEqual(read('Lung-RADS 4B'), ['lung-rads 4B']);
  assert.deepEqual(read('Lung-RADS v2022 category 2S'), ['lung-rads 2']);
  assert.deepEqual(read('TR4 nodule; TI-RADS 3 on the left'), ['ti-rads TR4', 'ti-rads TR3']);
  assert.deepEqual(read('LR-5 observation; LI-RADS category LR-M'), ['li-rads LR-5', 'li-rads LR-M']);
  assert.deepEqual(read('PI-RADS v2.1 category 4'), ['pi-rads 4']);
  assert.deepEqual(read('O-RADS US 4'), ['o-rads-us 4']);
  // Not categories: a version alone, a sub-score, another version, words that look alike.
  assert.deepEqual(read('PI-RADS 2.1 was used.'), []);
  assert.deepEqual(read('The lesion has a PI-RADS v2 T2 score of 4.'), []);
  assert.deepEqual(read('PI-RADSv1 category 4 and PI-RADSv2 category 3'), ['pi-rads 3']);
  assert.deepEqual(read('TRUS biopsy; the trachea; LRS'), []);
});

test('TI-RADS points from the described features', () => {
  assert.equal(rads.tiRadsPoints('solid, very hypoechoic, taller-than-wide, irregular margins, punctate echogenic foci').points, 13);
  const mixed = rads.tiRadsPoints('mixed cystic and solid, isoechoic, wider-than-tall, smooth margins, no echogenic foci');
  assert.deepEqual([mixed.points, mixed.complete], [2, true]);
  assert.equal(rads.tiRadsCategoryOf(2), 'TR2');
  assert.equal(rads.tiRadsCategoryOf(5), 'TR4');
  assert.equal(rads.tiRadsCategoryOf(7), 'TR5');
});

const MAMMO = (impression, findings = 'A 1.2 cm irregular mass in the right breast at 10 o\u2019clock.') =>
  `EXAM: Diagnostic mammogram, right breast\nHISTORY: 52-year-old woman with a palpable lump.\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`;

// A benign finding: a BI-RADS 1 or 2 over the irregular mass is a warning of its own (breast-obstetric.test.mjs).
const CYST = 'A 1.2 cm oval circumscribed anechoic mass in the right breast at 10 o\u2019clock, consistent with a simple cyst.';

test('BI-RADS: management that disagrees is warned; agreeing is silent', () => {
  /** @type {Array<[string, boolean, string?]>} */
  const cases = [
    ['BI-RADS 4: Suspicious. Recommend annual screening mammography.', true],
    ['BI-RADS 4: Suspicious. Ultrasound-guided biopsy is recommended.', false],
    ['BIRADS: 4a. Tissue sampling recommended.', false],
    ['BI-RADS category 3: Probably benign. Recommend ultrasound-guided biopsy.', true],
    ['BI-RADS category 3: Probably benign. Recommend follow-up diagnostic mammogram in 6 months.', false],
    ['BI-RADS 2: Benign. Recommend biopsy of the right breast mass.', true, CYST],
    ['BI-RADS 2: Benign. Continued yearly mammographic screening is recommended.', false, CYST],
    ['BI-RADS 1: Negative.', false, 'No suspicious mass, calcification or distortion in the right breast.'],
  ];
  for (const [impression, warned, findings] of cases) {
    const ps = problemsOf(RULE, MAMMO(impression, findings));
    assert.equal(
      ps.some((p) => p.severity === 'warning'),
      warned,
      `${impression} -> ${ps.map((p) => p.message).join(' | ')}`,
    );
  }
  const [missing] = problemsOf(RULE, MAMMO('BI-RADS 5: Highly suggestive of malignancy.'));
  assert.equal(missing.severity, 'info');
  assert.match(missing.message, /tissue diagnosis/);
});

test('an overall category lower than a lesion\u2019s is warned', () => {
  const text = MAMMO(
    '1. Right breast mass, BI-RADS 4. Biopsy recommended.\n2. Left breast: BI-RADS 2.\nOverall BI-RADS 2: Benign.',
    'Right breast: 1.2 cm irregular mass. Left breast: benign calcifications.',
  );
  const ps = problemsOf(RULE, text);
  assert.ok(
    ps.some((p) => /overall BI-RADS 2 is lower than the BI-RADS 4/.test(p.message)),
    ps.map((p) => p.message).join(' | '),
  );
});

test('"overall" belongs to its own clause, and a lesion summary score is one lesion\u2019s (PI-RADS v1 beside v2)', () => {
  const text =
    'EXAM: MRI prostate\nFINDINGS: Lesion L1 in the left transition zone measures 10 x 9 mm. The overall PI-RADS v1 Lesion Summary Score is 4, and the PI-RADS v2 Lesion Summary Score is 3. ' +
    'Lesion R2 in the right peripheral zone measures 8 x 5 mm. The overall PI-RADS v1 Lesion Summary Score is 4, and the PI-RADS v2 Lesion Summary Score is 4.\n' +
    'IMPRESSION: Lesion L1, PI-RADSv2 category 3. Lesion R2, PI-RADSv2 category 4; targeted biopsy is recommended.\n';
  const ps = problemsOf(RULE, text);
  assert.ok(!ps.some((p) => /is lower than/.test(p.message)), ps.map((p) => p.message).join(' | '));
  // A written overall category below a lesion's is still warned.
  const lower = problemsOf(
    RULE,
    'EXAM: MRI prostate\nFINDINGS: Lesion 1, PI-RADS 4. Lesion 2, PI-RADS 3.\nIMPRESSION: Overall PI-RADS 3.\n',
  );
  assert.ok(
    lower.some((p) => /overall PI-RADS 3 is lower than the PI-RADS 4/.test(p.message)),
    lower.map((p) => p.message).join(' | '),
  );
});

test('TI-RADS: a category the features contradict, and FNA below the size threshold', () => {
  const US = (f, i) => `EXAM: Thyroid ultrasound\nHISTORY: 45-year-old woman.\nFINDINGS: ${f}\nIMPRESSION: ${i}\n`;
  const contradicted = problemsOf(
    RULE,
    US(
      'Right lobe nodule, 1.2 cm, solid, hypoechoic, wider-than-tall, irregular margins, punctate echogenic foci. TI-RADS 3.',
      'Right thyroid nodule, TR3.',
    ),
  );
  assert.ok(
    contradicted.some((p) => /points, which is ACR TI-RADS TR5/.test(p.message)),
    contradicted.map((p) => p.message).join(' | '),
  );
  const overBiopsied = problemsOf(
    RULE,
    US('Right lobe nodule, 1.2 cm, mixed cystic and solid, isoechoic. TR3.', 'TR3 nodule. FNA is recommended.'),
  );
  assert.ok(
    overBiopsied.some((p) => p.severity === 'warning' && /no FNA/.test(p.message)),
    overBiopsied.map((p) => p.message).join(' | '),
  );
  assert.deepEqual(problemsOf(RULE, US('Right lobe nodule, 1.2 cm, TR3.', 'TR3 nodule. FNA is not recommended.')), []);
});

test('Lung-RADS: management and the nodule\u2019s own category', () => {
  const LDCT = (f, i) =>
    `EXAM: Low-dose CT chest for lung cancer screening\nHISTORY: 64-year-old former smoker.\nFINDINGS: ${f}\nIMPRESSION: ${i}\n`;
  const wrongManagement = problemsOf(
    RULE,
    LDCT('A 9 mm solid nodule in the right upper lobe.', 'Lung-RADS 4A. Continue annual screening in 12 months.'),
  );
  assert.ok(wrongManagement.some((p) => p.severity === 'warning'));
  assert.deepEqual(problemsOf(RULE, LDCT('A 9 mm solid nodule in the right upper lobe.', 'Lung-RADS 4A. Recommend LDCT in 3 months.')), []);
  // The nodule's type and size give Lung-RADS 2: the follow-up rule, whose Lung-RADS rows name their category, says so once.
  const wrongCategory = LDCT('A 4 mm solid nodule in the right upper lobe.', 'Findings are Lung-RADS 3, probably benign.');
  assert.ok(problemsOf('follow-up-recommendation', wrongCategory).some((p) => /category 2/.test(p.message)));
  assert.ok(!problemsOf(RULE, wrongCategory).some((p) => /does not fit/.test(p.message)));
});

test('no false alarm where no category is written, or in the history', () => {
  assert.deepEqual(problemsOf(RULE, MAMMO('Suspicious mass. Biopsy recommended.')), []);
  assert.deepEqual(
    problemsOf(
      RULE,
      'EXAM: Screening mammogram\nHISTORY: Prior BI-RADS 4 biopsy, benign.\nFINDINGS: Scattered fibroglandular density. No suspicious mass.\nIMPRESSION: BI-RADS 2: Benign. Annual screening.\n',
    ),
    [],
  );
});

test('the hover at a category: its meaning, management and citation; findings entries with finding and side', () => {
  const { analyze } = require(path.join(root, 'out/server/engine.js'));
  const { hoverAt } = require(path.join(root, 'out/server/hover/index.js'));
  const { radsEntries } = require(path.join(root, 'out/server/guidelines/rads/check.js'));
  const text = MAMMO(
    'BIRADS: 4a. Ultrasound-guided biopsy is recommended.',
    'The breasts are heterogeneously dense. A 1.2 cm irregular mass in the right breast.',
  );
  const a = analyze(text);
  const info = hoverAt(a, text.indexOf('BIRADS') + 2);
  assert.match(info.rads.markdown, /\*\*BI-RADS 4A\*\*: Low suspicion for malignancy \(likelihood of malignancy > 2% to ≤ 10%\)/);
  assert.match(info.rads.markdown, /Management: tissue diagnosis/);
  assert.match(info.rads.markdown, /BI-RADS Atlas/);
  const entries = radsEntries(a.report, () => a.understanding);
  assert.deepEqual(
    entries.map((e) => [e.kind, e.category, e.finding, e.side]),
    [
      ['density', 'C', null, null],
      ['assessment', '4A', 'mass', 'right'],
    ],
  );
});

test('docs/guidelines/rads.md gives every system\u2019s categories and management, and its citation (node scripts/docs-guidelines.mjs)', () => {
  const fs = require('node:fs');
  const text = fs.readFileSync(path.join(root, 'docs/guidelines/rads.md'), 'utf8');
  for (const s of rads.RADS_SYSTEMS) {
    assert.ok(text.includes(s.citation), s.id);
    for (const c of s.categories)
      assert.ok(text.includes(`| ${c.id} | ${c.label.replace(/\|/g, '\\|')} |`), `${s.id} ${c.id} missing or stale`);
  }
});

test('no false alarm on agreeing reports of every system, and each nodule judged by its own advice', () => {
  const cases = [
    'EXAM: Screening mammogram\nFINDINGS: Scattered fibroglandular density. No suspicious mass.\nIMPRESSION: No mammographic evidence of malignancy. BI-RADS 1: Negative. Recommend annual screening mammography.\n',
    'EXAM: Screening mammogram\nFINDINGS: Scattered fibroglandular density. Possible asymmetry in the left breast.\nIMPRESSION: BI-RADS 0: Incomplete. Recommend diagnostic mammogram and ultrasound of the left breast.\n',
    'EXAM: Diagnostic mammogram\nFINDINGS: Oval circumscribed mass in the left breast.\nIMPRESSION: BI-RADS 3: Probably benign. Short-interval follow-up in 6 months.\n',
    'EXAM: Bilateral diagnostic mammogram\nFINDINGS: Scattered fibroglandular density. Right breast: irregular mass. Left breast: no abnormality.\nIMPRESSION: Right breast: BI-RADS 4. Left breast: BI-RADS 1. Recommend ultrasound-guided biopsy of the right breast mass.\n',
    'EXAM: Breast MRI\nHISTORY: Known right breast cancer.\nFINDINGS: Enhancing mass in the right breast.\nIMPRESSION: BI-RADS 6. Recommend MRI-guided evaluation of extent as clinically indicated.\n',
    'EXAM: Low-dose CT chest for lung cancer screening\nHISTORY: 66-year-old former smoker.\nFINDINGS: A 4 mm solid nodule in the right upper lobe.\nIMPRESSION: Lung-RADS 2: Benign appearance. Continue annual screening with LDCT in 12 months.\n',
    'EXAM: MRI abdomen, liver protocol\nHISTORY: Cirrhosis.\nFINDINGS: A 2.5 cm observation in segment 8 with arterial phase hyperenhancement and washout.\nIMPRESSION: LR-5 observation in segment 8. Multidisciplinary discussion recommended.\n',
    'EXAM: MRI prostate\nHISTORY: Rising PSA.\nFINDINGS: A 1.2 cm lesion in the left peripheral zone.\nIMPRESSION: PI-RADS v2.1 category 4 lesion. Targeted biopsy recommended.\n',
    'EXAM: Pelvic ultrasound\nHISTORY: Pelvic pain.\nFINDINGS: A 6 cm multilocular solid adnexal mass.\nIMPRESSION: O-RADS US 5. Gynecologic oncology referral is recommended.\n',
    'EXAM: Thyroid ultrasound\nFINDINGS: Nodule 1: right lobe, 1.8 cm, solid, hypoechoic, wider-than-tall, smooth margins. TR4. FNA recommended. Nodule 2: left lobe, 0.8 cm, spongiform. TR1. No FNA.\nIMPRESSION: Right thyroid nodule, TR4, for FNA.\n',
  ];
  for (const text of cases) assert.deepEqual(problemsOf(RULE, text), [], text);
});
