// critical-communication-missing: a critical finding without a documented who, when and how.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { problemsOf, applyFix, root } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);

test('critical-communication-missing: no statement -> warning with a snippet fix at the end of the impression', () => {
  const text = 'FINDINGS: Free intraperitoneal air under the right hemidiaphragm.\nIMPRESSION: Pneumoperitoneum.\n';
  const [p] = problemsOf('critical-communication-missing', text);
  assert.equal(p.severity, 'warning');
  assert.equal(p.category, 'communication');
  const fix = p.fixes[0];
  assert.equal(fix.snippet, true);
  assert.equal(fix.isPreferred, true);
  const after = applyFix(text, fix);
  assert.match(
    after,
    /IMPRESSION: Pneumoperitoneum\.\nThese findings were discussed with \$\{1:Dr\. name\} by \$\{2\|telephone,in person,secure message\|\} on \$\{3:date\} at \$\{4:time\}/,
  );
});

test('critical-communication-missing: a complete statement satisfies it; an incomplete one is named', () => {
  const done =
    'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with Dr. Lee by telephone at 14:35, read back confirmed.';
  assert.deepEqual(problemsOf('critical-communication-missing', done), []);
  const half = 'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with Dr. Lee.';
  const [p] = problemsOf('critical-communication-missing', half);
  assert.match(p.message, /when, how/);
  assert.equal(slice(half, p), 'Discussed with Dr. Lee.');
});

test('critical-communication-missing: a known, stable finding of the hours tier needs no new call', () => {
  const text = 'FINDINGS: Stable small right apical pneumothorax.\nIMPRESSION: Unchanged small right pneumothorax.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
  assert.equal(problemsOf('critical-finding', text).length, 1, 'still marked as critical');
});

test('critical-communication-missing: silent without critical findings', () => {
  assert.deepEqual(problemsOf('critical-communication-missing', 'FINDINGS: No pneumothorax.\nIMPRESSION: Normal.'), []);
});

test('one message per critical finding: the mark merges into the communication warning, and goes once a call is documented', () => {
  const text = 'FINDINGS: Large right tension pneumothorax with mediastinal shift.\nIMPRESSION: Right tension pneumothorax.\n';
  // No call documented: one warning names the finding and its urgency; no separate info mark.
  assert.deepEqual(problemsOf('critical-finding', text), []);
  const [w, ...more] = problemsOf('critical-communication-missing', text);
  assert.equal(more.length, 0);
  assert.equal(w.finding, 'tension pneumothorax');
  assert.match(w.message, /tension pneumothorax.*within minutes/);
  // A complete statement: neither the warning nor the mark.
  const told = text + 'Discussed with Dr. Lee by telephone at 14:35, read back confirmed.\n';
  assert.deepEqual(problemsOf('critical-finding', told), []);
  assert.deepEqual(problemsOf('critical-communication-missing', told), []);
  // An incomplete statement: its own warning, still no mark.
  const half = text + 'Discussed with Dr. Lee.\n';
  assert.deepEqual(problemsOf('critical-finding', half), []);
  assert.equal(problemsOf('critical-communication-missing', half).length, 1);
  // Negative: a critical finding that needs no call (the days tier) keeps its mark.
  const mass = 'FINDINGS: 4 cm spiculated mass in the right upper lobe.\nIMPRESSION: Right upper lobe mass, suspicious for malignancy.';
  assert.ok(problemsOf('critical-finding', mass).length >= 1);
  assert.deepEqual(problemsOf('critical-communication-missing', mass), []);
});

test('critical-communication-missing: the items of a hedged differential need no call ("could represent A versus B", "A/B cannot be excluded")', () => {
  const text =
    'FINDINGS: Complex cystic left adnexal mass. This could represent a hemorrhagic cyst versus abscess.\n' +
    'IMPRESSION: Complex cystic left adnexal mass. This could represent a hemorrhagic cyst; however, an abscess/neoplasm cannot be excluded.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
  const single = 'FINDINGS: Fluid collection in the pelvis.\nIMPRESSION: Pelvic abscess cannot be excluded.';
  assert.equal(problemsOf('critical-communication-missing', single).length, 1, 'a lone possibility still needs a call');
});

