// Faithful rewrites the verifier used to refuse because it misread the report (issue 18, offered rates):
// each pattern with two phrasings, and beside it the unfaithful change the same check still catches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));
const { readText, readClause, leansOn } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const read = (text) => readClause(text, { start: 0, end: text.length }, 'findings', null);
const reasonsOf = (kind, source, candidate) => verify(kind, analyze(source), candidate, 'reworded').reasons;
const withImpression = (source, body) => source.replace(/IMPRESSION:[\s\S]*$/, `IMPRESSION:\n${body}\n`);

test('quoted items run into one sentence are statements of their own: a hedge or denial stops at the quote', () => {
  const [a, b] = readText(
    'FINDINGS: " Peripheral mass in the right upper lobe, consistent with lung cancer" Ground-glass densities in the left lower lobe.',
  );
  assert.ok(a.hedged.has('cancer'));
  assert.ok(b && !b.hedged.has('densitie') && !b.hedged.has('density'), JSON.stringify(b?.text));
  const cs = readText('FINDINGS: Cystic lesion (empyema?) not observed on the prior CT " Renal cortical cysts " Cholelithiasis.');
  assert.deepEqual(
    cs.map((c) => c.text),
    ['Cystic lesion (empyema?) not observed on the prior CT', 'Renal cortical cysts', 'Cholelithiasis.'],
  );
  assert.ok(cs[1].positive && !cs[1].negated.size, 'the denial before the quote does not reach the cysts');
  // A quotation inside a sentence ("described as "ground glass" in both lungs") is no break.
  assert.equal(readText('FINDINGS: Opacities described as "ground glass" in both lungs.').length, 1);
});

test('"X without Y was observed in Z": the verb after "without" states the rest', () => {
  const c = read('Soft tissue density without significant mass effect was observed in the right hilar region (fibrosis?).');
  assert.ok(c.negated.has('mass') && !c.negated.has('fibrosis') && !c.negated.has('hilar'));
  const d = read('A cystic lesion without internal enhancement is noted in the lower pole of the right kidney.');
  assert.ok(d.negated.has('enhancement') && !d.negated.has('kidney') && !d.negated.has('pole'));
  // Without a verb after it, "without" reaches to the end as before.
  const e = read('The lungs are clear without effusion or pneumothorax.');
  assert.ok(e.negated.has('effusion') && e.negated.has('pneumothorax'));
});

test('a draft that cuts a sentence at its semicolon or quote keeps the side of that piece; another side is refused', () => {
  const semicolon = `EXAM: CT chest.
FINDINGS: In the evaluation of both lung parenchyma; a crazy paving appearance of ground glass density was observed in the superior segment of the left lower lobe. The heart is normal.
IMPRESSION: Crazy paving.
`;
  const quoted = `EXAM: CT chest.
FINDINGS: Bronchial wall thickening is seen. "Increased bronchial wall thickness in both lungs" There are mild endobronchial prominences in the upper lobe of the right lung, evaluated in favor of bronchiolitis.
IMPRESSION: Bronchial wall thickening.
`;
  const cases = [
    [semicolon, 'Crazy paving appearance of ground glass density in the superior segment of the left lower lobe.', 'left', 'right'],
    [quoted, 'Mild endobronchial prominences in the upper lobe of the right lung, evaluated in favor of bronchiolitis.', 'right', 'left'],
  ];
  for (const [source, item, side, other] of cases) {
    const faithful = withImpression(source, `1. ${item}`);
    assert.ok(
      !reasonsOf('impression', source, faithful).some((r) => /side/.test(r)),
      reasonsOf('impression', source, faithful).join(' | '),
    );
    const flipped = faithful
      .replace(`${side} lower lobe.\n`, `${other} lower lobe.\n`)
      .replace(`of the ${side} lung,`, `of the ${other} lung,`);
    assert.notEqual(flipped, faithful);
    assert.ok(
      reasonsOf('impression', source, flipped).some((r) => /side/.test(r)),
      reasonsOf('impression', source, flipped).join(' | '),
    );
  }
});

