// Patient summaries (issue 18, r17s, rev15 #6 #7): a denial with a hedge word is still a denial; a normal organ before a
// finding with no place does not place it; a test named as the subject of a reporting verb is a result, not advice; the
// spine levels and sides of a findings sentence the impression restates without them are not lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));
const { asksOf } = require(path.join(root, 'out/server/rewrite/advice.js'));

const offered = (text) => {
  const r = rewrite('summary', engine.analyze(text));
  assert.equal(r.verification.ok, true, r.verification.reasons.join('\n'));
  return r.text.split('\nWords in your report:')[0];
};
const partOf = (summary, sentence) => {
  const at = summary.indexOf(`"${sentence}"`);
  assert.ok(at >= 0, `${sentence}\n${summary}`);
  return [...summary.slice(0, at).matchAll(/^(What the report [^:\n]*|More from the report):$/gm)].pop()?.[1];
};

test('summary: a denial of the grounds for a reading ("No findings compatible with X") is told as not found', () => {
  for (const [findings, impression, denial] of [
    [
      'There is a 5 mm nodule in the right upper lobe.',
      '5 mm right upper lobe nodule.',
      'No findings compatible with pneumonia were identified.',
    ],
    [
      'There is a 5 mm nodule in the right upper lobe.',
      '5 mm right upper lobe nodule.',
      'No evidence suggestive of lymphangitic spread is seen.',
    ],
    ['There is a 2 cm cyst in the right kidney.', '2 cm right renal cyst.', 'No new or suspicious lesions are seen.'],
    ['There is a 2 cm cyst in the right kidney.', '2 cm right renal cyst.', 'No new or concerning findings were identified.'],
  ]) {
    const summary = offered(`EXAM: CT.\nFINDINGS: ${findings}\nIMPRESSION: ${impression} ${denial}\n`);
    assert.doesNotMatch(summary, /What the report says may be there/, summary);
    if (summary.includes(`"${denial}"`)) assert.equal(partOf(summary, denial), 'What the report did not find', summary);
    else assert.match(summary, /What the report did not find:\n- /, summary);
  }
});

test('summary: a reading of what is absent is still not told as a denial', () => {
  const summary = offered(
    'EXAM: Scrotal ultrasound.\nFINDINGS: The left testis is enlarged and heterogeneous with absent flow, compatible with torsion.\nIMPRESSION: Absent flow in the left testis, compatible with torsion.\n',
  );
  assert.doesNotMatch(summary.split('What the report did not find')[1] ?? '', /torsion/i, summary);
});

test('summary: an organ said to be normal before a finding with no place of its own does not place it (rev15 #7)', () => {
  for (const [normal, finding] of [
    ['The liver is normal in size and attenuation.', 'There is a 2.3 cm enhancing mass.'],
    ['The pancreas is unremarkable.', 'There is a 1.1 cm hypodense lesion.'],
  ]) {
    const summary = offered(`EXAM: CT abdomen.\nFINDINGS: ${normal} ${finding} No ascites.\nIMPRESSION: ${finding.slice(11)}\n`);
    const found = summary.split('What the report did not find')[0];
    assert.ok(!found.includes(`"${normal}"`), summary);
  }
  // An organ the sentence before finds something in still places it.
  const thyroid = offered(
    'EXAM: CT chest.\nFINDINGS: Both thyroid lobes are heterogeneous. There are hypodense nodules. No pulmonary nodules. Mild emphysema.\nIMPRESSION: Mild emphysema.\n',
  );
  assert.ok(thyroid.includes('"Both thyroid lobes are heterogeneous."') && thyroid.includes('"There are hypodense nodules."'), thyroid);
});

