// Patient summaries where the verifier's or the findings core's verdict was wrong (issue 18): written
// down when found; the ones still wrong are skip-marked and turn on when the reading is fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { rewrite, verify } = require(path.join(root, 'out/server/rewrite/index.js'));

const summarised = (text) => {
  const analysis = engine.analyze(text);
  const r = rewrite('summary', analysis);
  return { analysis, text: r.text, ok: r.verification.ok, reasons: r.verification.reasons.join('\n') };
};

test('a consolidation placed on the right is not accepted moved to the left, beside a sideless mention of it', () => {
  // The second "consolidations" has its side after it ("… of the right lung lower lobe"): the findings
  // core gives it none, and a plain line saying "left" is then taken as that mention's.
  const s = summarised(
    'EXAM: CT CHEST\nFINDINGS: Focal consolidation areas were observed in the right lung lower lobe. More common ground glass areas in the left upper lobe of the left lung in both lungs, focal consolidations in the superior and basal segments of the right lung lower lobe, bilateral minimal effusion.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const flipped = s.text.replace('right lung (consolidation)', 'left lung (consolidation)');
  assert.notEqual(flipped, s.text);
  assert.equal(verify('summary', s.analysis, flipped, 'reworded').ok, false);
});

test('a dropped quote of a partial ACL tear is refused though another quote shares its words', () => {
  const s = summarised(
    'EXAM:MRI LEFT KNEE\n\nCLINICAL:This is a 41 -year-old-male with knee pain, mobility loss and swelling. The patient had a twisting injury one week ago on 8/5/05. The examination was performed on 8/10/05\n\nFINDINGS:\nThere is intrasubstance degeneration within the medial meniscus without a discrete surfacing tear.\n\nThere is intrasubstance degeneration within the lateral meniscus, and there is a probable small tear in the anterior horn along the undersurface at the meniscal root.\n\nThere is an interstitial sprain/partial tear of the anterior cruciate ligament. There is no complete tear or discontinuity, and the ligament has a celery stick appearance.\n\nNormal posterior cruciate ligament.\n\nNormal medial collateral ligament.\n\nThere is a sprain of the femoral attachment of the fibular collateral ligament, without complete tear or discontinuity. The fibular attachment is intact.\n\nNormal biceps femoris tendon, popliteus tendon and iliotibial band.\n\nNormal quadriceps and patellar tendons.\n\nThere are no fractures.\n\nThere is arthrosis, with high-grade changes in the patellofemoral compartment, particularly along the midline patellar ridge and lateral facet. There are milder changes within the medial femorotibial compartments. There are subcortical cystic changes subjacent to the tibial spine, which appear chronic.\n\nThere is a joint effusion. There is synovial thickening.\n\nIMPRESSION:\nProbable small tear in the anterior horn of the lateral meniscus at the meniscal root.\n\nInterstitial sprain/partial tear of the anterior cruciate ligament.\n\nArthrosis, joint effusion and synovial hypertrophy.\n\nThere are several areas of focal prominent medullary fat within the medial and lateral femoral condyles.',
  );
  assert.equal(s.ok, true, s.reasons);
  const dropped = s.text
    .split('\n')
    .filter((l) => !/anterior cruciate/.test(l))
    .join('\n');
  assert.notEqual(dropped, s.text);
  assert.equal(verify('summary', s.analysis, dropped, 'reworded').ok, false);
});

test('"limited in its evaluation of demyelinating disease" states no demyelinating disease', () => {
  const s = summarised(
    'EXAM: CT HEAD\nFINDINGS: Scattered areas of hypodensity in the periventricular white matter.\nIMPRESSION: Scattered periventricular white matter hypodensities, which may represent demyelinating plaques. However, the CT examination is limited in its evaluation of demyelinating disease and lacks the sensitivity of MRI.\n',
  );
  assert.doesNotMatch(s.text, /^- There is [^\n]*\(demyelinating disease\)/m);
});

test('an MR sequence named with an image number ("sagittal T2 image #15") is no spine level to carry', () => {
  const s = summarised(
    'EXAM: MRI shoulder\nFINDINGS: There is edema with thickening of the superior glenohumeral ligament (sagittal T2 image #15).\n',
  );
  // Offered, the edema told (as written: plain words would lose the ligament), and T2 no level.
  assert.match(s.text, /^- There is [^\n]*\(edema\)|"There is edema with thickening of the superior glenohumeral ligament/m, s.reasons);
  assert.doesNotMatch(s.text, /places it at T2/);
});

test('"I don’t see a definite tear" (a curly apostrophe) denies the tear', () => {
  // In a knee report with a partial tear elsewhere the summary then tells "There is a tear." and the gate passes it.
  const { understanding } = engine.analyze('EXAM: MRI knee\nFINDINGS: I don’t see a definite tear extending to the articular surface.\n');
  assert.deepEqual(
    understanding.findings.filter((f) => f.concept === 'tear').map((f) => f.assertion),
    ['absent'],
  );
});

test('each report term of an impression item is told: "Low lung volumes with airspace disease" is not kept by the airspace line alone', () => {
  const s = summarised(
    'EXAM: PA and lateral chest.\nFINDINGS: Heart size within normal limits. There are low lung volumes with bronchovascular crowding. There is mild increased airspace opacity within the right lung base which may represent atelectasis or infiltrate. No pneumothorax.\nIMPRESSION: Low lung volumes with airspace disease within the right lung base.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const dropped = s.text
    .split('\n')
    .filter((l) => !/\(low lung volumes\)/.test(l))
    .join('\n');
  assert.notEqual(dropped, s.text);
  assert.match(verify('summary', s.analysis, dropped, 'reworded').reasons.join('\n'), /drops "low lung volumes"/);
});

test('without an impression, each report term of a significant findings sentence is told: the plaque beside the stenosis', () => {
  const s = summarised(
    'EXAM: Coronary CTA.\nFINDINGS: The LAD has a moderate area of stenosis in its midportion due to a focal calcified plaque. The circumflex is normal.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const dropped = s.text
    .split('\n')
    // The plaque is told in plain words or inside a quote of its sentence: leave out either.
    .filter((l) => !/\(calcified plaque\)|^The report also says: .*plaque/.test(l))
    .join('\n');
  assert.notEqual(dropped, s.text);
  assert.match(verify('summary', s.analysis, dropped, 'reworded').reasons.join('\n'), /drops "[a-z ]*plaque"/);
});

test('"Low lung volumes, otherwise no acute findings" states the low volumes: a summary leaving them out is refused', () => {
  const s = summarised(
    'EXAM: Chest PA and lateral.\nFINDINGS: Low lung volumes with bronchovascular crowding. No pleural effusion.\nIMPRESSION: Low lung volumes, otherwise, no definite acute findings.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const dropped = s.text
    .split('\n')
    .filter((l) => !/\(low lung volumes\)/.test(l))
    .join('\n');
  assert.notEqual(dropped, s.text);
  assert.match(verify('summary', s.analysis, dropped, 'reworded').reasons.join('\n'), /drops/);
});

test('without an impression, each finding the findings state is told by its own words: the coronary plaques not by the aorta’s', () => {
  const s = summarised(
    'EXAM: CT CHEST\nFINDINGS: There is a 2 cm mass in the right lower lobe. The left hemidiaphragm is elevated. There are calcified atheromatous plaques on the walls of the coronary arteries. Calcific atheroma plaques are seen in the abdominal aorta.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const without = (term) => {
    const lines = s.text.split('\n');
    const kept = lines.filter((l) => !l.startsWith('- ') || !l.includes(`(${term})`));
    assert.equal(kept.length, lines.length - 1, term);
    return verify('summary', s.analysis, kept.join('\n'), 'reworded').reasons.join('\n');
  };
  assert.match(without('hemidiaphragm is elevated'), /drops "hemidiaphragm elevated"/);
  assert.match(without('atheromatous plaques'), /drops "atheromatous plaque"/);
});

test('each finding an impression item states is told: the gallstones beside the denied cholecystitis', () => {
  const s = summarised(
    'EXAM: CT abdomen and pelvis\nFINDINGS: The gallbladder contains multiple gallstones, but there are no signs of cholecystitis. Diverticulosis is observed in the sigmoid colon.\nIMPRESSION: Multiple gallstones without signs of acute cholecystitis. Diverticulosis in the sigmoid colon.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const lines = s.text.split('\n');
  const kept = lines.filter((l) => !/^- There are gallstones/.test(l));
  assert.equal(kept.length, lines.length - 1, s.text);
  assert.match(verify('summary', s.analysis, kept.join('\n'), 'reworded').reasons.join('\n'), /drops "gallstone"/);
});

// Patterns of the seed-83 hand-read (new sentences, not the read reports'): what plain words would misstate is quoted whole.
test('a narrowed denial is told in the report’s words: "no infiltrative lesion" is not "no abnormal area" beside two nodules', () => {
  const s = summarised(
    'EXAM: CT chest\nFINDINGS: A 5 mm solid nodule is seen in the right upper lobe. A 3 mm nodule is seen in the left lower lobe. No pleural effusion.\nIMPRESSION: Two small pulmonary nodules. No infiltrative lesion is seen in the lungs. No pleural effusion.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  assert.doesNotMatch(s.text, /no sign of an abnormal area/i);
  // Told in its words, or as the infiltrate the lexicon reads it as (the denial is of the lungs, not of every lesion).
  assert.match(s.text, /The report also says: "No infiltrative lesion is seen in the lungs\."|no sign of a cloudy area in the lung/);
});

test('a lump denied in a region where a node is told is quoted, not "no sign of a lump"', () => {
  const s = summarised(
    'EXAM: MRI neck\nFINDINGS: A 2.1 cm enlarged lymph node is seen in the left neck at level II.\nIMPRESSION: Enlarged 2.1 cm left level II lymph node. No other mass in the left neck.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  assert.doesNotMatch(s.text, /no sign of a lump/i);
  assert.match(s.text, /"No other mass in the left neck\."/);
});

test('a finding placed in words the anatomy does not know keeps its place: the tendon is named', () => {
  const s = summarised(
    'EXAM: MRI shoulder\nFINDINGS: Moderate tendinosis of the infraspinatus tendon footprint.\nIMPRESSION: Moderate tendinosis of the infraspinatus tendon footprint.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  assert.match(s.text, /infraspinatus/);
});

test('a sentence that opens on a word of the quoted one before it is quoted after it, not left alone', () => {
  const s = summarised(
    'EXAM: US abdomen\nFINDINGS: Liver normal.\nIMPRESSION:\n1. Except for small portions of the pancreatic tail, the pancreas could not be seen because of bowel gas. The visualized portion of the tail had a normal appearance.\n2. No gallstones.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const lines = s.text.split('\n');
  const at = lines.findIndex((l) => /could not be seen/.test(l));
  assert.ok(at >= 0, s.text);
  assert.match(lines[at + 1], /The visualized portion of the tail/);
});

test('an air cyst is an air-filled pocket, and the lateral masses of C1 are bone, no lump', () => {
  const s = summarised(
    'EXAM: CT chest\nFINDINGS: A 2 cm air cyst in the right lower lobe. The lateral masses of C1 are normally aligned.\nIMPRESSION: 2 cm air cyst in the right lower lobe.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  assert.match(s.text, /air pocket/);
  assert.doesNotMatch(s.text, /fluid-filled|lump/i);
});

test('a statement of an impression run into the findings after a quotation mark is told, even one word long ("Cholecystectomized")', () => {
  const s = summarised(
    'EXAM: CT CHEST\nFINDINGS: Heart size is normal. A 6 mm nodule is seen in the right upper lobe. The gallbladder is not seen. " Right upper lobe nodule of 6 mm " Cholecystectomized " Aortic stasis?\n',
  );
  assert.equal(s.ok, true, s.reasons);
  assert.match(s.text, /The report also says: "Cholecystectomized"/);
  assert.match(s.text, /The report also says: "Aortic stasis\?"/);
});

test('a limit of the exam the technique states is told, and sentences run together are quoted one by one', () => {
  const s = summarised(
    'EXAM: MRI wrist\nTECHNIQUE: Multiplanar images. The study is limited by patient motion.\nFINDINGS: Bone bruise of the lunate.\nIMPRESSION: Non-displaced scaphoid fracture.Partial tear of the scapholunate ligament.\n',
  );
  assert.match(s.text, /"The study is limited by patient motion\."/);
  assert.equal(s.ok, true, s.reasons);
  assert.match(s.text, /"Non-displaced scaphoid fracture\."\nThe report also says: "Partial tear of the scapholunate ligament\."/);
});

test('an impression item with a part read as nothing beside one read is quoted whole, not told by the part read', () => {
  const s = summarised('EXAM: CT chest\nFINDINGS: The heart is enlarged.\nIMPRESSION: Cardiomegaly, dextrocardia with situs inversus.\n');
  assert.equal(s.ok, true, s.reasons);
  assert.match(s.text, /"Cardiomegaly, dextrocardia with situs inversus\."/);
});

test('without an impression, every sentence of a numbered item is told, not only the one after its number', () => {
  const s = summarised(
    'COMMENTS:\n1. The left ventricle is normal in size. There is abnormal left ventricular relaxation pattern seen.\n2. The left atrium appears mildly dilated.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  assert.match(s.text, /"There is abnormal left ventricular relaxation pattern seen\."/);
});

test('contrast not given is a limit of the exam, not leftover dye', () => {
  const s = summarised(
    'EXAM: CT CHEST\nFINDINGS: Mediastinal structures cannot be evaluated optimally because contrast material is not given. There is a minimal hiatal hernia.\nIMPRESSION: Minimal hiatal hernia.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  assert.doesNotMatch(s.text, /leftover/i);
});

test('summary: a plain line puts its finding where the report does (a hilar node is not "in the lung"), or names no place', () => {
  const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
  const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
  const source = `EXAM: CT chest.
FINDINGS: There is a 14 mm right hilar lymph node. A 5 mm nodule is seen in the left lower lobe. Small right pleural effusion.
IMPRESSION: Enlarged right hilar lymph node, 14 mm. 5 mm left lower lobe nodule. Small right pleural effusion.
`;
  const places = (line) =>
    checkClauses('summary', parseReport(source), `What the report found:\n${line}\n`)
      .map((r) => r.message)
      .filter((m) => m.startsWith('places'));
  for (const line of [
    '- There is a swollen gland in the right lung (lymph node). It measures about 14 millimeters.',
    '- There is a small amount of fluid in the liver (pleural effusion).',
  ])
    assert.equal(places(line).length, 1, line);
  for (const line of [
    '- There is a swollen gland near the middle of the chest on the right (lymph node). It measures about 14 millimeters.',
    '- There is a small round spot in the lower part of the left lung (nodule). It measures about 5 millimeters.',
    '- There is a small amount of fluid around the right lung (pleural effusion).',
    '- There is a swollen gland near the root of the right lung (lymph node). It measures about 14 millimeters.',
  ])
    assert.deepEqual(places(line), [], line);
});

// rev10 §2.6: the headings are lay-wording.json's, read in one place; a line under "What the report says:" after the
// denials is not read as denied (it was: "What the report says" was no heading the denial reading knew).
test('summary check: only the lines under the denials heading are read as denied, whichever heading follows', () => {
  const { layToReport } = require(path.join(root, 'out/server/rewrite/lay-reading.js'));
  const read = layToReport(
    'What the report did not find:\n- There is no sign of fluid around the lung (pleural effusion).\n\nWhat the report says:\n- There is a small round spot in the right lung (nodule).\n\nMore from the report:\n- There are stones in the gallbladder (gallstones).\n',
  );
  assert.match(read, /^No pleural effusion\.$/m);
  assert.match(read, /^right nodule\.$/m);
  assert.doesNotMatch(read, /No nodule|No gallstones/);
});

// A side word inside the report's own term ("(left ventricular ejection fraction …)", "(right atrial enlargement)")
// names a chamber: the line's side is read from its plain words only, so the term is not given a side twice.
test('summary check: a line takes its side from its plain words, not from a chamber named in its term', () => {
  const { layToReport } = require(path.join(root, 'out/server/rewrite/lay-reading.js'));
  const read = layToReport(
    'What the report found:\n- There is weak pumping of the heart (left ventricular ejection fraction is 30%).\n- The upper right chamber of the heart is enlarged (right atrial enlargement).\n- There is fluid around the left lung (pleural effusion).\n',
  );
  assert.match(read, /^left ventricular ejection fraction is 30%\.$/m);
  assert.match(read, /right atrial enlargement\.$/m);
  assert.match(read, /^left pleural effusion\.$/m);
});

// r12s/r13s pattern 1: a finding the findings state alone, minor or chronic, is told (quoted) and the check asks for it:
// the same summary with that quote taken out is refused, so a writer that leaves it out is never offered.
test('summary check: a findings-only minor finding is quoted, and a summary without it is refused', () => {
  for (const [text, words] of [
    [
      'EXAM: CT head without contrast.\nFINDINGS: There is moderate generalized cerebral volume loss. No hemorrhage or mass effect.\nIMPRESSION: No acute intracranial abnormality.\n',
      'cerebral volume loss',
    ],
    [
      'EXAM: CT chest with contrast.\nFINDINGS: A 14 mm spiculated nodule in the right upper lobe. The heart is normal in size, with moderate calcification of the coronary arteries.\nIMPRESSION: 14 mm spiculated right upper lobe nodule, suspicious for malignancy.\n',
      'coronary arteries',
    ],
    [
      'EXAM: MRI lumbar spine.\nFINDINGS: Broad-based disc protrusion at L4-L5 with moderate central canal stenosis. Schmorl nodes are present at L1 and L2.\nIMPRESSION: L4-L5 disc protrusion with moderate central canal stenosis.\n',
      'Schmorl nodes',
    ],
  ]) {
    const s = summarised(text);
    assert.equal(s.ok, true, s.reasons);
    const line = s.text.split('\n').find((l) => l.startsWith('The report') && l.includes(words));
    assert.ok(line, s.text);
    const without = s.text.replace(`${line}\n`, '');
    assert.equal(verify('summary', s.analysis, without, 'reworded').ok, false, without);
  }
});

// r17s #7: "…, and the volume of the right lung was decreased" is the lung's volume loss on this exam; told as "It has
// decreased since the last images" it gave the patient an improvement the report never claims. An effusion's decrease
// is still a change.
test('summary: a lung volume told decreased is no change since the last images; the check refuses a summary that says so', () => {
  const text =
    'EXAM: CT chest.\nCOMPARISON: PET-CT of 3 months ago.\nFINDINGS: Linear atelectatic changes were observed in the right lung, and the volume of the right lung was decreased. An 8 mm nodule in the left upper lobe has increased in size compared with the prior.\nIMPRESSION: Enlarging left upper lobe nodule, may be compatible with metastasis.\n';
  const r = rewrite('summary', engine.analyze(text));
  assert.equal(r.verification.ok, true, r.verification.reasons.join('\n'));
  const atelectasis = r.text.split('\n').find((l) => /atelectatic/.test(l));
  assert.ok(atelectasis && !/decreased since/i.test(atelectasis), r.text);
  const lied = r.text.replace(atelectasis, `${atelectasis} It has decreased since the last images.`);
  assert.equal(verify('summary', engine.analyze(text), lied, 'reworded').ok, false);
  const low = rewrite(
    'summary',
    engine.analyze(
      'EXAM: Chest radiograph.\nCOMPARISON: Chest radiograph of last week.\nFINDINGS: Lung volumes are reduced. There is bibasilar atelectasis. No pleural effusion.\nIMPRESSION: Low lung volumes with bibasilar atelectasis.\n',
    ),
  );
  assert.ok(!/decreased since/i.test(low.text), low.text);
  const effusion = rewrite(
    'summary',
    engine.analyze(
      'EXAM: CT chest.\nCOMPARISON: CT of last month.\nFINDINGS: Decreased volume of the right pleural effusion.\nIMPRESSION: Decreasing right pleural effusion.\n',
    ),
  );
  assert.match(effusion.text, /decreased since the last images/i);
});

// rev15 #1: "Increased opacity" on a film compared with an earlier one is how the film tells a finding grew: still a change,
// told, and a summary without it refused ("increased attenuation" / "T2 signal" stay how the tissue looks).
test('summary: an increased opacity or density since an earlier study is still told as a change, and its drop refused', () => {
  for (const text of [
    'EXAM: Chest radiograph, two views.\nCOMPARISON: Chest radiograph 12/01/2026.\nFINDINGS: Heart size is normal. No pneumothorax.\nIMPRESSION: Increased opacity at the left lung base, possibly pneumonia.\n',
    'EXAM: Chest radiograph.\nCOMPARISON: Chest radiograph of last week.\nFINDINGS: No pleural effusion.\nIMPRESSION: Increased opacity in the right upper lobe, possibly pneumonia.\n',
  ]) {
    const r = rewrite('summary', engine.analyze(text));
    assert.equal(r.verification.ok, true, r.verification.reasons.join('\n'));
    assert.match(r.text, /It has increased since the last images\./, r.text);
    const dropped = r.text.replace(' It has increased since the last images.', '');
    assert.equal(verify('summary', engine.analyze(text), dropped, 'reworded').ok, false);
  }
});

test('a line stating a finding over a bracketed denial ("… enlarged heart (heart is not enlarged)") is refused', () => {
  for (const [report, line] of [
    [
      'EXAM: Chest radiograph.\nFINDINGS: The heart is not enlarged. Small left pleural effusion.\nIMPRESSION: Small left pleural effusion.\n',
      '- There is a sign of an enlarged heart (heart is not enlarged).',
    ],
    [
      'EXAM: CT abdomen.\nFINDINGS: No hydronephrosis. There is a 4 mm stone in the left kidney.\nIMPRESSION: Nonobstructing left renal stone.\n',
      '- There is swelling of the kidney from blocked urine (no hydronephrosis).',
    ],
  ]) {
    const s = summarised(report);
    assert.equal(s.ok, true, s.reasons);
    const added = s.text.replace(/^(What the report found:)$/m, `$1\n${line}`);
    assert.notEqual(added, s.text);
    assert.equal(verify('summary', s.analysis, added, 'reworded').ok, false, added);
  }
});

test('an organ told "decreased in attenuation / density" is how it looks: no change told, and one added is refused (r19s #4)', () => {
  for (const sentence of ['The liver is enlarged and decreased in attenuation.', 'The liver is enlarged and decreased in density.']) {
    const s = summarised(
      `EXAM: CT abdomen and pelvis.\nCOMPARISON: None.\nFINDINGS: ${sentence} There are sigmoid diverticula.\nIMPRESSION: Sigmoid diverticulosis.\n`,
    );
    assert.equal(s.ok, true, s.reasons);
    assert.doesNotMatch(s.text, /since the last images/);
    // (Told in plain words or, with how it looks, in the report's: r19s #4's look is no longer left out.)
    const changed = s.text.replace(
      /^((?:- There is an enlarged liver |The report also says: "The liver is enlarged).*[."])$/m,
      '$1 It has decreased since the last images.',
    );
    assert.notEqual(changed, s.text);
    assert.equal(verify('summary', s.analysis, changed, 'reworded').ok, false, changed);
  }
});
