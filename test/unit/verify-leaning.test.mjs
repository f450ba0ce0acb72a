// The verifier keeps a sentence with what it leans on (rewrite/clauses.ts `leansOn`, verify-clauses.ts):
// a pointer ("It …", "Given …, these …"), a phrase pointing back ("None of the …", "Other possibilities …"),
// "the" and a bare noun the sentence before names ("The mass is …"), or "at this level"; and the sentences
// of a spine level's paragraph or run stay at that level. Built from the pattern, on sentences of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readClause, leansOn } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const check = (kind, source, candidate) => checkClauses(kind, parseReport(source), candidate).map((r) => r.message);
const leans = (text, before, organs = new Set()) =>
  leansOn(readClause(text, { start: 0, end: text.length }, 'findings', null), before, organs);

test('leansOn: pointers, phrases pointing back, a bare noun named just before; not a study, an organ or an impersonal "it"', () => {
  const before = 'A 2 cm enhancing mass is seen in the tail of the pancreas.';
  for (const text of [
    'It is hypoenhancing on the delayed images.',
    'However, it was thought most likely benign.',
    'Given the history of pancreatitis, these likely represent pseudocysts.',
    'None of the other lesions are suspicious.',
    'Other possibilities such as a neuroendocrine tumor cannot be excluded.',
    'The largest of these measures 9 mm.',
    'The mass is inseparable from the splenic vein.',
    "The mass's margins are lobulated.",
    'A small cyst may also be present at this level.',
  ])
    assert.equal(leans(text, before), true, text);
  for (const text of [
    'This examination was limited by motion.',
    'These images were obtained after contrast.',
    'It was learned that the patient had a prior resection.',
    'The spleen is normal in size.',
    'The posterior tibial artery is patent.',
    'The SMA is patent.',
    'The kidneys are normal.',
  ])
    assert.equal(leans(text, `${before} The spleen and the SMA and the kidneys are seen.`, new Set(['spleen', 'kidney'])), false, text);
});

const ABDOMEN = `EXAM: CT abdomen.
FINDINGS: The liver is normal. A 2 cm mass is seen in the tail of the pancreas. It is hypoenhancing and abuts the splenic vein. The kidneys are normal.
IMPRESSION: Pancreatic tail mass.
`;

test('restructure: a sentence leaning on the one before is refused under another field, accepted in that one', () => {
  const faithful = `EXAM: CT abdomen.
FINDINGS:
Liver: The liver is normal.
Pancreas: A 2 cm mass is seen in the tail of the pancreas. It is hypoenhancing and abuts the splenic vein.
Kidneys: The kidneys are normal.
IMPRESSION: Pancreatic tail mass.
`;
  assert.deepEqual(check('restructure', ABDOMEN, faithful), []);
  const cut = faithful
    .replace(' It is hypoenhancing and abuts the splenic vein.', '')
    .replace('Kidneys: The kidneys are normal.', 'Kidneys: The kidneys are normal. It is hypoenhancing and abuts the splenic vein.');
  assert.ok(
    check('restructure', ABDOMEN, cut).some((m) => m.startsWith('moves "It is hypoenhancing') && m.includes('A 2 cm mass')),
    'cut from its antecedent',
  );
  // On the general line, away from it, it speaks of nothing either.
  const general = faithful
    .replace(' It is hypoenhancing and abuts the splenic vein.', '')
    .replace('FINDINGS:\n', 'FINDINGS:\nIt is hypoenhancing and abuts the splenic vein.\n');
  assert.ok(check('restructure', ABDOMEN, general).some((m) => m.startsWith('moves "It is hypoenhancing')));
});

const SPINE = `EXAM: MRI lumbar spine.
FINDINGS: Alignment is normal. The conus ends at L1.

At the L4-L5 level, there is a broad-based disc bulge. Moderate narrowing of the spinal canal is present. The neural foramina are patent.

L5-S1: Small central protrusion. Mild left foraminal narrowing.
IMPRESSION: Moderate canal narrowing at L4-L5.
`;

