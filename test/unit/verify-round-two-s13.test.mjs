// The verifier's session-13 round-two patterns, each with 2+ phrasings of our own, a mutation caught and the faithful
// rewrite passing: a finding told only as the study before showed it ("According to the prior study, a 6 mm nodule …")
// keeps that comparison; a lead-in naming a whole limb of one side ("In the right lower extremity, …") gives the
// sentences after it that side to keep, never one a rewrite may write in (session 14: its run may reach the other leg); an impression item opening "Specifically," / "In particular,"
// is told with the verdict it details.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const reasonsOf = (kind, source, candidate) => checkClauses(kind, parseReport(source), candidate).map((r) => r.message);
const report = (exam, findings, impression) => `EXAM: ${exam}\n\nFINDINGS:\n${findings}\n\nIMPRESSION:\n${impression}\n`;

test('impression: an item told without the prior study it was seen on drops its time; kept, it passes', () => {
  for (const [exam, sentence, cut] of [
    [
      'CT chest.',
      'According to the prior study, a 6 mm nodule is observed in the right upper lobe.',
      '6 mm nodule in the right upper lobe.',
    ],
    [
      'CT chest.',
      'Compared with the previous CT, a 9 mm nodule is seen in the left lower lobe.',
      'A 9 mm nodule is seen in the left lower lobe.',
    ],
    [
      'MRI brain.',
      'On the prior MRI, a 4 mm enhancing focus was present in the left frontal lobe.',
      'A 4 mm enhancing focus in the left frontal lobe.',
    ],
  ]) {
    const findings = `${sentence} The heart is normal in size.`;
    const source = report(exam, findings, 'Nodule.');
    const dropped = reasonsOf('impression', source, report(exam, findings, cut));
    assert.ok(
      dropped.some((r) => /drops time: the study it is compared with/.test(r)),
      `${sentence}\n${dropped.join('\n')}`,
    );
    const kept = reasonsOf('impression', source, report(exam, findings, sentence));
    assert.ok(!kept.some((r) => /drops time/.test(r)), `${sentence}\n${kept.join('\n')}`);
  }
  // A finding with a time word of its own ("stable") says its time; a denial compared with nothing new is no finding.
  const stable = report('CT chest.', 'Compared with the prior study, the 5 mm nodule is stable.', 'Nodule.');
  assert.ok(
    !reasonsOf(
      'impression',
      stable,
      report('CT chest.', 'Compared with the prior study, the 5 mm nodule is stable.', 'Stable 5 mm nodule.'),
    ).some((r) => /compared with/.test(r)),
  );
  assert.equal(
    readText(report('CT chest.', 'No prior study is available.', 'Normal.')).some((c) => c.compares),
    false,
  );
});

test('a lead-in naming a whole limb of one side gives the sentences after it that side to keep, not to write in', () => {
  for (const [opening, next, side] of [
    [
      'In the right lower extremity, there is a 70% stenosis of the proximal superficial femoral artery.',
      'The popliteal artery is occluded.',
      'right',
    ],
    ['In the left arm, the cephalic vein is thrombosed.', 'The basilic vein contains nonocclusive thrombus.', 'left'],
    ['In the left upper extremity, there is a 2 cm hematoma.', 'The brachial artery is narrowed.', 'left'],
  ]) {
    const clauses = readText(report('Imaging study.', `The abdominal aorta is normal. ${opening} ${next}`, 'Disease.'));
    assert.deepEqual(clauses.find((c) => c.text === next).partSides, [side], opening);
    // Taken out of its paragraph without the side: refused; told with it written in: refused too (only kept in place).
    const source = report('Imaging study.', `The abdominal aorta is normal. ${opening} ${next}`, 'Disease.');
    const moved = report('Imaging study.', `The abdominal aorta is normal. ${opening}\n\n${next}`, 'Disease.');
    assert.ok(
      reasonsOf('restructure', source, moved).some((r) => r.startsWith(`drops side: ${side}`)),
      next,
    );
    const sided = report(
      'Imaging study.',
      `The abdominal aorta is normal. ${opening}\n\n${next.replace(/^The /, `The ${side} `)}`,
      'Disease.',
    );
    assert.ok(
      reasonsOf('restructure', source, sided).some((r) => /changes side/.test(r)),
      next,
    );
  }
  // An organ in the lead-in places its own sentence only, as before.
  const organ = readText(report('CT.', 'In the right kidney, there is a 1 cm cyst. The liver is enlarged.', 'Cyst.'));
  assert.deepEqual(organ.find((c) => c.text.startsWith('The liver')).carriedSides, []);
});

