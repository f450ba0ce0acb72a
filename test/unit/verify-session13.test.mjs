// The verifier's session-13 patterns (r17s, rev15 #8 #9), each with 2+ phrasings of our own: a summary telling a
// finding only as the impression restates it, without the level or size the findings give it, is refused and the
// one quoting that sentence passes; a denial told under "What the report says may be there" is refused, under "did
// not find" it passes; "absent" after its noun denies its statement; a lung's volume told low is no change over
// time; "this finding" right after a clause stating one points to that clause, not further back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));
const { readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));

const reasons = (source, summary) =>
  verify('summary', analyze(source), summary, 'reworded').reasons.filter((r) => !/^reads at grade/.test(r));
const OPENING =
  'This summary was written from your radiology report by a computer program. It uses everyday words. It does not replace the report.\n';
const summary = (parts) => `${OPENING}\n${parts}\nYour doctor will talk with you about what these results mean for you.\n`;
const quote = (q) => `The report also says: "${q}"`;

test('summary: a level or size the findings give a finding the impression restates without it is told', () => {
  for (const [exam, sentence, impression, plain] of [
    [
      'CT lumbar spine.',
      'There is intervertebral disk space narrowing to a moderate degree at L3-4 and L4-5.',
      'Moderate degenerative changes.',
      '- There is wear and tear (degenerative changes). The report calls it moderate.',
    ],
    [
      'MRI cervical spine.',
      'There are mild disc bulges at C5-6 and C6-7.',
      'Mild disc bulges.',
      '- There are bulging discs (disc bulges). The report calls them mild.',
    ],
    [
      'MRI thoracic spine.',
      'A small disc protrusion is present at T7-8 without cord compression.',
      'Small disc protrusion.',
      '- There is a small bulging disc (disc protrusion).',
    ],
  ]) {
    const source = `EXAM: ${exam}\n\nFINDINGS:\n${sentence}\n\nIMPRESSION:\n${impression}\n`;
    assert.match(reasons(source, summary(`What the report found:\n${plain}\n`)).join('\n'), /drops level|drops: /, sentence);
    assert.deepEqual(reasons(source, summary(`What the report found:\n${plain}\n${quote(sentence)}\n`)), [], sentence);
  }
});

test('summary: a denial under "may be there" is refused; under "did not find" it passes; a real maybe there passes', () => {
  for (const denial of [
    'No findings compatible with pneumonia were detected.',
    'No findings suspicious for metastatic disease.',
    'No evidence to suggest malignancy.',
  ]) {
    const source = `EXAM: CT chest.\n\nFINDINGS:\nThe lungs are clear.\n\nIMPRESSION:\n${denial}\n`;
    assert.match(
      reasons(source, summary(`What the report says may be there:\n${quote(denial)}\n`)).join('\n'),
      /tells a denial as what may be there/,
      denial,
    );
    assert.doesNotMatch(
      reasons(source, summary(`What the report did not find:\n${quote(denial)}\n`)).join('\n'),
      /tells a denial as what may be there/,
      denial,
    );
  }
  for (const maybe of ['Pneumonia cannot be excluded.', 'A small nondisplaced fracture is not excluded.']) {
    const source = `EXAM: CT.\n\nFINDINGS:\nNo other abnormality.\n\nIMPRESSION:\n${maybe}\n`;
    assert.doesNotMatch(
      reasons(source, summary(`What the report says may be there:\n${quote(maybe)}\n`)).join('\n'),
      /tells a denial/,
      maybe,
    );
  }
});

test('"absent" after its noun denies its statement; before what it denies it reaches only that', () => {
  const read = (t) => readText(`FINDINGS: ${t}`)[0];
  for (const t of [
    'The right ovary absent surgically.',
    'Uterus absent post hysterectomy.',
    'Gallbladder absent, status post cholecystectomy.',
  ]) {
    const c = read(t);
    assert.ok(!c.positive, t);
  }
  const torsion = read('Left testis with absent internal blood flow, compatible with torsion.');
  assert.ok(torsion.positive && torsion.negated.has('flow') && !torsion.negated.has('testis'));
});

test("a lung's volume told low or high is no change since the prior; a finding that decreased still is", () => {
  const time = (t) => [...readText(`FINDINGS: ${t}`).flatMap((c) => [...c.time])];
  for (const t of [
    'There is atelectasis in the left lower lobe with decreased volume of the left lung.',
    'Scarring at the right apex with decreased right upper lobe volume.',
    'Linear atelectasis in the right lung, and the volume of the right lung was decreased.',
  ])
    assert.deepEqual(time(t), [], t);
  assert.deepEqual(time('The right pleural effusion has decreased.'), ['decreased']);
});

