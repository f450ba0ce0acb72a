import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { problemsOf, applyFix, root } from '../helpers/engine.mjs';

const RULE = 'impression-omission';
const slice = (text, p) => text.slice(p.start, p.end);

test('impression-omission: a critical finding missing from a numbered impression; fix adds it as item 1, the rest renumbered', () => {
  const text =
    'FINDINGS: Moderate left pleural effusion. There is a small right apical pneumothorax.\n\nIMPRESSION:\n1. Moderate left pleural effusion.\n';
  const [p, ...rest] = problemsOf(RULE, text);
  assert.equal(rest.length, 0);
  assert.equal(p.category, 'omission');
  assert.equal(p.finding, 'pneumothorax');
  assert.match(slice(text, p), /pneumothorax/);
  assert.equal(p.fixes[0].isPreferred, true);
  assert.equal(
    applyFix(text, p.fixes[0]),
    'FINDINGS: Moderate left pleural effusion. There is a small right apical pneumothorax.\n\nIMPRESSION:\n1. Small right apical pneumothorax.\n2. Moderate left pleural effusion.\n',
  );
});

test('impression-omission: "no acute process" does not cover a new effusion; fix puts it before the normal statement', () => {
  const text = 'FINDINGS: Heart size is normal. Moderate right pleural effusion.\nIMPRESSION: No acute cardiopulmonary process.';
  const [p] = problemsOf(RULE, text);
  assert.equal(p.finding, 'pleural effusion');
  assert.equal(p.side, 'right');
  assert.equal(
    applyFix(text, p.fixes[0]),
    'FINDINGS: Heart size is normal. Moderate right pleural effusion.\nIMPRESSION: Moderate right pleural effusion. No acute cardiopulmonary process.',
  );
});

test('impression-omission: CRLF and "2)" markers are kept in the added item', () => {
  const text =
    'FINDINGS: Large right pleural effusion. Acute fracture of the left sixth rib.\r\nIMPRESSION:\r\n1) Large right pleural effusion.\r\n';
  const [p] = problemsOf(RULE, text);
  assert.equal(p.finding, 'fracture');
  assert.match(applyFix(text, p.fixes[0]), /\r\n2\) Acute fracture of the left sixth rib\.\r\n$/);
});