test('impression: an item detailing a verdict ("Specifically, …") is told with it', () => {
  for (const [exam, verdict, detail] of [
    ['MRI brain.', 'Normal MRI of the brain.', 'Specifically, no evidence of acute infarct or mass.'],
    ['CT abdomen and pelvis.', 'No acute abnormality in the abdomen or pelvis.', 'In particular, no evidence of appendicitis.'],
    ['CT head.', 'Unremarkable noncontrast head CT.', 'Specifically, there is no intracranial hemorrhage.'],
  ]) {
    const source = report(exam, 'Unremarkable study.', `${verdict} ${detail}`);
    const cut = reasonsOf('impression', source, report(exam, 'Unremarkable study.', `1. ${detail}`));
    assert.ok(
      cut.some((r) => /^cuts /.test(r)),
      `${detail}\n${cut.join('\n')}`,
    );
    const kept = reasonsOf('impression', source, source);
    assert.ok(!kept.some((r) => /^cuts /.test(r)), `${detail}\n${kept.join('\n')}`);
    const numbered = reasonsOf('impression', source, report(exam, 'Unremarkable study.', `1. ${verdict} ${detail}`));
    assert.ok(!numbered.some((r) => /^cuts /.test(r)), `${detail}\n${numbered.join('\n')}`);
  }
});

// r18r #16: "No significant changes were detected in these views in the current examination." speaks of what the lung
// window showed: lifted to the head of the findings it reads as the whole study's verdict of no change.
test('restructure: a sentence speaking of "these views / sections" stays with what they showed', () => {
  for (const [window, finding, stable] of [
    [
      'When examined in the lung parenchyma window;',
      'In both lungs, ground-glass and honeycomb appearances are noted in the peripheral areas.',
      'No significant changes were detected in these views in the current examination.',
    ],
    [
      'When evaluated in the mediastinal window;',
      'There are several calcified nodes in the subcarinal station.',
      'These are similar in these sections compared with the prior examination.',
    ],
    ['In the bone window;', 'Sclerotic foci are seen in the T7 and T9 vertebral bodies.', 'Nothing new is seen in this window.'],
  ]) {
    const source = `FINDINGS:\n${window} ${finding} ${stable}\nThe liver is normal.\n\nIMPRESSION:\nFindings as above.\n`;
    const lifted = `FINDINGS:\n${stable}\n\nLungs: ${window} ${finding}\nUpper abdomen: The liver is normal.\n\nIMPRESSION:\nFindings as above.\n`;
    assert.ok(
      reasonsOf('restructure', source, lifted).some((r) => /^moves .* it speaks on from/.test(r)),
      stable,
    );
    const kept = `FINDINGS:\nLungs: ${window} ${finding} ${stable}\nUpper abdomen: The liver is normal.\n\nIMPRESSION:\nFindings as above.\n`;
    assert.ok(!reasonsOf('restructure', source, kept).some((r) => /it speaks on from/.test(r)), stable);
  }
});

// eval-verify (impression "change time", "flip side"): an all-clear or a normal the reading cannot align ("No acute
// cardiopulmonary abnormality." -> "No chronic …") was refused as "adds", not as the change it is.
test('a sentence of the report said but for a side or time word is refused as that change; a synonym is no change', () => {
  const { cueSwapped } = require(path.join(root, 'out/server/rewrite/clauses.js'));
  assert.equal(cueSwapped('No acute cardiopulmonary abnormality.', 'No chronic cardiopulmonary abnormality.'), 'time');
  assert.equal(cueSwapped('2. Normal left ventricular size and function.', 'Normal right ventricular size and function.'), 'side');
  assert.equal(cueSwapped('The 5 mm nodule is stable.', 'The 5 mm nodule is new.'), 'time');
  assert.equal(cueSwapped('The 5 mm nodule is stable.', 'The 5 mm nodule is unchanged.'), null);
  assert.equal(cueSwapped('Lt renal cyst.', 'Left renal cyst.'), null);
  assert.equal(cueSwapped('Left renal cyst.', 'Left renal mass.'), null);
  for (const [impression, changed, what] of [
    ['No acute cardiopulmonary abnormality.', 'No chronic cardiopulmonary abnormality.', 'time'],
    ['Otherwise unremarkable MRI of the right ankle.', 'Otherwise unremarkable MRI of the left ankle.', 'side'],
    ['Partially calcified nodule in the left lower lobe, stable.', 'Partially calcified nodule in the left lower lobe, new.', 'time'],
  ]) {
    const source = report('Imaging study.', 'Mild degenerative change.', impression);
    const reasons = reasonsOf('impression', source, report('Imaging study.', 'Mild degenerative change.', changed));
    assert.ok(
      reasons.some((r) => r.startsWith(`changes ${what}: `)),
      `${changed}\n${reasons.join('\n')}`,
    );
    assert.ok(!reasonsOf('impression', source, source).some((r) => /^changes (?:side|time):/.test(r)), impression);
  }
});

