// Impression draft: what a sentence inherits from the report around it stays with the item written from it
// (a side label over a paragraph, a contrast's first half, the finding a follow-on sentence speaks of), and
// what a report says as its answer is kept (a functional study's normal result, both IMPRESSION sections).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));
const { scopeOf } = require(path.join(root, 'out/server/rewrite/impression-scope.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

/** The impression rewrite through the gate: its numbered items and whether it is offered. */
const offered = (text) => {
  const r = rewrite('impression', analyze(text));
  const body = r.text.slice(r.text.lastIndexOf('IMPRESSION:') + 'IMPRESSION:'.length).trim();
  const items = body.split('\n').filter((l) => /^\d+\.\s/.test(l));
  return { body, items, ok: r.verification.ok, reasons: r.verification.reasons };
};
const itemWith = (items, word) => items.find((i) => i.toLowerCase().includes(word)) ?? '';

test('impression scope: a side label scopes the sentences after it, until the next label or a blank line', () => {
  const report = parseReport(
    'FINDINGS: On the right, the iliac arteries are patent. The femoral artery is occluded.\nLeft leg: mild plaque. The popliteal artery is patent.\n\nThe aorta is ectatic.\n',
  );
  const at = (words) => report.sentences.findIndex((s) => s.text.includes(words));
  assert.equal(scopeOf(report, at('femoral artery is occluded'))?.side, 'right');
  assert.equal(scopeOf(report, at('popliteal artery is patent'))?.side, 'left');
  assert.equal(scopeOf(report, at('aorta is ectatic')), undefined);
  // A side clause within a paragraph opens one statement, not a run: "… normal. On the left, especially …, X. The Y …".
  const inline = parseReport(
    'FINDINGS: The liver is normal. On the left, especially in the mid ureter, soft tissue density is seen. A catheter balloon is in the bladder.\n',
  );
  assert.equal(
    scopeOf(
      inline,
      inline.sentences.findIndex((s) => s.text.includes('balloon')),
    ),
    undefined,
  );
  // A sentence on the way that names the other side has left the label's run.
  const crossed = parseReport('FINDINGS: Right kidney: 10 cm. The left kidney is small. There is a 2 cm stone.\n');
  assert.equal(
    scopeOf(
      crossed,
      crossed.sentences.findIndex((s) => s.text.includes('stone')),
    ),
    undefined,
  );
});

test('impression scope: an item from a sentence under a side label keeps the side', () => {
  const cases = [
    [
      'EXAM: CTA LOWER EXTREMITIES\nFINDINGS: On the left, the superficial femoral artery has scattered calcified plaque. The popliteal artery shows a short segment occlusion. On the right, the runoff is patent.\n',
      'occlusion',
      'left',
    ],
    [
      'EXAM: US KIDNEYS\nFINDINGS: Left kidney: 12.1 cm. There is moderate hydronephrosis. No stone.\nRight kidney: 11.4 cm, normal.\n',
      'hydronephrosis',
      'left',
    ],
    [
      'EXAM: US CAROTID\nFINDINGS: On the right, the common carotid artery has mild intimal thickening. At the bulb, however, there is soft plaque with approximately 70% stenosis. The left side is unremarkable.\n',
      'stenosis',
      'right',
    ],
  ];
  for (const [text, word, side] of cases) {
    const { items, ok, reasons } = offered(text);
    assert.equal(ok, true, `${word}: ${reasons.join(' | ')}`);
    assert.match(itemWith(items, word), new RegExp(`\\b${side}\\b`, 'i'), items.join('\n'));
  }
});

test('impression: a study whose normal result is its answer keeps it beside the findings, from both IMPRESSION sections', () => {
  const perfusion = offered(
    'EXAM: SPECT MYOCARDIAL PERFUSION\nFINDINGS: No reversible or fixed perfusion defect. Gated ejection fraction 61%.\nIMPRESSION:\n1. Normal SPECT myocardial perfusion study.\n2. Ejection fraction 61%.\n',
  );
  assert.equal(perfusion.ok, true, perfusion.reasons.join(' | '));
  assert.ok(itemWith(perfusion.items, 'normal spect myocardial perfusion study'), perfusion.body);
  const forAge = offered(
    "EXAM: MRI BRAIN\nFINDINGS: Scattered punctate FLAIR hyperintensities in the periventricular white matter. No mass, hemorrhage or infarct.\nIMPRESSION: Normal MRI brain for the patient's age. Scattered punctate white matter hyperintensities, likely chronic small vessel change.\n",
  );
  assert.equal(forAge.ok, true, forAge.reasons.join(' | '));
  assert.ok(itemWith(forAge.items, 'normal mri brain for'), forAge.body);
  // How the images were made is no item beside the verdict.
  const technique = offered(
    'EXAM: NM MYOCARDIAL PERFUSION\nFINDINGS: Myocardial perfusion study, two-day protocol: rest and stress images were acquired with 9.8 and 29.6 mCi of sestamibi. Perfusion is uniform. Mild septal hypokinesis on gated images.\nIMPRESSION:\n1. Normal myocardial perfusion study.\n2. Mild septal hypokinesis.\n',
  );
  assert.equal(technique.ok, true, technique.reasons.join(' | '));
  assert.ok(itemWith(technique.items, 'normal myocardial perfusion study'), technique.body);
  assert.equal(itemWith(technique.items, 'mci'), '', technique.body);
  // An exam's plain all-clear beside a finding still goes.
  const plain = offered(
    'EXAM: US ABDOMEN\nFINDINGS: 8 mm gallbladder polyp. The liver is normal.\nIMPRESSION: 8 mm gallbladder polyp. Otherwise normal abdominal ultrasound.\n',
  );
  assert.equal(itemWith(plain.items, 'normal abdominal ultrasound'), '', plain.body);
  const two = offered(
    'EXAM: PHARMACOLOGIC STRESS TEST WITH SPECT\n\nPROTOCOL: Regadenoson infusion. No chest pain. No ischemic ECG changes.\n\nIMPRESSION:\n1. Negative pharmacologic stress ECG for ischemia.\n\nNUCLEAR FINDINGS: Uniform tracer uptake at rest and stress. Ejection fraction 57%.\n\nIMPRESSION:\n1. Normal myocardial perfusion scan.\n2. Ejection fraction 57%.\n',
  );
  assert.equal(two.ok, true, two.reasons.join(' | '));
  assert.ok(itemWith(two.items, 'negative pharmacologic stress ecg'), two.body);
  assert.ok(itemWith(two.items, 'normal myocardial perfusion scan'), two.body);
});

test('impression: a denial that answers the finding before it in its sentence keeps that finding and its level', () => {
  const cases = [
    [
      'EXAM: MRI CERVICAL SPINE\nFINDINGS: C6-7: there is a right paracentral disc protrusion. C4-5: mild disc bulge.\nIMPRESSION: C6-7 right paracentral disc protrusion but no cord compression. Mild C4-5 disc bulge.\n',
      'no cord compression',
      'c6-7',
    ],
    [
      'EXAM: MRI LUMBAR SPINE\nFINDINGS: L2-3: there is a small central disc extrusion.\nIMPRESSION: L2-3 small central disc extrusion, however without nerve root impingement.\n',
      'nerve root impingement',
      'l2-3',
    ],
  ];
  for (const [text, denial, level] of cases) {
    const { items, ok, reasons, body } = offered(text);
    assert.equal(ok, true, reasons.join(' | '));
    const item = itemWith(items, denial);
    assert.ok(item.toLowerCase().includes(level), body);
  }
});

test('impression: a sentence that goes on about the finding before it stays right after it', () => {
  const cases = [
    [
      'EXAM: CT HEAD\nFINDINGS: Left frontal lobe: 3.5 cm intraparenchymal hemorrhage. The surrounding edema causes 5 mm rightward midline shift. Old right cerebellar infarct.\n',
      'hemorrhage',
      'midline shift',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: There is a 4 cm cystic mass in the pancreatic head. Appearance is indeterminate. It may represent an intraductal papillary mucinous neoplasm. The spleen is enlarged at 15 cm.\n',
      'cystic mass',
      'indeterminate',
    ],
  ];
  for (const [text, finding, follow] of cases) {
    const { items, ok, reasons, body } = offered(text);
    assert.equal(ok, true, reasons.join(' | '));
    const at = items.findIndex((i) => i.toLowerCase().includes(finding));
    const next = items.findIndex((i) => i.toLowerCase().includes(follow));
    assert.ok(at >= 0 && (next === at || next === at + 1), body);
  }
});

test('impression: a list typed with nothing between its members is one item each; a name or a heading is not a member', () => {
  const { items, ok, reasons, body } = offered(
    'EXAM: CT CHEST\nFINDINGS: Centrilobular emphysema. Coronary artery calcification. Aortic atherosclerosis. Small hiatal hernia.\nIMPRESSION: Centrilobular emphysema Coronary artery calcification Aortic atherosclerosis Hiatal hernia\n',
  );
  assert.equal(ok, true, reasons.join(' | '));
  assert.ok(
    items.some((i) => /^\d+\. Aortic atherosclerosis\.$/.test(i)),
    body,
  );
  assert.ok(
    items.some((i) => /^\d+\. Coronary artery calcification\.$/.test(i)),
    body,
  );
  const named = offered(
    'EXAM: MRI BRAIN\nFINDINGS: Cerebellar tonsils extend 8 mm below the foramen magnum, consistent with Chiari Malformation type 1.\nIMPRESSION: Findings consistent with Chiari Malformation type 1\n',
  );
  assert.ok(
    named.items.every((i) => !/^\d+\. (?:Malformation|Chiari)\b/.test(i)),
    named.body,
  );
  // A heading in title case ("Fetal Heart Rate Tracing") is one statement.
  const titled = offered(
    'EXAM: OB ULTRASOUND\nFINDINGS: Single live intrauterine pregnancy. Fetal Heart Rate Tracing Reassuring Pattern Noted\n',
  );
  assert.ok(
    titled.items.every((i) => !/^\d+\. (?:Heart|Rate|Tracing|Reassuring)\b/.test(i)),
    titled.body,
  );
});

test('impression: a courtesy line is no item of the draft', () => {
  const { items, body, ok } = offered(
    'EXAM: CT CHEST\nFINDINGS: Left lower lobe consolidation.\nIMPRESSION: Left lower lobe pneumonia.\nThank you for referring this patient.\n',
  );
  assert.equal(ok, true);
  assert.ok(
    items.every((i) => !/thank you/i.test(i)),
    body,
  );
});

test('impression: a category said alone after its finding goes with it; a breast place is never cut from the mass', () => {
  const thyroid = offered(
    'EXAM: US THYROID\nFINDINGS: There is a 1.9 cm solid hypoechoic nodule in the left lobe with punctate echogenic foci. ACR TI-RADS TR5. The right lobe is normal.\n',
  );
  assert.equal(thyroid.ok, true, thyroid.reasons.join(' | '));
  assert.match(itemWith(thyroid.items, 'nodule'), /TI-RADS TR5/, thyroid.body);
  const breast = offered(
    'EXAM: US RIGHT BREAST\nFINDINGS: Right breast: a 12 mm irregular hypoechoic mass in the lower inner quadrant, posterior depth, with posterior shadowing.\n',
  );
  assert.equal(breast.ok, true, breast.reasons.join(' | '));
  assert.match(itemWith(breast.items, 'mass'), /posterior depth/, breast.body);
});

test("impression: an exam's category said alone (Lung-RADS, BI-RADS) is an item of its own, not pinned on the last lesion, and never left out", () => {
  for (const [text, category] of [
    [
      'EXAM: LOW-DOSE CT CHEST\nFINDINGS: There is a 9 mm solid nodule in the right upper lobe. There is a 5 mm solid nodule in the left lower lobe. Lung-RADS 4A.\n',
      'Lung-RADS 4A.',
    ],
    [
      "EXAM: DIAGNOSTIC MAMMOGRAM AND LEFT BREAST US\nFINDINGS: There is a 1.4 cm irregular mass in the left breast at 2 o'clock. There is a 1.8 cm lymph node in the left axilla with a thickened cortex. BI-RADS 4.\n",
      'BI-RADS 4.',
    ],
  ]) {
    const r = offered(text);
    assert.equal(r.ok, true, r.reasons.join(' | '));
    assert.ok(
      r.items.some((i) => i.replace(/^\d+\.\s*/, '') === category),
      r.body,
    );
  }
  // A lesion's category still goes with its lesion: "TI-RADS 1." after the second nodule is that nodule's.
  const thyroid = offered(
    'EXAM: US THYROID\nFINDINGS: The right lobe contains a 1.6 cm solid hypoechoic nodule. TI-RADS 4. The left lobe contains a 0.8 cm spongiform nodule. TI-RADS 1.\n',
  );
  assert.match(itemWith(thyroid.items, '1.6 cm'), /TI-RADS 4\.$/, thyroid.body);
  assert.match(itemWith(thyroid.items, '0.8 cm'), /TI-RADS 1\.$/, thyroid.body);
});

test('impression: another label ends a side label’s run, and a line after labels of both sides is given no side', () => {
  for (const [text, item] of [
    [
      'EXAM: US RENAL\nFINDINGS:\nRIGHT KIDNEY: 10.5 cm, normal echotexture.\nLEFT KIDNEY: 11 cm, normal echotexture.\nBLADDER: There is a 2 cm stone in the bladder.\n',
      'stone',
    ],
    ['EXAM: US SCROTUM\nFINDINGS:\nLeft testis: 4.2 cm, homogeneous.\nEpididymis: A 6 mm cyst in the epididymal head.\n', 'cyst'],
  ]) {
    const r = offered(text);
    assert.equal(r.ok, true, r.reasons.join(' | '));
    assert.doesNotMatch(itemWith(r.items, item), /\b(?:left|right)\b/i, r.body);
  }
  for (const text of [
    'EXAM: US RENAL\nFINDINGS:\nRIGHT KIDNEY: 10.5 cm, normal echotexture.\nLEFT KIDNEY: 11 cm, normal echotexture.\nThere is moderate hydronephrosis.\n',
    'EXAM: MRI KNEES\nFINDINGS:\nRight knee: Intact menisci.\nLeft knee: Intact menisci.\nThere is a moderate joint effusion.\n',
  ]) {
    const r = offered(text);
    assert.doesNotMatch(r.body, /\b(?:left|right)\b/i, r.body);
  }
  // A label alone on its line still opens its side's lines.
  const own = offered(
    'EXAM: US RENAL\nFINDINGS:\nRight kidney:\nThe kidney measures 10.5 cm.\nThere is moderate hydronephrosis.\nLeft kidney:\nNormal.\n',
  );
  assert.match(itemWith(own.items, 'hydronephrosis'), /right kidney/i, own.body);
});

test('impression: a limb vessel named with no side right after a sentence of one side keeps that sentence, and so its side', () => {
  for (const [text, side] of [
    ['EXAM: CTA RUNOFF\nFINDINGS:\nThe right common femoral artery is patent. The popliteal artery is occluded over 6 cm.\n', 'right'],
    [
      'EXAM: US VENOUS\nFINDINGS:\nThe left common femoral vein is compressible with normal flow. The popliteal vein contains occlusive thrombus.\n',
      'left',
    ],
    [
      'EXAM: US ARTERIAL\nFINDINGS:\nThere is a 4 cm aneurysm of the right popliteal artery. The posterior tibial artery is occluded.\n',
      'right',
    ],
  ]) {
    const r = offered(text);
    assert.equal(r.ok, true, r.reasons.join(' | '));
    assert.match(itemWith(r.items, 'occlu'), new RegExp(`\\b${side}\\b`, 'i'), r.body);
  }
  // Not a vessel the body has once: "The basilar artery is occluded." takes no side from the vertebral artery before it.
  const basilar = offered('EXAM: CTA HEAD\nFINDINGS:\nThe right vertebral artery is dominant. The basilar artery is occluded.\n');
  assert.doesNotMatch(itemWith(basilar.items, 'basilar'), /\bright\b/i, basilar.body);
});

test('impression: a lesion of category 3 or more in any RADS system is never left out of the draft', () => {
  for (const [text, category] of [
    [
      'EXAM: MRI PROSTATE\nFINDINGS:\nThe prostate measures 4.1 x 3.9 x 4.4 cm. There is a 14 mm lesion in the right peripheral zone at the base with marked restricted diffusion, PI-RADS 5. Separately, the left mid-gland transition zone shows a mildly hypointense area with indistinct margins and a PI-RADS category of 3. No extraprostatic extension.\nIMPRESSION:\n14 mm PI-RADS 5 lesion in the right peripheral zone base, highly suspicious for clinically significant cancer.\n',
      'a PI-RADS category of 3',
    ],
    [
      'EXAM: MRI LIVER\nFINDINGS:\nThe liver is cirrhotic. In segment 8 there is a 2.3 cm arterially enhancing observation with washout and capsule, LR-5. The segment 6 observation measures 1.1 cm and enhances in the arterial phase without washout, categorized as LI-RADS 3. No portal vein thrombus.\nIMPRESSION:\n2.3 cm LR-5 observation in segment 8, consistent with hepatocellular carcinoma.\n',
      'categorized as LI-RADS 3',
    ],
    // The long forms the RADS data's reader knows: a modality word, "assessment category", a version before "LR-".
    [
      'EXAM: MRI PROSTATE\nFINDINGS:\nThe prostate measures 45 cc. There is a 9 mm focus in the left transition zone apex with lenticular shape, PI-RADS assessment category 4. Diffuse BPH.\nIMPRESSION:\nEnlarged prostate with benign prostatic hyperplasia.\n',
      'PI-RADS assessment category 4',
    ],
    [
      'EXAM: US PELVIS TRANSVAGINAL\nFINDINGS:\nThe uterus is normal in size. The right ovary contains a 4.2 cm multilocular cyst with a smooth inner wall, O-RADS US 4. The left ovary is normal.\nIMPRESSION:\nNormal uterus.\n',
      'O-RADS US 4',
    ],
    [
      'EXAM: MRI ABDOMEN LIVER PROTOCOL\nFINDINGS:\nThe liver is cirrhotic. In segment 7 there is a 1.4 cm arterially enhancing observation without washout, LI-RADS v2018 LR-4. Splenomegaly, 15 cm.\nIMPRESSION:\nCirrhosis with splenomegaly.\n',
      'LR-4',
    ],
    [
      "EXAM: DIAGNOSTIC MAMMOGRAM LEFT\nFINDINGS:\nThe breasts are heterogeneously dense. In the left breast at 2 o'clock there is a 7 mm group of amorphous calcifications, BI-RADS category 4A. No mass.\nIMPRESSION:\nHeterogeneously dense breasts.\n",
      'BI-RADS category 4A',
    ],
  ]) {
    const r = offered(text);
    assert.equal(r.ok, true, r.reasons.join(' | '));
    assert.ok(r.body.includes(category), r.body);
  }
});
