// Session 14, round two (issue 18) verifier patterns, each on sentences of our own, two phrasings or more each way:
// a concession's denial list reaches past its commas to the main statement (rev18 #1); "not significantly different"
// is no change unless it compares studies (rev18 #4); a capitalised name (a tracer) opens no member of a run-together
// list; the old impression's scoped all-clear is kept by a drafted impression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readClause, readText, leansOn } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const check = (kind, source, candidate) => checkClauses(kind, parseReport(source), candidate).map((r) => r.message);
const read = (text) => readClause(text, { start: 0, end: text.length }, 'findings', null);

test('a concession denying a list denies every member; the main statement after it is stated', () => {
  for (const [text, denied, stated] of [
    [
      'Although there is no ascites, omental caking or scalloping of the liver surface, the ovaries are enlarged bilaterally.',
      ['ascite', 'omental', 'caking', 'scalloping'],
      ['ovarie', 'enlarged'],
    ],
    [
      'Although no edema, mass effect or hemorrhage is seen, there is a 5 mm enhancing focus in the left cerebellum.',
      ['edema', 'mass', 'hemorrhage'],
      ['focus', 'cerebellum'],
    ],
    [
      'Although there is no hydronephrosis, hydroureter, or perinephric stranding, a 6 mm calculus is seen in the left kidney.',
      ['hydronephrosi', 'hydroureter', 'perinephric', 'stranding'],
      ['calculu', 'kidney'],
    ],
    ['While there is no pleural effusion, the left lower lobe is collapsed.', ['pleural', 'effusion'], ['lobe', 'collapsed']],
    // rev19 #3: a subject named with an article or a size, and a comma after it, is the main statement, not a member.
    [
      'Although there is no hydronephrosis, a 5 mm stone, likely obstructing, is present in the left ureter.',
      ['hydronephrosi'],
      ['stone', 'obstructing', 'ureter'],
    ],
    ['Although there is no free fluid, the right ovary, which measures 5 cm, is enlarged.', ['free', 'fluid'], ['ovary', 'enlarged']],
  ]) {
    const c = read(text);
    for (const w of denied)
      assert.ok(
        [...c.negated].some((x) => x.startsWith(w)),
        `${w} denied in ${text}`,
      );
    for (const w of stated) assert.ok(![...c.negated].some((x) => x.startsWith(w)), `${w} stated in ${text}`);
  }
});

const ABDOMEN = (sentence) =>
  `EXAM: CT abdomen and pelvis with contrast.\n\nFINDINGS:\n${sentence} The liver is normal.\n\nIMPRESSION:\nBilateral ovarian enlargement.\n`;
test('restructure: a member of a conceded denial list moved into the main statement is refused; kept as written passes', () => {
  for (const [sentence, flipped] of [
    [
      'Although there is no ascites, omental caking or scalloping of the liver surface, the ovaries are enlarged bilaterally.',
      'Although there is no ascites, the ovaries are enlarged bilaterally, with omental caking and scalloping of the liver surface.',
    ],
    [
      'Though no free fluid, peritoneal nodularity or lymphadenopathy is seen, both ovaries are enlarged.',
      'Though no free fluid is seen, both ovaries are enlarged, with peritoneal nodularity and lymphadenopathy.',
    ],
  ]) {
    const source = ABDOMEN(sentence);
    const kept = source.replace('FINDINGS:\n', 'FINDINGS:\nPelvis: ').replace(' The liver is normal.', '\nLiver: The liver is normal.');
    assert.deepEqual(check('restructure', source, kept), [], sentence);
    assert.match(check('restructure', source, source.replace(sentence, flipped)).join('\n'), /denies/, flipped);
  }
});

const KIDNEY = (tail, impression) =>
  `EXAM: CT abdomen with contrast.\n\nFINDINGS:\nThere is a 2 cm mass in the left kidney${tail}. The liver is normal.\n\nIMPRESSION:\n${impression}\n`;
test('"not significantly different" tells no change unless it compares studies', () => {
  for (const tail of [
    ', not significantly different in attenuation from the renal cortex',
    ' which does not differ significantly in enhancement from the renal cortex',
  ]) {
    assert.equal(read(`There is a 2 cm mass in the left kidney${tail}.`).time.has('unchanged'), false, tail);
    const source = KIDNEY(tail, '2 cm left renal mass.');
    for (const time of ['Unchanged', 'Stable'])
      assert.match(check('impression', source, KIDNEY(tail, `${time} 2 cm left renal mass.`)).join('\n'), /adds time/, `${time}: ${tail}`);
  }
  for (const tail of [
    ', not significantly different from the prior examination',
    ', with no significant difference between the examinations',
  ])
    assert.equal(read(`There is a 2 cm mass in the left kidney${tail}.`).time.has('unchanged'), true, tail);
});