test('advice: a test named as the subject of a reporting verb is a result, not advice (rev15 #6)', () => {
  for (const s of [
    'Follow-up CT after chemotherapy shows enlarging nodes.',
    'Correlation with the prior CT shows the mass has grown.',
    'Repeat MRI demonstrates interval growth of the lesion.',
    'Follow-up ultrasound after antibiotic therapy reveals resolution of the collection.',
  ])
    assert.equal(asksOf(s), undefined, s);
  for (const s of [
    'Follow-up CT in 3 months is recommended.',
    'Repeat radiograph after antibiotic therapy to document resolution.',
    'Follow-up CT shows enlarging nodes; biopsy is recommended.',
    'Suggest correlation with the prior CT, which showed a smaller mass.',
    'Consider MRI of the knee for further evaluation.',
    'Could consider dedicated ultrasound of the thyroid.',
  ])
    assert.equal(asksOf(s), 'treatment', s);
  assert.equal(asksOf('Consider atypical infection.'), undefined);
  const summary = offered(
    'EXAM: CT chest.\nFINDINGS: Mediastinal lymph nodes measure up to 2.4 cm, previously 1.6 cm.\nIMPRESSION: Follow-up CT after chemotherapy shows enlarging mediastinal lymph nodes.\n',
  );
  assert.doesNotMatch(summary, /More from the report/, summary);
});

test('summary: the spine levels of a findings sentence the impression restates without them are told', () => {
  for (const [findings, impression, level] of [
    ['There is disc space narrowing to a moderate degree at L4-5 and L5-S1.', 'Moderate degenerative changes.', 'L5-S1'],
    ['Mild degenerative disc disease is present at C5-C6 and C6-C7.', 'Mild degenerative disc disease.', 'C6-C7'],
  ]) {
    const summary = offered(
      `EXAM: CT spine.\nFINDINGS: Vertebral body heights are maintained. ${findings} No fracture.\nIMPRESSION: ${impression} No fracture.\n`,
    );
    assert.ok(summary.includes(level), summary);
  }
});

test('summary: a foramen of the brain or skull base is not told as a nerve opening of the spine', () => {
  for (const text of [
    'EXAM: MRI brain.\nFINDINGS: There is a 1.2 cm enhancing lesion at the right foramen of Monro.\nIMPRESSION: 1.2 cm lesion at the right foramen of Monro.\n',
    'EXAM: MRI brain.\nFINDINGS: There is a 9 mm enhancing lesion near the left interventricular foramen.\nIMPRESSION: 9 mm lesion near the left interventricular foramen.\n',
  ]) {
    const summary = offered(text);
    assert.doesNotMatch(summary, /spine/, summary);
    assert.match(summary, /fluid spaces of the brain/, summary);
  }
});

test('summary: a denial of what a told mass does around it ("no mass effect", "no surrounding edema") is told', () => {
  for (const [text, denials] of [
    [
      'EXAM: MRI brain.\nFINDINGS: There is a 3.1 cm enhancing mass in the right parietal lobe with surrounding vasogenic edema. There is no significant mass effect. No midline shift.\nIMPRESSION: 3.1 cm right parietal enhancing mass, possibly metastasis.\n',
      ['There is no significant mass effect.', 'No midline shift.'],
    ],
    [
      'EXAM: CT head.\nFINDINGS: There is a 2.5 cm hyperdense extra-axial mass along the right frontal convexity. There is no mass effect on the adjacent brain. No surrounding edema.\nIMPRESSION: 2.5 cm right frontal extra-axial mass, likely meningioma.\n',
      ['There is no mass effect on the adjacent brain.', 'No surrounding edema.'],
    ],
    [
      'EXAM: CT neck.\nFINDINGS: There is a 2.8 cm mass in the left parotid gland. There is no invasion of the adjacent masseter muscle.\nIMPRESSION: 2.8 cm left parotid mass.\n',
      ['There is no invasion of the adjacent masseter muscle.'],
    ],
  ]) {
    const summary = offered(text);
    for (const d of denials) assert.equal(partOf(summary, d), 'What the report did not find', summary);
  }
});

