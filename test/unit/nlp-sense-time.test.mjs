// Sense, organ and time: a term is a finding only in its own sense, and old news is never a critical call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertionOf, mentions, nlp, parseReport, understand } from '../helpers/nlp.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const minor = require(path.join(root, 'out/server/nlp/minor.js'));
const concepts = (text) => understand(text).findings.map((f) => f.concept);
const calls = (text) =>
  analyze(text)
    .critical.filter((c) => c.needsCall)
    .map((c) => c.finding.concept);

// r16s #6: a spine's sagittal curve that lost or reversed its normal shape is no scoliosis (a sideways curve).
test('the normal lordotic curvature straightened, lost or reversed is no scoliosis; a sideways curvature still is', () => {
  const spine = (t) => concepts(`EXAM: CT cervical spine.\nFINDINGS: ${t}\n`);
  assert.ok(!spine('Reversal of the normal cervical curvature.').includes('scoliosis'));
  assert.ok(!spine('There is straightening of the normal cervical curvature.').includes('scoliosis'));
  assert.ok(!spine('Loss of the normal lordotic curvature of the cervical spine.').includes('scoliosis'));
  assert.ok(spine('Mild dextroconvex curvature of the thoracic spine.').includes('scoliosis'));
  assert.ok(spine('Mild curvature of the thoracolumbar spine.').includes('scoliosis'));
  assert.ok(spine('Mild scoliosis with loss of the normal lumbar lordosis.').includes('scoliosis'));
});

test('surgical dissection, contrast opacification and sinus or vessel obstruction are no findings of their namesakes', () => {
  assert.ok(!concepts('The plane was developed with sharp and blunt dissection.').includes('aortic-dissection'));
  assert.ok(!concepts('Dissection was carried down to the capsule.').includes('aortic-dissection'));
  assert.ok(concepts('There is a type B aortic dissection.').includes('aortic-dissection'));
  assert.ok(!concepts('There is excellent opacification of the main pulmonary artery.').includes('opacity'));
  assert.ok(!concepts('Barium opacification of the appendix is seen.').includes('opacity'));
  assert.ok(concepts('There is opacification of the left lower lobe.').includes('opacity'));
  assert.ok(!concepts('Polyps cause obstruction of the frontal and maxillary sinuses.').includes('bowel-obstruction'));
  assert.ok(!concepts('The plaque causes less than 50% obstruction.').includes('bowel-obstruction'));
  assert.ok(concepts('Dilated loops with a transition point: small bowel obstruction.').includes('bowel-obstruction'));
  assert.ok(!concepts('A small effusion surrounds the flexor tendon sheath.').includes('pleural-effusion'));
});

test('a protocol or a question is not a finding', () => {
  assert.equal(
    mentions('CT of the chest was performed with pulmonary embolism protocol.', 'pulmonary-embolism')[0].assertion,
    'hypothetical',
  );
  assert.deepEqual(
    calls('TECHNIQUE: CT chest, PE protocol.\nFINDINGS: No filling defect.\nIMPRESSION: Negative for pulmonary embolism.'),
    [],
  );
  assert.equal(
    mentions('Repeat CT to determine whether the subdural hematoma has grown.', 'subdural-hematoma')[0].assertion,
    'hypothetical',
  );
  assert.equal(mentions('The patient is a 70-year-old man with hydrocephalus and headache.', 'hydrocephalus')[0].assertion, 'historical');
});

test('old, remote, chronic and previous findings are not critical calls', () => {
  assert.deepEqual(calls('FINDINGS: Remote lacunar infarct in the left thalamus.\nIMPRESSION: Remote lacunar infarct.'), []);
  assert.deepEqual(calls('FINDINGS: There is an old small lacunar infarct of the pons.\nIMPRESSION: Old pontine lacunar infarct.'), []);
  assert.deepEqual(
    calls('FINDINGS: Gallbladder findings can be seen with mild chronic cholecystitis.\nIMPRESSION: Mild chronic cholecystitis.'),
    [],
  );
  assert.deepEqual(calls('FINDINGS: Acute infarct in the left MCA territory.\nIMPRESSION: Acute left MCA infarct.'), [
    'infarct',
    'infarct',
  ]);
  assert.equal(mentions('Perfusion shows a likely previous multivessel infarct.', 'myocardial-infarction').length, 1);
  // A lacune is the cavity an old lacunar infarct leaves; an acute one is called acute.
  assert.deepEqual(calls('FINDINGS: Lacunar infarct of the right cerebellar hemisphere.\nIMPRESSION: Lacunar infarction.'), []);
  assert.deepEqual(calls('FINDINGS: Acute lacunar infarct in the left internal capsule.\nIMPRESSION: Acute lacunar infarct.'), [
    'infarct',
    'infarct',
  ]);
});

