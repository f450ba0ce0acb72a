// Template library and organ lexicon: schema and referential checks, template choice, generated snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseReport, understand } from '../helpers/nlp.mjs';
import { root } from '../helpers/engine.mjs';
import { snippetsText, snippetsFile } from '../../scripts/gen-snippets.mjs';

const require = createRequire(import.meta.url);
const organs = require(path.join(root, 'out/server/nlp/organs.js'));
const templates = require(path.join(root, 'out/server/templates/index.js'));
const organData = JSON.parse(fs.readFileSync(path.join(root, 'server/src/nlp/lexicon/organs.json'), 'utf8'));
const libraryDir = path.join(root, 'server/src/templates/library');
const templateData = fs.readdirSync(libraryDir).map((f) => JSON.parse(fs.readFileSync(path.join(libraryDir, f), 'utf8')));
const clone = (x) => JSON.parse(JSON.stringify(x));
const choose = (text) => templates.chooseTemplate(parseReport(text));

test('the organ lexicon loads, and every id it names exists in findings.json', () => {
  assert.ok(organs.ORGANS.length >= 60);
  assert.doesNotThrow(() => organs.loadOrgans(organData));
  for (const o of organs.ORGANS) for (const c of [...o.findings, ...o.normalDenies]) assert.ok(organs.ORGAN_BY_ID.get(o.id) && c, c);
});

test('a bad concept id in organs.json fails with its name', () => {
  const bad = clone(organData);
  bad.organs.find((o) => o.id === 'lungs').findings.push('pneumothorox');
  assert.throws(() => organs.loadOrgans(bad), /lungs names unknown concept pneumothorox/);
});

test('an organ may deny only its own findings, ids are unique, patterns compile', () => {
  const denies = clone(organData);
  denies.organs.find((o) => o.id === 'lungs').normalDenies.push('pleural-effusion');
  assert.throws(() => organs.loadOrgans(denies), /lungs denies pleural-effusion/);
  const twice = clone(organData);
  twice.organs.push(clone(twice.organs[0]));
  assert.throws(() => organs.loadOrgans(twice), /duplicate organ id devices/);
  const pattern = clone(organData);
  pattern.organs.find((o) => o.id === 'l4-l5').patterns.push('(unclosed');
  assert.throws(() => organs.loadOrgans(pattern), /l4-l5 has a bad pattern/);
});

test('normal statements deny their organ findings, not their neighbours', () => {
  const lungs = organs.normalDenies('lungs');
  for (const c of ['consolidation', 'opacity', 'infiltrate', 'mass', 'pulmonary-edema']) assert.ok(lungs.includes(c), c);
  for (const c of ['pleural-effusion', 'granuloma', 'calcified-granuloma', 'pneumothorax']) assert.ok(!lungs.includes(c), c);
  assert.ok(organs.normalDenies('pleura').includes('pneumothorax'));
  assert.ok(organs.normalDenies('heart').includes('cardiomegaly'));
  assert.ok(organs.normalDenies('liver').includes('hepatic-steatosis'));
  assert.ok(organs.normalDenies('menisci').includes('meniscal-tear'));
  assert.ok(organs.normalDenies('brain').includes('intracranial-hemorrhage'));
  assert.deepEqual(organs.normalDenies('no-such-organ'), []);
  // Every common organ of every modality was reviewed: it denies something.
  for (const id of [
    'lungs',
    'pleura',
    'heart',
    'mediastinum',
    'bones',
    'brain',
    'ventricles',
    'liver',
    'gallbladder',
    'kidneys',
    'spleen',
    'pancreas',
    'menisci',
    'rotator-cuff',
    'spinal-cord',
    'discs',
    'uterus',
    'ovaries',
    'testes',
  ])
    assert.ok(organs.normalDenies(id).length > 0, id);
});

