import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, engine } from '../helpers/engine.mjs';

// Where each thing of a patient summary stands, and what stays with it (hand-reads r8s–r10s, issue 18):
// a lead-in with its clause, a sentence pointing back with the one it points to, a denial with its organ.
/** @type {typeof import('../../server/src/rewrite/index.js')} */
const { rewrite } = load('rewrite/index.js');
/** The summary as offered (verified), without its word list. */
const offered = (text) => {
  const s = rewrite('summary', engine.analyze(text));
  assert.ok(s.verification.ok, s.verification.reasons.join('; '));
  return s.text.split('\nWords in your report:')[0];
};
/** The lines under a heading of the summary. */
const under = (text, heading) => (text.split(`${heading}\n`)[1] ?? '').split('\n\n')[0].split('\n');
const quotes = (text) => [...text.matchAll(/^The report (?:also )?says: "(.*)"$/gm)].map((m) => m[1]);

test('summary: a lead-in before ";" is quoted with the clause it introduces, never as an item of its own', () => {
  for (const [text, lead] of [
    [
      'EXAM: CT ABDOMEN\nFINDINGS: Within the limits of this unenhanced examination; No mass lesion was detected in the liver. The spleen is enlarged, measuring 15 cm.\n',
      'Within the limits of this unenhanced examination',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Small right pleural effusion. In the sections passing through the upper abdomen; No space-occupying lesion was detected in the adrenal glands.\n',
      'In the sections passing through the upper abdomen',
    ],
  ]) {
    const s = offered(text);
    assert.ok(!quotes(s).includes(lead), s);
    const joined = quotes(s).find((q) => q.startsWith(`${lead}; `));
    assert.ok(joined, s);
    // Under the heading of what it leads into: a denial.
    assert.ok(
      under(s, 'What the report did not find:').some((l) => l.includes(joined)),
      s,
    );
  }
});

test('summary: a sentence that points back stands right after the one it points to, under its heading', () => {
  for (const [text, antecedent, pointer] of /** @type {[string, RegExp, RegExp][]} */ ([
    [
      'EXAM: CT NECK\nIMPRESSION: 1. Enhancing nodule of the left parotid gland, for which a pleomorphic adenoma cannot be excluded. Ultrasound-guided biopsy may be considered for further characterization of this lesion. 2. Mild mucosal thickening of the right maxillary sinus.\n',
      /^The report (?:also )?says: "Enhancing nodule of the left parotid gland/,
      /this lesion\."$/,
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Small left pleural effusion.\nIMPRESSION: Small left pleural effusion. Patchy consolidation in the right lower lobe is not typical for aspiration. However, it cannot be excluded.\n',
      /^The report (?:also )?says: "Patchy consolidation in the right lower lobe is not typical for aspiration\."$/,
      /^The report (?:also )?says: "However, it cannot be excluded\."$/,
    ],
    [
      'EXAM: CEREBRAL ANGIOGRAM\nIMPRESSION: 1. Right MCA aneurysm measuring 4 mm. 2. Severe vasospasm of the right M1 and A1 segments. Intra-arterial nimodipine was infused with improved caliber of the above mentioned vessels.\n',
      /vasospasm of the right M1 and A1 segments/,
      /above mentioned vessels\."$/,
    ],
  ])) {
    const s = offered(text);
    const lines = s.split('\n');
    const at = lines.findIndex((l) => pointer.test(l));
    assert.ok(at > 0, s);
    assert.match(lines[at - 1], antecedent, s);
  }
});

test('summary: a quoted denial of a lump keeps the organ the sentence before it names; another denial is not given one', () => {
  for (const [text, organ, denial] of [
    [
      'EXAM: CT ABDOMEN\nFINDINGS: The liver is normal in size and attenuation. No focal lesion is identified. A 2.5 cm enhancing mass is seen in the right kidney.\n',
      'liver',
      'No focal lesion is identified.',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Small right pleural effusion. The contour and parenchymal density of the spleen are natural. No solid or cystic mass lesion was observed.\n',
      'spleen',
      'No solid or cystic mass lesion was observed.',
    ],
  ]) {
    const s = offered(text);
    const lines = s.split('\n');
    const at = lines.findIndex((l) => l.includes(`"${denial}"`));
    assert.ok(at > 0, s);
    assert.equal(lines[at - 1], `About your ${organ}:`, s);
  }
  // "No lymphadenopathy" after a kidney sentence is no denial of the kidney's.
  const nodes = offered(
    'EXAM: CT ABDOMEN\nFINDINGS: A 3 cm mass is seen in the left kidney. No retroperitoneal lymphadenopathy. No ascites.\n',
  );
  assert.doesNotMatch(nodes, /About your/);
});

test('summary: an organ line the report does not give its quote is refused by the check', () => {
  const { verify } = load('rewrite/index.js');
  const analysis = engine.analyze(
    'EXAM: CT ABDOMEN\nFINDINGS: The liver is normal in size. No focal lesion is identified. A 2.5 cm mass is seen in the right kidney.\n',
  );
  const good = offered(analysis.report.text);
  assert.ok(verify('summary', analysis, good).ok);
  const moved = good.replace('About your liver:', 'About your pancreas:');
  assert.notEqual(moved, good);
  const v = verify('summary', analysis, moved);
  assert.ok(!v.ok && v.reasons.some((r) => /tells of the pancreas what the report does not say/.test(r)), v.reasons.join('; '));
});

test('summary: who the patient is (an age and a person) is history, never under what the report found', () => {
  for (const [text, history] of [
    [
      'EXAM: CT ABDOMEN\nFINDINGS: The patient is a 58-year-old male who had a left nephrectomy for renal cell carcinoma. There is a 2 cm lesion in segment 6 of the liver. No ascites.\n',
      'The patient is a 58-year-old male',
    ],
    [
      'EXAM: US ABDOMEN\nFINDINGS: There is a 1.2 cm echogenic focus in the gallbladder. This is a 3-month-old infant boy who underwent pyloromyotomy. No free fluid.\n',
      'This is a 3-month-old infant boy',
    ],
  ]) {
    const s = offered(text);
    for (const heading of ['What the report found:', 'What the report says may be there:', 'What the report did not find:'])
      assert.ok(!under(s, heading).some((l) => l.includes(history)), s);
  }
});

test('summary: one finding at two sites with two grades is two lines, each site with its own grade', () => {
  const joints = offered(
    'EXAM: MRI PELVIS\nIMPRESSION: Degenerative changes in the lumbar spine and mild degenerative changes in the hip joints.\n',
  );
  assert.match(joints, /^- .*\bhip\b.*mild/m, joints);
  assert.doesNotMatch(joints, /^- .*\bspine\b.*mild/m, joints);
  const lobes = offered(
    'EXAM: CT CHEST\nIMPRESSION: Mild bronchiectasis in the right middle lobe and moderate bronchiectasis in the right lower lobe.\n',
  );
  // Told plainly or quoted whole, never one line with one of the grades.
  if (/^- /m.test(lobes)) {
    assert.match(lobes, /^- .*middle.*mild/m, lobes);
    assert.match(lobes, /^- .*lower.*moderate/m, lobes);
  } else assert.match(lobes, /"Mild bronchiectasis in the right middle lobe and moderate bronchiectasis in the right lower lobe\."/);
});

test('summary: "X has increased" with no earlier study named is not told as a change since the last images', () => {
  for (const text of [
    'EXAM: CT CHEST\nCOMPARISON: None.\nFINDINGS: The cardiac silhouette has increased in size (cardiomegaly). Small left pleural effusion.\n',
    'EXAM: CT ABDOMEN\nFINDINGS: Liver size has increased (hepatomegaly). No ascites.\n',
  ])
    assert.doesNotMatch(offered(text), /since the last images/);
  // With an earlier study, the change is told.
  assert.match(
    offered('EXAM: CT ABDOMEN\nCOMPARISON: CT abdomen 01/05/2022.\nFINDINGS: Liver size has increased (hepatomegaly). No ascites.\n'),
    /increased since the last images/,
  );
});