test('summary: a findings sentence that only calls its organ normal in other words is not quoted as found', () => {
  for (const normal of [
    'The parotid glands enhance homogeneously.',
    'The submandibular glands enhance symmetrically.',
    'The mastoid air cells are well aerated.',
    'The adrenal glands are symmetric.',
  ]) {
    const summary = offered(
      `EXAM: CT neck.\nFINDINGS: ${normal} There is a 1.2 cm lymph node at right level II.\nIMPRESSION: 1.2 cm right level II lymph node.\n`,
    );
    const found = summary.split(/What the report did not find|Your doctor/)[0];
    assert.ok(!found.includes(`"${normal}"`), summary);
  }
  // A predicate that goes on to a finding is still told.
  const summary = offered(
    'EXAM: CT neck.\nFINDINGS: The parotid glands enhance homogeneously but there is a 9 mm nodule in the left parotid.\nIMPRESSION: 9 mm left parotid nodule.\n',
  );
  assert.match(summary, /9 mm|9 millimeters/, summary);
});

test('summary: a finding with no site of its own keeps the named vessel or tendon it is of (r17s #14 #16 pattern)', () => {
  for (const [text, sentence] of [
    [
      'EXAM: CTA runoff.\nFINDINGS: The right superficial femoral artery shows moderate stenosis. The left anterior tibial artery is patent with mild stenosis. The aorta is normal.\nIMPRESSION: Moderate right superficial femoral artery stenosis.\n',
      'The left anterior tibial artery is patent with mild stenosis.',
    ],
    [
      'EXAM: MRI left ankle.\nFINDINGS: There is mild tenosynovitis of the flexor hallucis longus tendon sheath. The Achilles tendon shows a partial tear.\nIMPRESSION: Partial Achilles tendon tear.\n',
      'There is mild tenosynovitis of the flexor hallucis longus tendon sheath.',
    ],
  ]) {
    const summary = offered(text);
    assert.equal(partOf(summary, sentence), 'What the report found', summary);
  }
});

test('summary: postoperative changes the images show are a finding, not history told apart', () => {
  for (const [text, sentence] of [
    [
      'EXAM: CT abdomen and pelvis.\nFINDINGS: Postoperative changes are seen in the pelvis. No free fluid.\nIMPRESSION: Postoperative changes within the pelvis without free fluid.\n',
      'Postoperative changes within the pelvis without free fluid.',
    ],
    [
      'EXAM: CT chest.\nFINDINGS: Postoperative changes of a right upper lobectomy are noted. No effusion.\nIMPRESSION: Postoperative changes of right upper lobectomy are noted.\n',
      'Postoperative changes of right upper lobectomy are noted.',
    ],
  ]) {
    const summary = offered(text);
    if (summary.includes(`"${sentence}"`)) assert.notEqual(partOf(summary, sentence), 'More from the report', summary);
    else assert.doesNotMatch(summary, /More from the report/, summary);
  }
});

test('summary: the size a body under its own header ("CT ABDOMEN:", "DISCUSSION:") gives a finding the impression restates is told', () => {
  for (const { text, size } of [
    {
      text: 'CT ABDOMEN AND PELVIS WITHOUT CONTRAST\nREASON FOR EXAM: Flank pain.\nCT ABDOMEN: The liver is unremarkable. In the upper pole of the right kidney there is a 2.7 cm cystic lesion.\nCT PELVIS: The bladder is normal.\nIMPRESSION:\n1. Right renal cystic lesion, ultrasound is advised.\n',
      size: /2\.7 cm|2\.7 centimeters/,
    },
    {
      text: 'MRI LEFT KNEE\nHISTORY: Pain.\nDISCUSSION: There is a 1.6 cm ganglion cyst posterior to the medial meniscus. The ligaments are intact.\nIMPRESSION: Ganglion cyst.\n',
      size: /1\.6 cm|1\.6 centimeters/,
    },
  ])
    assert.match(offered(text), size);
});