test('critical tiers follow the ACR categories: uncomplicated diverticulitis and epididymitis are not calls', () => {
  assert.deepEqual(calls('FINDINGS: Sigmoid diverticulitis without abscess.\nIMPRESSION: Uncomplicated sigmoid diverticulitis.'), []);
  assert.deepEqual(calls('FINDINGS: Hyperemic left epididymis.\nIMPRESSION: Left epididymitis.'), []);
  assert.deepEqual(calls('FINDINGS: Fournier gangrene of the scrotum.\nIMPRESSION: Fournier gangrene.').slice(0, 1), [
    'necrotizing-fasciitis',
  ]);
});

test('"X without a tear" denies X\'s tear, not another structure\'s', () => {
  const f = mentions('Discoid lateral meniscus without a tear.', 'meniscal-tear');
  assert.equal(f.length, 1);
  assert.equal(f[0].assertion, 'absent');
  assert.equal(mentions('Partial tear of the supraspinatus tendon.', 'rotator-cuff-tear').length, 1);
});

test('a consent discussion is not the communication of a result', () => {
  const text =
    'FINDINGS: Large right pneumothorax.\nIMPRESSION: Large right pneumothorax.\nThe risks and benefits of the procedure were discussed with the patient.';
  const p = analyze(text).problems.find((x) => x.rule === 'critical-communication-missing');
  assert.match(p.message, /no documented communication/);
});

test('bleeding and air in the chest are read in their organ: lung, mediastinum, vein', () => {
  // Blood in the lung after trauma is no intracranial hemorrhage; intra-alveolar hemorrhage is told with the contusion
  // (diffuse alveolar hemorrhage stays a call).
  assert.deepEqual(concepts('Intraparenchymal hemorrhage-contusion areas in the upper lobe anterior segment of the right lung.'), [
    'contusion',
    'contusion',
  ]);
  assert.ok(concepts('Parenchymal hemorrhage in the left lower lobe.').includes('contusion'));
  assert.deepEqual(calls('FINDINGS: Ground glass areas consistent with intra-alveolar hemorrhage in the lingula.'), []);
  assert.deepEqual(calls('FINDINGS: Intraparenchymal hemorrhage in the right frontal lobe.'), ['intracranial-hemorrhage']);
  assert.deepEqual(calls('FINDINGS: Diffuse alveolar hemorrhage.'), ['hemorrhage']);
  assert.ok(concepts('Ground glass areas consistent with intra-alveolar hemorrhage.').includes('contusion'));
  assert.ok(concepts('Left pleural effusion with hemorrhage.').includes('hemothorax'));
  assert.ok(concepts('Knee joint effusion with blood products.').every((c) => c === 'joint-effusion'));
  // Free air by the mediastinum or an esophageal anastomosis is pneumomediastinum; under the diaphragm, pneumoperitoneum.
  assert.ok(concepts('Widespread free air images are observed on the ventral side in the mediastinum.').includes('pneumomediastinum'));
  assert.ok(concepts('Free air images around the esophagogastric anastomosis line.').includes('pneumomediastinum'));
  assert.ok(concepts('Free air under the diaphragm.').includes('pneumoperitoneum'));
  assert.ok(!concepts('Thrombus leading to partial obstruction in the total vena subclavia.').includes('bowel-obstruction'));
  // The lateral masses of C1 are anatomy, not a mass.
  assert.ok(!concepts('The lateral masses of C1 are symmetric.').includes('mass'));
  assert.ok(concepts('There is a 2 cm mass lateral to the kidney.').includes('mass'));
  // An air cyst of the lung is a pocket of air, not the fluid-filled cyst.
  assert.deepEqual(concepts('Thin-walled air cysts in the right lower lobe.'), ['lung-cyst']);
  assert.deepEqual(concepts('Simple cyst in the liver.'), ['cyst']);
});