test('critical-communication-missing: "A or⏎⏎B" split over a blank line stays one differential', () => {
  const text =
    'FINDINGS: Complex fluid collection in the left adnexa.\nIMPRESSION: Complex fluid collection representing either a hemorrhagic cyst or\n\nabscess.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
});

test('critical-communication-missing: blood in a joint effusion is a hemarthrosis, not a haemorrhage to call about', () => {
  const text =
    'FINDINGS: Sizable complex joint effusion.\nIMPRESSION: Sizeable joint effusion which is complex and may contain blood products.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
});

test('critical-communication-missing: bleeding the procedure itself stopped, and a collection said to be unchanged, need no call', () => {
  const stopped =
    'FINDINGS: Biopsy of the right renal mass.\nIMPRESSION: Small hematoma with active bleeding through the biopsy needle stopped by tract embolization.';
  assert.deepEqual(problemsOf('critical-communication-missing', stopped), []);
  const transient = 'FINDINGS: Core biopsy.\nIMPRESSION: Transient arterial hemorrhage was noted at the biopsy site.';
  assert.deepEqual(problemsOf('critical-communication-missing', transient), []);
  const unchanged =
    'FINDINGS: Loculated pelvic fluid collection.\nIMPRESSION: 1. Left pelvic fluid collection has not significantly changed in size. These findings may be due to a pelvic abscess.';
  assert.deepEqual(problemsOf('critical-communication-missing', unchanged), []);
  const active = 'FINDINGS: Large retroperitoneal hematoma.\nIMPRESSION: Retroperitoneal hemorrhage with active bleeding.';
  assert.equal(problemsOf('critical-communication-missing', active).length, 1, 'bleeding nobody stopped is still a call');
});

test('critical-communication-missing: a statement broken over a line break after "with" is read whole', () => {
  const text = 'FINDINGS: Large left pneumothorax.\nIMPRESSION: Large left pneumothorax. Discussed with\nDr. Lee by telephone at 14:35.';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
});

// Chest CT and CT/MRI wordings that are no call (CT-RATE and synthetic CT/MRI alarms, read by hand).
const noCall = (text) => problemsOf('critical-communication-missing', `EXAM: CT CHEST\nFINDINGS: ${text}\n`);

test('critical-communication-missing: a minimal, mild or ungraded pericardial effusion is reported, not called', () => {
  for (const text of [
    'There is minimal pericardial effusion, which is 6 mm in its thickest part.',
    'Mild effusion was observed in the inferior pericardial area.',
    'Pericardial effusion reaching 8 mm is observed.',
    'Bilateral pleural effusion increased compared to the previous examination, pericardial effusion.',
  ])
    assert.deepEqual(noCall(text), [], text);
  for (const text of [
    'There is a large pericardial effusion.',
    'Compared with the previous examination the amount of pericardial effusion increased.',
    'Pericardial effusion; new to current review.',
  ])
    assert.equal(noCall(text).length, 1, text);
  assert.equal(problemsOf('critical-finding', 'FINDINGS: Minimal pericardial effusion.\n').length, 1, 'still marked critical');
});

test('critical-communication-missing: a new pericardial effusion the report grades small is no call; a large one is', () => {
  for (const text of [
    'A smear-like effusion was observed in the pericardial space. It is new in current review.\nIMPRESSION: Pericardial effusion; new to current review.',
    'There is a small pericardial effusion, new since the prior study.',
    'Trace pericardial fluid, which is new compared to the prior.\nIMPRESSION: New pericardial effusion.',
  ])
    assert.deepEqual(noCall(text), [], text);
  for (const text of [
    'There is a moderate pericardial effusion, new since the prior study.',
    'The pericardial effusion has increased and is now large.',
    'A pericardial effusion is new since the prior study.',
  ])
    assert.equal(noCall(text).length, 1, text);
});