test('summary: place and size words kept: a node at the lung root is not in the lung, a chest wall keeps its wall, "millimetric" stays', () => {
  for (const text of [
    'EXAM: CT CHEST\nIMPRESSION: Stable lymph node at the level of the left lung hilum.\n',
    'EXAM: CT CHEST\nIMPRESSION: Enlarged lymph node in the right lung hilum.\n',
  ]) {
    const s = offered(text);
    assert.match(s, /root of the (?:left|right) lung/, s);
    assert.doesNotMatch(s, /^- .* in the (?:left|right) lung\b/m, s);
  }
  for (const text of [
    'EXAM: CT CHEST\nIMPRESSION: Large right chest wall mass.\n',
    'EXAM: CT CHEST\nIMPRESSION: Abscess in the left chest wall.\n',
  ])
    assert.match(offered(text), /chest wall/);
  for (const [text, word] of [
    ['EXAM: CT CHEST\nIMPRESSION: Millimetric nodules in both lungs.\n', 'millimetric'],
    ['EXAM: CT CHEST\nIMPRESSION: Subcentimeter nodule in the right upper lobe.\n', 'subcentimeter'],
  ])
    assert.match(offered(text).toLowerCase(), new RegExp(word));
});

test('summary: a numbered grade stays with its finding', () => {
  for (const [text, grade] of /** @type {[string, RegExp][]} */ ([
    ['EXAM: XR LUMBAR SPINE\nIMPRESSION: Grade 2 spondylolisthesis at L4-L5.\n', /grade 2/i],
    ['EXAM: MRI LUMBAR SPINE\nFINDINGS: There is grade 1 retrolisthesis of L3 on L4. Mild disc bulge at L4-5.\n', /grade 1/i],
    ['EXAM: MRI LUMBAR SPINE\nIMPRESSION: Grade I anterolisthesis of L5 on S1 with bilateral pars defects.\n', /grade I\b/i],
  ])) {
    const s = offered(text);
    const line = s.split('\n').find((l) => /listhesis|slipped/i.test(l));
    assert.match(line ?? '', grade, s);
  }
});

test('summary: "See above" brings in the findings it points to; a template label stays with its value; a closing normal line is told', () => {
  const above = offered(
    'EXAM: CT CHEST\nFINDINGS: There is a 4 cm mass in the right upper lobe. Mild emphysema. Healed left rib fractures.\nIMPRESSION: See above.\n',
  );
  assert.match(above, /emphysema/);
  assert.match(above, /Healed left rib fractures|healed/i);
  assert.ok(!under(above, 'What the report found:').some((l) => /See above/.test(l)), above);
  const described = offered(
    'EXAM: CT ABDOMEN\nFINDINGS: Cholelithiasis without cholecystitis. Mild hepatic steatosis.\nIMPRESSION:\n1. Acute uncomplicated appendicitis.\n2. Other findings as described above.\n',
  );
  assert.match(described, /gallstones/);
  assert.match(described, /fatty liver/);
  // "FL: 4.1cm consistent with …": the value is quoted under its label.
  const ob = offered(
    'EXAM: OB ULTRASOUND\nBIOMETRY:\nFL: 4.1cm consistent with 23 weeks, 2 days gestation\n\nAC: 18.0cm consistent with 23 weeks, 0 days\n\nIMPRESSION:\nSingle live intrauterine pregnancy at 23 weeks by biometry. No fetal anomaly seen.\n',
  );
  const lines = ob.split('\n');
  const at = lines.findIndex((l) => l.includes('"4.1cm consistent'));
  if (at >= 0) assert.equal(lines[at - 1], 'About "FL":', ob);
  for (const text of [
    'EXAM: CT CHEST\nFINDINGS: Heart and mediastinum are normal. Lungs are clear. No pleural effusion.\nFindings within normal limits.\n',
    'EXAM: CT CHEST\nFINDINGS: Trachea and main bronchi are open. No pleural effusion. Examination within normal limits\n',
  ])
    assert.match(offered(text), /The report says the images look normal\./);
});

test('summary (r10s): a finding before ";" is no lead-in; ", and although" leaves no dangling "and"; history bullets and reading words', () => {
  // "Increase in the size of both thyroid lobes; examination with USG is recommended.": the finding is not advice.
  const thyroid = offered(
    'EXAM: CT NECK\nFINDINGS: The thyroid gland is enlarged.\nIMPRESSION: Increase in the size of both thyroid lobes; examination with USG is recommended.\n',
  );
  assert.ok(!under(thyroid, 'More from the report:').some((l) => /thyroid lobes/.test(l)), thyroid);
  const plaque = offered(
    'EXAM: CTA CORONARY\nFINDINGS: There is dense calcific plaque within the left circumflex artery, and although a high-grade stenosis cannot be excluded, there is no flow-limiting lesion demonstrated.\n',
  );
  assert.doesNotMatch(plaque, /, and"$|"and"$/m, plaque);
  for (const [text, history] of [
    ['EXAM: CT CHEST\nIMPRESSION: Operated bladder tumor on follow-up. Small right pleural effusion.\n', 'Operated bladder tumor'],
    ['EXAM: CT ABDOMEN\nIMPRESSION: Status post right nephrectomy. Small left renal cyst.\n', 'Status post right nephrectomy'],
  ]) {
    const s = offered(text);
    assert.ok(!under(s, 'What the report found:').some((l) => l.includes(history)), s);
  }
  // "significant for" weighs a reading, it grades nothing: told as written.
  for (const text of [
    'EXAM: CT CHEST\nFINDINGS: Peripheral ground glass opacities in the right lower lobe.\nIMPRESSION: Although the involvement is unilateral, it was evaluated as significant for viral pneumonia.\n',
    'EXAM: CT CHEST\nIMPRESSION: Bilateral patchy consolidations, significant for multifocal pneumonia.\n',
  ])
    assert.doesNotMatch(offered(text), /significant (?:lung )?infection|There is a significant/);
  // "No acute process in the brain" keeps acute as sudden and its place; active stays active.
  assert.match(offered('EXAM: CT HEAD\nIMPRESSION: No acute process in the brain.\n'), /sudden problem inside the head/);
  assert.doesNotMatch(offered('EXAM: CT HEAD\nIMPRESSION: No acute process.\n'), /active disease/);
});

test('summary (r10s): a word is explained as of the organ the report says it of', () => {
  /** The summary's word list, term -> meaning. */
  const words = (text) => {
    const s = rewrite('summary', engine.analyze(text));
    assert.ok(s.verification.ok, s.verification.reasons.join('; '));
    return new Map((s.text.split('\nWords in your report:\n')[1] ?? '').split('\n').map((l) => [l.replace(/^- /, '').split(': ')[0], l]));
  };
  for (const text of [
    'EXAM: ECHOCARDIOGRAM\nIMPRESSION: Aortic valve sclerosis. Moderate mitral regurgitation.\n',
    'EXAM: TRANSESOPHAGEAL ECHO\nIMPRESSION: Sclerosis of the mitral valve leaflets without stenosis.\n',
  ])
    assert.doesNotMatch(words(text).get('sclerosis') ?? '', /bone/i, text);
  for (const text of [
    'EXAM: CT ABDOMEN\nIMPRESSION: Effusion and edema in the left perinephric area. Left renal cyst.\n',
    'EXAM: CT ABDOMEN\nIMPRESSION: Small perinephric effusion on the left. Left renal stone.\n',
  ])
    for (const [, line] of words(text)) assert.doesNotMatch(line, /^- (?:edema|effusion): .*lung/i, text);
  assert.match(
    words(
      'EXAM: CARDIAC MRI\nIMPRESSION: Thinning of the left ventricular apex with delayed enhancement consistent with chronic infarction.\n',
    ).get('chronic infarction') ?? '',
    /heart/,
  );
});

test('summary (r10s): a denial of two places or two kinds joined by "or"/"and" keeps both', () => {
  for (const [text, kept] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: CT CHEST\nFINDINGS: No pleural or pericardial effusion was detected. There is a 2 cm nodule in the right upper lobe.\n',
      /pleural/,
    ],
    ['EXAM: CT ABDOMEN\nFINDINGS: No intra- or extrahepatic biliary dilatation. 2 cm cyst in the right kidney.\n', /intra-/],
    [
      'EXAM: CT CHEST\nFINDINGS: There are no pathologically enlarged lymph nodes in the mediastinum and hilar regions. 5 mm nodule in the left lower lobe.\n',
      /hilar|root of/,
    ],
  ]))
    assert.match(offered(text), kept);
});