test('restructure: the sentences of a level paragraph or labelled line stay at their level', () => {
  const faithful = `EXAM: MRI lumbar spine.
FINDINGS:
Alignment: Alignment is normal.
Spinal cord and conus: The conus ends at L1.
Disc levels: At the L4-L5 level, there is a broad-based disc bulge. Moderate narrowing of the spinal canal is present. The neural foramina are patent.
L5-S1: Small central protrusion. Mild left foraminal narrowing.
IMPRESSION: Moderate canal narrowing at L4-L5.
`;
  assert.deepEqual(check('restructure', SPINE, faithful), []);
  const unlevelled = faithful
    .replace(' Moderate narrowing of the spinal canal is present. The neural foramina are patent.', '')
    .replace(
      'The conus ends at L1.',
      'The conus ends at L1. Moderate narrowing of the spinal canal is present. The neural foramina are patent.',
    );
  assert.ok(
    check('restructure', SPINE, unlevelled).some(
      (m) => m === 'moves "Moderate narrowing of the spinal canal is present." away from its level (L4-L5)',
    ),
  );
  const line = faithful
    .replace(' Mild left foraminal narrowing.', '')
    .replace('Alignment: Alignment is normal.', 'Alignment: Alignment is normal. Mild left foraminal narrowing.');
  assert.ok(
    check('restructure', SPINE, line).some((m) => m.startsWith('moves "Mild left foraminal narrowing." away from its level (L5-S1)')),
  );
  // A sentence of the whole spine after a level's sentences is no level's.
  const source = SPINE.replace('Alignment is normal. The conus ends at L1.\n\n', 'The conus ends at L1.\n\n').replace(
    'The neural foramina are patent.',
    'The neural foramina are patent. Alignment is normal.',
  );
  const filed = faithful.replace(' The neural foramina are patent.', ' The neural foramina are patent.');
  assert.deepEqual(check('restructure', source, filed), []);
});

const LIVER = `EXAM: CT abdomen.
FINDINGS: A 3 cm mass is seen in the right lobe of the liver. The mass is most consistent with a hemangioma. Several simple cysts are seen in both kidneys. None of the cysts are complex.
`;

test('impression: an item pointing back is refused leading away from what it points to, accepted right after it', () => {
  const faithful = `${LIVER}IMPRESSION:
1. A 3 cm mass is seen in the right lobe of the liver.
2. The mass is most consistent with a hemangioma.
3. Several simple cysts are seen in both kidneys. None of the cysts are complex.
`;
  assert.deepEqual(check('impression', LIVER, faithful), []);
  const leading = `${LIVER}IMPRESSION:
1. None of the cysts are complex.
2. A 3 cm mass is seen in the right lobe of the liver.
3. The mass is most consistent with a hemangioma.
4. Several simple cysts are seen in both kidneys.
`;
  assert.ok(check('impression', LIVER, leading).some((m) => m.startsWith('cuts "1. None of the cysts are complex.')));
  const away = `${LIVER}IMPRESSION:
1. A 3 cm mass is seen in the right lobe of the liver.
2. Several simple cysts are seen in both kidneys. None of the cysts are complex.
3. The mass is most consistent with a hemangioma.
`;
  assert.ok(check('impression', LIVER, away).some((m) => m.startsWith('cuts "3. The mass is most consistent')));
});

const AORTA = `EXAM: CT chest.
FINDINGS: The ascending aorta measures 46 mm. It is aneurysmal. The lungs are clear.
IMPRESSION: Ascending aortic aneurysm, 46 mm.
`;

test('summary: a sentence is not told without the one leaning on it, nor the leaning one without its antecedent', () => {
  const both =
    'The report says: "Ascending aortic aneurysm, 46 mm."\nThe report also says: "The ascending aorta measures 46 mm."\nThe report also says: "It is aneurysmal."\n';
  assert.deepEqual(
    check('summary', AORTA, both).filter((m) => m.startsWith('tells')),
    [],
  );
  const without = both.replace('The report also says: "It is aneurysmal."\n', '');
  assert.ok(
    check('summary', AORTA, without).some(
      (m) => m === 'tells "The ascending aorta measures 46 mm." without "It is aneurysmal." that goes on with it',
    ),
  );
  const alone = both.replace('The report also says: "The ascending aorta measures 46 mm."\n', '');
  assert.ok(
    check('summary', AORTA, alone).some(
      (m) => m === 'tells "It is aneurysmal." without "The ascending aorta measures 46 mm." it speaks on from',
    ),
  );
});

