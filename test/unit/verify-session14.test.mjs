// Session 14 (issue 18) verifier patterns, each built on sentences of our own, two phrasings or more each way:
// a place phrase pointing back ("In its neighborhood, …") stays with what it points to; a time statement of one study
// in a two-study report is not drafted onto the other study's findings; an impression item's hedged reading is kept;
// "do not differ significantly" is no change, not a denial; ", there is …" ends a denial; a whole limb's side is kept,
// never written in.
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
const read = (text) => readClause(text, { start: 0, end: text.length }, 'findings', null);
const leans = (text, organs = new Set(['lung', 'rib', 'celiac', 'artery'])) =>
  leansOn(read(text), 'There is a lytic lesion of the left fourth rib.', organs);

test('leansOn: a place phrase pointing back before its comma leans; the study, or a place the clause names itself, does not', () => {
  for (const text of [
    'In its neighborhood, there is an area of consolidation.',
    'Adjacent to it, there is a soft tissue mass extending into the lung.',
    'Around them, there is ground-glass opacity.',
    'Posterior to this, a small fluid collection is seen.',
    'Near these, a few small lymph nodes are present.',
  ])
    assert.equal(leans(text), true, text);
  for (const text of [
    'In this examination, there is no pleural effusion.',
    'On these images, the heart is normal in size.',
    'At its origin, the celiac artery is narrowed.',
    'In the right lung, there is a 4 mm nodule.',
  ])
    assert.equal(leans(text), false, text);
});

const CHEST = (lines) => `EXAM: CT chest.\n\nFINDINGS:\n${lines}\n\nIMPRESSION:\nDestructive rib lesion with adjacent consolidation.\n`;
test('restructure: a sentence pointing back by a place phrase is refused under another field than its antecedent', () => {
  for (const pointer of [
    'In its neighborhood, there is an area of consolidation with cavitation.',
    'Adjacent to it, there is a soft tissue mass extending into the lung.',
  ]) {
    const source = CHEST(
      `Mild emphysema in both upper lobes. There is destruction of the cortex of the left fourth rib. ${pointer} The heart is normal in size.`,
    );
    const apart = CHEST(
      `Heart and pericardium: The heart is normal in size.\nLungs: Mild emphysema in both upper lobes. ${pointer}\nBones: There is destruction of the cortex of the left fourth rib.`,
    );
    const together = CHEST(
      `Heart and pericardium: The heart is normal in size.\nLungs: Mild emphysema in both upper lobes.\nBones: There is destruction of the cortex of the left fourth rib. ${pointer}`,
    );
    assert.match(check('restructure', source, apart).join('\n'), /speaks on from/, pointer);
    assert.doesNotMatch(check('restructure', source, together).join('\n'), /speaks on from/, pointer);
  }
});

const TWO_STUDIES = (studyTime) => `EXAM: AP pelvis radiograph and ultrasound of the bladder.

AP PELVIS

FINDINGS: There is a suprapubic catheter in place. There are phleboliths in the pelvis. ${studyTime}

IMPRESSION: Phleboliths.

ULTRASOUND BLADDER

FINDINGS: The bladder wall is diffusely thickened to 9 mm with trabeculation.

IMPRESSION:
1. Thick-walled trabeculated bladder.
`;
test("impression: a whole-study time statement of one study is refused after the other study's finding, kept after its own", () => {
  for (const time of ['Overall appearance is unchanged compared with the most recent exam.', 'Stable compared with the prior exam.']) {
    const source = TWO_STUDIES(time);
    const head = source.slice(0, source.lastIndexOf('IMPRESSION:'));
    const onOther = `${head}IMPRESSION:\n1. Thick-walled trabeculated bladder.\n2. Phleboliths in the pelvis.\n3. The bladder wall is diffusely thickened to 9 mm with trabeculation.\n4. ${time}\n`;
    const onOwn = `${head}IMPRESSION:\n1. Thick-walled trabeculated bladder.\n2. The bladder wall is diffusely thickened to 9 mm with trabeculation.\n3. Phleboliths in the pelvis. ${time}\n`;
    assert.match(check('impression', source, onOther).join('\n'), /a time word of one study/, time);
    assert.doesNotMatch(check('impression', source, onOwn).join('\n'), /a time word of one study/, time);
  }
});

