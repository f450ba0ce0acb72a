// Patient summaries (issue 18, hand reads r15s): what the findings state that the findings core does not know reaches
// the summary, in the report's words; a sentence is not cut from the hedge or denial that qualifies it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));

const offered = (text) => {
  const r = rewrite('summary', engine.analyze(text));
  assert.equal(r.verification.ok, true, r.verification.reasons.join('\n'));
  return r.text.split('\nWords in your report:')[0];
};
const quoted = (summary, sentence) => summary.includes(`"${sentence}"`);

test('summary: a findings-only result the findings core does not know is quoted (dating scan, vascular variant, perfusion defect)', () => {
  const ob = offered(
    'EXAM: OB ultrasound, third trimester.\nFINDINGS: Single live intrauterine pregnancy in breech presentation. Estimated fetal weight 2100 grams, 35th percentile. Gestational age by biometry 33 weeks 2 days. The placenta is posterior, grade II, without previa. Cervical length is 3.1 cm.\nIMPRESSION: Single live intrauterine pregnancy.\n',
  );
  for (const s of [
    'Estimated fetal weight 2100 grams, 35th percentile.',
    'Gestational age by biometry 33 weeks 2 days.',
    'The placenta is posterior, grade II, without previa.',
    'Cervical length is 3.1 cm.',
  ])
    assert.ok(quoted(ob, s), `${s}\n${ob}`);
  const variant = offered(
    'EXAM: CT angiogram of the chest.\nFINDINGS: No pulmonary embolism. A bovine configuration of the aortic arch is present. The left vertebral artery arises directly from the arch. Small right pleural effusion.\nIMPRESSION: No pulmonary embolism. Small right pleural effusion.\n',
  );
  assert.ok(quoted(variant, 'The left vertebral artery arises directly from the arch.'), variant);
  const spect = offered(
    'EXAM: SPECT myocardial perfusion, adenosine stress.\nFINDINGS: A medium-sized reversible defect involves the anterior wall. The inferior wall shows a fixed defect with no change on rest images. Left ventricular ejection fraction is 41%.\nIMPRESSION: Abnormal myocardial perfusion scan.\n',
  );
  for (const s of [
    'A medium-sized reversible defect involves the anterior wall.',
    'The inferior wall shows a fixed defect with no change on rest images.',
  ])
    assert.ok(quoted(spect, s), `${s}\n${spect}`);
  // The reduced ejection fraction is a known finding: told in plain words with its value, and no side for the chamber.
  assert.match(spect, /ejection fraction is 41%/i, spect);
});

test('summary: a normal or denying findings sentence the findings core does not read is still not quoted', () => {
  const s = offered(
    'EXAM: CT abdomen.\nFINDINGS: The hepatic and portal veins are patent. The IVC and both renal veins are widely patent. Both kidneys are normal in size and contour. Images were obtained after intravenous contrast. A 2 cm simple cyst is seen in the left kidney.\nIMPRESSION: Simple left renal cyst.\n',
  );
  assert.ok(!quoted(s, 'The hepatic and portal veins are patent.'), s);
  assert.ok(!quoted(s, 'The IVC and both renal veins are widely patent.'), s);
  assert.ok(!quoted(s, 'Images were obtained after intravenous contrast.'), s);
  // A list of measures after "normal in" is still a normal statement; a tail going on to a finding is not.
  const listed = offered(
    'EXAM: Renal ultrasound.\nFINDINGS: The kidneys are normal in size, shape, and echotexture. The spleen is normal in size, measuring 10 cm. The bladder is normal in contour, with a 1.5 cm stone layering dependently.\nIMPRESSION: Bladder stone.\n',
  );
  assert.ok(!quoted(listed, 'The kidneys are normal in size, shape, and echotexture.'), listed);
  assert.ok(/stone/i.test(listed), listed);
});