test('summary: "Apart from this, … is normal." after a finding need not be told with it; a finding leaning on it must', () => {
  const source = `EXAM: CT chest.
FINDINGS: A 6 mm nodule is seen in the right upper lobe. Apart from this, both lungs are normal.
IMPRESSION: 6 mm right upper lobe nodule.
`;
  const told = 'The report says: "6 mm right upper lobe nodule."\nThe report also says: "A 6 mm nodule is seen in the right upper lobe."\n';
  assert.deepEqual(
    check('summary', source, told).filter((m) => m.startsWith('tells')),
    [],
  );
  assert.ok(leans('Apart from this, both lungs are normal.', 'A 6 mm nodule is seen in the right upper lobe.'));
});

test('restructure: what the report finds before its impression is not put after it', () => {
  const source = `EXAM: Obstetric ultrasound.
FINDINGS: Single live intrauterine pregnancy.
BIOMETRY:
HC/AC: 1.02 (0.96-1.10)
IMPRESSION: Normal growth.
`;
  const faithful = `EXAM: Obstetric ultrasound.
FINDINGS:
Single live intrauterine pregnancy.
HC/AC: 1.02 (0.96-1.10)
IMPRESSION: Normal growth.
`;
  assert.deepEqual(check('restructure', source, faithful), []);
  const after = `EXAM: Obstetric ultrasound.
FINDINGS:
Single live intrauterine pregnancy.
IMPRESSION: Normal growth.

HC/AC: 1.02 (0.96-1.10)
`;
  assert.ok(check('restructure', source, after).some((m) => m.endsWith('from before the impression to after it')));
});

test('summary: a denial told in plain words keeps what the report denied it of ("no cavitary lesion" is no "no lesion")', () => {
  const source = `EXAM: CT chest.
FINDINGS: A 6 mm nodule is seen in the right upper lobe. No cavitary lesion is seen in the lungs. No pleural effusion, consolidation or pneumothorax.
IMPRESSION: 6 mm right upper lobe nodule.
`;
  const told = 'The report says: "6 mm right upper lobe nodule."\n';
  const widened = `${told}- There is no sign of an abnormal area in the lungs (lesion).\n`;
  assert.ok(
    check('summary', source, widened).some((m) => m.startsWith('widens the denial of "lesion": the report denies only "cavitary" ones')),
  );
  const kept = `${told}- There is no sign of a cavitary abnormal area in the lungs (lesion).\n`;
  assert.deepEqual(
    check('summary', source, kept).filter((m) => m.startsWith('widens')),
    [],
  );
  // A list of denials qualifies none of its items by the one before: "no pleural effusion, consolidation or pneumothorax".
  const list = `${told}- There is no sign of a collapsed lung (pneumothorax).\n- There is no sign of a filled-in area of the lung (consolidation).\n`;
  assert.deepEqual(
    check('summary', source, list).filter((m) => m.startsWith('widens')),
    [],
  );
});

test("summary: a word explained as another organ's than the report's sentence names is refused", () => {
  const source = `EXAM: CT neck.
FINDINGS: A small air-filled diverticulum arises from the right wall of the trachea. The thyroid is normal.
IMPRESSION: Small tracheal diverticulum.
`;
  const summary = (sense) => `The report says: "Small tracheal diverticulum."\n\nWords in your report:\n- diverticulum: ${sense}\n`;
  assert.ok(
    check('summary', source, summary('Small pouches. Small pouches that bulge out through weak spots in the wall of the bowel.')).some(
      (m) => m.startsWith('explains "diverticulum" as of the bowel, but the report says it of the lung'),
    ),
  );
  // An explanation naming no organ, or the organ the report names, fits.
  for (const sense of [
    'A pouch. A small pouch that bulges out from a wall.',
    'A pouch of the airway. A small pouch off the windpipe, which leads to the lungs.',
  ])
    assert.deepEqual(
      check('summary', source, summary(sense)).filter((m) => m.startsWith('explains "diverticulum"')),
      [],
    );
});

