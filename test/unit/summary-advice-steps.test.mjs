// Patient summaries (issue 18, r15s #10, r16s #16): advice that names its test first and what should become of it
// ("… should be performed for further evaluation of the mass", "… may be necessary") is advice, filed apart from the findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));
const { adviceKindOf } = require(path.join(root, 'out/server/rewrite/summary.js'));

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

test('summary: a test asked for after it is named is advice, though it names the finding it is for', () => {
  const breast = offered(
    'EXAM: MRI both breasts.\nFINDINGS: There is a 9 mm enhancing mass in the right breast at 10:00.\nIMPRESSION: 9 mm enhancing mass in the right breast at 10:00, suspicious. Second-look ultrasonography of the right breast should be performed for further evaluation of the mass. Targeted sonography of the right axilla should then also be obtained. BI-RADS 4.\n',
  );
  for (const s of [
    'Second-look ultrasonography of the right breast should be performed for further evaluation of the mass.',
    'Targeted sonography of the right axilla should then also be obtained.',
  ])
    assert.equal(partOf(breast, s), 'More from the report', breast);
  const pelvis = offered(
    'EXAM: Pelvic ultrasound.\nFINDINGS: There is a 4 cm complex cyst in the left ovary.\nIMPRESSION: 4 cm complex left ovarian cyst. MRI of the pelvis (if the patient is not pregnant) may be necessary to characterize the cyst.\n',
  );
  assert.equal(
    partOf(pelvis, 'MRI of the pelvis (if the patient is not pregnant) may be necessary to characterize the cyst.'),
    'More from the report',
    pelvis,
  );
});

test('summary: a finding seen on an earlier study or after a treatment asks for nothing', () => {
  for (const s of [
    'The right kidney is small, as seen on the prior examination.',
    'The mass was excised at surgery.',
    'The study is limited by motion.',
  ])
    assert.equal(adviceKindOf(s), undefined, s);
  assert.equal(adviceKindOf('Ultrasound of the remaining masses should also be performed.'), 'treatment');
  assert.equal(adviceKindOf('PET scanning may be necessary.'), 'treatment');
});

// rev14 5b: a step timed by a treatment ("after antibiotic therapy") is still a step asked for, not a treatment had.
test('summary: a repeat study timed after a treatment is advice, not a finding', () => {
  const chest = offered(
    'EXAM: Chest radiograph.\nFINDINGS: Right lower lobe consolidation.\nIMPRESSION: Right lower lobe pneumonia. Repeat chest radiograph after antibiotic therapy to document resolution.\n',
  );
  assert.equal(partOf(chest, 'Repeat chest radiograph after antibiotic therapy to document resolution.'), 'More from the report', chest);
  const liver = offered(
    'EXAM: CT abdomen with contrast.\nFINDINGS: Two hypodense liver lesions, the largest 2.1 cm in segment 7.\nIMPRESSION: Two liver metastases, the largest 2.1 cm. Repeat CT after chemotherapy to assess response.\n',
  );
  assert.equal(partOf(liver, 'Repeat CT after chemotherapy to assess response.'), 'More from the report', liver);
});

// rev15 #6: "can be considered benign" is the reader's verdict on a finding, not a step asked for; a step told by what it
// showed is a result.
test('advice: a verdict "considered benign" and a step told by what it showed ask for nothing new', () => {
  const { asksOf } = require(path.join(root, 'out/server/rewrite/advice.js'));
  assert.equal(asksOf('The nodule is unchanged since the 2023 CT and can be considered benign.'), undefined);
  assert.equal(asksOf('The lesion, stable since the prior MRI, may be considered a benign cyst.'), undefined);
  assert.equal(asksOf('MRI could be considered for further evaluation.'), 'treatment');
  assert.equal(asksOf('Repeat chest radiograph after antibiotic therapy to document resolution.'), 'treatment');
});