test('a capitalised tracer name opens no member of a run-together list; a typed list is still read member by member', () => {
  for (const [report, sentence] of [
    [
      'PROCEDURE: Tc-99m tetrofosmin was injected and resting Myoview SPECT was obtained.\n\nResting Myoview and adenosine Myoview SPECT showed uniform uptake\n',
      'Resting Myoview and adenosine Myoview SPECT showed uniform uptake',
    ],
    [
      'FINDINGS:\nRest Cardiolite and stress Cardiolite images show no perfusion defect\n',
      'Rest Cardiolite and stress Cardiolite images show no perfusion defect',
    ],
  ])
    assert.ok(
      readText(report).some((c) => c.text === sentence),
      sentence,
    );
  const list = readText(
    'FINDINGS: The study was done with Myoview, at rest.\n\nIMPRESSION:\nEmphysema Nodule in the right lower lobe Aortic atherosclerosis\n',
  );
  assert.deepEqual(
    list.filter((c) => c.section === 'impression').map((c) => c.text),
    ['Emphysema', 'Nodule in the right lower lobe', 'Aortic atherosclerosis'],
  );
});

test('restructure: the tracer sentence kept under a field passes; a word of it dropped is refused', () => {
  const source =
    'EXAM: Myocardial perfusion SPECT.\n\nFINDINGS:\nResting Sestamibi and regadenoson Sestamibi SPECT showed uniform uptake throughout the myocardium.\n\nIMPRESSION:\nNormal myocardial perfusion.\n';
  const kept = source.replace('FINDINGS:\n', 'FINDINGS:\nMyocardial perfusion: ');
  assert.deepEqual(check('restructure', source, kept), []);
  assert.match(
    check('restructure', source, kept.replace('perfusion: Resting Sestamibi and regadenoson', 'perfusion: Regadenoson')).join('\n'),
    /drops/,
  );
});

const HEAD = (findings, impression) => `EXAM: CT head without contrast.\n\nFINDINGS:\n${findings}\n\nIMPRESSION:\n${impression}\n`;
test('impression: the old impression all-clear scoped to a region is kept; a draft leaving it out is refused', () => {
  for (const [findings, finding, clear] of [
    [
      'Mild mucosal thickening of the right maxillary sinus. The brain parenchyma is normal. No hemorrhage.',
      'Mild right maxillary sinus mucosal thickening.',
      'No acute intracranial process.',
    ],
    [
      'Small amount of fluid in the left mastoid air cells. The ventricles are normal in size.',
      'Small amount of fluid in the left mastoid air cells.',
      'Otherwise no acute intracranial abnormality.',
    ],
  ]) {
    const source = HEAD(findings, `${finding} ${clear}`);
    assert.deepEqual(check('impression', source, HEAD(findings, `1. ${finding}\n2. ${clear}`)), [], clear);
    assert.match(check('impression', source, HEAD(findings, `1. ${finding}`)).join('\n'), /drops the all-clear/, clear);
  }
});

const DUPLEX = (exam, limb, impression) =>
  `EXAM: ${exam}\n\nFINDINGS:\n${limb} the common femoral vein is compressible. There is occlusive thrombus in the popliteal vein.\n\nIMPRESSION:\n${impression}\n`;
test('a limb run on the side the exam is of may be written with that side, never the other (rev18 #17)', () => {
  for (const [exam, limb, side, other] of [
    ['US venous duplex right lower extremity.', 'In the right lower extremity,', 'right', 'left'],
    ['Left leg venous Doppler ultrasound.', 'In the left leg,', 'left', 'right'],
  ]) {
    const source = DUPLEX(exam, limb, 'Deep vein thrombosis.');
    const written = (s) => DUPLEX(exam, limb, `Occlusive thrombus in the ${s} popliteal vein.`);
    assert.doesNotMatch(check('impression', source, written(side)).join('\n'), /side/, `${exam} ${side}`);
    assert.match(check('impression', source, written(other)).join('\n'), /side/, `${exam} ${other}`);
  }
  // An exam of both legs: the run's side is still one a rewrite keeps, not writes in.
  const both = DUPLEX('US venous duplex bilateral lower extremities.', 'In the right lower extremity,', 'Deep vein thrombosis.');
  assert.match(
    check(
      'impression',
      both,
      DUPLEX(
        'US venous duplex bilateral lower extremities.',
        'In the right lower extremity,',
        'Occlusive thrombus in the right popliteal vein.',
      ),
    ).join('\n'),
    /side/,
  );
});

test('a place phrase opening on "close to", "contiguous with", "in continuity with" a pointer leans on the sentence before', () => {
  for (const text of [
    'Close to it, there is a small fluid collection.',
    'Contiguous with it, a soft tissue mass extends into the chest wall.',
    'In continuity with it, there is a fistulous tract.',
  ])
    assert.equal(leansOn(read(text), 'There is a lytic lesion of the left fourth rib.', new Set(['rib', 'kidney'])), true, text);
  assert.equal(
    leansOn(
      read('Close to the right kidney, there is a fluid collection.'),
      'There is a lytic lesion of the left fourth rib.',
      new Set(['rib', 'kidney']),
    ),
    false,
  );
});