test('critical-communication-missing: free air is placed by its site (mediastinum, pleural space, soft tissue, disc)', () => {
  assert.deepEqual(noCall('Free air images consistent with emphysema are observed in the fatty planes of the left axillary region.'), []);
  assert.deepEqual(noCall('Free air images are observed in the intervertebral disc spaces at the lower thoracic levels.'), []);
  const [mediastinum] = noCall('Widespread free air images are observed in the anterior mediastinum.');
  assert.match(mediastinum.message, /pneumomediastinum/);
  const [pleura] = noCall('Free air was observed in the right pleural space adjacent to the middle lobe.');
  assert.match(pleura.message, /pneumothorax/);
  assert.match(
    noCall('There is free air adjacent to the posterior segment of the right lobe of the liver.')[0].message,
    /pneumoperitoneum/,
  );
});

test('critical-communication-missing: no filling defect "in favor of" a clot denies it; airway and bile duct defects are no clot', () => {
  assert.deepEqual(
    noCall(
      'There was no filling defect in favor of thrombus or mass in the heart cavities and in favor of embolism in the pulmonary arteries.',
    ),
    [],
  );
  assert.deepEqual(noCall('Luminal filling defects consistent with secretion were observed in the trachea.'), []);
  assert.deepEqual(noCall('Filling defects are observed in the stent in the common bile duct.'), []);
  assert.deepEqual(noCall('Millimetric mural thrombus was observed in the wall of the descending aorta.'), []);
  assert.deepEqual(noCall('Calcified atheroma plaques and thrombosed intimal thickening in the thoracic aorta are observed.'), []);
  assert.deepEqual(noCall('Multiple renal cysts, some of them hemorrhagic, are seen in the upper abdominal sections.'), []);
  assert.equal(noCall('Filling defects are observed in the segmental branches of the right lower lobe pulmonary artery.').length, 1);
});

test('critical-communication-missing: restricted diffusion outside the brain and vasogenic edema around a mass are no call', () => {
  const mr = (exam, text) => problemsOf('critical-communication-missing', `EXAM: ${exam}\nFINDINGS: ${text}\n`);
  assert.deepEqual(mr('MR PROSTATE', 'The lesion shows restricted diffusion on the ADC map.'), []);
  assert.deepEqual(mr('MR ABDOMEN', 'A few small cortical lesions with restricted diffusion, suggesting metastatic involvement.'), []);
  assert.equal(mr('MR BRAIN', 'New small area of restricted diffusion in the left frontal white matter.').length, 1);
  assert.deepEqual(mr('MR BRAIN', 'A 1.5 cm enhancing mass in the right temporal lobe, surrounded by mild vasogenic edema.'), []);
  assert.deepEqual(mr('CT SINUSES', 'Moderate mucosal thickening with left ostiomeatal complex obstruction.'), []);
  assert.deepEqual(mr('CT ABDOMEN', 'Thrombosis: No thrombus is identified within the portal vein or the splenic vein.'), []);
  assert.deepEqual(mr('CT CHEST', 'Pneumothorax: None.'), []);
  // A structured field answered in its own words is the finding, not a label.
  assert.equal(mr('CT CHEST', 'Pneumothorax: large, right.').length, 1);
  assert.equal(mr('CT CHEST', 'Pneumothorax: Present on the right.').length, 1);
});

test('critical-communication-missing: a history of the finding and a reduced pneumothorax are known; "widely reported" is no call', () => {
  assert.deepEqual(noCall('Heart size increased in the patient who underwent aortic graft repair due to aortic dissection.'), []);
  assert.deepEqual(noCall('Compared to the previous CT, a significantly reduced pneumothorax was observed in the right hemithorax.'), []);
  assert.deepEqual(
    problemsOf(
      'critical-communication-missing',
      'EXAM: MR ANGIOGRAPHY\nFINDINGS: SMA stenosis in a patient with a recent diagnosis of mesenteric ischemia.\n',
    ),
    [],
  );
  assert.deepEqual(noCall('A drainage catheter extends into the abscess cavity in the right lower lobe.'), []);
  assert.deepEqual(noCall('Ground glass opacities. Widely reported imaging findings for Covid-19 pneumonia due to pandemic.'), []);
});