test('summary: a normal statement is never told as found; "as described above" with words of its own brings no findings in', () => {
  for (const text of [
    'EXAM: CT ABDOMEN\nFINDINGS: Normal appendix.\nIMPRESSION: Unremarkable exam; specifically no evidence for acute appendicitis.\n',
    'EXAM: MRI ELBOW\nFINDINGS: Small joint effusion.\nIMPRESSION: Small joint effusion; the ulnotrochlear articulation is normal.\n',
  ]) {
    const s = offered(text);
    assert.ok(!under(s, 'What the report found:').some((l) => /Unremarkable exam"|is normal\."/.test(l)), s);
  }
  const own = offered(
    'EXAM: MRI ELBOW\nFINDINGS: The brachialis tendon is normal. The triceps tendon is normal. Small joint effusion.\nIMPRESSION: Periligamentous inflammation of the radial collateral ligament as described above. Small joint effusion.\n',
  );
  assert.doesNotMatch(own, /brachialis|triceps/);
});

test('summary (lead9): the urgent finding is told first, in plain words; an impression twin of a findings line is one line', () => {
  for (const [text, urgent, old] of /** @type {[string, RegExp, RegExp][]} */ ([
    [
      'EXAM: CT HEAD\nFINDINGS: Chronic lacunar infarct in the left thalamus. There is a 7 mm acute left subdural hematoma. No hydrocephalus.\nIMPRESSION:\n1. Chronic left thalamic lacunar infarct.\n2. Acute left subdural hematoma.\n',
      /blood collection between the brain and the skull/,
      /old stroke/,
    ],
    [
      'EXAM: CT HEAD\nFINDINGS: Old right cerebellar infarct. Acute intraparenchymal hemorrhage in the right frontal lobe measuring 2 cm.\nIMPRESSION:\n1. Old right cerebellar infarct.\n2. Acute right frontal intraparenchymal hemorrhage.\n',
      /bleeding|blood/,
      /old stroke|stroke/,
    ],
  ])) {
    const s = offered(text);
    const found = under(s, 'What the report found:');
    assert.match(found[0], urgent, s);
    assert.equal(found.filter((l) => old.test(l)).length, 1, s);
  }
  // The side said in plain words is not said again in the brackets.
  const sided = offered(
    'EXAM: CT HEAD\nIMPRESSION: Acute right subdural hematoma measuring up to 9 mm with 4 mm leftward midline shift.\n',
  );
  assert.match(sided, /on the right side \(acute subdural hematoma\)/);
});

test('summary (lead9): a run-in spine level label stays with every sentence of its run', () => {
  for (const [text, line] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: MRI LUMBAR SPINE\nFINDINGS:\nL3-L4: Mild disc bulge.\nL4-L5: Broad-based disc bulge. Moderate canal stenosis. Mild left foraminal narrowing.\n',
      /narrow spinal canal.*at L4-L5/,
    ],
    [
      'EXAM: MRI CERVICAL SPINE\nFINDINGS:\nC4-C5: Normal.\nC5-C6: Disc osteophyte complex. Severe right foraminal stenosis.\n',
      /nerve opening.*at C5-C6/,
    ],
  ]))
    assert.match(offered(text), line);
  // A label on a line before is not a run-in of the next line.
  assert.doesNotMatch(
    offered('EXAM: MRI LUMBAR SPINE\nFINDINGS:\nL3-L4: Mild disc bulge.\nModerate canal stenosis at the lumbosacral junction.\n'),
    /narrow spinal canal.*at L3-L4/,
  );
});

test('summary (lead9): a one-word assessment is told with its label; a call for more imaging is advice; a density caveat is told', () => {
  for (const text of [
    'EXAM: SCREENING MAMMOGRAM\nFINDINGS: There is a new 8 mm irregular mass in the right breast.\nIMPRESSION:\nIncomplete. Additional imaging evaluation needed for a right breast mass.\nBI-RADS 0: Incomplete.\n',
    'EXAM: SCREENING MAMMOGRAM\nFINDINGS: New grouped calcifications in the left breast.\nIMPRESSION:\nIncomplete. Further diagnostic mammographic views are needed of the left breast calcifications.\nBI-RADS Category 0: Incomplete - Need additional imaging evaluation.\n',
  ]) {
    const s = offered(text);
    assert.ok(!quotes(s).includes('Incomplete.'), s);
    assert.ok(
      under(s, 'More from the report:').some((l) => /(?:Additional|Further) /.test(l)),
      s,
    );
  }
  for (const caveat of [
    'The breasts are heterogeneously dense, which may obscure small masses.',
    'The breasts are extremely dense, which lowers the sensitivity of mammography.',
  ])
    assert.ok(
      quotes(offered(`EXAM: SCREENING MAMMOGRAM\nFINDINGS: ${caveat} There is a new 8 mm mass in the right breast.\n`)).includes(caveat),
    );
});

test('summary (r10s): the agent a study is named by is no finding; a node is not called swollen by its size alone; a site word stays', () => {
  for (const text of [
    'EXAM: BARIUM ENEMA\nFINDINGS: The colon fills normally with barium to the cecum. No filling defect.\nIMPRESSION: Normal barium enema.\n',
    'EXAM: UPPER GI\nFINDINGS: Barium passes freely through the esophagus. No stricture.\nIMPRESSION: Unremarkable barium swallow.\n',
  ]) {
    const s = offered(text);
    assert.doesNotMatch(s, /There is barium/, s);
    assert.match(s, /images look normal/, s);
  }
  for (const text of [
    'EXAM: CT CHEST\nFINDINGS: There is a 12 mm lymph node in the right hilum. No pleural effusion.\n',
    'EXAM: CT ABDOMEN\nFINDINGS: A 15 mm periportal lymph node is noted.\n',
  ])
    assert.doesNotMatch(offered(text), /swollen/);
  assert.match(offered('EXAM: CT ABDOMEN\nFINDINGS: Multiple enlarged retroperitoneal lymph nodes measuring up to 18 mm.\n'), /swollen/);
  for (const [text, site] of /** @type {[string, RegExp][]} */ ([
    ['EXAM: CT SINUS\nFINDINGS: The nasal septum is midline.\nIMPRESSION: Mild mucosal thickening of the ethmoid sinuses.\n', /ethmoid/],
    ['EXAM: CT SINUS\nIMPRESSION: Moderate mucosal thickening in the right maxillary sinus.\n', /maxillary/],
    ['EXAM: US SCROTUM\nFINDINGS: The testes are normal.\nIMPRESSION: Mild scrotal wall thickening.\n', /scrotal/i],
  ]))
    assert.match(offered(text), site);
});