test("summary: an organ named as where something comes from or goes to is not the word's organ", () => {
  // The glossary's own line for the aorta, over reports naming the lung beside it.
  const line = "- aorta: The body's main artery, which carries blood from the heart.";
  for (const findings of [
    'Atherosclerotic calcification of the aorta beside the left lung apex.',
    'Mild calcified plaque in the descending aorta, posterior to the left lower lobe of the lung.',
  ]) {
    const source = `EXAM: CT chest.\nFINDINGS: ${findings}\nIMPRESSION: Atherosclerotic calcification of the aorta.\n`;
    const summary = `The report says: "Atherosclerotic calcification of the aorta."\n\nWords in your report:\n${line}\n`;
    assert.deepEqual(
      check('summary', source, summary).filter((m) => m.startsWith('explains "aorta"')),
      [],
      findings,
    );
  }
});

test('summary: a statement about what the sentence before named is told by its own words, not by lines naming that thing', () => {
  const cases = [
    [
      'EXAM: MRI lumbar spine.\nFINDINGS: L4-5: Large central disc extrusion with mass effect on the thecal sac.\nIMPRESSION: Large central disc extrusion at L4-5. The extrusion causes severe compression of the thecal sac.\n',
      'The extrusion causes severe compression of the thecal sac.',
    ],
    [
      'EXAM: CT head.\nFINDINGS: A 5 cm enhancing mass in the left frontal lobe with vasogenic edema and mass effect on the left lateral ventricle and 6 mm midline shift to the right.\nIMPRESSION: 5 cm enhancing left frontal mass with vasogenic edema. This mass results in significant mass effect, with 6 mm midline shift to the right and compression of the left lateral ventricle.\n',
      'This mass results in significant mass effect, with 6 mm midline shift to the right and compression of the left lateral ventricle.',
    ],
  ];
  const { analyze } = require(path.join(root, 'out/server/engine.js'));
  const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));
  const verified = (source, text) => verify('summary', analyze(source), text, 'reworded').reasons;
  for (const [source, statement] of cases) {
    const sentences = source
      .split('\n')
      .flatMap((l) => l.replace(/^[A-Z ]+:\s*/, '').split(/(?<=\.)\s+(?=[A-Z])/))
      .filter((x) => x && !/^(EXAM|CT|MRI)/.test(x) && !/^[A-Z][a-z]+ (head|lumbar spine)\.$/.test(x));
    const told = (xs) => xs.map((x) => `The report also says: "${x}"`).join('\n') + '\n';
    const all = sentences.filter((x) => !/^(CT|MRI) /.test(x));
    assert.deepEqual(verified(source, told(all)), [], statement);
    assert.ok(
      verified(source, told(all.filter((x) => x !== statement))).some((m) => m.startsWith('drops')),
      statement,
    );
  }
});

test('a blank line ends a level’s run in a CRLF file as in an LF one', () => {
  const source =
    'EXAM: MRI lumbar spine.\nFINDINGS: At the L3-L4 level, there is a small disc bulge. Mild narrowing of the canal is present.\n\nThe spinal cord is normal in signal.\nL4-L5: Small central protrusion.\nIMPRESSION: Mild canal narrowing at L3-L4.\n';
  const candidate =
    'EXAM: MRI lumbar spine.\nFINDINGS:\nSpinal cord and conus: The spinal cord is normal in signal.\nDisc levels: At the L3-L4 level, there is a small disc bulge. Mild narrowing of the canal is present.\nL4-L5: Small central protrusion.\nIMPRESSION: Mild canal narrowing at L3-L4.\n';
  const crlf = (t) => t.replace(/\n/g, '\r\n');
  assert.deepEqual(check('restructure', crlf(source), crlf(candidate)), check('restructure', source, candidate));
});