test('air by its organ: venous and cardiac air, air in soft tissue or a catheterised bladder is no pneumoperitoneum; portal venous gas is bowel ischemia', () => {
  // Air in the right heart or pulmonary artery (usually from the intravenous line) is venous air, not free intraperitoneal air.
  assert.ok(!concepts('There is free air in the pulmonary trunk and right atrium.').includes('pneumoperitoneum'));
  assert.ok(
    !concepts('A few bubbles of free gas within the right ventricle, likely from the intravenous injection.').includes('pneumoperitoneum'),
  );
  assert.ok(!concepts('Free air in the left brachiocephalic vein, related to the IV.').includes('pneumoperitoneum'));
  assert.ok(!concepts('Free air in the soft tissues of the anterior abdominal wall.').includes('pneumoperitoneum'));
  assert.ok(!concepts('Free air within the urinary bladder after catheterization.').includes('pneumoperitoneum'));
  assert.ok(!concepts('Free gas in the bladder lumen, Foley catheter in place.').includes('pneumoperitoneum'));
  // Free air along the abdominal wall or beside the bladder is still pneumoperitoneum.
  assert.ok(concepts('Free air is seen along the anterior abdominal wall.').includes('pneumoperitoneum'));
  assert.ok(concepts('Large amount of free intraperitoneal air adjacent to the bladder dome.').includes('pneumoperitoneum'));
  // Gas in the portal veins is portal venous gas: a call within minutes.
  assert.deepEqual(calls('FINDINGS: Free air in the portal veins extending to the liver periphery.'), ['bowel-ischemia']);
  assert.deepEqual(calls('FINDINGS: There is gas within the intrahepatic portal veins.'), ['bowel-ischemia']);
  assert.deepEqual(calls('FINDINGS: Branching air in the portal venous system of the left lobe.'), ['bowel-ischemia']);
  assert.ok(concepts('No gas in the portal veins.').includes('bowel-ischemia'));
  assert.deepEqual(calls('FINDINGS: No gas in the portal veins.'), []);
});

test("a word's sense by exam: volume loss is the lung's on a chest study and the brain's on a head study; opacification is a sinus's on a head or face CT", () => {
  const head = (f) => `EXAM: CT head without contrast.\nFINDINGS: ${f}\nIMPRESSION: No acute intracranial abnormality.`;
  for (const f of [
    'There is diffuse volume loss with prominence of the sulci and ventricles.',
    'Mild generalized loss of volume, age appropriate.',
  ]) {
    assert.ok(concepts(head(f)).includes('atrophy'), f);
    assert.ok(!concepts(head(f)).includes('volume-loss'), f);
  }
  for (const t of [
    'EXAM: Chest radiograph.\nFINDINGS: Left lower lobe opacity with volume loss.',
    'FINDINGS: Right upper lobe volume loss with rightward tracheal shift.',
    'EXAM: CT abdomen and pelvis.\nFINDINGS: Left lower lobe lung volume loss.',
  ])
    assert.ok(concepts(t).includes('volume-loss'), t);
  // Not the lung's on an abdomen study: an organ's.
  assert.ok(
    !concepts('EXAM: CT abdomen and pelvis.\nFINDINGS: The left kidney shows cortical thinning and volume loss.').includes('volume-loss'),
  );
  for (const t of [
    'EXAM: CT sinus without contrast.\nFINDINGS: Complete opacification of the left maxillary sinus.',
    'EXAM: CT maxillofacial.\nFINDINGS: The sphenoid sinus exhibits complete opacification.',
  ]) {
    assert.ok(concepts(t).includes('sinusitis'), t);
    assert.ok(!concepts(t).includes('opacity'), t);
  }
  assert.deepEqual(concepts(head('The right mastoid air cells are partially opacified.')), []);
  // Contrast filling a vessel or a venous sinus is no sinus disease.
  for (const f of ['There is normal opacification of the intracranial arteries.', 'Good opacification of the dural venous sinuses.'])
    assert.ok(!concepts(head(f)).includes('sinusitis'), f);
  assert.ok(concepts('EXAM: Chest radiograph.\nFINDINGS: Opacification of the left hemithorax.').includes('opacity'));
  assert.ok(concepts('EXAM: CT abdomen and pelvis.\nFINDINGS: Opacification at the left lung base.').includes('opacity'));
});

