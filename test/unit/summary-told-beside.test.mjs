// Patient summaries (issue 18, hand read r19s): what a report says beside a finding, or of a thing the lexicon does not
// know, is told in its words, never dropped or misread: how an organ looks ("decreased in attenuation"), a cause of what
// is seen ("effaced due to fluid"), a side carried by a level ("at both apical levels"), a felt mass the mammogram does
// not show, and a denial of a thing read as what it would be ("No mass compatible with thrombus").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, engine } from '../helpers/engine.mjs';

/** @type {typeof import('../../server/src/rewrite/index.js')} */
const { rewrite } = load('rewrite/index.js');
const offered = (text) => {
  const s = rewrite('summary', engine.analyze(text));
  assert.ok(s.verification.ok, s.verification.reasons.join('; '));
  return s.text.split('\nWords in your report:')[0];
};
/** The lines under a heading of the summary. */
const under = (text, heading) => (text.split(`${heading}\n`)[1] ?? '').split('\n\n')[0].split('\n');

test('summary: how an enlarged organ looks on this exam is told, never as a change since the last images', () => {
  for (const [text, look] of [
    [
      'EXAM: CT ABDOMEN\nCOMPARISON: None.\nFINDINGS: The liver is enlarged and decreased in attenuation. Diverticulosis of the sigmoid colon.\nIMPRESSION: Hepatomegaly. Diverticulosis.\n',
      'decreased in attenuation',
    ],
    [
      'EXAM: CT ABDOMEN\nCOMPARISON: None.\nFINDINGS: The liver is enlarged and diffusely decreased in density. The spleen is normal.\nIMPRESSION: Hepatomegaly with fatty infiltration.\n',
      'diffusely decreased in density',
    ],
    [
      'EXAM: US ABDOMEN\nFINDINGS: The liver is enlarged, with diffusely increased echogenicity. Gallbladder normal.\nIMPRESSION: Hepatomegaly.\n',
      'increased echogenicity',
    ],
    [
      'EXAM: MRI ABDOMEN\nFINDINGS: The spleen is enlarged and heterogeneously increased in signal on T2. No focal lesion.\nIMPRESSION: Splenomegaly.\n',
      'increased in signal',
    ],
  ]) {
    const s = offered(text);
    assert.doesNotMatch(s, /since the last images/, s);
    assert.ok(s.includes(look), s);
  }
});

test('summary: a denial of a mass or defect read as what it would be is filed with the denials', () => {
  for (const [text, denial] of [
    [
      'EXAM: CT CHEST\nFINDINGS: No mass or filling defect compatible with thrombus was observed within the heart cavities. Mild emphysema in both lungs.\n',
      'No mass or filling defect compatible with thrombus',
    ],
    [
      'EXAM: CT ABDOMEN\nFINDINGS: No focus suggestive of metastasis is seen in the liver. Small hiatal hernia.\n',
      'No focus suggestive of metastasis',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: No nodule or mass compatible with malignancy is identified in either lung. Mild cardiomegaly.\n',
      'No nodule or mass compatible with malignancy',
    ],
  ]) {
    const s = offered(text);
    assert.ok(
      under(s, 'What the report did not find:').some((l) => l.includes(denial)),
      s,
    );
    assert.ok(!under(s, 'What the report found:').some((l) => l.includes(denial)), s);
  }
});

test('summary: a structure the lexicon does not know, seen changed for a stated cause, is told in the report words', () => {
  for (const [text, said] of [
    [
      'EXAM: CT NECK\nFINDINGS: The right piriform sinus appears effaced due to fluid or debris. The thyroid is normal.\nIMPRESSION: No abscess.\n',
      'piriform sinus appears effaced due to fluid or debris',
    ],
    [
      'EXAM: CT NECK\nFINDINGS: The left vallecula appears effaced due to mucus or debris. The thyroid is normal.\nIMPRESSION: No abscess.\n',
      'vallecula appears effaced',
    ],
    [
      'EXAM: CT NECK\nFINDINGS: The right aryepiglottic fold is thickened due to edema. The thyroid is normal.\nIMPRESSION: No drainable abscess.\n',
      'aryepiglottic fold is thickened due to edema',
    ],
  ]) {
    const s = offered(text);
    assert.ok(s.includes(said), s);
  }
});