const glossaryReasons = (source, entry) =>
  checkClauses('summary', parseReport(source), `What the report found:\n- Something.\n\nWords in your report:\n- ${entry}\n`)
    .map((r) => r.message)
    .filter((m) => /^explains "/.test(m));

test('a word explained as of an organ the report names at the far end of its statement, or as "hemithorax", is its', () => {
  const far =
    'FINDINGS: Pericardial effusion was not observed. Effusion reaching 2 cm in its thickest part was observed in both pleural spaces.';
  assert.deepEqual(glossaryReasons(far, 'effusion: Fluid around the lung. Fluid has built up around the lung.'), []);
  const hemithorax = 'FINDINGS: Pericardial effusion-thickening was not observed. Loculated effusion in the left hemithorax.';
  assert.deepEqual(glossaryReasons(hemithorax, 'effusion: Fluid around the lung.'), []);
  // The report saying it of the heart only: still refused.
  const heart = 'FINDINGS: Small pericardial effusion. The lungs are clear.';
  assert.equal(glossaryReasons(heart, 'effusion: Fluid around the lung.').length, 1);
});

test('an explanation giving two senses ("Of the chest, or the middle part of the spine") is no one organ\'s', () => {
  const aorta = 'FINDINGS: Calcific atherosclerotic changes in the wall of the thoracic aorta and coronary arteries.';
  assert.deepEqual(glossaryReasons(aorta, 'thoracic: Of the chest, or the middle part of the spine.'), []);
  const wall = 'FINDINGS: Mild cardiomegaly. The thoracic wall and pericardium are normal.';
  assert.deepEqual(glossaryReasons(wall, 'thoracic: Of the chest, or the middle part of the spine.'), []);
  // One sense, of another organ than the report's: refused.
  const coronary = 'FINDINGS: Thoracic aortic atherosclerosis with coronary calcification.';
  assert.deepEqual(glossaryReasons(coronary, 'thoracic: Of the chest, or the middle part of the spine.'), []);
  assert.equal(glossaryReasons(coronary, 'thoracic: Of the middle part of the spine.').length, 1);
});

test('impersonal "It is recommended to …" points back to nothing; a statement after advice leans past it', () => {
  for (const advice of ['It is recommended to evaluate with ultrasound.', 'It is advisable to correlate with the clinical findings.'])
    assert.equal(leansOn(read(advice), 'Both thyroid lobes are enlarged.'), false, advice);
  assert.equal(leansOn(read('It measures 3 cm.'), 'There is a nodule in the right lobe.'), true);
  const source = `EXAM: CT chest.
FINDINGS: Patchy ground-glass opacities in both lower lobes, which may represent infection. Clinical correlation is recommended. However, the described appearance is not typical for COVID-19 pneumonia.
`;
  const summary = `What the report found:
- There may be a light haze in both lungs (ground-glass opacities). It may be an infection (infection).
The report also says: "However, the described appearance is not typical for COVID-19 pneumonia."
`;
  const reasons = checkClauses('summary', parseReport(source), summary).map((r) => r.message);
  assert.ok(!reasons.some((r) => /^tells/.test(r)), reasons.join(' | '));
  // Told without the statement it speaks on from: refused.
  const alone =
    'What the report found:\nThe report also says: "However, the described appearance is not typical for COVID-19 pneumonia."\n';
  assert.ok(
    checkClauses('summary', parseReport(source), alone)
      .map((r) => r.message)
      .some((r) => /^tells "However/.test(r)),
  );
});

test("a summary naming a finding in the report's own words is read where the report says them, not as an addition", () => {
  for (const sentence of [
    'There are extensive calcific atherosclerotic plaques in the coronary arteries.',
    'Focal calcific atherosclerotic plaques are observed in the LAD and RCA.',
  ]) {
    const source = `EXAM: CT chest.\nFINDINGS: ${sentence} Small hiatal hernia.\nIMPRESSION: Small hiatal hernia.\n`;
    const summary = `What the report found:
- There is stomach pushing up into the chest (hiatal hernia). The report calls it small.
- There is calcium in the arteries of the heart (atherosclerotic plaques).
`;
    const reasons = reasonsOf('summary', source, summary);
    assert.ok(!reasons.some((r) => /^adds/.test(r)), reasons.join(' | '));
    // A term the report does not state is still an addition.
    const added = reasonsOf('summary', source, summary.replace('(atherosclerotic plaques)', '(aortic aneurysm)'));
    assert.ok(
      added.some((r) => /adds/.test(r)),
      added.join(' | '),
    );
  }
});

test('a side only the normal part of a sentence says is not dropped by an item telling its finding alone', () => {
  for (const [sentence, item] of [
    [
      'Aeration of both lungs is normal, and a patchy ground-glass density is observed in the posterobasal segment of the right lower lobe.',
      'Patchy ground-glass density in the posterobasal segment of the right lower lobe.',
    ],
    [
      'Both kidneys are normal in size, and a 2 cm simple cyst is seen in the upper pole of the left kidney.',
      '2 cm simple cyst in the upper pole of the left kidney.',
    ],
  ]) {
    const source = `EXAM: CT.\nFINDINGS: ${sentence}\nIMPRESSION: See findings.\n`;
    const reasons = reasonsOf('impression', source, withImpression(source, `1. ${item}`));
    assert.ok(!reasons.some((r) => /drops side/.test(r)), reasons.join(' | '));
  }
  // A side of the finding's own part is still dropped when the item leaves it out.
  const source =
    'EXAM: CT.\nFINDINGS: Both kidneys are normal in size, and a 2 cm simple cyst is seen in the left kidney.\nIMPRESSION: See findings.\n';
  const reasons = reasonsOf('impression', source, withImpression(source, '1. 2 cm simple cyst in the kidney.'));
  assert.ok(
    reasons.some((r) => /drops side: left/.test(r)),
    reasons.join(' | '),
  );
});

test('a pointing sentence the impression repeats stays with what it speaks of, whichever telling the draft took', () => {
  const source = `EXAM: CT chest.
FINDINGS: Consolidation areas with air bronchogram are observed in the lingula. The described appearance can be seen in the covid-19 pneumonia. No effusion.
IMPRESSION: Consolidation areas including air bronchogram are observed in the lingula. The described appearance can be seen in covid-19 pneumonia.
`;
  const kept = withImpression(
    source,
    '1. Consolidation areas including air bronchogram are observed in the lingula. The described appearance can be seen in covid-19 pneumonia.',
  );
  assert.ok(!reasonsOf('impression', source, kept).some((r) => /^cuts/.test(r)), reasonsOf('impression', source, kept).join(' | '));
  const cut = withImpression(
    source,
    '1. Consolidation areas including air bronchogram are observed in the lingula.\n2. No effusion. The described appearance can be seen in covid-19 pneumonia.',
  );
  assert.ok(
    reasonsOf('impression', source, cut).some((r) => /^cuts "The described appearance/.test(r)),
    reasonsOf('impression', source, cut).join(' | '),
  );
});

test('verifier: a time, grade or denial said of no finding the report names is checked against the report as written', () => {
  const cases = [
    ['Other findings are stable.', 'Other findings are new.'],
    ['The remaining findings are unchanged.', 'The remaining findings have increased.'],
    ['The rest of the examination is unchanged.', 'The rest of the examination is new.'],
  ];
  for (const [said, changed] of cases) {
    const source = `EXAM: CT CHEST\nFINDINGS: 11 mm calcified nodule in the left lower lobe. ${said}\nIMPRESSION: 1. 11 mm calcified nodule in the left lower lobe. ${said}\n`;
    assert.deepEqual(reasonsOf('impression', source, source), [], said);
    const reasons = reasonsOf('impression', source, source.replace(`lobe. ${said}\n`, `lobe. ${changed}\n`));
    assert.ok(
      reasons.some((r) => /changes what it says of no finding|adds time|time/.test(r)),
      `${changed}: ${reasons.join(' | ')}`,
    );
  }
});

test("a heading's words are the report's: a label line made of them adds no word and no side; another word or side still does", () => {
  // Restructure keeps a heading on its content's line; its words (and its side) are the report's own.
  const ob = `EXAM: Obstetric ultrasound.
FINDINGS: Single live intrauterine pregnancy.

GESTATIONAL AGE BY CURRENT ULTRASOUND: 16 weeks 5 days.

EDD BY CURRENT ULTRASOUND: 10-31-07

IMPRESSION: Single live intrauterine pregnancy.
`;
  const obLines = `EXAM: Obstetric ultrasound.
FINDINGS:
Single live intrauterine pregnancy.
GESTATIONAL AGE BY CURRENT ULTRASOUND: 16 weeks 5 days.
EDD BY CURRENT ULTRASOUND: 10-31-07
IMPRESSION: Single live intrauterine pregnancy.
`;
  const added = (source, candidate) => checkClauses('restructure', parseReport(source), candidate).map((r) => r.message);
  assert.deepEqual(added(ob, obLines), []);
  assert.ok(added(ob, obLines.replace('EDD BY CURRENT', 'EDD BY FOLLOWUP')).some((m) => m.startsWith('adds what the report does not say')));
  const carotid = `EXAM: Carotid duplex.
RIGHT CAROTID SYSTEM: The internal carotid artery shows mild intimal thickening. The vertebral artery is antegrade.

LEFT CAROTID SYSTEM: The internal carotid artery shows mild plaque. The vertebral artery is antegrade.

IMPRESSION: Mild bilateral carotid disease without stenosis.
`;
  const onLines = `EXAM: Carotid duplex.
FINDINGS:
Carotid and vertebral arteries:
RIGHT CAROTID SYSTEM: The internal carotid artery shows mild intimal thickening. The vertebral artery is antegrade.
LEFT CAROTID SYSTEM: The internal carotid artery shows mild plaque. The vertebral artery is antegrade.
IMPRESSION: Mild bilateral carotid disease without stenosis.
`;
  const reasons = (candidate) => reasonsOf('restructure', carotid, candidate);
  assert.deepEqual(reasons(onLines), []);
  assert.ok(reasons(onLines.replace('RIGHT CAROTID SYSTEM:', 'LEFT CAROTID SYSTEM:')).length > 0, 'a side the heading does not give');
});

test("a drafted item may take its section heading's side ('Left anterior descending artery:'), not another", () => {
  const source = `EXAM: CT coronary angiogram.
FINDINGS:
LEFT ANTERIOR DESCENDING ARTERY:
There is dense calcific plaque in the mid vessel, and a flow-limiting lesion cannot be excluded.

RIGHT KIDNEY:
A 2 cm simple cyst is seen in the upper pole.
IMPRESSION: Coronary calcification.
`;
  const items = (a, b) => checkClauses('impression', parseReport(source), withImpression(source, `1. ${a}\n2. ${b}`)).map((r) => r.message);
  const given = items(
    'Left anterior descending artery: Dense calcific plaque in the mid vessel, a flow-limiting lesion cannot be excluded.',
    'Right kidney: 2 cm simple cyst in the upper pole.',
  );
  assert.ok(!given.some((m) => /side/.test(m)), given.join(' | '));
  const other = items(
    'Right anterior descending artery: Dense calcific plaque in the mid vessel, a flow-limiting lesion cannot be excluded.',
    'Left kidney: 2 cm simple cyst in the upper pole.',
  );
  assert.ok(
    other.some((m) => /side/.test(m)),
    other.join(' | '),
  );
});

test('a "not" denies its own statement: ", and" opening another statement ends it; a list before it stays denied', () => {
  const negated = (text) => [...readText(`FINDINGS: ${text}`)[0].negated];
  assert.deepEqual(negated('A joint effusion is not detected, and loose bodies are present.'), ['joint', 'effusion', 'detected']);
  assert.deepEqual(negated('Loose bodies are present, and a joint effusion is not seen.'), ['joint', 'effusion']);
  assert.deepEqual(negated('The appendix is not visualized, and there are inflammatory changes in the right lower quadrant.'), [
    'appendix',
    'visualized',
  ]);
  for (const w of ['fracture', 'dislocation', 'effusion'])
    assert.ok(negated('Fracture, dislocation, and effusion are not seen.').includes(w), w);
  // The mutation: "no loose bodies" flipped to "loose bodies" is refused.
  const source = 'EXAM: MRI knee\nFINDINGS: A joint effusion is not detected, and no loose bodies are present.\n';
  const out = 'EXAM: MRI knee\nFINDINGS:\nJoint and synovium: A joint effusion is not detected, and loose bodies are present.\n';
  assert.match(reasonsOf('restructure', source, out).join('\n'), /states what the report denies|denies/);
});

test('a "no" denies its own statement too: ", and" opening another statement ends it', () => {
  const negated = (text) => [...readText(`FINDINGS: ${text}`)[0].negated];
  assert.deepEqual(negated('There is no evidence of mesenteric ischemia, and portal adenopathy is present.'), ['mesenteric', 'ischemia']);
  assert.deepEqual(negated('No fracture is seen, and a small joint effusion is present.'), ['fracture']);
  assert.ok(negated('No effusion, consolidation, and pneumothorax.').includes('pneumothorax'));
  assert.ok(negated('There is no evidence of ischemia, and no adenopathy is present.').includes('adenopathy'));
});