test('leansOn, complete for the writers: an opening phrase then a pointer, a phrase pointing back, an ending on "this"', () => {
  const before = 'A 3 cm hypodense lesion is seen in segment 7 of the liver.';
  for (const text of [
    'In this examination, they are smaller than before.',
    'On the delayed phase, it fills in centripetally.',
    'Due to their size, they are likely benign.',
    'The finding is most compatible with a hemangioma.',
    'There is no change in the size of the lesion.',
    'The above mentioned lesion is unchanged.',
    'Findings are most likely related to this.',
  ])
    assert.equal(leans(text, before), true, text);
  for (const text of [
    'In the right lobe, there is a small cyst.',
    'On the prior study, these images were degraded by motion.',
    'In comparison with the prior, this examination shows no change.',
    'The appearance of the kidneys is normal.',
    'It is recommended to evaluate with ultrasound.',
    'Mild splenomegaly is noted.',
    // A comma then "which" or a participle goes on in the same sentence; it opens no new one.
    'There is a left renal nodule, which measures 1.9 cm.',
    'The left ovary is enlarged, demonstrating a 6 cm cyst.',
    // An impersonal "it" after the opening phrase points to nothing either.
    'When these two findings are evaluated together, it is recommended to repeat the examination.',
    'In the previous examination of the patient, it was understood that the nodule was stable.',
  ])
    assert.equal(leans(text, before), false, text);
});

test('leansOn: "the" and the noun of the sentence before\'s predicate ("thickened" -> "The thickening"), any verb after it, a place or appearance pointing back', () => {
  for (const [text, before] of [
    ['The thickening is more pronounced in the lower lobes.', 'The bronchial walls are thickened.'],
    ['The dilatation extends to the level of the ampulla.', 'The common bile duct is dilated to 11 mm.'],
    ['The enlargement is most marked in the left lobe.', 'The thyroid gland is diffusely enlarged.'],
    ['The narrowing is more pronounced at the lumbar level.', 'Facet joints are hypertrophic, and the neural foramina are narrowed.'],
    ['The nodule exhibits a mildly lobulated contour.', 'A subcutaneous, T2-hyperintense nodule is identified in the right neck.'],
    ['The mass displays internal vascularity on color Doppler.', 'A hypoechoic mass is seen in the upper pole of the left kidney.'],
    ['The lesion also measures 12 mm on the coronal images.', 'A lesion is seen in segment 6 of the liver.'],
    [
      'There is also minimal volume loss in this localization.',
      'Minimal peribronchial thickening is seen around the left lower lobe bronchi.',
    ],
    ['When compared with the prior examination, minimal regression was detected in the described appearance.', 'Volume loss is seen.'],
  ])
    assert.equal(leans(text, before), true, text);
  for (const [text, before] of [
    ['The spleen is normal in size.', 'The liver is enlarged.'],
    ['The heart size is normal.', 'The bronchial walls are thickened.'],
    ['The remainder of the bowel is unremarkable.', 'The small bowel loops are dilated.'],
    ['The pancreas demonstrates normal enhancement.', 'The common bile duct is dilated.'],
  ])
    assert.equal(leans(text, before, new Set(['spleen', 'pancreas'])), false, text);
});