test('fine-needle aspiration is a procedure and tumour infiltrating an organ is no lung infiltrate; liver nodules are liver lesions', () => {
  for (const t of [
    'Further evaluation with fine-needle aspiration is recommended.',
    'Ultrasound-guided aspiration of the cyst was performed.',
  ])
    assert.ok(!concepts(t).includes('aspiration'), t);
  assert.ok(concepts('Findings are compatible with aspiration pneumonia in the right lower lobe.').includes('aspiration'));
  assert.ok(!concepts('Infiltration of the right thyroid lobe by adjacent adenopathy.').includes('infiltrate'));
  assert.ok(concepts('Patchy infiltrate in the left lower lobe.').includes('infiltrate'));
  assert.ok(concepts('The liver contains multiple enhancing nodules.').includes('liver-lesion'));
  assert.ok(concepts('Multiple hepatic nodules are seen.').includes('liver-lesion'));
  assert.ok(concepts('Multiple pulmonary nodules in both lungs.').includes('nodule'));
});

test('air in the right heart is air or gas in any right heart chamber or the pulmonary trunk, however spelt', () => {
  for (const t of [
    'Small amount of air in the RV, likely from the IV injection.',
    'Air bubbles within the right atrium.',
    'Foci of air in the main pulmonary artery.',
    'Gas within the right ventricular outflow tract.',
  ])
    assert.ok(concepts(t).includes('right-heart-air'), t);
  for (const t of ['Free air under the right hemidiaphragm.', 'Air in the rectum. The RA is normal.'])
    assert.ok(!concepts(t).includes('right-heart-air'), t);
});

test('collapse is read in the organ it names: a heart chamber is tamponade physiology, a vertebral body a fracture', () => {
  // Echo signs of tamponade: a chamber collapsing in diastole (right ventricle) or systole (right atrium).
  assert.deepEqual(calls('EXAM: Echocardiogram\nFINDINGS: Moderate pericardial effusion with diastolic collapse of the right ventricle.'), [
    'pericardial-effusion',
    'cardiac-tamponade',
  ]);
  assert.ok(concepts('There is right atrial systolic collapse.').includes('cardiac-tamponade'));
  assert.ok(!concepts('There is right atrial systolic collapse.').includes('lobar-collapse'));
  assert.equal(mentions('No RV diastolic collapse is seen.', 'cardiac-tamponade')[0].assertion, 'absent');
  // The IVC collapsing with breathing is a measure of right atrial pressure, not a finding.
  assert.deepEqual(concepts('The IVC shows less than 50% collapse with inspiration.'), []);
  assert.deepEqual(concepts('Normal inspiratory collapse of the inferior vena cava.'), []);
  // A vertebral body's collapse is its fracture, not the lung's.
  assert.ok(concepts('There is near-complete collapse of the L1 vertebral body.').includes('compression-fracture'));
  assert.ok(concepts('T12 vertebral body collapse with 4 mm retropulsion.').includes('compression-fracture'));
  assert.ok(concepts('EXAM: MRI lumbar spine\nFINDINGS: 50% collapse of L2 with retropulsion.').includes('compression-fracture'));
  assert.ok(!concepts('There is near-complete collapse of the L1 vertebral body.').includes('lobar-collapse'));
  // The lung's collapse stays the lung's.
  assert.ok(concepts('There is complete collapse of the left lower lobe.').includes('lobar-collapse'));
});