// r20s pattern 2: the negative that qualifies an injury ("… thickened and lax, but intact", "No full-thickness tear is
// seen." right after the tendinosis) is told, though the impression repeats only the abnormal half.
test('summary: a structure said to hold despite its change, and the denial of a worse tear after the finding, are told', () => {
  for (const [text, sentence] of [
    [
      'EXAM: MRI LEFT KNEE\nFINDINGS: The anterior cruciate ligament is attenuated and lax but remains intact. Small joint effusion.\nIMPRESSION: Attenuated anterior cruciate ligament, likely remote sprain. Small effusion.',
      'The anterior cruciate ligament is attenuated and lax but remains intact.',
    ],
    [
      'EXAM: MRI RIGHT ELBOW\nFINDINGS: The ulnar collateral ligament is thickened, though intact. No fracture.\nIMPRESSION: Thickened ulnar collateral ligament.',
      'The ulnar collateral ligament is thickened, though intact.',
    ],
    [
      'EXAM: MRI RIGHT SHOULDER\nFINDINGS: The supraspinatus tendon is thickened with increased signal, consistent with tendinosis. No full-thickness tear is seen. The labrum is normal.\nIMPRESSION: Supraspinatus tendinosis.',
      'No full-thickness tear is seen.',
    ],
    [
      'EXAM: MRI LEFT KNEE\nFINDINGS: Thickening and increased signal of the proximal patellar tendon, compatible with tendinopathy. There is no discrete tear.\nIMPRESSION: Proximal patellar tendinopathy.',
      'There is no discrete tear.',
    ],
  ]) {
    assert.ok(offered(text).includes(`"${sentence}"`), `${sentence}\n${offered(text)}`);
  }
  // A denial of a tear after a normal statement qualifies no finding: left with the findings-only denials.
  const normal = offered(
    'EXAM: MRI RIGHT SHOULDER\nFINDINGS: The rotator cuff tendons are normal in signal. No full-thickness tear is seen. Small subacromial spur.\nIMPRESSION: Small subacromial spur.',
  );
  assert.ok(!normal.includes('"No full-thickness tear is seen."'), normal);
});

// r20s pattern 1: CT-RATE's "sequelae" of a bone is an old healed injury there, never a scar in the lung.
test('summary: sequelae said of a rib, clavicle or vertebra are not told as a lung scar', () => {
  for (const text of [
    'EXAM: CT CHEST\nFINDINGS: Bronchiectasis in the right lower lobe. Healed fracture sequelae are seen in the left 7th rib.\nIMPRESSION: • Bronchiectasis. • Sequelae in left 7th rib.',
    'EXAM: CT CHEST\nFINDINGS: Mild emphysema. Post-traumatic sequelae in the right clavicle.\nIMPRESSION: Mild emphysema. Sequelae in the right clavicle.',
    'EXAM: CT CHEST\nFINDINGS: Small nodule in the left upper lobe. Compression sequelae of the T11 vertebra.\nIMPRESSION: • Small nodule. • Sequelae of T11 vertebra.',
  ]) {
    const summary = offered(text);
    assert.ok(!/scar in the (?:\w+ )?lung/i.test(summary), summary);
  }
  // Scarring the report places in the lung is still told as its scar.
  assert.match(
    offered('EXAM: CT CHEST\nFINDINGS: Linear scarring in the left lung base.\nIMPRESSION: Left basilar scarring.'),
    /scar in [a-z ]*left lung/i,
  );
});

// r20s pattern 4: a limit of the exam said against a denial (", but … poorly opacified / limited") stays with the denial.
test('summary: a denial and the limit set against it with "but" are told together, under what was not found', () => {
  for (const sentence of [
    'The main and lobar pulmonary arteries are free of thrombus, but the subsegmental arteries are poorly opacified due to motion.',
    'No focal liver lesion is seen, but the evaluation is limited without intravenous contrast.',
  ]) {
    const summary = offered(`EXAM: CT CHEST AND ABDOMEN\nFINDINGS: ${sentence} Cholelithiasis.\nIMPRESSION: Cholelithiasis.`);
    assert.equal(partOf(summary, sentence), 'What the report did not find', summary);
  }
});