test('summary (r10s): under an all-clear impression, a thing the findings say is there and the core cannot name is told', () => {
  for (const [text, told] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: CT HEAD\nFINDINGS: There is a laceration in the left parietal region of the scalp without underlying calvarial fractures. No hemorrhage.\nIMPRESSION: No acute intracranial process.\n',
      /laceration/,
    ],
    [
      'EXAM: CT HEAD\nFINDINGS: There is a small abrasion over the right forehead. The ventricles are normal.\nIMPRESSION: No acute intracranial abnormality.\n',
      /abrasion/,
    ],
  ])) {
    const s = offered(text);
    assert.ok(
      under(s, 'What the report found:').some((l) => told.test(l)),
      s,
    );
  }
  // A normal description is no such thing.
  assert.doesNotMatch(
    offered('EXAM: US ABDOMEN\nFINDINGS: The aorta is smooth walled. The liver is normal.\nIMPRESSION: Normal abdominal ultrasound.\n'),
    /smooth walled/,
  );
});

test('summary (r10s): a letter with its results under "DETAILS:" is told from them; what the writer says of the visit is not a finding', () => {
  for (const header of ['DETAILS', 'RESULTS']) {
    const s = offered(
      `The patient is a 30-year-old gravida 2 at 20 weeks.\n\nPAST MEDICAL HISTORY: None.\n\n${header}: I performed a transabdominal ultrasound today. The cervical length is 3.5 cm. There is a 2 cm simple cyst in the left ovary.\n\nWe discussed the results with the patient.\n`,
    );
    assert.match(s, /cervical length/, s);
    assert.ok(!under(s, 'What the report found:').some((l) => /We discussed|I performed/.test(l)), s);
  }
});

test('summary: a skull bone named by its lobe word is the skull, not the brain', () => {
  for (const [text, place] of /** @type {[string, RegExp][]} */ ([
    ['EXAM: CT HEAD\nIMPRESSION: Non-displaced left temporal bone fracture.\n', /left side of the skull/],
    ['EXAM: CT HEAD\nFINDINGS: Small right occipital bone fracture. No hemorrhage.\n', /back of the skull/],
  ])) {
    const s = offered(text);
    assert.match(s, place, s);
    assert.doesNotMatch(s, /brain \(fracture\)/, s);
  }
});

test('summary: the mediastinum is not the hilum — a pneumothorax with mediastinal shift is told as a collapsed lung and offered', () => {
  for (const text of [
    'EXAM: Chest radiograph, portable AP.\nFINDINGS:\nLarge left pneumothorax with rightward mediastinal shift.\nIMPRESSION:\nLarge left pneumothorax with rightward mediastinal shift.\n',
    'EXAM: CT chest.\nFINDINGS:\nLarge right pneumothorax. The mediastinum is shifted to the left.\nIMPRESSION:\nLarge right pneumothorax with leftward mediastinal shift.\n',
  ]) {
    const body = offered(text);
    assert.match(body, /collapsed .*lung \(.*pneumothorax\)/, body);
  }
});

test('summary (r11s #3 #8 #15): a segment, bone part or weighing qualifier its line would drop is told, plain or quoted', () => {
  for (const [text, kept] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: CT ABDOMEN\nFINDINGS: The liver is normal.\nIMPRESSION: 1. Descending colon diverticulosis without diverticulitis.\n',
      /descending colon/i,
    ],
    ['EXAM: CT ABDOMEN AND PELVIS\nFINDINGS: Scattered diverticula.\nIMPRESSION: Diverticulosis of the sigmoid colon.\n', /sigmoid/i],
    [
      'EXAM: CT CHEST\nFINDINGS: The heart is normal.\nIMPRESSION: Aneurysmal dilatation of the ascending thoracic aorta measuring 44 mm.\n',
      /ascending/i,
    ],
    ['EXAM: CT CHEST\nFINDINGS: No effusion.\nIMPRESSION: Atherosclerosis of the aortic arch.\n', /aortic arch/i],
    ['EXAM: CT PELVIS\nFINDINGS: No fracture.\nIMPRESSION: Benign cystic lesion of the left iliac wing.\n', /iliac wing/i],
    ['EXAM: CT ABDOMEN\nFINDINGS: No free air.\nIMPRESSION: Small fat-containing reducible left inguinal hernia.\n', /reducible/i],
    ['EXAM: CT ABDOMEN\nFINDINGS: No free air.\nIMPRESSION: Incarcerated ventral hernia containing small bowel.\n', /incarcerated/i],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: No hydronephrosis.\nIMPRESSION: Non-obstructing right lower pole renal calculus.\n',
      /non-obstructing.*lower pole/i,
    ],
    ['EXAM: CT CHEST\nFINDINGS: No effusion.\nIMPRESSION: Reactive mediastinal lymph nodes.\n', /reactive/i],
  ])) {
    const s = offered(text);
    assert.match(under(s, 'What the report found:').join('\n'), kept, s);
  }
});

test('summary: a narrowed heart valve is told as that valve, not as any tube or vessel', () => {
  for (const [text, valve] of /** @type {[string, RegExp][]} */ ([
    ['EXAM: ECHOCARDIOGRAM\nFINDINGS: The aortic valve is heavily calcified.\nIMPRESSION: Severe aortic stenosis.\n', /aortic valve/],
    ['EXAM: ECHOCARDIOGRAM\nFINDINGS: The left ventricle is normal.\nIMPRESSION: Mild mitral stenosis.\n', /mitral/],
  ])) {
    const s = offered(text);
    assert.match(s, valve, s);
    assert.doesNotMatch(s, /tube or vessel/, s);
  }
  // A vessel's narrowing stays a vessel's.
  assert.doesNotMatch(offered('EXAM: CT ANGIOGRAM NECK\nIMPRESSION: Moderate stenosis of the left internal carotid artery.\n'), /valve/);
});