test('summary: a concessive tail stays with the clause it qualifies (a level scope, a caveat of a finding)', () => {
  for (const [text, whole] of [
    [
      'EXAM: MRI THORACIC SPINE\nFINDINGS: At T7-T8, there is a small left paracentral disc extrusion with mild effacement of the ventral CSF, but no cord signal abnormality.\nIMPRESSION: Small T7-T8 disc extrusion.\n',
      'At T7-T8, there is a small left paracentral disc extrusion with mild effacement of the ventral CSF, but no cord signal abnormality.',
    ],
    [
      'EXAM: MRI LUMBAR SPINE\nFINDINGS: L4-L5 shows a small central protrusion contacting the descending L5 nerve roots, but no significant canal stenosis.\nIMPRESSION: Small L4-L5 disc protrusion.\n',
      'L4-L5 shows a small central protrusion contacting the descending L5 nerve roots, but no significant canal stenosis.',
    ],
    [
      'EXAM: MRI LEFT KNEE\nFINDINGS: Increased signal in the body of the lateral meniscus, likely degenerative, although a small horizontal tear cannot be excluded. Trace joint effusion.\nIMPRESSION: Lateral meniscal degeneration. Trace joint effusion.\n',
      'Increased signal in the body of the lateral meniscus, likely degenerative, although a small horizontal tear cannot be excluded.',
    ],
    [
      'EXAM: MRI BRAIN\nFINDINGS: A 9 mm enhancing extra-axial lesion along the left tentorium.\nIMPRESSION: Left tentorial extra-axial lesion, most likely a meningioma, however a dural metastasis cannot be excluded.\n',
      'Left tentorial extra-axial lesion, most likely a meningioma, however a dural metastasis cannot be excluded.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(quoted(s, whole), `${whole}\n${s}`);
    assert.doesNotMatch(s, /"(?:but|although|however)\b/, s);
  }
});

test('summary: one "possible" in a sentence does not move its definite finding under "may be there"', () => {
  const part = (text, heading) => (text.split(`${heading}\n`)[1] ?? '').split('\n\n')[0];
  for (const [text, definite] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: MRI RIGHT ANKLE\nFINDINGS: There is a partial tear of the anterior talofibular ligament. Small osteochondral lesion of the talar dome is questioned.\nIMPRESSION: Partial tear of the anterior talofibular ligament and possible small osteochondral lesion of the talar dome.\n',
      /Partial tear of the anterior talofibular ligament and possible/,
    ],
    [
      'EXAM: MRI LEFT SHOULDER\nFINDINGS: Full-thickness tear of the supraspinatus tendon with 1 cm retraction. Subscapularis tendon signal is heterogeneous.\nIMPRESSION: Full-thickness supraspinatus tendon tear and possible low-grade partial tear of the subscapularis tendon.\n',
      /Full-thickness supraspinatus tendon tear and possible/,
    ],
  ])) {
    const s = offered(text);
    assert.match(part(s, 'What the report found:'), definite, s);
    assert.doesNotMatch(part(s, 'What the report says may be there:'), definite, s);
  }
});

test('summary: a treatment the patient had, named as what a finding follows from, is no advice told apart under "More"', () => {
  const more = (s) => (s.split('More from the report:\n')[1] ?? '').split('\n\n')[0];
  for (const [text, line] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: CT CHEST\nFINDINGS: Patchy consolidation in the right upper lobe with traction bronchiectasis.\nIMPRESSION: Patchy consolidation in the right upper lobe; it was evaluated as secondary to radiotherapy. Follow-up is recommended.\n',
      /secondary to radiotherapy/,
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: Post biopsy changes are noted in the lower pole of the left kidney. A small hematoma is present at this site.\nIMPRESSION: Small left perinephric hematoma.\n',
      /Post biopsy changes/,
    ],
  ])) {
    const s = offered(text);
    assert.match(s, line, s);
    assert.doesNotMatch(more(s), line, s);
  }
});

test('summary: an absence read as a finding ("no cardiac activity, consistent with demise") is not told as a denial, nor cut from its subject', () => {
  const part = (text, heading) => (text.split(`${heading}\n`)[1] ?? '').split('\n\n')[0];
  for (const [text, reading] of /** @type {[string, RegExp][]} */ ([
    [
      'EXAM: Pelvic ultrasound.\nFINDINGS: There is an intrauterine gestational sac with a yolk sac. Crown-rump length 9 mm, consistent with 6 weeks 6 days.\nIMPRESSION: Intrauterine gestational sac with an embryo but no cardiac activity, consistent with embryonic demise.\n',
      /Intrauterine gestational sac with an embryo but no cardiac activity, consistent with embryonic demise/,
    ],
    [
      'EXAM: OB ultrasound, first trimester.\nFINDINGS: Single intrauterine gestational sac. Fetal pole measures 8 mm.\nIMPRESSION: Fetal pole of 8 mm but without cardiac motion, consistent with fetal demise.\n',
      /Fetal pole of 8 mm but without cardiac motion, consistent with fetal demise/,
    ],
  ])) {
    const s = offered(text);
    assert.match(s, reading, s);
    assert.doesNotMatch(part(s, 'What the report did not find:'), reading, s);
    assert.doesNotMatch(s, /"but (?:no|without)/, s);
  }
});

// r17s #4: a lost or reversed normal curve says "normal" of what it lost; since it is no scoliosis it was neither told
// nor quoted. It is quoted, under what the report found.
test('summary: "reversal / straightening of the normal curvature" is quoted as a finding, not left out or told as a denial', () => {
  for (const [text, sentence] of [
    [
      'EXAM: CT cervical spine.\nFINDINGS: There is reversal of the normal cervical curvature. No acute fracture. Mild degenerative disc disease at C5-6.\nIMPRESSION: No acute fracture. Mild degenerative disc disease at C5-6.\n',
      'There is reversal of the normal cervical curvature.',
    ],
    [
      'EXAM: MRI cervical spine.\nFINDINGS: Straightening of the normal cervical lordosis. No fracture. The cord is normal.\nIMPRESSION: No acute abnormality.\n',
      'Straightening of the normal cervical lordosis.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(quoted(s, sentence), s);
    const found = s.split('What the report did not find')[0];
    assert.ok(found.includes(sentence), s);
  }
});