// Own read (eval-verify, IU): "The lungs are clear bilaterally. Specifically, no evidence of focal consolidation,
// pneumothorax, or pleural effusion." kept together under Lungs was refused as speaking of the pleura.
test('restructure: a sentence right after what it leans on, in its field, is placed with it', () => {
  for (const [first, detail, other] of [
    ['The lungs are clear bilaterally.', 'Specifically, no evidence of focal consolidation, pneumothorax, or pleural effusion.', 'Pleura'],
    ['The lungs are clear.', 'In particular, there is no pleural effusion or pneumothorax.', 'Pleura'],
  ]) {
    const source = `FINDINGS: ${first} ${detail} The heart is normal in size.\n\nIMPRESSION: No acute abnormality.\n`;
    const together = `FINDINGS:\nLungs: ${first} ${detail}\n${other}: [ ]\nHeart and mediastinum: The heart is normal in size.\n\nIMPRESSION: No acute abnormality.\n`;
    assert.ok(!reasonsOf('restructure', source, together).some((r) => /^places /.test(r)), detail);
  }
});

// rev16 #1: a quote holding the words of an impression finding anywhere ("pleural effusion abutting the pericardial fat
// pad") told the pericardial effusion the summary left out.
test('summary: a quote tells an impression finding only naming it, not holding its words anywhere', () => {
  const { analyze } = require(path.join(root, 'out/server/engine.js'));
  const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));
  const OPENING =
    'This summary was written from your radiology report by a computer program. It uses everyday words. It does not replace the report.\n';
  const told = (source, lines) =>
    verify(
      'summary',
      analyze(source),
      `${OPENING}\n${lines}\nYour doctor will talk with you about what these results mean for you.\n`,
      'reworded',
    ).reasons;
  for (const [sentence, impression, named] of [
    [
      'Small left pleural effusion abutting the pericardial fat pad.',
      '1. Small pericardial effusion. 2. Small left pleural effusion.',
      'There is a small pericardial effusion.',
    ],
    [
      'There is a right renal cyst adjacent to the liver, with no hepatic lesion.',
      '1. Hepatic cyst. 2. Right renal cyst.',
      'A 2 cm hepatic cyst is seen in segment 6.',
    ],
  ]) {
    const source = `EXAM: CT.\n\nFINDINGS:\n${sentence} ${named}\n\nIMPRESSION:\n${impression}\n`;
    const quoteOnly = told(source, `What the report found:\nThe report also says: "${sentence}"\n`);
    assert.ok(
      quoteOnly.some((r) => /^drops: /.test(r)),
      `${sentence}\n${quoteOnly.join('\n')}`,
    );
    const both = told(source, `What the report found:\nThe report also says: "${sentence}"\nThe report also says: "${named}"\n`);
    assert.ok(!both.some((r) => /^drops: (?:pericardial effusion|hepatic cyst|cyst)/.test(r)), `${sentence}\n${both.join('\n')}`);
  }
});

// rev16 #2: "Decreased volume of the right lower lobe consolidation" read as the lung's volume: a draft dropping
// "Decreased" passed. The lung or lobe ends the "of" phrase when it is the lung's volume.
test('a volume of a finding in a lobe told decreased is a change; the lung’s own volume is not', () => {
  for (const t of [
    'Decreased volume of the right lower lobe consolidation.',
    'The volume of the left lower lobe atelectasis is decreased.',
    'Increased volume of the right upper lobe mass.',
  ])
    assert.ok(readText(`FINDINGS: ${t}\n`).find((c) => /volume/i.test(c.text)).time.size > 0, t);
  for (const t of [
    'Decreased volume of the left lung.',
    'The volume of the right lung was decreased.',
    'Decreased volume of the left lower lobe, with crowding of the bronchi.',
  ])
    assert.equal(readText(`FINDINGS: ${t}\n`).find((c) => /volume/i.test(c.text)).time.size, 0, t);
  const source = report(
    'CT chest.',
    'Decreased volume of the right lower lobe consolidation.',
    'Decreased volume of the right lower lobe consolidation.',
  );
  const dropped = reasonsOf(
    'impression',
    source,
    report('CT chest.', 'Decreased volume of the right lower lobe consolidation.', '1. Right lower lobe consolidation.'),
  );
  assert.ok(
    dropped.some((r) => /drops time: decreased/.test(r)),
    dropped.join('\n'),
  );
});