test('critical-communication-missing: a finding "to be considered in the differential diagnosis" is one item of a differential', () => {
  assert.deepEqual(noCall('Diffuse ground glass. Alveolar hemorrhage should be considered in the differential diagnosis.'), []);
  assert.deepEqual(noCall('Viral pneumonia or diffuse alveolar hemorrhage may be considered in the differential diagnosis.'), []);
  assert.equal(noCall('Diffuse ground glass with alveolar hemorrhage.').length, 1);
});

test('critical-communication-missing: what the report reads as postoperative change is expected, not a call', () => {
  const RULE = 'critical-communication-missing';
  for (const findings of [
    'There is free air adjacent to the posterior segment of the right lobe of the liver. It was evaluated in favor of postoperative change.',
    'Free air densities in the vicinity of the posterior segment of the liver right lobe (postoperative change?).',
    'Small pneumomediastinum and free air along the drain, consistent with postsurgical change after esophagectomy.',
  ])
    assert.deepEqual(problemsOf(RULE, `EXAM: CT abdomen\nFINDINGS: ${findings}\nIMPRESSION: See findings.\n`), [], findings);
  // Free air the report does not explain, or a hemorrhage beside postoperative changes, is still called.
  for (const findings of [
    'There is free air adjacent to the liver. Postoperative changes of a cholecystectomy are noted.',
    'Postoperative changes in the abdomen with a large acute hemorrhage in the surgical bed.',
  ])
    assert.equal(problemsOf(RULE, `EXAM: CT abdomen\nFINDINGS: ${findings}\nIMPRESSION: See findings.\n`).length, 1, findings);
});

test('critical-communication-missing: a suspected pneumothorax told elsewhere with its drainage tube in place is handled', () => {
  const text =
    'EXAM: CT chest\nFINDINGS: There is air in the left pleural space. It may be compatible with pneumothorax.\n' +
    'IMPRESSION: Air images suspicious for pneumothorax in the left lung and a drainage tube placed in the left lung are observed.\n';
  assert.deepEqual(problemsOf('critical-communication-missing', text), []);
  // Without the tube the suspected pneumothorax is still called.
  assert.equal(
    problemsOf(
      'critical-communication-missing',
      'EXAM: CT chest\nFINDINGS: It may be compatible with pneumothorax.\nIMPRESSION: Air suspicious for pneumothorax in the left lung.\n',
    ).length,
    1,
  );
});

test('critical-communication-missing: "consistent with the patient\'s history of stroke" weighs the history, no new stroke to call', () => {
  const RULE = 'critical-communication-missing';
  const at = (findings) => problemsOf(RULE, `EXAM: MR brain\nFINDINGS: ${findings}\nIMPRESSION: See findings.\n`);
  assert.deepEqual(at("Chronic encephalomalacia in the left MCA territory, consistent with the patient's history of ischemic stroke."), []);
  assert.deepEqual(at('Gliosis in the right frontal lobe, likely related to a history of prior stroke.'), []);
  // A hedged new stroke is still called.
  assert.equal(at('Restricted diffusion in the left frontal lobe, consistent with acute ischemic stroke.').length, 1);
});

test('critical-communication-missing: what the exam cannot show is another organ\'s word, not a call ("infarct" of the spleen on a chest CT)', () => {
  const RULE = 'critical-communication-missing';
  const spleen =
    'FINDINGS: A wedge-shaped hypodense area sitting on the capsule was observed in the posterior part of the spleen, and it was evaluated in favor of infarct.\n';
  assert.deepEqual(problemsOf(RULE, `EXAM: CT chest\n${spleen}`), []);
  assert.deepEqual(
    problemsOf(
      RULE,
      'EXAM: CT chest\nFINDINGS: More prominent intraparenchymal hemorrhage-contusion areas in the upper lobes of both lungs.\n',
    )
      .map((p) => p.message)
      .join()
      .includes('intracranial'),
    false,
  );
  // On a head CT the same word is the brain's, and called; so on a title naming the head among other parts.
  assert.equal(problemsOf(RULE, 'EXAM: CT head\nFINDINGS: Acute infarct in the left MCA territory.\n').length, 1);
  assert.equal(problemsOf(RULE, 'EXAM: CT chest and head\nFINDINGS: Acute subdural hematoma over the left convexity.\n').length, 1);
});