test('organs are found by their words and, for disc levels, by pattern', () => {
  const hits = (text) => {
    const r = parseReport(text);
    const { wordsFromTokens } = require(path.join(root, 'out/server/nlp/words.js'));
    return organs.organsNamed(wordsFromTokens(r.tokens), text).map((h) => h.organ);
  };
  assert.deepEqual(hits('The lungs are clear.'), ['lungs']);
  assert.deepEqual(hits('At L4-5 there is a disc bulge.'), ['discs', 'l4-l5']);
  assert.ok(hits('L5/S1: mild narrowing').includes('l5-s1'));
  assert.ok(!hits('L4 vertebral body').includes('l4-l5'));
  assert.deepEqual(hits('The gallbladder is distended.'), ['gallbladder']);
});

test('the templates load; every organ they name exists', () => {
  assert.equal(templates.TEMPLATES.length, 40);
  const ids = templates.TEMPLATES.map((t) => t.id);
  for (const id of [
    'chest-radiograph',
    'ct-head',
    'ct-chest',
    'ct-pulmonary-angiogram',
    'ct-abdomen-pelvis',
    'mri-brain',
    'mri-cervical-spine',
    'mri-lumbar-spine',
    'mri-knee',
    'mri-shoulder',
    'us-abdomen',
    'us-pelvis',
    'us-renal',
    'us-scrotum',
    // Issue 19: mammography and breast US, echo, pelvis and spine films, spine CT/MRI, MSK MRI,
    // obstetric US, neck, sinuses and face, MRI abdomen and pelvis, venous duplex.
    'mg-breast',
    'us-breast',
    'us-echocardiogram',
    'xr-pelvis',
    'xr-spine',
    'ct-cervical-spine',
    'ct-lumbar-spine',
    'ct-spine',
    'mri-spine',
    'mri-ankle',
    'mri-wrist',
    'mri-elbow',
    'mri-hip',
    'us-obstetric',
    'ct-neck',
    'mri-neck',
    'us-carotid',
    'us-neck',
    'ct-sinuses-face',
    'mri-abdomen-pelvis',
    'us-venous-lower-extremity',
  ])
    assert.ok(ids.includes(id), id);
  for (const t of templates.TEMPLATES)
    for (const s of t.findings) for (const o of s.organs) assert.ok(organs.ORGAN_BY_ID.has(o), `${t.id}: ${o}`);
  assert.equal(templateData.length, 40, 'one JSON file per template, all imported');
});

test('every subsection label reads as a label: at most 40 characters, no comma', () => {
  // Longer labels, or a comma, and a reader (the verifier among them) takes "Label: text" for one sentence.
  for (const t of templates.TEMPLATES) for (const s of t.findings) assert.match(s.label, /^[^,]{1,40}$/, `${t.id}: ${s.label}`);
});

test('a bad organ id in a template fails with the template, subsection and id', () => {
  const bad = clone(templateData.find((t) => t.id === 'ct-head'));
  bad.findings[0].organs.push('brian');
  assert.throws(() => templates.loadTemplates([bad]), /template ct-head: subsection Brain names unknown organ brian/);
  const noOrgans = clone(bad);
  noOrgans.findings[0].organs = [];
  assert.throws(() => templates.loadTemplates([noOrgans]), /template ct-head: findings\.0\.organs/);
  const twoSentences = clone(templateData[0]);
  twoSentences.findings[1].normal = 'The lungs are clear. No consolidation.';
  assert.throws(() => templates.loadTemplates([twoSentences]), /one sentence/);
  const reserved = clone(templateData[0]);
  reserved.findings[0].label = 'Other';
  assert.throws(() => templates.loadTemplates([reserved]), /reserved/);
  // An abbreviation names an organ with a field in its own template, written in capitals.
  const echo = clone(templateData.find((t) => t.id === 'us-echocardiogram'));
  assert.equal(templates.loadTemplates([echo])[0].abbreviations.TR, 'right-heart-valves');
  assert.throws(
    () => templates.loadTemplates([{ ...echo, abbreviations: { MR: 'brain' } }]),
    /abbreviation MR names brain, which has no field/,
  );
  assert.throws(() => templates.loadTemplates([{ ...echo, abbreviations: { mr: 'mitral-valve' } }]), /abbreviations/);
});