// rev16 #4: "absent" after a verb of showing denied the whole statement, torsion included: "No torsion" passed the
// clause check. After "demonstrates / shows" it denies the noun it qualifies; after its noun or "is" its statement.
test('"absent" after a verb of showing denies only what it qualifies', () => {
  for (const [sentence, denial] of [
    ['Left testis demonstrates absent color flow, compatible with torsion.', '1. No torsion of the left testis.'],
    ['The right ovary demonstrates absent flow, concerning for torsion.', '1. No torsion of the right ovary.'],
    ['The right testis shows absent arterial flow, consistent with torsion.', '1. No torsion of the right testis.'],
  ]) {
    const c = readText(`FINDINGS: ${sentence}\n`)[0];
    assert.ok(c.positive && !c.negated.has('torsion') && c.negated.has('flow'), sentence);
    const source = report('US pelvis.', sentence, 'Torsion.');
    const reasons = reasonsOf('impression', source, report('US pelvis.', sentence, denial));
    assert.ok(
      reasons.some((r) => /denies what the report states: "[^"]*torsion/.test(r)),
      `${denial}\n${reasons.join('\n')}`,
    );
  }
  for (const t of ['Flow is absent in the left testis.', 'The right ovary absent surgically.'])
    assert.equal(readText(`FINDINGS: ${t}\n`)[0].positive, false, t);
});

// rev16 #7: the side a part-only finding has from the sentence before ("… the superior segment") catches a dropped
// side, and licensed a side the rewrite wrote in — "segment" alone may be another lobe's.
test('a part-only finding’s side from the sentence before licenses no side a rewrite writes in', () => {
  for (const [findings, item, dropped] of [
    [
      'Right lower lobe consolidation. There is a 5 mm nodule in the superior segment.',
      '1. 5 mm nodule in the superior segment of the right lower lobe.',
      'There is a 5 mm nodule in the superior segment.',
    ],
    [
      'The left kidney measures 10 cm. There is a 12 mm solid lesion in the lower pole.',
      '1. 12 mm solid lesion in the lower pole of the left kidney.',
      'There is a 12 mm solid lesion in the lower pole.',
    ],
  ]) {
    const source = report('CT.', findings, 'See findings.');
    const added = reasonsOf('impression', source, report('CT.', findings, item));
    assert.ok(
      added.some((r) => /side/.test(r)),
      `${item}\n${added.join('\n')}`,
    );
    // Still: taken alone without it, it drops that side.
    const alone = reasonsOf('impression', source, report('CT.', findings, `1. ${dropped}`));
    assert.ok(
      alone.some((r) => /drops side/.test(r)),
      `${dropped}\n${alone.join('\n')}`,
    );
  }
});

test('a limb run ends at a sentence naming the other side unnamed: a side written in for "contralateral" is refused (rev17 #1)', () => {
  for (const [findings, faithful, flipped] of [
    [
      'In the right lower extremity, the femoral and popliteal veins are compressible. The contralateral common femoral vein contains occlusive thrombus.',
      'Occlusive thrombus in the contralateral common femoral vein.',
      'Occlusive thrombus in the right common femoral vein.',
    ],
    [
      'In the left arm, the brachial and axillary veins are patent. The opposite subclavian vein is occluded by thrombus.',
      'Thrombus occluding the opposite subclavian vein.',
      'Thrombus occluding the left subclavian vein.',
    ],
  ]) {
    const source = report('Venous duplex ultrasound.', findings, 'Thrombus.');
    assert.deepEqual(reasonsOf('impression', source, report('Venous duplex ultrasound.', findings, faithful)), []);
    const reasons = reasonsOf('impression', source, report('Venous duplex ultrasound.', findings, flipped));
    assert.ok(
      reasons.some((r) => /side/.test(r)),
      reasons.join('\n'),
    );
  }
});

test('restructure: a finding a "Specifically," sentence states is placed by its own words, lean or not (rev17 #4)', () => {
  for (const [first, detail] of [
    ['The lungs are clear.', 'Specifically, there is a small pericardial effusion.'],
    ['The lungs are clear bilaterally.', 'In particular, a small pericardial effusion is present.'],
  ]) {
    const source = `FINDINGS: ${first} ${detail} The heart is normal in size.\n\nIMPRESSION: No acute abnormality.\n`;
    const together = `FINDINGS:\nLungs: ${first} ${detail}\nPleura: [ ]\nHeart and pericardium: The heart is normal in size.\n\nIMPRESSION: No acute abnormality.\n`;
    assert.ok(
      reasonsOf('restructure', source, together).some((r) => /^places /.test(r)),
      detail,
    );
  }
});