test('critical-communication-missing: free air read as the result of a recent operation, at any mention, is no call', () => {
  for (const text of [
    "There is subphrenic free air.\nIMPRESSION: Pneumoperitoneum, attributed to the patient's recent abdominal surgery.",
    'Small amount of free intraperitoneal air on the right. This is likely to be postprocedural due to the recent abdominal surgery.',
    'Small pneumoperitoneum, likely related to recent laparoscopy.',
  ])
    assert.deepEqual(noCall(text), [], text);
  // Free air with surgery named only as a question is still a call.
  assert.equal(noCall('Free air under the diaphragm.\nIMPRESSION: Free air. History of recent surgery is requested.').length, 1);
});

test('critical-communication-missing: a finding the words after it read as old, resolved or residual is no call; growing it is', () => {
  for (const text of [
    'Subluxation/dislocation of the left shoulder, possibly chronic.',
    'Dislocation of the right acromioclavicular joint, chronic in appearance.',
    'Almost completely resolved right apical pneumothorax.',
    'Probable residual left pneumothorax after chest tube removal.',
    'Continued moderate right pneumothorax with the chest tube in place.',
  ])
    assert.deepEqual(noCall(text), [], text);
  for (const text of [
    'Large right pneumothorax and rib fractures, likely old.',
    'Large right pneumothorax with old rib fractures.',
    'Small residual left apical pneumothorax has increased slightly in size.',
    'Continued enlargement of the large pericardial effusion.',
    'Thrombus in the left common femoral vein continued into the external iliac vein.',
  ])
    assert.equal(noCall(text).length, 1, text);
});

test('critical-communication-missing: a widened mediastinum read as a benign cause is no call; unexplained or read as a bleed it is', () => {
  for (const text of [
    'Widening of the mediastinum, secondary to lymphadenopathy related to sarcoid.',
    'Slightly widened mediastinum, secondary to cardiomegaly and a tortuous aorta.',
    'Widened mediastinum. Maybe secondary to prominent mediastinal fat or tortuous aorta.',
    'The mediastinum is widened, likely due to AP portable technique.',
    'There is widening of the mediastinum.\nIMPRESSION: Widened mediastinum, likely due to a tortuous aorta.',
  ])
    assert.deepEqual(noCall(text), [], text);
  for (const text of [
    'Widened mediastinum after motor vehicle collision.',
    'The mediastinum is widened, likely due to mediastinal hematoma.',
    'Widened mediastinum, which may reflect mediastinal hematoma.',
  ])
    assert.equal(noCall(text).length, 1, text);
});

test('explained.json names signs and causes the lexicon knows, and no cause that is itself critical', () => {
  const explained = JSON.parse(fs.readFileSync(path.join(root, 'server/src/critical/explained.json'), 'utf8'));
  const concepts = new Map(
    JSON.parse(fs.readFileSync(path.join(root, 'server/src/nlp/lexicon/findings.json'), 'utf8')).concepts.map((c) => [c.id, c]),
  );
  for (const { sign, causes } of explained.signs) {
    assert.ok(concepts.get(sign)?.critical, `${sign} is a critical concept`);
    for (const cause of causes) {
      assert.ok(concepts.has(cause), `${cause} is a concept`);
      assert.ok(!concepts.get(cause).critical, `${cause} is not critical`);
    }
  }
});