test('template skeletons state no finding; pertinent negatives only deny', () => {
  for (const t of templates.TEMPLATES) {
    const skeleton = `EXAM: ${t.exam}\nFINDINGS:\n${t.findings.map((s) => `${s.label}: [ ]`).join('\n')}\nIMPRESSION:\n[ ]\n`;
    const found = understand(skeleton).findings.filter((f) => f.section === 'findings');
    assert.deepEqual(
      found.map((f) => f.finding),
      [],
      t.id,
    );
    for (const s of t.findings.filter((x) => x.normal)) {
      const u = understand(`EXAM: ${t.exam}\nFINDINGS:\n${s.label}: ${s.normal}\n`);
      const asserted = u.findings.filter((f) => f.section === 'findings' && f.assertion !== 'absent');
      assert.deepEqual(
        asserted.map((f) => `${f.finding} ${f.assertion}`),
        [],
        `${t.id} / ${s.label}: "${s.normal}"`,
      );
    }
  }
});

test('templateById and templateList serve the quick pick', () => {
  assert.equal(templates.templateById('mri-knee').name, 'MRI knee');
  assert.equal(templates.templateById('mri-toe'), undefined);
  const list = templates.templateList();
  assert.equal(list.length, templates.TEMPLATES.length);
  assert.deepEqual(Object.keys(list[0]), ['id', 'name', 'description']);
  assert.match(list[0].description, /Lungs/);
});