test('restructure: a sentence naming the previous predicate ("The thickening …", "The nodule exhibits …") is refused under another field', () => {
  const chest = `EXAM: CT chest.
FINDINGS: The trachea is midline. The bronchial walls are thickened. The thickening is more pronounced in the lower lobes. There is no consolidation.
IMPRESSION: Bronchial wall thickening.
`;
  const kept = `EXAM: CT chest.
FINDINGS:
Airways: The trachea is midline. The bronchial walls are thickened. The thickening is more pronounced in the lower lobes.
Lungs: There is no consolidation.
IMPRESSION: Bronchial wall thickening.
`;
  assert.deepEqual(check('restructure', chest, kept), []);
  // Right after it in the text, but under the next field's label: filed apart.
  const filed = kept
    .replace(' The thickening is more pronounced in the lower lobes.', '')
    .replace('Lungs: There', 'Lungs: The thickening is more pronounced in the lower lobes. There');
  assert.ok(check('restructure', chest, filed).some((m) => m.startsWith('moves "The thickening is more pronounced')));
  const neck = `EXAM: MRI neck.
FINDINGS: The skin marker is at the right neck, where a subcutaneous T2-hyperintense nodule is identified. The nodule exhibits a mildly lobulated contour. The thyroid gland is normal.
IMPRESSION: Subcutaneous nodule in the right neck.
`;
  const apart = `EXAM: MRI neck.
FINDINGS:
Soft tissues: The skin marker is at the right neck, where a subcutaneous T2-hyperintense nodule is identified.
Thyroid: The thyroid gland is normal.
Lung apices: The nodule exhibits a mildly lobulated contour.
IMPRESSION: Subcutaneous nodule in the right neck.
`;
  assert.ok(check('restructure', neck, apart).some((m) => m.startsWith('moves "The nodule exhibits')));
  const together = apart
    .replace('\nLung apices: The nodule exhibits a mildly lobulated contour.', '')
    .replace('is identified.\n', 'is identified. The nodule exhibits a mildly lobulated contour.\n');
  assert.deepEqual(check('restructure', neck, together), []);
});

test('leansOn: "The area/The lesion …" the sentence before names, "Similar findings …", a bracket standing alone, "its …" after an opening phrase, "Apart from this", "these bones"', () => {
  for (const [text, before] of [
    ['The area shows restricted diffusion on the ADC map.', 'There is a focal area of T2 hypointensity in the left mid-gland.'],
    ['The lesion demonstrates washout on delayed images.', 'An arterially enhancing lesion is seen in segment 7.'],
    ['Similar findings are noted on the aortic valve as well.', 'Fibrocalcific mitral leaflets are noted with adequate excursion.'],
    ['Similar changes are seen in the contralateral knee.', 'Tricompartmental osteophytes are present.'],
    ['(secondary to opportunistic infections?, lymphoma).', 'Nodules are seen in both lungs.'],
    ['(metastasis? infection?)', 'A 7 mm nodule is seen in the right upper lobe.'],
    ['According to the review dated 08.11.2017, its dimensions have decreased.', 'Celiac lymph nodes measure 21 x 10 mm.'],
    ['Compared with the prior study, their size is unchanged.', 'Two hypodense lesions are seen in the liver.'],
    ['Apart from this, no lymph node was detected in the abdomen.', 'A 12 mm celiac lymph node is seen.'],
    ['Fractures in these bones cannot be completely excluded.', 'Subtle lucency in the proximal fourth and fifth metatarsals.'],
  ])
    assert.equal(leans(text, before), true, text);
  for (const [text, before] of [
    ['The area of the left lobe is unremarkable.', 'The liver is enlarged.'],
    ['According to the history, the patient fell.', 'A fracture is seen.'],
    ['Small bilateral pleural effusions are present.', 'Similar findings were reported in 2019.'],
  ])
    assert.equal(leans(text, before), false, text);
});

test('leansOn: a place phrase ("in this localization") leans only when the sentence names no organ before it; "… adjacent to it" leans', () => {
  const organs = new Set(['lung', 'liver', 'kidney']);
  const before = 'Minimal peribronchial thickening is observed around the left lung lower lobe bronchi.';
  for (const text of [
    'There is also minimal volume loss and structural distortion in this localization.',
    'Minimal regression was detected in the described appearance.',
    'A 3 mm cyst is seen adjacent to it.',
    'A small vessel courses next to it.',
    'A small lymph node lies posterior to it.',
    // A pointer noun points back wherever it stands.
    'In the right lung this nodule measures 5 mm.',
  ])
    assert.equal(leans(text, before, organs), true, text);
  for (const text of [
    'Minimal thickening around bronchial structures in the left lung lower lobe, minimal volume loss in this localization.',
    'The liver is normal in this region.',
    'In the right kidney there is a 4 mm stone, and no hydronephrosis at the same site.',
    // ("them" is what the sentence itself names before it.)
    'Consolidations in both lungs and areas of ground glass are observed adjacent to them.',
  ])
    assert.equal(leans(text, before, organs), false, text);
});