test('critical-communication-missing: a mediastinal shift read as volume loss, collapse, resection or rotation pulls, and is no call', () => {
  for (const text of [
    'Mediastinal shift to the right, consistent with volume loss.',
    'Rightward mediastinal shift secondary to right upper lobe collapse.',
    'Shift of the mediastinum to the left due to prior left pneumonectomy.',
    'Tracheal deviation to the right, likely due to patient rotation.',
  ])
    assert.deepEqual(noCall(text), [], text);
  // Pushed away by an effusion or a pneumothorax, it stays a call.
  assert.equal(noCall('Mediastinal shift to the left due to a large right pleural effusion.').length, 1);
  assert.ok(noCall('Large right pneumothorax with mediastinal shift to the left.')[0].message.includes('mediastinal shift'));
});

test('critical-communication-missing: a known, chronic, residual, repaired or unchanged dissection is no new call; a new, acute or extending one is', () => {
  for (const text of [
    'Known type B aortic dissection with a thrombosed false lumen, unchanged.',
    'Residual dissection flap in the descending aorta after type A repair.',
    'Status post ascending aortic graft for type A dissection with residual intimal flap in the arch.',
    'Redemonstrated intimal flap of the descending aorta. No new extension into the branch vessels.',
    'Stable appearance of the left vertebral artery dissection.',
    // A mention that says neither reads as the known one told before it.
    'Known chronic type B dissection, unchanged.\nIMPRESSION: Aortic dissection.',
    // Read with the previous study: it was there before.
    'Without contrast the vessels are suboptimally seen; evaluated together with the prior CT angiogram, the type B dissection flap is again in the descending aorta.',
    'Dissection of the descending thoracic aorta, seen on the previous CT of 2019.',
    'Thrombosed false lumen of the abdominal aortic dissection, present on the prior examination.',
  ])
    assert.deepEqual(noCall(text), [], text);
  for (const text of [
    'Known type B dissection, now extending into the left common iliac artery.',
    'Acute type A aortic dissection involving the ascending aorta.',
    'Residual dissection flap, increased in extent since the prior study.',
    'Known chronic type B dissection.\nIMPRESSION: New intramural hematoma of the ascending aorta.',
    'Intimal flap in the descending thoracic aorta.',
    // Compared with the prior, first seen today: a call.
    'Evaluated with the previous examination, a dissection flap of the descending aorta has developed.',
    'Type B aortic dissection, not seen on the prior study of 2 weeks ago.',
    'Compared with the previous examination, a dissection is observed in the abdominal aorta.',
  ])
    assert.equal(noCall(text).length, 1, text);
});

test('known.json names concepts of the minutes tier', () => {
  const known = JSON.parse(fs.readFileSync(path.join(root, 'server/src/critical/known.json'), 'utf8'));
  const concepts = new Map(
    JSON.parse(fs.readFileSync(path.join(root, 'server/src/nlp/lexicon/findings.json'), 'utf8')).concepts.map((c) => [c.id, c]),
  );
  for (const id of known.concepts) assert.equal(concepts.get(id)?.critical, 'minutes', id);
});

test('critical-communication-missing: only the clause right after the reading explains a widened mediastinum', () => {
  for (const text of [
    'Widened mediastinum, likely due to vascular injury.',
    'Widened mediastinum, possibly related to injury of the great vessels.',
    'The mediastinum is widened, not likely due to technique.',
    'Widened mediastinum, likely related to hematoma; AP portable technique may contribute.',
    'The mediastinum is widened. This is likely vascular; aortic injury cannot be excluded.',
    'Mediastinal widening, probably due to rotation, but in this trauma patient a mediastinal hematoma should be excluded.',
  ])
    assert.equal(noCall(text).length, 1, text);
  // The benign readings h8c made quiet stay quiet.
  for (const text of [
    'Mediastinal widening is likely due to AP technique and patient rotation.',
    'Widened mediastinum, likely due to ectatic thoracic aorta.',
    // A growth word after the reading belongs to the benign cause.
    'Mediastinal widening likely due to enlarged thyroid goiter.',
    'Widened mediastinum secondary to enlarging hilar and mediastinal lymphadenopathy.',
  ])
    assert.deepEqual(noCall(text), [], text);
});

