// The side a paragraph's opening gives the sentences after it (clauses.ts carriedSides): "On the right, … . The
// popliteal artery is occluded." is the right popliteal artery. An impression item or a restructured sentence
// taken out of that paragraph says the side, or it is refused; one that says it, faithfully, passes; one that
// says the other side is refused. Sentences of our own, several phrasings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const sideReasons = (kind, source, candidate) =>
  checkClauses(kind, parseReport(source), candidate)
    .map((r) => r.message)
    .filter((m) => /side/.test(m));

// [findings paragraph, the sentence an item is drawn from as written, its side, the item with its side]
const PARAGRAPHS = [
  [
    'On the right, the common femoral artery is patent. The popliteal artery is occluded.\nOn the left, the superficial femoral artery is patent.',
    'The popliteal artery is occluded.',
    'right',
    'Right popliteal artery is occluded.',
  ],
  [
    'Left kidney: 10.2 cm. There is a 2.1 cm simple cyst in the upper pole.\nBladder: Normal.',
    'There is a 2.1 cm simple cyst in the upper pole.',
    'left',
    'There is a 2.1 cm simple cyst in the upper pole of the left kidney.',
  ],
  [
    'On the left side, the breast tissue is heterogeneously dense. An irregular mass is seen at 2 o clock.',
    'An irregular mass is seen at 2 o clock.',
    'left',
    'An irregular mass is seen at 2 o clock in the left breast.',
  ],
];
const report = (findings, impression) => `EXAM: Imaging study.\n\nFINDINGS:\n${findings}\n\nIMPRESSION:\n${impression}\n`;
const flip = (s) => s.replace(/\b(Left|left|Right|right)\b/, (m) => ({ Left: 'Right', left: 'right', Right: 'Left', right: 'left' })[m]);

test('the clause after a sided opening carries its side until the next label', () => {
  const clauses = readText(report(PARAGRAPHS[0][0], 'Peripheral arterial disease.'));
  const of = (start) => clauses.find((c) => c.text.startsWith(start));
  assert.deepEqual(of('The popliteal').carriedSides, ['right']);
  // The next opening gives its own side; the sentence that opens it carries none.
  assert.deepEqual(of('On the left').carriedSides, []);
  const labelled = readText(report('Right kidney: Normal.\nThere is mild hydronephrosis.\nLiver: A 1 cm cyst.', 'Hydronephrosis.'));
  assert.deepEqual(labelled.find((c) => c.text.startsWith('There is mild')).carriedSides, ['right']);
  // A label without a side ends the run; a blank line too.
  assert.deepEqual(labelled.find((c) => c.text.startsWith('Liver')).carriedSides, []);
  const blank = readText(report('On the right, a small effusion.\n\nThe heart is enlarged.', 'Cardiomegaly.'));
  assert.deepEqual(blank.find((c) => c.text.startsWith('The heart')).carriedSides, []);
  // An opening naming an organ places its own sentence only: the run-on paragraph goes on to the liver.
  const organ = readText(report('In the left lung, there is a 4 mm nodule. The liver is enlarged.', 'Hepatomegaly.'));
  assert.deepEqual(organ.find((c) => c.text.startsWith('The liver')).carriedSides, []);
});

test('impression: an item drawn from a sided paragraph keeps its side; the other side is refused', () => {
  for (const [findings, sentence, side, withSide] of PARAGRAPHS) {
    const source = report(findings, 'See findings.');
    assert.match(sideReasons('impression', source, report(findings, `1. ${sentence}`)).join(), new RegExp(`drops side: ${side}`), sentence);
    assert.deepEqual(sideReasons('impression', source, report(findings, `1. ${withSide}`)), [], withSide);
    assert.notDeepEqual(sideReasons('impression', source, report(findings, `1. ${flip(withSide)}`)), [], flip(withSide));
  }
});

test('restructure: a sentence taken out of its sided paragraph says the side', () => {
  const source = `EXAM: CT angiogram lower extremities.\nFINDINGS:\n${PARAGRAPHS[0][0]}\n`;
  const apart = `EXAM: CT angiogram lower extremities.\nFINDINGS:\nArteries: On the right, the common femoral artery is patent. On the left, the superficial femoral artery is patent.\nOther: The popliteal artery is occluded.\n`;
  assert.match(sideReasons('restructure', source, apart).join(), /drops side: right/);
  const together = `EXAM: CT angiogram lower extremities.\nFINDINGS:\nArteries: On the right, the common femoral artery is patent. The popliteal artery is occluded.\nOn the left, the superficial femoral artery is patent.\n`;
  assert.deepEqual(sideReasons('restructure', source, together), []);
});

test('a sentence naming the other side ends the run: the next sentence is no longer surely that side', () => {
  const cases = [
    [
      'On the right, the common femoral artery is patent. The left superficial femoral artery is occluded. The popliteal artery is occluded.',
      'The popliteal artery is occluded.',
      'Right popliteal artery is occluded.',
    ],
    [
      'On the left side, the kidney measures 11 cm. A right renal cyst is present. There is mild hydronephrosis.',
      'There is mild hydronephrosis.',
      'Left mild hydronephrosis.',
    ],
  ];
  for (const [findings, sentence, sided] of cases) {
    const source = report(findings, 'Pending.');
    assert.deepEqual(readText(source).find((c) => c.text === sentence).carriedSides, [], findings);
    // Neither side may be given to it; without a side it passes.
    for (const item of [sided, flip(sided)])
      assert.ok(sideReasons('impression', source, source.replace('Pending.', `1. ${item}`)).length > 0, item);
    assert.deepEqual(sideReasons('impression', source, source.replace('Pending.', `1. ${sentence}`)), [], sentence);
  }
});

// A side named only as what is compared with does not end the run (review rev11 #7).
test('"Compared to the left, …" does not end a right-sided run', () => {
  const source =
    'EXAM: US RIGHT LOWER EXTREMITY ARTERIAL.\nFINDINGS:\nOn the right, the common femoral artery is patent. Compared to the left, flow is reduced.\nThe popliteal artery is occluded.\n\nIMPRESSION:\nPending.\n';
  const candidate = source.replace('Pending.', '1. Popliteal artery occlusion.');
  const reasons = checkClauses('impression', parseReport(source), candidate).map((r) => r.message);
  assert.ok(
    reasons.some((m) => /side/.test(m)),
    reasons.join(' | '),
  );
});