test('the example reports choose their template from the exam title', () => {
  const expected = {
    'chest-radiograph-errors.rpt': 'chest-radiograph',
    'chest-radiograph-normal.rpt': 'chest-radiograph',
    'ct-abdomen-pelvis.rpt': 'ct-abdomen-pelvis',
    'ct-head-hemorrhage.rpt': 'ct-head',
    'mri-knee.rpt': 'mri-knee',
  };
  for (const [file, id] of Object.entries(expected)) {
    const c = choose(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
    assert.equal(c.template.id, id, file);
    assert.equal(c.confidence, 'high', file);
    assert.equal(c.alternatives.length, templates.TEMPLATES.length - 1);
    assert.ok(!c.alternatives.includes(c.template));
  }
});

test('template choice tells siblings apart by modality and title words', () => {
  const cases = [
    ['EXAM: CT chest with contrast.\nFINDINGS: Normal.', 'ct-chest'],
    ['EXAM: CT pulmonary angiogram.\nFINDINGS: No filling defect.', 'ct-pulmonary-angiogram'],
    ['EXAM: CTA chest, PE protocol.\nFINDINGS: No filling defect.', 'ct-pulmonary-angiogram'],
    ['EXAM: Chest x-ray, 2 views.\nFINDINGS: Clear lungs.', 'chest-radiograph'],
    ['EXAM: PA and lateral chest.\nFINDINGS: Clear lungs.', 'chest-radiograph'],
    ['EXAM: CT head without contrast.\nFINDINGS: Normal.', 'ct-head'],
    ['EXAM: MRI brain with and without contrast.\nFINDINGS: Normal.', 'mri-brain'],
    ['EXAM: MRI cervical spine.\nFINDINGS: Normal.', 'mri-cervical-spine'],
    ['EXAM: MRI L-spine without contrast.\nFINDINGS: Normal.', 'mri-lumbar-spine'],
    ['EXAM: MRI left shoulder.\nFINDINGS: Normal.', 'mri-shoulder'],
    ['EXAM: MRI right knee.\nFINDINGS: Normal.', 'mri-knee'],
    ['EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: Normal.', 'ct-abdomen-pelvis'],
    ['EXAM: CT KUB.\nFINDINGS: No stones.', 'ct-abdomen-pelvis'],
    ['EXAM: Ultrasound right upper quadrant.\nFINDINGS: Normal.', 'us-abdomen'],
    ['EXAM: Renal ultrasound.\nFINDINGS: Normal.', 'us-renal'],
    ['EXAM: Transvaginal pelvic ultrasound.\nFINDINGS: Normal.', 'us-pelvis'],
    ['EXAM: Scrotal ultrasound.\nFINDINGS: Normal.', 'us-scrotum'],
    ['CT ABDOMEN AND PELVIS WITH CONTRAST\nFINDINGS: Normal.', 'ct-abdomen-pelvis'],
  ];
  for (const [text, id] of cases) assert.equal(choose(text).template.id, id, text);
  // Modality decides between the two head templates, not the order of the library.
  assert.notEqual(choose('EXAM: MRI head.\nFINDINGS: Normal.').template.id, 'ct-head');
});

test('issue 19 exams get their own template; a wrong body part or modality is refused in one line', () => {
  const cases = [
    ['EXAM: Bilateral diagnostic mammogram.\nFINDINGS: Scattered fibroglandular densities.', 'mg-breast'],
    ['EXAM: Right breast ultrasound.\nFINDINGS: Normal.', 'us-breast'],
    ['EXAM: Echocardiogram.\nFINDINGS: Normal LV function.', 'us-echocardiogram'],
    ['EXAM: XR pelvis AP.\nFINDINGS: Normal.', 'xr-pelvis'],
    ['EXAM: Thoracic spine.\nINTERPRETATION: AP and lateral projections.', 'xr-spine'],
    ['EXAM: MRI thoracic spine.\nFINDINGS: Normal.', 'mri-spine'],
    ['EXAM: CT cervical spine.\nFINDINGS: Normal.', 'ct-cervical-spine'],
    ['EXAM: CT lumbar spine without contrast.\nFINDINGS: Normal.', 'ct-lumbar-spine'],
    ['EXAM: MRI right ankle.\nFINDINGS: Normal.', 'mri-ankle'],
    ['EXAM: MRI left wrist.\nFINDINGS: Normal.', 'mri-wrist'],
    ['EXAM: MRI elbow.\nFINDINGS: Normal.', 'mri-elbow'],
    ['EXAM: MRI right hip.\nFINDINGS: Normal.', 'mri-hip'],
    ['EXAM: Obstetric ultrasound.\nFINDINGS: Normal.', 'us-obstetric'],
    ['EXAM: CT neck with contrast.\nFINDINGS: Normal.', 'ct-neck'],
    ['EXAM: Bilateral carotid ultrasound.\nFINDINGS: Normal.', 'us-carotid'],
    ['EXAM: CT facial bones without contrast.\nFINDINGS: Normal.', 'ct-sinuses-face'],
    ['EXAM: CT sinuses.\nFINDINGS: Mucosal thickening.', 'ct-sinuses-face'],
    ['EXAM: MRI abdomen with and without contrast.\nFINDINGS: Normal.', 'mri-abdomen-pelvis'],
    ['EXAM: Left lower extremity venous duplex.\nFINDINGS: The common femoral vein is compressible.', 'us-venous-lower-extremity'],
  ];
  for (const [text, id] of cases) {
    const c = choose(text);
    assert.equal(c.template.id, id, text);
    assert.equal(c.refused, undefined, text);
  }
  // Facial bones are not a CT head; a mammogram never gets the CT head template.
  assert.notEqual(choose('EXAM: CT facial bones.\nFINDINGS: Normal.').template.id, 'ct-head');
  // A nuclear medicine study no NM template is for (the bone scan and the myocardial perfusion scan are).
  const nm = choose('EXAM: Nuclear medicine hepatobiliary scan.\nFINDINGS: Normal.');
  assert.match(nm.refused ?? '', /^no (NM )?template/);
  // No modality anywhere and a body part with CT, MRI and ultrasound templates: refused, not guessed.
  const neck = choose('FINDINGS: Enlarged cervical lymph nodes. The thyroid is normal. The parotid glands are normal.');
  assert.match(neck.refused ?? '', /^no modality named: the neck has templates for/);
  assert.ok(!/\n/.test(neck.refused));
  // A whole-body MRI has no template: refused, its brain and chest not filed into an abdomen's fields.
  assert.match(
    choose('EXAM: MR WHOLEBODY\nFINDINGS: BRAIN: Normal. CHEST: Clear lungs.').refused ?? '',
    /^no (?:MR )?template for the whole body/,
  );
  // No title, but the text names the exam: its template, not one guessed from the organs.
  const cardiac = choose(
    'HISTORY: Coronary artery disease.\nTECHNIQUE AND FINDINGS: Calcium scoring and coronary artery CTA was performed. Mild stenosis of the proximal LAD. The lungs are clear.',
  );
  assert.equal(cardiac.template.id, 'ct-coronary');
  assert.equal(cardiac.refused, undefined);
  // … and one we have no template for is refused, not guessed.
  const pet = choose(
    'HISTORY: Chest pain.\nFINDINGS: A cardiac PET perfusion study was performed. Normal perfusion of the left ventricle.',
  );
  assert.match(pet.refused ?? '', /^no PT template for the heart/);
  // "CT angiography" names no chest: with the abdomen and pelvis on the line below, not the pulmonary angiogram.
  const cta = choose(
    'EXAM: CT ANGIOGRAPHY\nTECHNIQUE: Axial images of the abdomen and pelvis after intravenous contrast.\nFINDINGS: Fusiform infrarenal abdominal aortic aneurysm, 5.2 cm.',
  );
  assert.notEqual(cta.template.id, 'ct-pulmonary-angiogram');
  // The modality's own words decide when nothing names it.
  assert.equal(choose('FINDINGS: The liver is hypoechoic. The gallbladder is normal.').template.modality, 'US');
  assert.equal(choose('FINDINGS: T2 hyperintense lesion in the liver.').template.id, 'mri-abdomen-pelvis');
});

test('issue 18 a title of several exams no one template covers is refused, not filed under the first', () => {
  /** @type {[string, RegExp][]} */
  const several = [
    [
      'EXAM: CT brain without contrast and CT cervical spine without contrast.\nFINDINGS: No hemorrhage. No fracture of C1 or C2.',
      /^no template for the head with the cervical spine/,
    ],
    ['EXAM: MRI brain; MRI neck soft tissue with contrast.\nFINDINGS: Normal.', /^no template for the head with the neck/],
    // The second line of the EXAM section, run into the next header, names the legs too.
    [
      'EXAM: CT ANGIOGRAPHY\nCTA ABDOMEN PELVIS AND BOTH LOWER EXTREMITIESHISTORY: Claudication.\nFINDINGS: No aneurysm. Mild disease of the superficial femoral arteries.',
      /^no template for the .*lower extremity/,
    ],
    [
      'EXAM: PA and lateral chest. Two views of the left knee.\nFINDINGS: Clear lungs. No fracture.',
      /^no template for the chest with the knee/,
    ],
  ];
  for (const [text, reason] of several) {
    const c = choose(text);
    assert.match(c.refused ?? '', reason, text);
    assert.ok(!/\n/.test(c.refused), text);
  }
  // One template covers them together, or the part is named by the template's own title words: kept.
  const together = [
    ['EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: Normal.', 'ct-abdomen-pelvis'],
    ['EXAM: MRI of the abdomen and pelvis.\nFINDINGS: Normal.', 'mri-abdomen-pelvis'],
    ['EXAM: Ultrasound of the kidneys and bladder.\nFINDINGS: Normal.', 'us-renal'],
    ['EXAM: XR pelvis and both hips.\nFINDINGS: Normal.', 'xr-pelvis'],
    ['EXAM: MRI left ankle and foot.\nFINDINGS: Normal.', 'mri-ankle'],
    ['EXAM: CT cervical spine without contrast.\nFINDINGS: Normal.', 'ct-cervical-spine'],
  ];
  for (const [text, id] of together) {
    const c = choose(text);
    assert.equal(c.template.id, id, text);
    assert.equal(c.refused, undefined, text);
  }
});

test('without a title the findings choose, with low confidence', () => {
  const c = choose('The lungs are clear. No pleural effusion or pneumothorax. Heart size is normal.');
  assert.equal(c.template.id, 'chest-radiograph');
  assert.equal(c.confidence, 'low');
  assert.match(c.why, /no exam title/);
  const knee = choose('FINDINGS: The medial meniscus is torn. The cruciate ligaments are intact. Small joint effusion.');
  assert.equal(knee.template.id, 'mri-knee');
  assert.equal(knee.confidence, 'low');
  const lspine = choose('HISTORY: Back pain. FINDINGS: At L4-5 there is a disc bulge. The conus is normal.');
  assert.equal(lspine.template.id, 'mri-lumbar-spine');
});

test('the committed snippets are generated from the templates (run `npm run snippets` when this fails)', () => {
  const file = fs.readFileSync(snippetsFile, 'utf8');
  assert.equal(file, snippetsText(templates.TEMPLATES, JSON.parse(file)));
  const snippets = JSON.parse(file);
  assert.ok(snippets['Critical result communication'], 'hand-written snippets are kept');
  for (const t of templates.TEMPLATES) {
    const s = snippets[`Template: ${t.name}`];
    assert.ok(s, t.id);
    const stops = [...s.body.join('\n').matchAll(/\$\{(\d+)/g)].map((m) => Number(m[1]));
    assert.deepEqual(
      stops,
      stops.map((_, i) => i + 1),
      `${t.id}: tab stops in order`,
    );
    assert.equal(stops.length, t.findings.length + 5, `${t.id}: one tab stop per field`);
  }
  // A stale file is caught: change one normal sentence and the generated text differs.
  const changed = templates.TEMPLATES.map((t, i) => (i === 0 ? { ...t, exam: 'Chest radiograph, one view.' } : t));
  assert.notEqual(snippetsText(changed, JSON.parse(file)), file);
});

test('issue 18 a report of several exams, each under its own title line, is refused; so are a consult letter and a procedure note', () => {
  const titled =
    'CT HEAD WITHOUT CONTRAST\n\nFINDINGS: No hemorrhage.\n\nIMPRESSION: Negative head.\n\nCT CERVICAL SPINE WITHOUT CONTRAST\n\nFINDINGS: No fracture.\n\nIMPRESSION: Negative cervical spine.';
  assert.match(choose(titled).refused ?? '', /^no template for the head with the cervical spine/);
  // A title line repeated, or of the template's own body part, is one exam.
  const one = 'CT HEAD WITHOUT CONTRAST\n\nFINDINGS: No hemorrhage.\n\nCT HEAD\n\nIMPRESSION: Negative.';
  assert.equal(choose(one).refused, undefined);
  const letter =
    'EXAM: Obstetric ultrasound.\nFINDINGS: Single live intrauterine pregnancy. We discussed the findings with the couple. Thank you for allowing me to see her. Please do not hesitate to call.';
  assert.match(choose(letter).refused ?? '', /^a consult letter, not an exam report/);
  const procedure =
    'EXAM: Ultrasound-guided biopsy of the left breast.\nFINDINGS: A 9 mm mass at 3 o clock. Informed consent was obtained. The skin was prepped and draped in sterile fashion. 1% lidocaine was given. Four cores were taken.';
  assert.match(choose(procedure).refused ?? '', /^a procedure note, not an exam report/);
  // An arterial Doppler of the legs is no venous duplex; a venous study that names an artery is one.
  const arterial =
    'RIGHT LOWER EXTREMITY: Triphasic arterial waveforms to the popliteal artery. Ankle brachial index 0.9.\nIMPRESSION: Mild arterial disease.';
  assert.match(choose(arterial).refused ?? '', /^an arterial study, not what/);
  const venous =
    'EXAM: Ultrasound venous duplex, left leg.\nFINDINGS: The common femoral, femoral and popliteal veins are compressible with normal flow. The adjacent artery is normal.\nIMPRESSION: No DVT.';
  assert.equal(choose(venous).template.id, 'us-venous-lower-extremity');
  assert.equal(choose(venous).refused, undefined);
  // One procedure word is not a procedure note: a report that mentions a prior biopsy keeps its template.
  assert.equal(choose('EXAM: CT chest.\nFINDINGS: Nodule, sampled under informed consent last year.').refused, undefined);
});

test('a nuclear medicine study with no title is told by its tracer, never filed into an X-ray template by its "projections"', () => {
  const scan = choose(
    'TECHNIQUE: Three hours after intravenous injection of 24 mCi of Tc-99m MDP, anterior and posterior projections of the skeleton were obtained.\n\nFINDINGS: Increased radiotracer uptake in the left sacroiliac joint and the pelvis. Tracer activity elsewhere in the skeleton is physiologic.\n\nIMPRESSION: Sacroiliac uptake.\n',
  );
  assert.equal(scan.refused, undefined);
  assert.equal(scan.template.id, 'nm-bone-scan');
  // A whole-body scan with another tracer is no bone scan.
  const iodine = choose(
    'EXAM: Nuclear medicine whole body scan.\nFINDINGS: Following oral I-131, whole body images show uptake in the thyroid bed.\nIMPRESSION: Residual thyroid tissue.',
  );
  assert.match(iodine.refused ?? '', /another tracer/);
});

test('a spine report by region ("Cervical spine: … Lumbar spine: …") is refused by the whole-spine template, which files by level', () => {
  const byRegion = choose(
    'EXAM: MRI WHOLE SPINE\n\nFINDINGS: Cervical spine: Mild disc bulging without canal stenosis. Lumbar spine: At L4-L5 a disc extrusion causes severe canal stenosis.\n\nIMPRESSION: Lumbar canal stenosis.\n',
  );
  assert.match(byRegion.refused ?? '', /^a report by spine region/);
  const oneRegion = choose(
    'EXAM: MRI WHOLE SPINE\n\nFINDINGS: Lumbar spine: At L4-L5 a disc extrusion causes severe canal stenosis.\n\nIMPRESSION: Stenosis.\n',
  );
  assert.doesNotMatch(oneRegion.refused ?? '', /spine region/);
});

test('a catheter angiogram is refused, not filed into the carotid ultrasound: by its arteriogram words, or by its access and closure steps', () => {
  const arteriogram = choose(
    'EXAM: Bilateral carotid arteriograms.\n\nFINDINGS: Selective catheterization of both common carotid arteries. Arteriography shows a 70% stenosis of the left internal carotid artery. The right carotid arteries are normal.\n\nIMPRESSION: Left ICA stenosis.\n',
  );
  assert.match(arteriogram.refused ?? '', /^no XA template/);
  const steps = choose(
    'EXAM: Carotid arteries.\n\nFINDINGS: The left groin was cleansed and draped. A 5 French sheath was placed in the femoral artery. The catheter was advanced to the aortic arch. The left internal carotid artery is occluded. The puncture site was closed with a closure device and the patient was discharged to home.\n',
  );
  assert.match(steps.refused ?? '', /^a procedure note, not an exam report/);
  // A carotid duplex keeps its template.
  const duplex = choose(
    'EXAM: Carotid duplex ultrasound.\n\nFINDINGS: Peak systolic velocity in the right ICA is 90 cm/s. Mild plaque at the left bulb.\n\nIMPRESSION: No hemodynamically significant stenosis.\n',
  );
  assert.equal(duplex.template.id, 'us-carotid');
  assert.equal(duplex.refused, undefined);
});

test('a scan’s range read as the title names its ends, not the exam: the chest CT scanned from the brain to the abdomen is a chest CT', () => {
  for (const technique of [
    'Sequential axial CT images were obtained from the base of the brain to the upper abdomen after intravenous contrast.',
    'Contiguous axial CT images were obtained from the skull base through the upper abdomen.',
  ]) {
    const c = choose(
      `TECHNIQUE: ${technique}\n\nFINDINGS: The heart size is normal. There is no mediastinal or hilar lymphadenopathy. The lungs are clear. No pneumothorax.\n\nIMPRESSION: No acute abnormality.\n`,
    );
    assert.equal(c.template.id, 'ct-chest', technique);
    assert.equal(c.refused, undefined, technique);
  }
});

test('the chooser takes the exam line that names most of the exam, not the first one', () => {
  for (const [text, id] of /** @type {[string, string][]} */ ([
    ['EXAM: CT\nPROCEDURE: CT abdomen and pelvis with contrast\nFINDINGS: The liver is normal.', 'ct-abdomen-pelvis'],
    ['EXAM: MRI\nSTUDY: MRI of the left knee without contrast\nFINDINGS: The menisci are intact.', 'mri-knee'],
    ['EXAM: CT SPINE\nCT CERVICAL SPINE WITHOUT CONTRAST\nFINDINGS: Normal alignment.', 'ct-cervical-spine'],
    ['EXAM: MR SPINE\nPROCEDURE: MRI of the lumbosacral spine without and with contrast.\nFINDINGS: L4-5 disc bulge.', 'mri-lumbar-spine'],
    ['EXAM: US\nTYPE OF EXAM: Renal ultrasound\nFINDINGS: The kidneys are normal.', 'us-renal'],
    // A title run on before the first header is read as the title.
    ['CT ABDOMEN WITH CONTRAST FINDINGS: The liver is normal.\nIMPRESSION: Normal.', 'ct-abdomen-pelvis'],
  ])) {
    const c = choose(text);
    assert.equal(c.refused, undefined, `${text}: ${c.refused}`);
    assert.equal(c.template.id, id, text);
    assert.equal(c.confidence, 'high', text);
  }
});

test('two exam lines naming different body parts are refused, not guessed', () => {
  for (const text of [
    'EXAM: CT HEAD\nPROCEDURE: CT chest with contrast\nFINDINGS: Normal.',
    'EXAM: MRI KNEE\nSTUDY: MRI of the right shoulder\nFINDINGS: Normal.',
  ])
    assert.match(choose(text).refused ?? '', /no template for the .* with the /, text);
});

test('templates chosen only by name are no reason to refuse a report that names none of them', () => {
  // The echo was the heart's only template before the cardiac CT, MRI and NM ones; it still is, by content.
  const c = choose('FINDINGS: The heart is normal. Normal left ventricular function.\nIMPRESSION: Normal.');
  assert.equal(c.template.id, 'us-echocardiogram');
  assert.equal(c.refused, undefined);
  // A chest report that says the heart is normal never gets a cardiac template by its organs.
  assert.ok(
    !['ct-coronary', 'mri-cardiac', 'nm-myocardial-perfusion'].includes(choose('The lungs are clear. Heart size is normal.').template.id),
  );
});

test('a radiation therapy note is refused as a whole, never filed into the chest film template by its films; a history of radiotherapy is no such note', () => {
  for (const note of [
    'HDR BRACHYTHERAPY\nThe patient is to undergo high dose rate brachytherapy for cervical cancer. Iridium-192 sources are placed through the tandem and ovoids, and 7 Gy in four fractions is delivered to the target volume while the bladder and rectum are kept as organs at risk.',
    'IMRT PLANNING\nSimulation CT was performed with the patient immobilized. The isocenter was set and the target volume and organs at risk were contoured for treatment planning. The prescription is 60 Gy in 30 fractions.',
  ]) {
    const choice = choose(note);
    assert.match(choice.refused ?? '', /^a radiation therapy note, not an exam report/, note);
  }
  // An imaging report whose history names the treatment, or its effects, keeps its template.
  const chest =
    'EXAM: CT chest with contrast.\nHISTORY: Lung cancer, status post radiation therapy and radiotherapy boost to the target volume.\nFINDINGS: Radiation fibrosis in the right upper lobe. No pleural effusion.\nIMPRESSION: Post-radiation change.';
  assert.equal(choose(chest).refused, undefined);
  assert.equal(choose(chest).template.id, 'ct-chest');
});