test('summary: both sides carried by a level noun ("at both apical levels") are kept', () => {
  for (const text of [
    'EXAM: CT CHEST\nFINDINGS: Subsegmental atelectasis is seen at both basal levels. No nodule.\nIMPRESSION: Bibasilar atelectasis.\n',
    'EXAM: CT CHEST\nFINDINGS: Pleuroparenchymal sequelae changes are observed at both apical levels. No effusion.\n',
    'EXAM: CT CHEST\nFINDINGS: Linear atelectasis is noted in both basal segments. No effusion.\n',
  ]) {
    const s = offered(text);
    // Every line telling the finding says both sides, in plain words or the report's.
    const lines = s.split('\n').filter((l) => /atelectasis|sequelae|deflated|scar/i.test(l));
    assert.ok(lines.length, s);
    for (const l of lines) assert.match(l, /\bboth\b|bibasilar/i, s);
  }
});

test('summary: a felt mass the mammogram does not show is told with what was found, never as a caveat', () => {
  for (const [text, said] of [
    [
      "EXAM: MAMMOGRAM\nFINDINGS: The palpable 2 cm mass in the left breast at 2 o'clock is not visible on mammography due to dense tissue. Scattered fibroglandular densities.\nIMPRESSION: Palpable left breast mass occult on mammography. Ultrasound recommended.\n",
      'not visible on mammography',
    ],
    [
      "EXAM: BILATERAL DIAGNOSTIC MAMMOGRAM\nFINDINGS: The palpable abnormality in the left breast at 3 o'clock is mammographically occult. Scattered fibroglandular densities.\nIMPRESSION: BI-RADS 1. Targeted ultrasound recommended.\n",
      'mammographically occult',
    ],
    [
      "EXAM: MAMMOGRAM\nFINDINGS: The palpable lump in the right breast at 10 o'clock is not seen mammographically. Heterogeneously dense breasts.\nIMPRESSION: Recommend ultrasound of the right breast.\n",
      'not seen mammographically',
    ],
  ]) {
    const s = offered(text);
    assert.ok(s.includes(said), s);
    assert.ok(!under(s, 'More from the report:').some((l) => l.includes(said)), s);
  }
  // A caveat of the exam in general stays apart from the findings.
  const s = offered(
    'EXAM: SCREENING MAMMOGRAM\nFINDINGS: Scattered fibroglandular densities. No suspicious mass.\nIMPRESSION: BI-RADS 1: Negative. A percentage of breast cancers are not detected by mammography.\n',
  );
  assert.ok(
    under(s, 'More from the report:').some((l) => l.includes('not detected by mammography')),
    s,
  );
});

test('summary: "the outlook was evaluated as compatible with X" is a reading of the images, not a prognosis', () => {
  for (const [text, said] of [
    [
      'EXAM: CT CHEST\nFINDINGS: Mosaic attenuation and bronchial wall thickening in both lungs. No effusion.\nIMPRESSION: Mosaic attenuation in both lungs. The outlook was evaluated as compatible with small airway disease.\n',
      'The outlook was evaluated as compatible with small airway disease.',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Peripheral ground glass opacities in both lower lobes. No effusion.\nIMPRESSION: Ground glass opacities in both lungs. The outlook is primarily suggestive of viral pneumonia. Clinical and laboratory correlation is recommended.\n',
      'The outlook is primarily suggestive of viral pneumonia.',
    ],
  ]) {
    const s = offered(text);
    assert.ok(s.includes(said), s);
    assert.ok(!under(s, 'More from the report:').some((l) => l.includes(said)), s);
  }
  // An outlook of the disease is still one.
  const s = offered(
    'EXAM: CT CHEST\nFINDINGS: Large mass in the right upper lobe with mediastinal invasion.\nIMPRESSION: Right upper lobe mass. The outlook is poor given the extent of disease.\n',
  );
  assert.ok(
    under(s, 'More from the report:').some((l) => l.includes('The outlook is poor')),
    s,
  );
});

test('summary: a size said in a word after the finding ("… paratracheal millimetric size") is kept', () => {
  for (const [text, word] of [
    [
      'EXAM: CT CHEST\nFINDINGS: Trachea and both main bronchi are open. There are 1-2 lymph nodes in the right upper paratracheal millimetric size. No effusion.\n',
      'millimetric',
    ],
    ['EXAM: CT CHEST\nFINDINGS: A few lymph nodes of subcentimeter size are seen in the left axilla. No effusion.\n', 'subcentimeter'],
    ['EXAM: CT CHEST\nFINDINGS: Nodules in the right lower lobe, millimetric in size. No effusion.\n', 'millimetric'],
  ]) {
    const s = offered(text);
    assert.ok(s.includes(word), s);
  }
});