test('critical-communication-missing: a shift pushed by an effusion, pneumothorax, mass or bleed is a call even beside collapse', () => {
  for (const text of [
    'Mediastinal shift to the left due to large right pleural effusion with compressive atelectasis.',
    'Shift of the mediastinum to the right secondary to a large left hemothorax and left lower lobe collapse.',
    'Rightward mediastinal shift, likely due to the left hilar mass with associated volume loss.',
  ])
    assert.equal(noCall(text).length, 1, text);
  for (const text of [
    'Mediastinal shift toward the left, consistent with left lower lobe collapse.',
    'Mild shift of the mediastinum to the right, likely from right upper lobectomy.',
  ])
    assert.deepEqual(noCall(text), [], text);
});

test('critical-communication-missing: free air after a procedure is a call when it is a perforation, a leak, new, growing or large', () => {
  for (const text of [
    'Large volume free intraperitoneal air, consistent with perforation after biopsy.',
    'Pneumoperitoneum, likely related to bowel perforation after colonoscopy procedure.',
    'Increasing free intraperitoneal air, likely related to the recent surgery.',
    'New pneumoperitoneum, attributed to recent laparoscopy.',
    'Free air, likely due to the anastomotic leak after surgery.',
    'Free air, likely due to complication of liver biopsy.',
  ])
    assert.equal(noCall(text).length, 1, text);
  for (const text of [
    'Small pneumoperitoneum, likely related to recent laparoscopic surgery.',
    'Small amount of free air, likely postoperative change; no evidence of anastomotic leak.',
  ])
    assert.deepEqual(noCall(text), [], text);
});

test('critical-communication-missing: one mention read as postoperative leaves a growing or leaking mention its own call', () => {
  for (const text of [
    'Small amount of free air, likely postoperative change.\nIMPRESSION: Free air, markedly increased since the prior study, anastomotic leak not excluded.',
    'Small pneumoperitoneum, expected postoperative change.\nIMPRESSION: Large pneumoperitoneum, concerning for bowel perforation.',
  ])
    assert.equal(noCall(text).length, 1, text);
  assert.deepEqual(noCall('Small amount of free air, likely postoperative change.\nIMPRESSION: Pneumoperitoneum.'), []);
});

test('critical-communication-missing: a size told as the old one is not the size now (an enlarging pericardial effusion)', () => {
  for (const text of [
    'The previously small pericardial effusion has increased.',
    'Pericardial effusion was trace on the prior study and has enlarged.',
    'Pericardial effusion has increased in size; it had been small before.',
  ])
    assert.equal(noCall(text).length, 1, text);
  for (const text of [
    'There is a small pericardial effusion, new since the prior study.',
    'Small pericardial effusion, previously trace, increased.',
  ])
    assert.deepEqual(noCall(text), [], text);
});

test("critical-communication-missing: 'residual' is read in the finding's own clause; new or increased there is growing", () => {
  for (const text of [
    'Residual moderate left pneumothorax with new mediastinal shift to the right.',
    'Residual right pneumothorax, new since the prior film.',
    'Residual small left pneumothorax, increased from prior.',
  ])
    assert.equal(noCall(text).length, 1, text);
  for (const text of [
    'Residual small left apical pneumothorax after chest tube removal.',
    'Continued severe cardiomegaly and/or pericardial effusion. No acute pulmonary disease.',
  ])
    assert.deepEqual(noCall(text), [], text);
});

test('critical-communication-missing: a subdural read as chronic with an acute part (acute on chronic) is a call', () => {
  const head = (text) => problemsOf('critical-communication-missing', `EXAM: CT HEAD\nFINDINGS: ${text}\n`);
  for (const text of [
    'Left subdural hematoma, likely chronic, with acute hemorrhage.',
    'Right convexity subdural collection, probably chronic, with an acute component.',
  ])
    assert.equal(head(text).length, 1, text);
  assert.deepEqual(head('Left subdural collection, chronic in appearance.'), []);
});