test('"this finding" right after a clause stating one is told with that clause, not one further back', () => {
  for (const [first, second, pointing, impression] of [
    [
      'There is a 2 cm mass in the right frontal lobe.',
      'Mild mucosal thickening is present in the left maxillary sinus.',
      'This finding is likely inflammatory.',
      'Right frontal mass.',
    ],
    [
      'A 3 cm cyst is present in the left kidney.',
      'There is mild diverticulosis of the sigmoid colon.',
      'This finding is incidental.',
      'Left renal cyst.',
    ],
  ]) {
    const source = `EXAM: Exam.\n\nFINDINGS:\n${first} ${second} ${pointing}\n\nIMPRESSION:\n${impression}\n`;
    const told = [impression, first, pointing].map(quote).join('\n');
    assert.match(reasons(source, summary(`What the report found:\n${told}\n`)).join('\n'), /speaks on from/, pointing);
    const whole = [impression, first, second, pointing].map(quote).join('\n');
    assert.doesNotMatch(reasons(source, summary(`What the report found:\n${whole}\n`)).join('\n'), /speaks on from/, pointing);
  }
});

test('restructure: a great vessel on a cardiac CT under its extracardiac field passes; a coronary sentence there does not', () => {
  const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));
  for (const vessel of [
    'The main pulmonary artery is normal in caliber.',
    'The pulmonary artery trunk is dilated, measuring 3.4 cm.',
    'The visualized pulmonary arteries are patent.',
  ]) {
    const source =
      'EXAM: Coronary CTA with calcium score.\nHISTORY: Chest pain.\nFINDINGS:\nThe coronary arteries are patent without plaque or stenosis. ' +
      `The aortic valve is trileaflet.\n${vessel} The visualized lungs are clear.\nIMPRESSION: No coronary artery disease, CAD-RADS 0.\n`;
    const analysis = analyze(source);
    const out = rewrite('restructure', analysis);
    assert.ok(out.text && out.text.includes(`Extracardiac findings: ${vessel}`), `${vessel}\n${JSON.stringify(out).slice(0, 400)}`);
    assert.deepEqual(verify('restructure', analysis, out.text).reasons, [], vessel);
    // The coronary sentence moved under the extracardiac field is still refused.
    const moved = out.text
      .replace('The coronary arteries are patent without plaque or stenosis. ', '')
      .replace(
        `Extracardiac findings: ${vessel}`,
        `Extracardiac findings: ${vessel} The coronary arteries are patent without plaque or stenosis.`,
      );
    assert.match(verify('restructure', analysis, moved).reasons.join('\n'), /speaks of coronary arteries/, vessel);
  }
});

test('impression: a finding placed only by a part of its organ keeps the side the sentence before gave it', () => {
  for (const [sided, part] of [
    [
      'Parenchymal bands are observed in the left lung lower lobe laterobasal segment.',
      'There is a focal ground-glass density in the laterobasal segment.',
    ],
    ['The left kidney has a simple cortical cyst in the upper pole.', 'There is a 1.5 cm enhancing solid lesion in the lower pole.'],
    ['A 2 cm cyst is seen in the right kidney.', 'A 9 mm echogenic focus is present in the lower pole.'],
  ]) {
    const source = `EXAM: CT.\n\nFINDINGS:\nThe liver is normal. ${sided} ${part}\n\nIMPRESSION:\nPending.\n`;
    const analysis = analyze(source);
    const item = (text) => source.replace('IMPRESSION:\nPending.', `IMPRESSION:\n${text}`);
    const bare = part.replace(/^There is an? |^An? /, '').replace(/^./, (c) => c.toUpperCase());
    // Taken alone the finding has lost its side; with the sentence before on its item it keeps it.
    assert.match(verify('impression', analysis, item(`1. ${bare}`)).reasons.join('\n'), /drops side/, part);
    assert.doesNotMatch(verify('impression', analysis, item(`1. ${sided} ${bare}`)).reasons.join('\n'), /drops side/, part);
  }
});

test('summary: a report sentence quoted word for word holding the finding’s words tells it, however the core reads it', () => {
  for (const [sentence, impression] of [
    [
      'There is an effusion measuring 1 cm in its thickest part in the anterior pericardial area.',
      'Anterior pericardial minimal effusion.',
    ],
    ['An effusion 8 mm thick is seen in the pericardial space anteriorly.', 'Minimal pericardial effusion.'],
  ]) {
    const source = `EXAM: CT chest.\n\nFINDINGS:\nThe lungs are clear. ${sentence}\n\nIMPRESSION:\n${impression}\n`;
    const told = reasons(source, summary(`What the report found:\n${quote(sentence)}\n`));
    assert.doesNotMatch(told.join('\n'), /drops: pericardial effusion/, sentence);
    // Without the quote of the impression's finding it is still dropped.
    assert.match(reasons(source, summary('What the report found:\n- The lungs are clear.\n')).join('\n'), /drops/, sentence);
  }
});