test('impression-omission: covered by a synonym, an explaining diagnosis, or a sentence it accompanies', () => {
  for (const text of [
    'FINDINGS: Consolidation in the right lower lobe.\nIMPRESSION: Right lower lobe pneumonia.',
    'FINDINGS: Cardiomegaly with pulmonary vascular congestion and interstitial edema.\nIMPRESSION: Congestive heart failure.',
    'FINDINGS: Moderate left pleural effusion with adjacent basilar atelectasis.\nIMPRESSION: Moderate left pleural effusion.',
    'FINDINGS: Moderate left pleural effusion.\nIMPRESSION: Findings as described above.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('impression-omission: minor, chronic and explained findings that impressions leave out', () => {
  for (const text of [
    'FINDINGS: Calcified granuloma in the right upper lobe. Degenerative changes of the thoracic spine.\nIMPRESSION: No acute cardiopulmonary process.',
    'FINDINGS: Unchanged scarring at the left apex. Stable small left pleural effusion.\nIMPRESSION: No acute disease.',
    'FINDINGS: Mild cardiomegaly. Minimal bibasilar atelectasis.\nIMPRESSION: No acute cardiopulmonary process.',
    'FINDINGS: Nodular opacity over the left 4th rib likely represents a healing rib fracture.\nIMPRESSION: No acute disease.',
    'FINDINGS: Right internal jugular central venous catheter with tip in the SVC.\nIMPRESSION: No acute disease.',
    'FINDINGS: No pleural effusion or pneumothorax.\nIMPRESSION: Normal chest.',
  ]) {
    assert.deepEqual(problemsOf(RULE, text), [], text);
  }
});

test('impression-omission: silent without two sections and on the correct examples', () => {
  assert.deepEqual(problemsOf(RULE, 'Moderate left pleural effusion.'), []);
  for (const file of ['chest-radiograph-normal.rpt', 'ct-head-hemorrhage.rpt', 'ct-abdomen-pelvis.rpt']) {
    assert.deepEqual(problemsOf(RULE, fs.readFileSync(path.join(root, 'examples', file), 'utf8')), [], file);
  }
});

test('impression-omission: a document of several reports reads each impression against its own findings', () => {
  const one = 'FINDINGS: Moderate right pleural effusion.\nIMPRESSION: Moderate right pleural effusion.\n';
  const two = 'FINDINGS: Large left pneumothorax.\nIMPRESSION: No acute disease.\n';
  const text = one + two;
  const ps = problemsOf(RULE, text);
  assert.deepEqual(
    ps.map((p) => p.finding),
    ['pneumothorax'],
  );
  assert.ok(ps[0].related[0].start > one.length);
  assert.deepEqual(problemsOf(RULE, one + one), []);
});

test('impression-omission: the fix inserts by urgency — critical first, others before the closing normal items, else last', () => {
  const fix = (text) => applyFix(text, problemsOf(RULE, text)[0].fixes[0]);
  // A critical finding goes after one as urgent or more, before the less urgent.
  assert.equal(
    fix(
      'FINDINGS: Large right tension pneumothorax. Free intraperitoneal air under the diaphragm. Small left pleural effusion.\nIMPRESSION:\n1. Right tension pneumothorax.\n2. Small left pleural effusion.\n',
    ),
    'FINDINGS: Large right tension pneumothorax. Free intraperitoneal air under the diaphragm. Small left pleural effusion.\nIMPRESSION:\n1. Right tension pneumothorax.\n2. Free intraperitoneal air under the diaphragm.\n3. Small left pleural effusion.\n',
  );
  // Not critical: before the trailing normal item, which is renumbered.
  assert.equal(
    fix(
      'FINDINGS: Moderate right pleural effusion. Moderate cardiomegaly.\nIMPRESSION:\n1. Moderate right pleural effusion.\n2. No acute osseous abnormality.\n',
    ),
    'FINDINGS: Moderate right pleural effusion. Moderate cardiomegaly.\nIMPRESSION:\n1. Moderate right pleural effusion.\n2. Moderate cardiomegaly.\n3. No acute osseous abnormality.\n',
  );
  // A critical finding in an unnumbered impression leads it.
  assert.equal(
    fix('FINDINGS: Mild cardiomegaly. Small right apical pneumothorax.\nIMPRESSION: Mild cardiomegaly.'),
    'FINDINGS: Mild cardiomegaly. Small right apical pneumothorax.\nIMPRESSION: Small right apical pneumothorax. Mild cardiomegaly.',
  );
  // Negative: no normal statement and nothing critical: appended as before.
  assert.equal(
    fix('FINDINGS: Moderate right pleural effusion. Moderate cardiomegaly.\nIMPRESSION:\n1. Moderate right pleural effusion.\n'),
    'FINDINGS: Moderate right pleural effusion. Moderate cardiomegaly.\nIMPRESSION:\n1. Moderate right pleural effusion.\n2. Moderate cardiomegaly.\n',
  );
});

test('a significant possible finding left out of the impression is an omission, graded by its hedge', () => {
  const probable = problemsOf('impression-omission', 'FINDINGS: Probable right middle lobe pneumonia.\n\nIMPRESSION: Stable heart size.');
  assert.equal(probable.length, 1);
  assert.equal(probable[0].severity, 'warning');
  const possible = problemsOf('impression-omission', 'FINDINGS: Cannot exclude a small left effusion.\n\nIMPRESSION: Stable heart size.');
  assert.equal(possible.length, 1);
  assert.equal(possible[0].severity, 'info');
  // Named in the impression, a differential, or minor: nothing to add.
  assert.equal(problemsOf('impression-omission', 'FINDINGS: Probable right middle lobe pneumonia.\n\nIMPRESSION: Pneumonia.').length, 0);
  assert.equal(
    problemsOf('impression-omission', 'FINDINGS: Left basilar atelectasis versus pneumonia.\n\nIMPRESSION: Stable.').filter((p) =>
      /pneumonia/.test(p.message),
    ).length,
    0,
  );
  assert.equal(problemsOf('impression-omission', 'FINDINGS: Possible mild edema.\n\nIMPRESSION: Stable.').length, 0);
});

test('critical findings stay critical with small, residual, probable or XXXX before them', () => {
  for (const q of ['Small', 'Residual', 'Probable small', 'XXXX', 'Probable XXXX residual']) {
    const text = `FINDINGS: ${q} right apical pneumothorax. Heart size normal.\n\nIMPRESSION: Stable heart size.`;
    const [p] = problemsOf('impression-omission', text);
    assert.ok(p, q);
    assert.match(p.message, /^Critical finding/, q);
  }
});

test('impression-omission: a tear of one structure does not account for a tear of another, nor a denial for a finding', () => {
  const meniscus =
    'EXAM: MRI right knee.\nFINDINGS: Complex tear of the posterior horn of the medial meniscus. The lateral meniscus is intact.\n' +
    'IMPRESSION: Mild bone contusion of the lateral femoral condyle. Lateral meniscus is intact.';
  assert.match(problemsOf(RULE, meniscus)[0]?.message ?? '', /meniscal tear/);
  const cruciate =
    'EXAM: MRI left knee.\nFINDINGS: Complete tear of the anterior cruciate ligament. Horizontal tear of the medial meniscus.\n' +
    'IMPRESSION: Horizontal tear of the medial meniscus.';
  assert.match(problemsOf(RULE, cruciate)[0]?.message ?? '', /cruciate ligament tear/);
  const covered = 'EXAM: MRI left knee.\nFINDINGS: Complete tear of the anterior cruciate ligament.\nIMPRESSION: Complete ACL tear.';
  assert.deepEqual(problemsOf(RULE, covered), []);
});

test('impression-omission: a critical finding to call about must be named, and words count as words', () => {
  const shift =
    'EXAM: CT head.\nFINDINGS: There is a 5 mm shift of the midline to the left. A 1.8 cm hyperdense mass in the right parietal lobe.\n' +
    'IMPRESSION: A 1.8 cm high attenuation mass in the right parietal lobe, concerning for hemorrhage.';
  assert.ok(problemsOf(RULE, shift).some((p) => /midline shift/.test(p.message)));
  const tearing =
    'EXAM: MRI right hip.\nFINDINGS: A tear of the right anterosuperior labrum is noted. Mild tearing of the gluteus medius tendon.\n' +
    'IMPRESSION: Low-grade partial tearing of the gluteus medius tendon.';
  assert.ok(problemsOf(RULE, tearing).some((p) => /labral tear/.test(p.message)));
});

test('impression-omission: the primary tumour does not account for its metastases, nor a plaque for the stenosis', () => {
  const staging =
    'EXAM: CT chest, abdomen and pelvis.\nFINDINGS: Spiculated 3.1 cm mass in the right upper lobe. Multiple hypodense lesions in the liver, ' +
    'consistent with metastatic disease.\nIMPRESSION: Right upper lobe mass, consistent with primary lung malignancy.';
  assert.ok(problemsOf(RULE, staging).some((p) => p.finding === 'metastatic disease' || /metasta/.test(p.message)));
  const spread =
    'EXAM: CT chest, abdomen and pelvis.\nFINDINGS: Spiculated mass in the right upper lobe. Multiple hypodense lesions in the liver, consistent with metastases.\n' +
    'IMPRESSION: Right upper lobe mass with hepatic metastatic disease.';
  assert.deepEqual(problemsOf(RULE, spread), []);
  const carotid =
    'EXAM: Bilateral carotid ultrasound.\nFINDINGS: At the left carotid bifurcation there is heterogeneous plaque with approximately 60% stenosis of the ' +
    'proximal internal carotid artery.\nIMPRESSION: Bilateral carotid plaque, left greater than right.';
  assert.ok(problemsOf(RULE, carotid).some((p) => /stenosis/.test(p.message)));
});

test('impression-omission: an acute finding seen incidentally still belongs in the impression; a minor one need not', () => {
  const spine =
    'EXAM: CT cervical spine without contrast.\nFINDINGS: No acute fracture or malalignment. Incidentally, a moderate left pleural effusion is identified.\n' +
    'IMPRESSION: No acute fracture or malalignment of the cervical spine.';
  assert.ok(problemsOf(RULE, spine).some((p) => /pleural effusion/.test(p.message)));
  const cyst =
    'EXAM: CT abdomen.\nFINDINGS: Acute appendicitis. Incidental 1 cm simple cyst in the left kidney.\nIMPRESSION: Acute appendicitis.';
  assert.deepEqual(problemsOf(RULE, cyst), []);
});

test('impression-omission: spine and obstetric reports: the root goes with its foramen, demise and cord signal must be said', () => {
  const foramen =
    'EXAM: MRI lumbar spine.\nFINDINGS: At L5-S1 there is severe left foraminal stenosis with impingement on the exiting left L5 nerve root.\n' +
    'IMPRESSION: Severe left foraminal stenosis at L5-S1.';
  assert.deepEqual(problemsOf(RULE, foramen), []);
  const demise =
    'EXAM: Pelvic ultrasound, transvaginal.\nFINDINGS: Intrauterine gestational sac containing an embryo with a crown-rump length of 9 mm. ' +
    'No cardiac activity is seen, consistent with embryonic demise.\nIMPRESSION: Intrauterine pregnancy, 6 weeks 6 days by crown-rump length.';
  assert.match(problemsOf(RULE, demise)[0]?.message ?? '', /^Critical finding not in the impression: fetal demise/);
  const cord =
    'EXAM: MRI cervical spine.\nFINDINGS: At C5-6 a broad-based disc protrusion indents the thecal sac. Abnormal T2 hyperintense signal within the cord ' +
    'at C5-6, consistent with myelopathy.\nIMPRESSION: Disc protrusion at C5-6 with mild canal stenosis.';
  assert.ok(problemsOf(RULE, cord).some((p) => /myelopathy/.test(p.message)));
});

test('impression-omission: canal stenosis does not name a cord compression; "as described above" still leaves a call to be named', () => {
  const cord =
    'EXAM: MRI cervical spine.\nFINDINGS: At C5-6 a disc osteophyte complex causes mild cord compression. Moderate canal stenosis at C4-5.\n' +
    'IMPRESSION: Multilevel degenerative change with moderate canal stenosis at C4-5.';
  assert.match(problemsOf(RULE, cord)[0]?.message ?? '', /^Critical finding not in the impression: spinal cord compression/);
  const compressed =
    'EXAM: MRI cervical spine.\nFINDINGS: At C5-6 a disc extrusion causes cord compression and severe canal stenosis.\n' +
    'IMPRESSION: Cord compression at C5-6.';
  // The compression accounts for the stenosis; the extrusion that causes it is still asked for.
  assert.deepEqual(
    problemsOf(RULE, compressed).map((p) => p.finding),
    ['disc herniation'],
  );
  const above =
    'EXAM: CT chest.\nFINDINGS: Moderate left pleural effusion. Small right apical pneumothorax.\n' +
    'IMPRESSION: Moderate left pleural effusion as described above.';
  assert.deepEqual(
    problemsOf(RULE, above).map((p) => p.finding),
    ['pneumothorax'],
  );
});

test('impression-omission: the diagnosis covers its own sign (cirrhosis an enlarged liver, diverticulitis the wall thickening); denied lists are no omissions', () => {
  for (const [findings, impression] of [
    [
      'The liver is diffusely enlarged with a nodular contour and heterogeneous attenuation, findings consistent with cirrhosis.',
      'Cirrhosis.',
    ],
    [
      'There is diffuse wall thickening of the sigmoid colon with pericolic fat stranding, consistent with sigmoid diverticulitis.',
      'Acute uncomplicated sigmoid diverticulitis.',
    ],
    ['There is no evidence of muscle atrophy, denervation changes, or soft tissue masses. Small joint effusion.', 'Small joint effusion.'],
    ['Evaluation of the labrum is limited due to lack of joint fluid. Supraspinatus tendinosis.', 'Supraspinatus tendinosis.'],
    [
      'The pulmonary arteries demonstrate a filling defect in the right lower lobe segmental branch, consistent with a pulmonary embolism.',
      'Pulmonary embolism in the right lower lobe segmental branch.',
    ],
    // "likely" reads the sign as the diagnosis as "consistent with" does (context.json readAs).
    [
      'The pulmonary arteries demonstrate a filling defect in the right lower lobe segmental branch, likely a pulmonary embolism.',
      'Pulmonary embolism in the right lower lobe segmental branch.',
    ],
  ]) {
    const ps = problemsOf(RULE, `EXAM: CT\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`);
    assert.deepEqual(
      ps.map((p) => p.finding),
      [],
      findings,
    );
  }
  // Without the diagnosis the sign is still asked for.
  const ps = problemsOf(RULE, 'EXAM: CT\nFINDINGS: The liver is enlarged. Small renal cyst.\nIMPRESSION: Renal cyst.\n');
  assert.deepEqual(
    ps.map((p) => p.finding),
    ['hepatomegaly'],
  );
});

test('impression-omission: a finding a later sentence reads as another ("this finding corresponds to a lymph node") is covered by that one', () => {
  const findings =
    'FINDINGS: A T2-hyperintense nodule is seen in the right neck. It measures 1.5 cm. On comparison, this finding corresponds to a lymph node lateral to the sternocleidomastoid. The nodule enhances.';
  assert.deepEqual(problemsOf(RULE, `${findings}\nIMPRESSION: Enlarging 1.5 cm right neck lymph node.`), []);
  // Without the reading, the nodule is not the node.
  const plain = 'FINDINGS: A 1.5 cm nodule is seen in the right lung. Enlarged lymph node in the right neck.';
  assert.ok(
    problemsOf(RULE, `${plain}\nIMPRESSION: Enlarged right neck lymph node.`)
      .map((p) => p.finding)
      .includes('nodule'),
  );
});

test('impression-omission: a hedged reading in a later sentence does not stand for what was seen', () => {
  // The impression names one possible cause; the observation itself is what it leaves out.
  for (const [findings, impression, finding] of [
    [
      'There are diffuse increased interstitial opacities. This may be secondary to edema, or alternatively atypical infection.',
      'Findings may be secondary to pulmonary edema.',
      'opacity',
    ],
    [
      'Patchy ground-glass opacities in both lower lobes. These could be related to infection or edema.',
      'Possible edema.',
      'ground-glass opacity',
    ],
  ])
    assert.ok(
      problemsOf(RULE, `EXAM: CT chest\nFINDINGS: ${findings}\nIMPRESSION: ${impression}`)
        .map((p) => p.finding)
        .includes(finding),
      findings,
    );
  // A firm reading still does ("this finding corresponds to ..." above).
  assert.deepEqual(
    problemsOf(
      RULE,
      'EXAM: CT neck\nFINDINGS: A T2-hyperintense nodule is seen in the right neck. This finding corresponds to a lymph node on the prior study.\nIMPRESSION: Stable right neck lymph node.',
    ),
    [],
  );
});

test('impression-omission: marrow edema and cartilage loss at a joint their sentence calls arthritic are the arthritis', () => {
  const omitted = (exam, findings, impression) =>
    problemsOf(RULE, `EXAM: ${exam}\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`).map((p) => p.finding);
  // Degenerative: a facet, the acromioclavicular joint, a knee compartment with osteoarthritis.
  assert.deepEqual(
    omitted('MRI lumbar spine', 'Facet arthropathy at L4-L5 with marrow edema in the left facet.', 'Mild degenerative changes at L4-L5.'),
    [],
  );
  assert.deepEqual(
    omitted(
      'MRI right shoulder',
      'Hypertrophic acromioclavicular joint arthrosis with subchondral marrow edema. Full-thickness tear of the supraspinatus tendon.',
      'Full-thickness supraspinatus tendon tear.',
    ),
    [],
  );
  assert.deepEqual(
    omitted(
      'MRI left knee',
      'Subchondral bone marrow edema in the medial tibial plateau with full-thickness cartilage loss, compatible with osteoarthritis. Complex tear of the medial meniscus.',
      'Complex tear of the medial meniscus.',
    ),
    [],
  );
  // Not the arthritis: a fracture line, or edema more than it explains; edema without arthritis stays a finding.
  assert.ok(
    omitted(
      'MRI left knee',
      'Subchondral marrow edema in the medial femoral condyle with a subchondral fracture line, on a background of osteoarthritis. Complex tear of the medial meniscus.',
      'Complex tear of the medial meniscus.',
    ).includes('bone marrow edema'),
  );
  assert.ok(
    omitted(
      'MRI lumbar spine',
      'Marrow edema in the L4 and L5 endplates, out of proportion to degenerative change. Mild disc bulge at L4-L5.',
      'Mild disc bulge at L4-L5.',
    ).includes('bone marrow edema'),
  );
  assert.ok(
    omitted(
      'MRI left knee',
      'Marrow edema in the medial femoral condyle. Complex tear of the medial meniscus.',
      'Complex tear of the medial meniscus.',
    ).includes('bone marrow edema'),
  );
  // Graded beyond the arthritis (an insufficiency fracture or osteonecrosis may begin so): still a finding.
  for (const findings of [
    'Extensive subchondral marrow edema of the medial femoral condyle with small marginal osteophytes. Complex tear of the medial meniscus.',
    'Severe bone marrow edema of the lateral tibial plateau, with mild osteoarthritis of the lateral compartment. Complex tear of the medial meniscus.',
  ])
    assert.ok(omitted('MRI left knee', findings, 'Complex tear of the medial meniscus.').includes('bone marrow edema'), findings);
});

test('impression-omission: an impression naming the osteoarthritis accounts for its marrow edema and cartilage loss', () => {
  const omitted = (findings, impression) =>
    problemsOf(RULE, `EXAM: MRI right shoulder\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`).map((p) => p.finding);
  assert.deepEqual(
    omitted(
      'There is moderate acromioclavicular joint osteoarthritis. There is marrow edema about the distal clavicle and acromion process.',
      'Moderate acromioclavicular joint osteoarthritis.',
    ),
    [],
  );
  assert.deepEqual(
    omitted('Glenohumeral osteoarthritis. Cartilage thinning over the glenoid.', 'Moderate glenohumeral osteoarthritis.'),
    [],
  );
  // Delamination is a chondral lesion: it names the cartilage loss.
  assert.deepEqual(
    omitted('Cartilage thinning is noted over the anteroinferior glenoid.', 'Cartilage delamination over the superior humeral head.'),
    [],
  );
  // An impression of something else does not.
  assert.ok(
    omitted(
      'Marrow edema about the distal clavicle. Full-thickness tear of the supraspinatus tendon.',
      'Full-thickness supraspinatus tear.',
    ).includes('bone marrow edema'),
  );
});

test('impression-omission: synovitis in the impression (pigmented villonodular, inflammatory) accounts for its erosions', () => {
  const omitted = (exam, findings, impression) =>
    problemsOf(RULE, `EXAM: ${exam}\nFINDINGS: ${findings}\nIMPRESSION: ${impression}\n`).map((p) => p.finding);
  assert.deepEqual(
    omitted(
      'MRI left hip',
      'Extensive synovial proliferation with blooming, compatible with pigmented villonodular synovitis. Cortical erosion of the femoral head-neck junction.',
      'Pigmented villonodular synovitis of the hip.',
    ),
    [],
  );
  assert.deepEqual(
    omitted('MRI left wrist', 'Synovitis of the radiocarpal joint. Bone erosions of the scaphoid.', 'Radiocarpal synovitis.'),
    [],
  );
  assert.ok(
    omitted('MRI left knee', 'Cortical erosion of the lateral femoral condyle. Normal synovium.', 'Small joint effusion.').includes(
      'bone erosion',
    ),
  );
});

test('impression-omission: pulmonary edema or heart failure in the impression accounts for the lung opacities it causes', () => {
  for (const text of [
    'FINDINGS: Moderate cardiomegaly. Bibasilar airspace disease. No pneumothorax.\nIMPRESSION: Cardiomegaly and mild alveolar pulmonary edema.',
    'FINDINGS: The heart is large. Bibasilar interstitial infiltrates and bilateral pleural effusions.\nIMPRESSION: Congestive heart failure with interstitial edema and bilateral pleural effusions.',
    'FINDINGS: Cardiomegaly. Diffuse perihilar alveolar consolidation with Kerley B lines.\nIMPRESSION: Cardiomegaly with alveolar pulmonary edema.',
  ])
    assert.deepEqual(
      problemsOf(RULE, text).map((p) => p.message),
      [],
      text,
    );
  // A mass beside the edema is still left out.
  const mass = 'FINDINGS: Interstitial infiltrates. A 3 cm mass in the right upper lobe.\nIMPRESSION: Interstitial pulmonary edema.';
  assert.equal(problemsOf(RULE, mass).length, 1);
});

test('impression-omission: a breast impression assessing BI-RADS 0, 1 or 2 accounts for benign-read lesions on a screening, known or stable ones anywhere', () => {
  for (const text of [
    'EXAM: Screening mammogram, bilateral.\nFINDINGS: Heterogeneously dense breasts. Several circumscribed oval masses in both breasts, the largest 8 mm on the left, which may represent cysts or fibroadenomas.\nIMPRESSION: BI-RADS 0: Incomplete. Comparison with outside prior mammograms is needed.',
    'EXAM: Left breast ultrasound.\nFINDINGS: At 2 o clock there is an oval circumscribed hypoechoic mass, 9 mm, consistent with the biopsy-proven fibroadenoma, unchanged since 2023.\nIMPRESSION: Benign. BI-RADS 2.',
  ])
    assert.deepEqual(
      problemsOf(RULE, text).map((p) => p.message),
      [],
      text,
    );
  // A diagnostic exam names what it was asked about: the simple cyst that is the palpable lump.
  const diagnostic =
    'EXAM: Right breast ultrasound.\nFINDINGS: At 9 o clock, a 6 mm anechoic mass with posterior enhancement, compatible with a simple cyst.\nIMPRESSION: BI-RADS 2: Benign finding. Annual screening.';
  assert.ok(problemsOf(RULE, diagnostic).some((p) => p.finding === 'mass' || p.finding === 'cyst'));
  // Probably benign (3) names what it follows; a mass read as possibly cancer is named whatever the category.
  const probablyBenign =
    'EXAM: Screening mammogram.\nFINDINGS: Circumscribed mass in the left breast, likely a fibroadenoma.\nIMPRESSION: BI-RADS 3: Probably benign. Follow-up in 6 months.';
  assert.ok(problemsOf(RULE, probablyBenign).some((p) => p.finding === 'mass'));
  const suspicious =
    'EXAM: Screening mammogram.\nFINDINGS: An irregular mass in the right breast, which may represent a fibroadenoma or carcinoma.\nIMPRESSION: BI-RADS 0: Incomplete. Additional imaging is needed.';
  assert.ok(problemsOf(RULE, suspicious).some((p) => p.finding === 'mass'));
});

test('impression-omission: a measurement read as a finding and quoted in the impression covers the finding', () => {
  for (const text of [
    'FINDINGS: Aortic valve area by planimetry 1.3 cm2, consistent with moderate aortic stenosis.\nIMPRESSION: Aortic valve area of 1.3 cm2.',
    'FINDINGS: The common bile duct measures 11 mm, compatible with biliary dilatation.\nIMPRESSION: Common bile duct of 11 mm. No stones seen.',
  ])
    assert.deepEqual(
      problemsOf(RULE, text).map((p) => p.message),
      [],
      text,
    );
  // Another number in the impression quotes nothing.
  const other =
    'FINDINGS: Aortic valve area by planimetry 1.3 cm2, consistent with moderate aortic stenosis.\nIMPRESSION: Ejection fraction 55%.';
  assert.equal(problemsOf(RULE, other).length, 1);
});

test('impression-omission: a diagnosis named in the impression does not name its complication (free air, abscess) read as part of it', () => {
  const ct = (sign, diagnosis, impression) =>
    `EXAM: CT abdomen and pelvis with contrast.\nFINDINGS: ${sign} These findings are consistent with ${diagnosis}. The liver is unremarkable.\nIMPRESSION: ${impression}\n`;
  for (const [sign, diagnosis, impression, finding] of [
    [
      'The appendix is dilated with periappendiceal stranding. Probable free intraperitoneal air under the diaphragm.',
      'acute appendicitis',
      'Acute appendicitis.',
      'pneumoperitoneum',
    ],
    [
      'Dilated appendix with surrounding fat stranding. Probable small abscess in the right lower quadrant.',
      'acute appendicitis',
      'Acute appendicitis.',
      'abscess',
    ],
    [
      'Sigmoid wall thickening with pericolic stranding. A 3 cm rim-enhancing pericolic abscess.',
      'acute sigmoid diverticulitis',
      'Acute sigmoid diverticulitis.',
      'abscess',
    ],
  ])
    assert.ok(
      problemsOf(RULE, ct(sign, diagnosis, impression)).some((p) => p.finding === finding),
      `${finding} under "${impression}"`,
    );
  // Named as a complication, it is covered.
  assert.deepEqual(
    problemsOf(
      RULE,
      ct(
        'Dilated appendix with surrounding fat stranding. Small abscess in the right lower quadrant.',
        'acute appendicitis',
        'Perforated acute appendicitis with a small abscess.',
      ),
    ).map((p) => p.message),
    [],
  );
});

test('impression-omission: a size quoted in the impression covers its finding only in a statement about the same organ, never a finding to call about', () => {
  // The same number about another organ quotes nothing.
  for (const text of [
    'FINDINGS: There is a circumferential pericardial effusion measuring 3.5 cm, compatible with a large effusion.\nIMPRESSION: 3.5 cm renal cyst.',
    'FINDINGS: There is a 2.3 cm mass in the pancreatic head.\nIMPRESSION: 2.3 cm simple renal cyst.',
    'FINDINGS: The common bile duct measures 11 mm, compatible with biliary dilatation.\nIMPRESSION: 11 mm left renal stone.',
  ])
    assert.ok(problemsOf(RULE, text).length > 0, text);
  // A finding to call about is named, whatever size the impression repeats.
  for (const tamponade of [
    'FINDINGS: Pericardial fluid collection measuring 4 cm, consistent with a large pericardial effusion with tamponade physiology.\nIMPRESSION: 4 cm cyst of the liver.',
    'FINDINGS: Large pericardial effusion measuring up to 3 cm with diastolic collapse of the right ventricle, compatible with tamponade.\nIMPRESSION: 3 cm hepatic cyst.',
  ])
    assert.ok(
      problemsOf(RULE, tamponade).some((p) => p.finding === 'cardiac tamponade'),
      tamponade,
    );
  // Quoted about its own organ, it covers.
  for (const text of [
    'FINDINGS: There is a 2.3 cm mass in the pancreatic head.\nIMPRESSION: 2.3 cm hypoenhancing lesion of the pancreatic head.',
    'FINDINGS: 12 mm solid nodule in the right upper lobe.\nIMPRESSION: 12 mm right upper lobe nodule.',
  ])
    assert.deepEqual(
      problemsOf(RULE, text).map((p) => p.message),
      [],
      text,
    );
});

test('impression-omission: BI-RADS 0 recalls the lesion it is incomplete for, which the impression names', () => {
  for (const text of [
    "EXAM: Screening mammogram, bilateral.\nFINDINGS: Circumscribed oval mass in the left breast at 2 o'clock, which may represent a cyst.\nIMPRESSION: BI-RADS 0: Incomplete. Recall for additional imaging.",
    'EXAM: Bilateral screening mammogram.\nFINDINGS: In the right breast upper outer quadrant there is a 7 mm circumscribed mass, likely a cyst.\nIMPRESSION: BI-RADS 0 - Incomplete: needs additional imaging evaluation. Spot compression views and ultrasound of the right breast are recommended.',
  ])
    assert.ok(
      problemsOf(RULE, text).some((p) => p.finding === 'mass'),
      text,
    );
});

test('impression-omission: a breast assessment of benign accounts for breast and axillary lesions only, not another organ seen on the exam', () => {
  for (const text of [
    'EXAM: Screening breast MRI, bilateral.\nFINDINGS: Minimal background parenchymal enhancement. A 2 cm mass in the liver, which may represent a hemangioma.\nIMPRESSION: BI-RADS 2: Benign.',
    'EXAM: Screening breast MRI.\nFINDINGS: Scattered fibroglandular tissue. A 15 mm mass in the right hepatic lobe, likely a hemangioma.\nIMPRESSION: BI-RADS 1: Negative.',
  ])
    assert.ok(
      problemsOf(RULE, text).some((p) => p.finding === 'mass'),
      text,
    );
  const axilla =
    'EXAM: Screening mammogram.\nFINDINGS: A 9 mm oval lymph node in the left axilla with a fatty hilum, consistent with a benign lymph node.\nIMPRESSION: BI-RADS 2: Benign.';
  assert.deepEqual(
    problemsOf(RULE, axilla).map((p) => p.message),
    [],
  );
});

test('impression-omission: vascular congestion in the impression accounts for the septal lines of the findings', () => {
  assert.deepEqual(
    problemsOf(RULE, 'FINDINGS: Few Kerley B lines at the bases. Cephalization.\nIMPRESSION: Mild pulmonary vascular congestion.'),
    [],
  );
  assert.deepEqual(
    problemsOf(RULE, 'FINDINGS: Scattered B-lines are seen at the lung bases.\nIMPRESSION: Mild central vascular congestion.'),
    [],
  );
  // Septal lines the impression leaves unexplained are still asked for.
  assert.equal(problemsOf(RULE, 'FINDINGS: Few Kerley B lines at the bases.\nIMPRESSION: Small left pleural effusion.').length, 1);
});

test('impression-omission: in a document of several reports, a size quoted in one impression covers only its own report', () => {
  const chest =
    'EXAM: CT CHEST\nFINDINGS: 12 mm solid nodule in the right upper lobe.\nIMPRESSION: No acute process.\n\n' +
    'EXAM: CT CHEST\nFINDINGS: 12 mm solid nodule in the right upper lobe.\nIMPRESSION: 12 mm right upper lobe nodule.\n';
  const [nodule, ...others] = problemsOf(RULE, chest);
  assert.equal(others.length, 0);
  assert.equal(nodule.finding, 'nodule');
  assert.ok(nodule.start < chest.indexOf('EXAM', 1), 'the first report, whose impression names no nodule');
  const kidney =
    'EXAM: CT ABDOMEN\nFINDINGS: 9 mm stone in the left renal pelvis with mild hydronephrosis.\nIMPRESSION: 9 mm left renal stone with mild hydronephrosis.\n\n' +
    'EXAM: CT ABDOMEN\nFINDINGS: 9 mm stone in the left renal pelvis.\nIMPRESSION: No acute findings.\n';
  const [stone, ...rest] = problemsOf(RULE, kidney);
  assert.equal(rest.length, 0);
  assert.equal(stone.finding, 'calculus');
  assert.ok(stone.start > kidney.indexOf('EXAM', 1), 'the second report, whose impression names no stone');
});