test('critical-communication-missing: a size read in its own clause, cut at a semicolon or a contrasting "but"', () => {
  for (const text of [
    'Moderate right pleural effusion; small pericardial effusion.\nIMPRESSION: Moderate right pleural effusion; small pericardial effusion.',
    'The pleural effusions are large but the pericardial effusion is small.\nIMPRESSION: Large pleural effusions but only a small pericardial effusion.',
  ])
    assert.deepEqual(noCall(text), [], text);
  for (const text of [
    'Trace pleural effusion; the pericardial effusion is new and large.',
    'The pleural effusion is small but there is a large pericardial effusion.',
  ])
    assert.equal(noCall(text).length, 1, text);
});

test('critical-communication-missing: a sign read as an old disease ("compatible with chronic thrombus") is no call; read as an acute one, it is', () => {
  const calls = (body) => problemsOf('critical-communication-missing', `FINDINGS: ${body}\nIMPRESSION: See above.\n`);
  for (const body of [
    'Filling defects compatible with chronic thrombus are seen in the right lower lobe segmental pulmonary arteries.',
    'Eccentric filling defect in the left main pulmonary artery, consistent with chronic pulmonary embolism.',
    'Mural filling defect in the infrarenal IVC, in keeping with old thrombus.',
  ])
    assert.deepEqual(calls(body), [], body);
  for (const body of [
    'Filling defects compatible with acute thrombus are seen in the right lower lobe segmental pulmonary arteries.',
    'Filling defect in the left common femoral vein, compatible with thrombus.',
  ])
    assert.equal(calls(body).length, 1, body);
});

test('critical-communication-missing: the sentence after a finding that tells it unchanged from the prior study makes it known; one that tells it new does not', () => {
  const calls = (body) => problemsOf('critical-communication-missing', `FINDINGS: ${body}\nIMPRESSION: See above.\n`);
  for (const body of [
    'Filling defects are observed in the segmental branches of the right lower lobe pulmonary artery. When compared with the previous examinations, the described appearances were thought to be due to chronic thrombus and have regressed.',
    'A filling defect is seen in the right internal jugular vein. There was no significant difference in this appearance when compared to the previous examination.',
    'Thrombus is present in the left brachiocephalic vein. These findings have not changed since the CT of March.',
  ])
    assert.deepEqual(calls(body), [], body);
  for (const body of [
    'A filling defect is seen in the right internal jugular vein. This appearance is new compared to the previous examination.',
    'Thrombus is present in the left brachiocephalic vein. These findings have increased since the CT of March.',
    // A sentence about something else does not date the finding.
    'A filling defect is seen in the right internal jugular vein. The thyroid gland shows no change compared to the previous examination.',
  ])
    assert.equal(calls(body).length, 1, body);
});

// rev18 #1: the next sentence dates the finding only when it reads the finding itself as chronic, or as unchanged
// against an earlier study — a chronic cause, a chronic part beside it or a comparison within this study dates nothing.
test('critical-communication-missing: a chronic cause, a chronic component or "unchanged since the scout" in the next sentence keeps the call', () => {
  const calls = (body) => problemsOf('critical-communication-missing', `FINDINGS: ${body}\nIMPRESSION: As above.\n`);
  for (const body of [
    'Large right pneumothorax with leftward mediastinal shift. It is likely related to chronic bullous emphysema.',
    'Large left pneumothorax. This is probably secondary to chronic interstitial lung disease.',
    'Large right pneumothorax. It did not increase during the examination, compared to the scout image.',
    'Left convexity subdural hematoma measuring 14 mm with 7 mm midline shift. It has mixed density, with a chronic component.',
    // rev19 #1: a next sentence that denies or doubts the chronic reading dates nothing.
    'Large right pneumothorax. This is not chronic.',
    'Large left pneumothorax. It is unlikely to be chronic.',
    'Large right pneumothorax. This is not consistent with a chronic process.',
  ])
    assert.equal(calls(body).length, 1, body);
  for (const body of [
    'A filling defect is seen in the right internal jugular vein. It is chronic, unchanged from the prior study.',
    'Thrombus is present in the left brachiocephalic vein. This is consistent with chronic thrombus, as on the previous CT.',
  ])
    assert.deepEqual(calls(body), [], body);
});