test('a nodule is read in the organ of its own clause: the liver named anywhere in it, a lung lobe placing it back', () => {
  assert.deepEqual(concepts('A subcentimeter hypoattenuating nodule is noted in segment 7 of the liver.'), ['liver-lesion']);
  assert.deepEqual(concepts('In the liver, there is a small subcentimeter hypoattenuating nodule.'), ['liver-lesion']);
  assert.deepEqual(concepts('There is a 5 mm enhancing nodule in the right hepatic lobe.'), ['liver-lesion']);
  // A lung nodule beside a liver word stays a lung nodule.
  assert.deepEqual(concepts('Stable 5 mm right lower lobe nodule and stable hepatic cysts.'), ['nodule', 'liver-lesion']);
  assert.deepEqual(concepts('A 6 mm right upper lobe nodule is unchanged, as are the hepatic cysts.'), ['nodule', 'liver-lesion']);
  assert.deepEqual(concepts('A 3 mm nodule in the lingula, the liver is unremarkable.').slice(0, 1), ['nodule']);
});

test('"would be difficult to (totally) exclude" hedges what it follows; B-lines on a chest film are septal lines', () => {
  assert.equal(mentions('An early neoplastic process would be difficult to totally exclude.', 'malignancy')[0].assertion, 'possible');
  assert.equal(mentions('A tiny apical pneumothorax would be difficult to entirely exclude.', 'pneumothorax')[0].assertion, 'possible');
  assert.equal(mentions('Scattered B-lines are seen at the lung bases.', 'septal-thickening')[0].assertion, 'present');
  assert.equal(mentions('No Kerley B lines.', 'septal-thickening')[0].assertion, 'absent');
});

test('"early" is a stage, not a hedge: an early finding is present unless a hedge of its own or "early or developing" doubts it', () => {
  assert.equal(mentions('Early appendicitis.', 'appendicitis')[0].assertion, 'present');
  assert.equal(mentions('Early changes of cirrhosis, with a nodular liver contour.', 'cirrhosis')[0].assertion, 'present');
  assert.equal(mentions('Early degenerative changes of the lumbar spine.', 'degenerative-change')[0].assertion, 'present');
  assert.equal(mentions('There is early consolidation in the right lower lobe.', 'consolidation')[0].assertion, 'present');
  // Hedged by a hedge of its own, or by offering two stages of something not yet there.
  assert.equal(mentions('Findings may represent early appendicitis.', 'appendicitis')[0].assertion, 'possible');
  assert.equal(mentions('Cannot exclude early pneumonia.', 'pneumonia')[0].assertion, 'possible');
  assert.equal(mentions('Early or developing infiltrate at the left base.', 'infiltrate')[0].assertion, 'possible');
  assert.equal(mentions('Streaky opacity, early versus developing pneumonia.', 'pneumonia')[0].assertion, 'possible');
});

test('two findings offered as alternatives are each possible, whatever stage or kind the second is given ("atelectasis or early pneumonia")', () => {
  const read = (text) => understand(text).findings.map((f) => `${f.concept} ${f.assertion}`);
  assert.deepEqual(read('Right basilar opacity, atelectasis or early pneumonia.'), [
    'opacity present',
    'atelectasis possible',
    'pneumonia possible',
  ]);
  assert.deepEqual(read('Patchy left base opacity, atelectasis or developing pneumonia.'), [
    'opacity present',
    'atelectasis possible',
    'pneumonia possible',
  ]);
  assert.ok(read('Hypodense hepatic lesion, abscess or necrotic metastasis.').includes('abscess possible'));
  assert.ok(read('Hypodense hepatic lesion, abscess or necrotic metastasis.').includes('metastases possible'));
  assert.deepEqual(read('Small effusion or acute pneumonia.'), ['pleural-effusion possible', 'pneumonia possible']);
  // Denied, both stay denied; one finding alone keeps its own reading.
  assert.deepEqual(read('No atelectasis or early pneumonia.'), ['atelectasis absent', 'pneumonia absent']);
  assert.deepEqual(read('Early pneumonia in the right lower lobe.'), ['pneumonia present']);
});