test('impression: an old item kept by the findings sentence alone drops its hedged reading', () => {
  for (const [finding, item] of [
    [
      'A millimetric hypodense lesion is observed in the lower pole of the right kidney.',
      'Millimetric hypodense lesion in the lower pole of the right kidney (simple cyst?).',
    ],
    ['There is a 6 mm calcified nodule in the left lower lobe.', '6 mm calcified nodule in the left lower lobe, likely a granuloma.'],
  ]) {
    const source = `EXAM: CT.\nFINDINGS: The liver is normal. ${finding}\nIMPRESSION:\n1. Hepatosteatosis.\n2. ${item} No significant change in other findings.\n`;
    const lost = `EXAM: CT.\nFINDINGS: The liver is normal. ${finding}\nIMPRESSION:\n1. Hepatosteatosis.\n2. ${finding}\n3. No significant change in other findings.\n`;
    const kept = `EXAM: CT.\nFINDINGS: The liver is normal. ${finding}\nIMPRESSION:\n1. ${item} No significant change in other findings.\n2. Hepatosteatosis.\n`;
    assert.match(check('impression', source, lost).join('\n'), /drops the reading/, item);
    assert.deepEqual(check('impression', source, kept), [], item);
  }
});

test('readings: "do not differ significantly" is unchanged, no denial; ", there is …" ends a denial', () => {
  for (const text of [
    'The pulmonary nodules do not differ significantly from the previous examination.',
    'There is no significant difference between the examinations in the size of the adrenal nodule.',
    'The lesions are not significantly different from the prior study.',
  ]) {
    const c = read(text);
    assert.deepEqual([...c.time], ['unchanged'], text);
    assert.equal(c.negated.size, 0, text);
  }
  for (const [text, stated] of [
    ['No active infiltration or mass lesion is detected, there are a few nonspecific nodules in both lungs.', 'nodule'],
    ['No fracture or dislocation, there is mild soft tissue swelling.', 'swelling'],
  ]) {
    const c = read(text);
    assert.equal(c.negated.has(stated), false, text);
    assert.equal(c.positive, true, text);
  }
  // A concession's first comma ends the denial in it: the main statement after it is stated.
  for (const [text, stated] of [
    ['Although there is no surrounding edema, a second 4 mm enhancing focus is present in the left cerebellum.', 'focus'],
    ['Though without mass effect, a 2 cm cyst is seen in the pineal region.', 'cyst'],
    ['Additionally, although no washout is seen, there is a 1.4 cm enhancing observation in segment 8.', 'observation'],
  ]) {
    const c = read(text);
    assert.equal(c.negated.has(stated), false, text);
    assert.equal(c.positive, true, text);
  }
  // A denial after the comma is still one.
  assert.equal(read('Although small, there is no pneumothorax.').negated.has('pneumothorax'), true);
  assert.equal(read('No mass, there is no effusion.').negated.has('effusion'), true);
});

test('a whole limb opening gives its run a side to keep, never one a rewrite may write in', () => {
  for (const limb of ['In the left lower extremity,', 'In the left leg,']) {
    const findings = `${limb} the common femoral and femoral veins are compressible. The popliteal vein contains occlusive thrombus.`;
    const source = `EXAM: Venous duplex ultrasound.\nFINDINGS: ${findings}\nIMPRESSION: Deep venous thrombosis.\n`;
    const item = (text) => `EXAM: Venous duplex ultrasound.\nFINDINGS: ${findings}\nIMPRESSION:\n1. ${text}\n2. Deep venous thrombosis.\n`;
    assert.match(check('impression', source, item('Occlusive thrombus in the right popliteal vein.')).join('\n'), /side/, limb);
    assert.match(check('impression', source, item('Occlusive thrombus in the left popliteal vein.')).join('\n'), /changes side/, limb);
    assert.match(check('impression', source, item('The popliteal vein contains occlusive thrombus.')).join('\n'), /drops side: left/, limb);
    assert.deepEqual(check('impression', source, item(findings)), [], limb);
  }
});

test("impression: an all-clear told of another time than the report's is refused as a time change", () => {
  for (const [said, retimed] of [
    ['No acute cardiopulmonary abnormality.', 'No chronic cardiopulmonary abnormality.'],
    ['No acute intracranial abnormality.', 'No old intracranial abnormality.'],
  ]) {
    const source = `EXAM: Study.\nFINDINGS: The heart is normal in size. The lungs are clear.\nIMPRESSION: ${said}\n`;
    const reasons = check('impression', source, source.replace(said, retimed)).join('\n');
    assert.match(reasons, /time/, retimed);
    assert.doesNotMatch(reasons, /^adds: /m, retimed);
  }
});
