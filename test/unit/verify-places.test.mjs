// Restructure placement (verify-clauses.ts checkPlacement): a sentence under its own organ's field is not
// refused for an organ it names only as a part's whole ("corner of the tibia"), as a landmark or what a finding
// presses on ("extend to the mediastinal inlet", "mass effect on the lateral ventricle"), or by another name of
// its own organ ("testicle" under Testes); a sentence of another organ is still refused. Sentences of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const placements = (source, candidate) =>
  checkClauses('restructure', parseReport(source), candidate)
    .map((r) => r.message)
    .filter((m) => /^places /.test(m));

// The report with sentence `s` and an opening sentence `first`, and the rewrite filing `s` under `field`.
// (A field is another organ's only where the rewrite files something there: the first sentence is the other organ's.)
const filed = (exam, first, firstField, s, field) => {
  const source = `EXAM: ${exam}\nFINDINGS: ${first} ${s}\n`;
  return placements(source, `EXAM: ${exam}\nFINDINGS:\n${firstField}: ${first}\n${field}: ${s}\n`);
};

test('knee: a corner of a bone is the bone; the posterolateral corner itself is the corners field', () => {
  const knee = (s, field) => filed('MRI knee', 'The collateral ligaments are intact.', 'Collateral ligaments and corners', s, field);
  for (const s of [
    'There is contusion of the medial femoral condyle and the posteromedial corner of the tibia.',
    'Bone marrow edema is seen at the posterolateral corner of the tibial plateau.',
  ])
    assert.deepEqual(knee(s, 'Bones and marrow'), [], s);
  for (const s of ['There is a high-grade sprain of the posterolateral corner.', 'The posteromedial corner structures are torn.'])
    assert.match(knee(s, 'Bones and marrow').join(), /speaks of collateral ligaments and corners/, s);
});

test('scrotum: the testicle is the testis; the epididymis alone is not', () => {
  const scrotum = (s, field) => filed('US scrotum', 'The epididymides are normal in size.', 'Epididymides', s, field);
  for (const s of [
    'Normal flow is seen within the testicle and epididymis on the right.',
    'The left testicle and epididymis are normal in size.',
  ])
    assert.deepEqual(scrotum(s, 'Testes'), [], s);
  for (const s of ['The right epididymis is enlarged and hyperemic.', 'There is a 4 mm cyst in the head of the left epididymis.'])
    assert.match(scrotum(s, 'Testes').join(), /speaks of epididymides/, s);
  // Renal is the kidney's word: under Kidneys, a sentence naming the bladder beside it stays there.
  const kidneys = filed(
    'US renal',
    'The bladder is distended.',
    'Bladder',
    'Renal cortical thickness is normal and there is no bladder wall thickening.',
    'Kidneys',
  );
  assert.deepEqual(kidneys, []);
});

test('an organ named as a landmark or as what a finding presses on does not place the sentence', () => {
  const chest = (s, field) => filed('CT chest', 'The hila are normal.', 'Mediastinum and hila', s, field);
  for (const s of [
    'The dimensions of both thyroid lobes have increased and extend to the mediastinal inlet.',
    'A 2 cm thyroid nodule is seen in the left lobe, reaching the mediastinal inlet.',
  ])
    assert.deepEqual(chest(s, 'Lower neck'), [], s);
  for (const s of ['There is an enlarged lymph node in the anterior mediastinum.', 'Mediastinal lymph nodes extend to the thoracic inlet.'])
    assert.match(chest(s, 'Lower neck').join(), /speaks of mediastinum and hila/, s);
  const brain = (s, field) => filed('MRI brain', 'The basal cisterns are patent.', 'Ventricles and cisterns', s, field);
  for (const s of [
    'The mass is associated with surrounding vasogenic edema, resulting in mild mass effect and local compression of the adjacent occipital horn of the lateral ventricle.',
    'The hematoma exerts mass effect on the left lateral ventricle with 4 mm of midline shift.',
  ])
    assert.deepEqual(brain(s, 'Brain parenchyma'), [], s);
  for (const s of ['The lateral ventricles are enlarged.', 'There is blood layering in the occipital horns of the lateral ventricles.'])
    assert.match(brain(s, 'Brain parenchyma').join(), /speaks of ventricles and cisterns/, s);
});

test('summary: a line naming the organ and the finding keeps the part of the organ the site names ("chest wall", "aortic root")', () => {
  const { analyze } = require(path.join(root, 'out/server/engine.js'));
  const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));
  const summary = (line) => `What the report found:\n- ${line}\n`;
  const reasons = (report, line) => verify('summary', analyze(report), summary(line), 'reworded').reasons.filter((r) => /^drops "/.test(r));
  const wall = 'EXAM: CT chest.\nFINDINGS: There is a 3 cm right chest wall mass.\nIMPRESSION: Right chest wall mass, 3 cm.\n';
  const aorta = 'EXAM: CT chest.\nFINDINGS: Aortic root dilatation to 4.8 cm.\nIMPRESSION: Aortic root dilatation, 4.8 cm.\n';
  for (const [report, line] of [
    [wall, 'There is a 3 cm lump in the right side of the chest (mass).'],
    [wall, 'A right chest mass measuring 3 cm.'],
    [aorta, 'The aortic tube is wider than normal (aortic dilatation), 4.8 cm.'],
  ])
    assert.match(reasons(report, line).join('\n'), /drops "(wall|root)" of "(chest wall mass|aortic root dilatation)"/, line);
  for (const [report, line] of [
    [wall, 'There is a 3 cm lump in the right chest wall (mass).'],
    [wall, 'There is a 3 cm lump in the wall of the right side of the chest (mass).'],
    [aorta, 'The start of the aorta is wider than normal (aortic dilatation), 4.8 cm.'],
  ])
    assert.deepEqual(
      reasons(report, line).filter((r) => / of "(chest wall|aortic root)/.test(r)),
      [],
      line,
    );
});

test('shoulder: a ligament the tendon lies under or deep to is a landmark; a sentence of the labrum is still refused', () => {
  const shoulder = (s, field) => filed('MRI shoulder', 'The glenoid labrum is intact.', 'Labrum and ligaments', s, field);
  for (const s of [
    'There is no subluxation of the tendon under the transverse humeral ligament.',
    'The tendon is normal in caliber beneath the transverse ligament.',
    'The long head tendon is thickened deep to the coracohumeral ligament.',
  ])
    assert.deepEqual(shoulder(s, 'Biceps tendon'), [], s);
  for (const s of ['The superior labrum is torn.', 'There is a tear of the inferior glenohumeral ligament.'])
    assert.match(shoulder(s, 'Biceps tendon').join(), /speaks of labrum and ligaments/, s);
});