test('collapse of a disc space (disc height, interspace, joint space) is degeneration, neither a vertebral fracture nor a collapsed lung', () => {
  const spine = (findings) => concepts(`EXAM: MRI LUMBAR SPINE\nFINDINGS: ${findings}\nVertebral body heights are maintained.`);
  for (const sentence of [
    'Disc space collapse at L5-S1 with Modic type 2 endplate changes.',
    'Disc height collapse at L3-4 with a broad-based bulge.',
    'There is near complete collapse of the L4-5 disc space.',
    'Collapse of the L5-S1 interspace with vacuum phenomenon.',
  ]) {
    assert.ok(!spine(sentence).includes('compression-fracture'), sentence);
    assert.ok(!spine(sentence).includes('lobar-collapse'), sentence);
  }
  assert.ok(!concepts('Medial joint space collapse of the right knee.').includes('lobar-collapse'));
  // A pleural space is no disc space (rev13 #2).
  assert.ok(
    concepts('Large left pleural effusion filling the pleural space with collapse of the left lower lobe.').includes('lobar-collapse'),
  );
  // The vertebral body's own collapse stays its fracture, a disc beside it or not.
  assert.ok(spine('L2 vertebral body collapse with disc material retropulsed.').includes('compression-fracture'));
  assert.ok(spine('Collapse of the L1 vertebral body with 4 mm retropulsion into the canal.').includes('compression-fracture'));
});

test('"compatible with early …" is as probable as "compatible with …": the stage word adds no doubt', () => {
  for (const text of [
    'Periappendiceal stranding, compatible with early appendicitis.',
    'Findings are compatible with early cirrhosis.',
    'Right lower lobe opacity compatible with early pneumonia.',
  ]) {
    const hedges = understand(text)
      .findings.filter((f) => ['appendicitis', 'cirrhosis', 'pneumonia'].includes(f.concept))
      .map((f) => `${f.assertion} ${f.hedge}`);
    assert.deepEqual(hedges, ['possible probable'], text);
  }
});

test('aspiration of fluid is a procedure and emphysematous change of the skin or chest wall is air under the skin, not the lung findings', () => {
  const read = (text) => understand(text).findings.map((f) => f.concept);
  assert.deepEqual(read('Aspiration of the ascites was performed, yielding 2 liters of fluid.'), ['ascites']);
  assert.ok(!read('Aspiration of 30 mL of serous fluid from the knee joint.').includes('aspiration'));
  assert.ok(read('Aspiration of gastric contents into the right lower lobe.').includes('aspiration'));
  assert.ok(read('Right lower lobe opacity, likely aspiration.').includes('aspiration'));
  // An effusion beside it is no procedure's fluid (rev13 #3).
  assert.ok(read('Right lower lobe opacity concerning for aspiration with small effusion.').includes('aspiration'));
  // A wall word alone is no chest wall: "bronchial wall thickening" beside the lung's emphysema (rev13 #4).
  assert.deepEqual(read('Centrilobular emphysematous changes with bronchial wall thickening.'), ['emphysema', 'bronchial-wall-thickening']);
  assert.deepEqual(read('Emphysematous changes in the subcutaneous tissues of the neck.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Surgical emphysema in the left chest wall.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Centrilobular emphysematous changes in both upper lobes.'), ['emphysema']);
});