test('summary (r11s #2 #4 #17 #19): a sentence is cut only where its clauses say different things', () => {
  // Clauses that say the same kind of thing stay one quote, as the report wrote them.
  for (const [text, whole] of [
    [
      'EXAM: CT CHEST\nFINDINGS: There is a right pleural effusion.\nIMPRESSION:\n1. Right pleural effusion; new since the prior study.\n2. Left lower lobe consolidation; increased compared with the prior examination.\n',
      'Right pleural effusion; new since the prior study.',
    ],
    [
      'EXAM: ECHOCARDIOGRAM\nFINDINGS: The left ventricle is normal.\nIMPRESSION:\n1. Moderate mitral regurgitation, but only mild left atrial enlargement.\n',
      'Moderate mitral regurgitation, but only mild left atrial enlargement.',
    ],
    [
      'EXAM: MRI BRAIN\nFINDINGS: There are scattered foci of T2 hyperintensity.\nIMPRESSION: Please note, however, that the small left frontal white matter foci are nonspecific.\n',
      'Please note, however, that the small left frontal white matter foci are nonspecific.',
    ],
    // "; however," is two clause ends in a row, read as the report's are.
    [
      'EXAM: CT CHEST\nFINDINGS: Symmetric bilateral hilar lymph nodes.\nIMPRESSION: Bilateral hilar lymphadenopathy. Differential includes lymphoma or metastasis; however, sarcoidosis is favored given the symmetric distribution.\n',
      'Differential includes lymphoma or metastasis; however, sarcoidosis is favored given the symmetric distribution.',
    ],
    // A relative clause stays whole, whatever its parts say.
    [
      'EXAM: CT CHEST\nFINDINGS: There is a soft tissue nodule in the right upper lobe, in which small calcifications with lobulated contour but no spiculation are seen.\nIMPRESSION: Right upper lobe nodule.\n',
      'There is a soft tissue nodule in the right upper lobe, in which small calcifications with lobulated contour but no spiculation are seen.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(quotes(s).includes(whole), s);
    assert.ok(!quotes(s).some((q) => q !== whole && whole.includes(q) && !/^There is a right pleural/.test(q)), s);
  }
  // A finding and its denial are still told apart, each under its own heading.
  const s = offered('EXAM: CT CHEST\nIMPRESSION: Small right pleural effusion, but no pneumothorax.\n');
  assert.ok(!under(s, 'What the report found:').some((l) => /pneumothorax/.test(l)), s);
  assert.ok(
    under(s, 'What the report did not find:').some((l) => /pneumothorax/.test(l)),
    s,
  );
});

test('summary (r11s #1, brief 3): how the exam or procedure was done is told apart from what it found', () => {
  // (An INTERPRETATION alone is the report's conclusion; beside an IMPRESSION it is the findings, whose steps go untold.)
  for (const [text, step] of [
    [
      'EXAM: THORACIC SPINE\nINTERPRETATION: The thoracic spine was examined in the AP and lateral projections. There is mild anterior wedging of T12.\n',
      'The thoracic spine was examined in the AP and lateral projections.',
    ],
    [
      'EXAM: TEE\nINTERPRETATION: The patient was brought to the procedure unit. His throat was anesthetized with lidocaine spray. There is a 1 cm vegetation on the aortic valve.\n',
      'His throat was anesthetized with lidocaine spray.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(!under(s, 'What the report found:').some((l) => l.includes(step)), s);
    assert.ok(
      under(s, 'More from the report:').some((l) => l.includes(step)),
      s,
    );
  }
});

test('summary: a denial that opens on "Apart from this" after advice stands with the denials, not with the advice', () => {
  const s = offered(
    'EXAM: CT CHEST\nFINDINGS: There is a mosaic attenuation pattern in both lungs. It is recommended to be evaluated together with clinical findings. Apart from this, no mass lesion was detected in both lungs.\nIMPRESSION: Mosaic attenuation pattern in both lungs.\n',
  );
  assert.ok(!under(s, 'More from the report:').some((l) => /Apart from this/.test(l)), s);
});

test('summary (S11 of seed 7321): "no interval change" beside a finding is told, not left out', () => {
  for (const text of [
    'EXAM: MRI BRAIN\nFINDINGS: Periventricular white matter hyperintensities.\nIMPRESSION: Chronic small vessel ischemic changes. No significant interval change compared to the prior examination.\n',
    'EXAM: CT CHEST\nFINDINGS: Stable 5 mm right upper lobe nodule.\nIMPRESSION: Right upper lobe nodule. No interval change from the prior study.\n',
  ])
    assert.match(offered(text), /interval change|look the same as on the last images|not changed since the last images/i);
});

test('summary (r11s #5, brief 3): a vessel "wider than normal" or "dilated" the core names nothing in is told as found', () => {
  for (const [text, told] of /** @type {[string, string][]} */ ([
    [
      'EXAM: CT CHEST\nFINDINGS: Calibration of the aortic arch is 33 mm wider than normal. No pleural effusion.\nIMPRESSION: No pneumonia.\n',
      'Calibration of the aortic arch is 33 mm wider than normal.',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: The main pulmonary artery measures 34 mm and is wider than normal. No nodules.\nIMPRESSION: No acute findings.\n',
      'The main pulmonary artery measures 34 mm and is wider than normal.',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: The portal vein is dilated to 16 mm. The pancreas is normal.\nIMPRESSION: Small gallstones.\n',
      'The portal vein is dilated to 16 mm.',
    ],
  ])) {
    const s = offered(text);
    assert.ok(
      under(s, 'What the report found:').some((l) => l.includes(told)),
      s,
    );
  }
  // A dilated common bile duct the core reads itself (biliary dilatation) is told as found in its own words.
  const cbd = offered(
    'EXAM: CT ABDOMEN\nFINDINGS: The common bile duct is dilated to 11 mm. The pancreas is normal.\nIMPRESSION: Small gallstones.\n',
  );
  assert.ok(
    under(cbd, 'What the report found:').some((l) => /bile duct/i.test(l) && /11 millimeters|11 mm/.test(l)),
    cbd,
  );
  // Not dilated is no finding.
  const none = offered('EXAM: CT ABDOMEN\nFINDINGS: The common bile duct is not dilated.\nIMPRESSION: Small gallstones.\n');
  assert.ok(!under(none, 'What the report found:').some((l) => /not dilated/.test(l)), none);
});

test('summary (r11s #12): a thing stated before it is read through another is found; the reading keeps its hedge in the quote', () => {
  for (const [text, told] of [
    [
      'EXAM: MRI RIGHT KNEE\nFINDINGS: The patellofemoral compartment demonstrates moderate thinning of the articular cartilage in the medial and lateral facets, suggesting progressive degenerative changes.\nIMPRESSION: Patellofemoral cartilage thinning.\n',
      'suggesting progressive degenerative changes.',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: There is a 2 cm hypodense lesion in the right hepatic lobe, concerning for metastasis.\nIMPRESSION: Right hepatic lobe lesion concerning for metastasis.\n',
      'concerning for metastasis.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(
      under(s, 'What the report found:').some((l) => l.includes(told)),
      s,
    );
  }
  // Nothing stated before the link: what may be there.
  const s = offered(
    'EXAM: CT CHEST\nFINDINGS: Findings suggestive of pneumonia in the left lower lobe.\nIMPRESSION: Possible left lower lobe pneumonia.\n',
  );
  assert.ok(!/What the report found:/.test(s), s);
});

test('summary (seed 7321 S17): a contrast with no subject of its own stays with the clause it is said of', () => {
  const { summarize } = load('rewrite/summary.js');
  const { parseReport } = load('report/index.js');
  for (const text of [
    'EXAM: MRI LEFT KNEE\nFINDINGS: Moderate joint effusion. The anterior cruciate ligament is intact but demonstrates mild thickening suggestive of a sprain.\nIMPRESSION: Moderate joint effusion.\n',
    'EXAM: CT ABDOMEN\nFINDINGS: The right kidney is normal in size but contains a 2 cm simple cyst.\nIMPRESSION: Right renal cyst.\n',
  ]) {
    const said = summarize(parseReport(text)).text;
    assert.ok(!quotes(said).some((q) => /^but\b/i.test(q)), said);
  }
});

test('summary (r12s): which tendon, an unread degeneration and a dependent (expected) density keep their sentence', () => {
  // Degeneration the findings core reads no concept in.
  const shoulder =
    'EXAM: MRI right shoulder.\nFINDINGS: Full-thickness tear of the supraspinatus tendon. Mild degeneration of the posterior labrum.\nIMPRESSION: Full-thickness supraspinatus tendon tear.\n';
  assert.ok(quotes(offered(shoulder)).some((q) => /posterior labrum/.test(q)));
  // Which tendon, and a dependent (expected) density, are kept with the sentence.
  const tendon = offered(
    'EXAM: MRI left shoulder.\nFINDINGS: Moderate tendinopathy of the subscapularis tendon.\nIMPRESSION: Subscapularis tendinopathy.\n',
  );
  assert.match(tendon, /subscapularis/);
  const dependent = offered(
    'EXAM: CT chest.\nFINDINGS: Dependent atelectasis in both lower lobes, an expected finding. No pneumothorax.\nIMPRESSION: No acute cardiopulmonary abnormality.\n',
  );
  assert.ok(
    quotes(dependent).some((q) => /Dependent atelectasis/.test(q)),
    dependent,
  );
});

test('summary (r12s): a follow-up denial of recurrence is told; advice said as "X may be necessary" is no finding', () => {
  const followUp = offered(
    'EXAM: CT abdomen and pelvis.\nFINDINGS: Postsurgical changes of left nephrectomy. No evidence of recurrent tumor in the nephrectomy bed. Residual-relapse appearance was not detected.\nIMPRESSION: Postsurgical changes of left nephrectomy.\n',
  );
  assert.ok(
    quotes(followUp).some((q) => /recurrent tumor/.test(q)),
    followUp,
  );
  assert.ok(
    quotes(followUp).some((q) => /Residual-relapse/.test(q)),
    followUp,
  );
  const advice = offered(
    'EXAM: CT chest.\nFINDINGS: A 9 mm solid nodule in the right lower lobe.\nIMPRESSION: 9 mm right lower lobe nodule. A PET-CT may be necessary for further evaluation. Tissue sampling might be helpful.\n',
  );
  assert.ok(!under(advice, 'What the report found:').some((l) => /PET-CT/.test(l)), advice);
  assert.ok(
    under(advice, 'More from the report:').some((l) => /PET-CT may be necessary/.test(l)),
    advice,
  );
});

test('summary (brief 4): a quote with a question inside brackets is read as one clause, as the report reads it', () => {
  const text =
    'EXAM: CT CHEST\nFINDINGS: There are bilateral small pleural effusions. Conclusion: Pleural effusions (parapneumonic? reactive?) Mild cardiomegaly (volume overload? cardiomyopathy?) Emphysematous changes in both lungs\n';
  const s = rewrite('summary', engine.analyze(text));
  assert.ok(s.verification.ok, s.verification.reasons.join('; '));
  const { quoteClauses } = load('rewrite/summary-lines.js');
  assert.deepEqual(quoteClauses('Cyst (benign? complex?) in the liver. Stone in the kidney; no hydronephrosis'), [
    'Cyst (benign? complex?) in the liver.',
    'Stone in the kidney',
    ' no hydronephrosis',
  ]);
});

test('summary (brief 4): "apparent X" and "X/Y" keep their doubt: told as written, never as a plain finding', () => {
  for (const [text, quoted] of [
    ['EXAM: CT chest.\nFINDINGS: 4 mm nodule/scar in the lingula.\nIMPRESSION: 4 mm lingular nodule/scar.\n', /nodule\/scar/],
    [
      'EXAM: CT abdomen.\nFINDINGS: 2 cm cyst/abscess in the right hepatic lobe.\nIMPRESSION: 2 cm right hepatic cyst/abscess.\n',
      /cyst\/abscess/,
    ],
    [
      'EXAM: CT chest.\nFINDINGS: Apparent 5 mm nodule in the right lower lobe.\nIMPRESSION: Apparent 5 mm right lower lobe nodule.\n',
      /Apparent/,
    ],
  ]) {
    const s = offered(/** @type {string} */ (text));
    assert.ok(
      quotes(s).some((q) => /** @type {RegExp} */ (quoted).test(q)),
      s,
    );
    assert.doesNotMatch(s, /^- There (?:is|are) /m, s);
  }
});

test('summary (r13s #16): bare "edema" of a muscle, tendon, ligament or bone is no fluid in the lungs, with or without an exam line', () => {
  for (const text of [
    // A soft-tissue word near the mention tells the sense.
    'FINDINGS: There is edema of the epimysial sheath of the pronator teres. No muscle tear.\nIMPRESSION: Mild pronator teres strain.\n',
    'FINDINGS: Peritendinous edema about the distal biceps tendon insertion. The tendon is intact.\nIMPRESSION: Distal biceps peritendinitis.\n',
    // None near it, and the report names no chest organ: said naming no organ.
    'FINDINGS: Edema is present in the lateral femoral condyle. Small joint effusion.\nIMPRESSION: Lateral femoral condyle bone contusion.\n',
    'FINDINGS: Mild edema in the anconeus. No fracture.\nIMPRESSION: Mild edema in the anconeus.\n',
  ]) {
    const s = rewrite('summary', engine.analyze(text));
    assert.ok(s.verification.ok, s.verification.reasons.join('; '));
    assert.doesNotMatch(s.text, /lung/i, s.text);
  }
  // A chest report keeps the lung sense, with or without an exam line.
  for (const text of [
    'EXAM: Chest x-ray\nFINDINGS: Cardiomegaly. Mild edema. No pleural effusion.\nIMPRESSION: Mild edema.\n',
    'FINDINGS: The lungs show mild edema. No pneumothorax.\nIMPRESSION: Mild edema.\n',
  ])
    assert.match(rewrite('summary', engine.analyze(text)).text, /edema: Fluid in the lungs/);
});

test('summary (r13s #9): a next step said as "X may be considered" or "could be considered" is advice, not a finding that may be there', () => {
  for (const [text, advice] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: MRI neck.\nFINDINGS: A 2.8 x 1.8 cm cystic mass in the left neck.\nIMPRESSION: Left neck cystic mass. Tissue sampling could be considered if it grows.\n',
      /Tissue sampling could be considered/,
    ],
    [
      'EXAM: CT abdomen.\nFINDINGS: A 2 cm indeterminate lesion in the right adrenal gland.\nIMPRESSION: Indeterminate right adrenal lesion. Endocrine consultation might be helpful.\n',
      /Endocrine consultation might be helpful/,
    ],
  ])) {
    const s = offered(text);
    assert.ok(
      under(s, 'More from the report:').some((l) => advice.test(l)),
      s,
    );
    assert.ok(!under(s, 'What the report found:').some((l) => advice.test(l)), s);
    assert.ok(!under(s, 'What the report says may be there:').some((l) => advice.test(l)), s);
  }
});

// Brief 2, r14s #1 #9: a contrast cut off its clause lost its organ ("but no demonstrated tear.") or the possible its
// caveat ("although a malignant process cannot be completely excluded" under found).
test('summary: a placeless "but no …" or a caveat after a possible stays in one quote with its clause', () => {
  for (const [text, whole] of [
    [
      'EXAM: MRI RIGHT FOOT\nFINDINGS: Minimal synovitis of the peroneal tendon sheaths but no demonstrated tear.\nIMPRESSION: Minimal peroneal synovitis.\n',
      'Minimal synovitis of the peroneal tendon sheaths but no demonstrated tear.',
    ],
    [
      'EXAM: CT ABDOMEN\nIMPRESSION: The pancreas is atrophic, but no focal mass is seen.\n',
      'The pancreas is atrophic, but no focal mass is seen.',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: A 4 cm enhancing lesion in the right hepatic lobe.\nIMPRESSION: Differential includes hepatic hemangioma or focal nodular hyperplasia, although a malignant process cannot be completely excluded given enhancement characteristics.\n',
      'Differential includes hepatic hemangioma or focal nodular hyperplasia, although a malignant process cannot be completely excluded given enhancement characteristics.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(quotes(s).includes(whole), s);
    assert.ok(!quotes(s).some((q) => /^(?:but|although)\b/.test(q)), s);
  }
  const caveat = offered(
    'EXAM: CT ABDOMEN\nFINDINGS: A 4 cm enhancing lesion in the right hepatic lobe.\nIMPRESSION: Differential includes hepatic hemangioma or focal nodular hyperplasia, although a malignant process cannot be completely excluded given enhancement characteristics.\n',
  );
  assert.ok(
    under(caveat, 'What the report says may be there:').some((l) => /cannot be completely excluded/.test(l)),
    caveat,
  );
  // A denial that names its own place is still told apart: no pneumothorax is no finding of the effusion.
  const s = offered('EXAM: CT CHEST\nIMPRESSION: Moderate left pleural effusion, but no pneumothorax.\n');
  assert.ok(
    under(s, 'What the report did not find:').some((l) => /pneumothorax/.test(l)),
    s,
  );
});

// Brief 2, r14s #1 #3 #9: the impression restates a finding without the size or extent the findings give it.
test('summary: a size or extent only the findings give a finding the impression restates is quoted', () => {
  for (const [text, detail] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: MRI LEFT WRIST\nFINDINGS: There is a small ganglion cyst measuring approximately 6 x 4 x 4 mm in size arising from the dorsal scapholunate ligament. No fracture.\nIMPRESSION: Small ganglion cyst abutting the dorsal scapholunate ligament.\n',
      /6 x 4 x 4 mm/,
    ],
    [
      'EXAM: CT ABDOMEN PELVIS\nFINDINGS: The left ovary appears enlarged and demonstrates a 4 cm simple cyst. The uterus is normal.\nIMPRESSION: Simple cyst in the left ovary.\n',
      /enlarged and demonstrates a 4 cm/,
    ],
  ])) {
    const s = offered(text);
    assert.match(s.split('\nWords in your report:')[0], detail, s);
  }
});

// r14s #13, brief 2: quotes after an "About your pancreas:" line read as the pancreas's (a kidney, an adrenal).
test('summary: a quote told of an organ comes last in its part, so no other quote stands under its organ line', () => {
  for (const [text, organ] of [
    [
      'EXAM: CT ABDOMEN\nFINDINGS: Liver is cirrhotic.\nIMPRESSION: Cirrhotic liver. The pancreas is normal in size. No space-occupying lesion was detected. No renal solid or cystic mass was detected. Bilateral adrenal glands were normal.\n',
      'pancreas',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: Gallstones.\nIMPRESSION: Cholelithiasis. The spleen is of normal size. No focal lesion was seen. The kidneys are unremarkable. No free fluid.\n',
      'spleen',
    ],
  ]) {
    const s = offered(text);
    const lines = under(s, 'What the report did not find:');
    const at = lines.indexOf(`About your ${organ}:`);
    if (at < 0) continue; // told another way: nothing to inherit the organ
    assert.equal(at, lines.length - 2, s);
  }
});

// r16s #9: "Less likely, this finding could be …" speaks of the finding before a quoted denial, not of what was denied.
test('summary: an alternative reading after a denial is not filed with the denials', () => {
  for (const [text, alternative] of [
    [
      'EXAM: CT head.\nCOMPARISON: None.\nFINDINGS: Subtle hyperdensity in the left frontal lobe. No midline shift.\nIMPRESSION: 1. Subtle hyperdensity in the left frontal lobe, suggesting a small contusion. There is no associated mass effect at this time. Less likely, this finding could be secondary to cortical calcification.\n',
      'Less likely, this finding could be secondary to cortical calcification.',
    ],
    [
      'EXAM: MRI knee.\nFINDINGS: Increased signal in the posterior horn of the medial meniscus.\nIMPRESSION: Increased signal in the posterior horn of the medial meniscus, likely degeneration. No meniscal tear. Less likely, this finding could be secondary to a healed tear.\n',
      'Less likely, this finding could be secondary to a healed tear.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(!under(s, 'What the report did not find:').some((l) => l.includes(alternative)), s);
    assert.ok(quotes(s).includes(alternative), s);
  }
});

// r16s #2: "There are hypodense nodules." after "Both thyroid lobes are heterogeneous." are the thyroid's, not told with no organ.
test('summary: a finding whose organ the sentence before names is quoted with that sentence', () => {
  for (const [text, organ, finding] of [
    [
      'EXAM: CT chest.\nFINDINGS: Both thyroid lobes are heterogeneous. There are hypodense nodules. USG correlation is recommended. No pulmonary nodules. Mild emphysema.\nIMPRESSION: Mild emphysema.\n',
      'Both thyroid lobes are heterogeneous.',
      'There are hypodense nodules.',
    ],
    [
      'EXAM: CT abdomen.\nFINDINGS: The liver is enlarged, measuring 19 cm. There are several hypodense lesions, the largest 2 cm. The spleen is normal.\nIMPRESSION: Hepatomegaly.\n',
      'The liver is enlarged, measuring 19 cm.',
      'There are several hypodense lesions, the largest 2 cm.',
    ],
  ]) {
    const s = offered(text);
    const q = quotes(s);
    assert.ok(q.includes(finding) && q.indexOf(organ) === q.indexOf(finding) - 1, s);
  }
});

test("summary: a letter's thanks or sign-off is no finding, told apart under More (h16s: 'Thank you for referring …' under found)", () => {
  for (const [text, courtesy] of [
    [
      'EXAM: CT CHEST\nFINDINGS: There is a 6 mm nodule in the right upper lobe.\nIMPRESSION:\n1. 6 mm right upper lobe nodule.\nThank you for referring this patient to us.\n',
      'Thank you for referring this patient to us.',
    ],
    [
      'EXAM: MRI BRAIN\nFINDINGS: Small chronic infarct in the left cerebellum. No hemorrhage.\nIMPRESSION: Chronic left cerebellar infarct.\nThank you for the courtesy of this referral.\n',
      'Thank you for the courtesy of this referral.',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: Simple cyst in the right kidney measuring 2 cm.\nIMPRESSION: Right renal cyst.\nPlease do not hesitate to call with any questions regarding this study.\n',
      'Please do not hesitate to call with any questions regarding this study.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(!under(s, 'What the report found:').some((l) => l.includes(courtesy)), s);
    assert.ok(
      under(s, 'More from the report:').some((l) => l.includes(courtesy)),
      s,
    );
  }
});

test('summary: a quoted denial of any change since the prior study is told with what the report did not find, never as found', () => {
  for (const sentence of [
    'No significant interval change compared to prior.',
    'No interval change since the prior study.',
    'There has been no significant change since the prior exam dated 2/3/2019.',
    'Otherwise, no appreciable change compared with the previous examination.',
  ]) {
    const text = `EXAM: CT HEAD\nCOMPARISON: CT head 1/2/2020.\nFINDINGS: Small right frontal subdural hematoma measuring 5 mm, unchanged.\nIMPRESSION:\n1. Right frontal subdural hematoma.\n2. ${sentence}\n`;
    const s = offered(text);
    assert.ok(!under(s, 'What the report found:').some((l) => l.includes(sentence)), s);
  }
  // A change denied of a finding it names still tells that finding as found.
  const named = offered(
    'EXAM: CT CHEST\nCOMPARISON: CT chest 1/2/2019.\nFINDINGS: There is a 6 mm nodule in the left lower lobe.\nIMPRESSION: No interval change in the 6 mm left lower lobe nodule since 2019.\n',
  );
  assert.ok(
    under(named, 'What the report found:').some((l) => /nodule/i.test(l)),
    named,
  );
});

test('summary: a ";" tail that only says how the clause before changed, or which test the advice asks for, stays with that clause (r18s pattern 1)', () => {
  for (const [text, joined, heading] of [
    [
      'EXAM: CT CHEST\nCOMPARISON: CT chest 3/4/2021.\nFINDINGS: There are several nodules in the left lung, the largest 5 mm. Small pericardial effusion.\nIMPRESSION:\n• Nodules in the left lung; no significant change in size or number compared to the prior examination.\n• Pericardial effusion; not significantly different from the prior study.\n',
      'Nodules in the left lung; no significant change in size or number compared to the prior examination.',
      'What the report found:',
    ],
    [
      'EXAM: CT CHEST\nCOMPARISON: 2019.\nFINDINGS: There is a 9 mm hypodense lesion in the right lobe of the liver. Thickening of the right adrenal gland.\nIMPRESSION:\n• Hypodense lesion in the right lobe of the liver; stable (cyst?).\n• Right adrenal thickening; unchanged (hyperplasia?).\n',
      'Right adrenal thickening; unchanged (hyperplasia?).',
      'What the report found:',
    ],
    [
      "EXAM: MAMMOGRAM\nFINDINGS: There is a 7 mm irregular mass in the right breast at 10 o'clock.\nIMPRESSION: Right breast mass at 10 o'clock. Recommend additional imaging; spot compression views of the right breast.\nBI-RADS 0.\n",
      'Recommend additional imaging; spot compression views of the right breast.',
      'More from the report:',
    ],
  ]) {
    const s = offered(text);
    assert.ok(
      under(s, heading).some((l) => l.includes(joined)),
      s,
    );
  }
});

test('summary: a lung place said of another organ ("base of the gallbladder", "apex of the kidney") is never told as the lung\'s, and the report\'s words keep it', () => {
  for (const [text, quoted] of [
    [
      'EXAM: CT CHEST\nFINDINGS: Small nodule in the right lower lobe measuring 4 mm. In the upper abdominal sections, millimetric stones are observed at the base of the gallbladder.\nIMPRESSION: 4 mm right lower lobe nodule. Cholelithiasis.\n',
      'millimetric stones are observed at the base of the gallbladder',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: A 12 mm hypodense nodule is seen in the right lobe of the liver. A small stone is present at the base of the gallbladder.\nIMPRESSION: Hepatic nodule. Cholelithiasis.\n',
      'A small stone is present at the base of the gallbladder.',
    ],
  ]) {
    const s = rewrite('summary', engine.analyze(text));
    assert.ok(s.verification.ok, s.verification.reasons.join('; '));
    const [body, words] = s.text.split('\nWords in your report:');
    assert.ok(!/stones?[^\n]*\blung\b/.test(body), s.text);
    assert.ok(
      quotes(body).some((q) => q.includes(quoted)),
      s.text,
    );
    // The word list does not explain "base" as the lung's either.
    assert.ok(!/^- base: .*lung/m.test(words ?? ''), s.text);
  }
});

test('summary: what the patient has or takes apart from the exam, and what an exam can miss in general, are told apart, never as found or as a denial (r18s pattern 7)', () => {
  for (const [text, sentence] of [
    [
      'EXAM: ABDOMINAL ULTRASOUND\nFINDINGS: There is a 2.4 cm hypoechoic lesion in the left lobe of the liver.\nIMPRESSION: Indeterminate liver lesion. The patient has a known allergy to iodinated contrast. MRI is recommended for further characterization.\n',
      'The patient has a known allergy to iodinated contrast.',
    ],
    [
      'EXAM: CT HEAD\nFINDINGS: There is a small left frontal subdural hematoma measuring 4 mm.\nIMPRESSION: Small left frontal subdural hematoma. The patient reportedly takes warfarin for atrial fibrillation.\n',
      'The patient reportedly takes warfarin for atrial fibrillation.',
    ],
    [
      'EXAM: SCREENING MAMMOGRAM\nFINDINGS: Scattered fibroglandular densities. No suspicious mass or calcifications.\nIMPRESSION: Benign. BI-RADS 2.\nMAMMOGRAPHY INFORMATION:\n1. A certain percentage of breast cancers are not detected by mammography.\n2. A negative mammogram should not delay biopsy of a clinically suspicious palpable lump.\n',
      'A certain percentage of breast cancers are not detected by mammography.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(
      under(s, 'More from the report:').some((l) => l.includes(sentence)),
      s,
    );
    assert.ok(!under(s, 'What the report found:').some((l) => l.includes(sentence)), s);
  }
  // The disclaimer is no denial of cancer in plain words.
  const mg = offered(
    'EXAM: SCREENING MAMMOGRAM\nFINDINGS: Scattered fibroglandular densities.\nIMPRESSION: Benign. BI-RADS 2.\nMAMMOGRAPHY INFORMATION:\n1. Some breast cancers may not be visible on mammography.\n2. A negative report should not delay biopsy of a palpable lump.\n',
  );
  assert.ok(!/^- There is no sign of/m.test(mg), mg);
  // A finding the patient "has" is no history (rev17 #5).
  const tendon = offered(
    'EXAM: MRI RIGHT ANKLE\nFINDINGS: The patient has marked fusiform thickening of the Achilles tendon with intrasubstance signal.\nIMPRESSION: Achilles tendinopathy.\n',
  );
  assert.ok(!under(tendon, 'More from the report:').some((l) => /Achilles/.test(l)), tendon);
});

test('summary: a narrowed space under the shoulder roof is told as the narrowing, not as the impingement the report says it may cause (r18s #17)', () => {
  for (const text of [
    'EXAM: MRI LEFT SHOULDER\nFINDINGS: There is mild narrowing of the subacromial space due to a downsloping acromion, which may contribute to impingement in the appropriate clinical setting. The rotator cuff is intact.\nIMPRESSION: Subacromial narrowing which may predispose to impingement.\n',
    'EXAM: MRI RIGHT SHOULDER\nFINDINGS: Lateral downsloping of the acromion with outlet narrowing. Small amount of subacromial bursal fluid.\nIMPRESSION: Outlet narrowing. Mild subacromial bursitis.\n',
  ]) {
    const s = rewrite('summary', engine.analyze(text));
    assert.ok(s.verification.ok, s.verification.reasons.join('; '));
    // Neither the plain line nor the word list entry of the narrowing says the tendons are pinched.
    assert.ok(!/^- [^\n]*pinching[^\n]*narrowing\)/im.test(s.text), s.text);
    assert.ok(!/^- (?:subacromial narrowing|narrowing of the subacromial space|outlet narrowing): [^\n]*pinch/im.test(s.text), s.text);
    assert.ok(/^- (?:subacromial narrowing|narrowing of the subacromial space|outlet narrowing): [^\n]*narrow/im.test(s.text), s.text);
  }
});

test('summary: a denial the findings core cannot read, which a caveat of the exam right after qualifies, is told; the caveat stands apart (r18s pattern 3)', () => {
  for (const [text, denial, caveat] of [
    [
      'EXAM: CT CHEST\nFINDINGS: Trachea and both main bronchi are open. Mild degenerative changes in the thoracic spine. No evidence of infection was seen in either lung. However, CT may be negative in the early phase of the disease.\n',
      'No evidence of infection was seen in either lung.',
      'However, CT may be negative in the early phase of the disease.',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Heart size is normal. Small calcified granuloma in the right upper lobe. No signs of inflammation were found in the lung parenchyma. It should be noted that early disease may not be visible on CT.\n',
      'No signs of inflammation were found in the lung parenchyma.',
      'It should be noted that early disease may not be visible on CT.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(
      under(s, 'What the report did not find:').some((l) => l.includes(denial)),
      s,
    );
    assert.ok(!under(s, 'What the report found:').some((l) => l.includes(caveat)), s);
    assert.ok(quotes(s).includes(caveat), s);
  }
});

test('summary: a findings reading that denies the worse ("…, but no complete tear is seen") is told when the impression restates the finding (r18s pattern 2)', () => {
  for (const [text, denial] of [
    [
      'EXAM: MRI RIGHT ANKLE\nFINDINGS: The anterior talofibular ligament is thickened and mildly heterogeneous, which may represent a partial injury, but no complete tear is seen. Small tibiotalar effusion.\nIMPRESSION: Partial injury of the anterior talofibular ligament. Small joint effusion.\n',
      'but no complete tear is seen',
    ],
    [
      'EXAM: MRI LEFT ANKLE\nFINDINGS: The calcaneofibular ligament is thickened and ill-defined, which may reflect a prior sprain; however, there is no acute tear. Small tibiotalar joint effusion.\nIMPRESSION: Sprain of the calcaneofibular ligament. Small joint effusion.\n',
      'however, there is no acute tear',
    ],
  ]) {
    const s = offered(text);
    assert.ok(
      quotes(s).some((q) => q.includes(denial)),
      s,
    );
  }
});