test('emphysematous change named by its place in a wall of the body or its soft tissues is air under the skin, a bronchial wall is not', () => {
  const read = (text) => understand(text).findings.map((f) => f.concept);
  assert.deepEqual(read('Emphysematous changes in the walls of the thorax.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Emphysematous changes in the left chest wall and axilla.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Emphysematous change within the soft tissues of the right thoracic wall.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Emphysematous changes in the anterior abdominal wall after laparoscopy.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Centrilobular emphysematous changes with bronchial wall thickening.'), ['emphysema', 'bronchial-wall-thickening']);
  assert.deepEqual(read('Paraseptal emphysematous changes, bronchial walls thickened.')[0], 'emphysema');
  // The lungs named beside it keep it theirs, whatever soft tissue or wall the sentence also names.
  assert.deepEqual(read('Emphysematous changes in both lungs and soft tissue nodules.'), ['emphysema', 'nodule']);
  assert.deepEqual(read('Paraseptal emphysematous changes adjacent to the chest wall.'), ['emphysema']);
  // Bare "emphysema" placed under the skin or in the neck and axillae is air there; beside a soft tissue lesion or
  // nodes of those stations it stays the lungs'.
  assert.deepEqual(read('Emphysema in the supraclavicular and axillary regions.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Small amount of emphysema under the skin at the drain site.'), ['subcutaneous-emphysema']);
  assert.deepEqual(read('Moderate emphysema and a soft tissue nodule in the right axilla.'), ['emphysema', 'nodule']);
  assert.deepEqual(read('Emphysema, with enlarged supraclavicular and axillary lymph nodes.'), ['emphysema', 'lymph-node']);
  // rev15 #4: a wall named of another thing joined by "and" is that thing's place: the lung's emphysema stays.
  assert.ok(read('Mild emphysema and a small chest wall lipoma.').includes('emphysema'));
  assert.ok(!read('Mild emphysema and a small chest wall lipoma.').includes('subcutaneous-emphysema'));
  assert.ok(!read('A chest wall hematoma and emphysema of both lungs.').includes('subcutaneous-emphysema'));
  assert.deepEqual(read('Emphysema in the soft tissues of the chest wall and axilla.'), ['subcutaneous-emphysema']);
});

test('air in the bile ducts is pneumobilia, not biliary dilatation, and minor after a sphincterotomy or a biliary anastomosis', () => {
  const read = (text) => understand(text).findings.map((f) => f.concept);
  assert.deepEqual(read('Pneumobilia.'), ['pneumobilia']);
  assert.deepEqual(read('Air within the intrahepatic bile ducts, without biliary dilatation.'), ['pneumobilia', 'biliary-dilatation']);
  assert.deepEqual(read('Gas in the biliary tree.'), ['pneumobilia']);
  const minorIn = (text) => {
    const report = parseReport(`FINDINGS: ${text}`);
    return nlp
      .understand(report)
      .findings.filter((f) => f.concept === 'pneumobilia')
      .map((f) => minor.isMinor(report, f));
  };
  assert.deepEqual(minorIn('Pneumobilia, consistent with the sphincterotomy.'), [true]);
  assert.deepEqual(minorIn('Aerobilia in this patient with a hepaticojejunostomy.'), [true]);
  assert.deepEqual(minorIn('Air in the biliary tree from the CBD stent.'), [true]);
  assert.deepEqual(minorIn('New pneumobilia with a dilated small bowel.'), [false]);
  assert.deepEqual(minorIn('Pneumobilia after ERCP with biliary stent placement.'), [true]);
  // A denied procedure explains nothing: unexpected air in the bile ducts is the case that matters.
  assert.deepEqual(minorIn('New pneumobilia in this patient without prior sphincterotomy or biliary stent.'), [false]);
  assert.deepEqual(minorIn('Extensive pneumobilia; no history of ERCP or biliary surgery.'), [false]);
  // Another organ's anastomosis or stent is no biliary procedure.
  assert.deepEqual(minorIn('Pneumobilia. Intact ileocolic anastomosis, no leak.'), [false]);
  assert.deepEqual(minorIn('Gas in the biliary tree, with an iliac artery stent in place.'), [false]);
  assert.deepEqual(minorIn('Pneumobilia adjacent to the colonic anastomosis.'), [false]);
});

test('a shift of the mediastinum stays significant whatever the sentence says moves it; rotation is no shift', () => {
  const shifts = (text) => {
    const report = parseReport(`FINDINGS: ${text}`);
    return nlp
      .understand(report)
      .findings.filter((f) => f.concept === 'mediastinal-shift')
      .map((f) => `${f.assertion} ${minor.isMinor(report, f) || minor.isExplained(report, f) ? 'minor' : 'significant'}`);
  };
  assert.deepEqual(shifts('Mediastinal shift toward the left, consistent with volume loss.'), ['present significant']);
  assert.deepEqual(shifts('The trachea is deviated to the right secondary to the left upper lobe collapse.'), ['present significant']);
  assert.deepEqual(shifts('Shift of the mediastinum to the right due to the large left effusion.'), ['present significant']);
  assert.deepEqual(shifts('Apparent tracheal deviation to the right due to patient rotation.'), []);
  assert.deepEqual(shifts('Tracheal deviation to the left, likely from rotated positioning.'), []);
  // A goiter deviates the trachea in the neck: the goiter's finding, not a shift of the mediastinum.
  assert.deepEqual(shifts('Mild rightward deviation of the trachea, unchanged, likely secondary to a goiter.'), []);
  assert.deepEqual(shifts('Tracheal deviation to the left by a substernal thyroid.'), []);
  // Named a clause or two on, after its time.
  assert.deepEqual(
    shifts('Slight leftward deviation of the trachea, stable since the prior study of XXXX, likely due to a multinodular goiter.'),
    [],
  );
  assert.deepEqual(shifts('The trachea is deviated to the right.'), ['present significant']);
  // A goiter the sentence only names beside another cause, or without a causal link, explains nothing.
  assert.deepEqual(
    shifts('Tracheal deviation to the left, new since the comparison, with large right pneumothorax and multinodular goiter.'),
    ['present significant'],
  );
  assert.deepEqual(shifts('Rightward tracheal deviation from a large left hemothorax and a multinodular goiter.'), ['present significant']);
  assert.deepEqual(shifts('Mediastinal shift to the right from the tension pneumothorax; thyroid unremarkable.'), ['present significant']);
  assert.deepEqual(shifts('Mild tracheal deviation to the right, related to the enlarged thyroid gland.'), []);
  // Told as the trachea's state, or with the goiter named first.
  assert.deepEqual(shifts('The trachea is deviated to the right by a large goiter.'), []);
  assert.deepEqual(shifts('The trachea is mildly displaced to the left due to the enlarged thyroid.'), []);
  assert.deepEqual(shifts('Multinodular goiter with the trachea deviated to the left.'), []);
  assert.deepEqual(shifts('Large substernal goiter causing tracheal deviation to the right.'), []);
  // A goiter beside another finding, or only listed with the deviation, explains nothing.
  assert.deepEqual(shifts('Goiter and tracheal deviation to the right.'), ['present significant']);
  assert.deepEqual(shifts('Right pneumothorax and goiter with tracheal deviation to the left.'), ['present significant']);
  assert.deepEqual(shifts('The trachea is deviated to the right by a large left pleural effusion and a goiter.'), ['present significant']);
});

test('"wall thickening" of the heart on a gated study is the myocardium thickening, not colitis; a bowel wall is still the bowel', () => {
  for (const text of [
    'FINDINGS: Gated SPECT images revealed normal wall motion and normal left ventricular systolic function with normal wall thickening.',
    'FINDINGS: The gated SPECT study shows normal wall motion and wall thickening with an ejection fraction of 59%.',
    'FINDINGS: Normal myocardial wall thickening and wall motion.',
  ])
    assert.deepEqual(mentions(text, 'colitis'), [], text);
  assert.equal(
    assertionOf('FINDINGS: There is wall thickening of the sigmoid colon with pericolonic fat stranding.', 'colitis'),
    'present',
  );
  assert.equal(assertionOf('FINDINGS: Normal caliber small bowel loops with mild wall thickening.', 'colitis'), 'present');
});

// r20s #2: a chest CT's bare "sequelae" is the lung's scarring, but sequelae said of a rib, clavicle or vertebra are an
// old bone injury's — never told to a patient as a scar in the lung.
test('sequelae of a rib, clavicle or vertebra are no lung scarring; sequelae in the lung still are', () => {
  const chest = (t) => concepts(`EXAM: CT chest.\nFINDINGS: ${t}\n`);
  assert.ok(!chest('Angulation compatible with sequelae in the right 4th rib.').includes('scarring'));
  assert.ok(!chest('Sequelae changes are observed in the left 8th rib posteriorly.').includes('scarring'));
  assert.ok(!chest('Old fracture sequelae in the right clavicle.').includes('scarring'));
  assert.ok(chest('Sequelae changes are observed in the right upper lobe apex.').includes('scarring'));
  assert.ok(chest('Fibrotic sequelae in the lingula.').includes('scarring'));
  assert.ok(chest('Parenchymal sequelae in both lower lobes.').includes('scarring'));
});
