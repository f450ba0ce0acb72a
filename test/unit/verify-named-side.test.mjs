// A heading whose side word is part of a structure's name ("Left ventricle:", "RIGHT CORONARY ARTERY:", "Left
// main coronary artery:", "right heart") gives the sentences after it no side a rewrite must keep (clauses.ts looseSides): the
// chamber or artery is no side of the body. A rewrite may still say it; the other side is still refused; a side of
// the body ("Left kidney:", "Left lower quadrant:") still carries. Sentences of our own, several phrasings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const report = (findings, impression) => `EXAM: Imaging study.\n\nFINDINGS:\n${findings}\n\nIMPRESSION:\n${impression}\n`;
const sideReasons = (source, candidate) =>
  checkClauses('impression', parseReport(source), candidate)
    .map((r) => r.message)
    .filter((m) => /side/.test(m));

// [findings paragraph, the later sentence, an item taken from it without the name's side]
const NAMED = [
  [
    'LEFT ANTERIOR DESCENDING ARTERY: The proximal segment is patent.\nThere is a 70% stenosis of the mid segment.',
    'There is a 70% stenosis',
  ],
  ['Right coronary artery: Dominant.\nMixed plaque causes moderate narrowing distally.', 'Mixed plaque causes'],
  ['Left ventricle: Normal size.\nThe wall is mildly thickened.', 'The wall is mildly'],
  ['Left main coronary artery: Short.\nNo significant stenosis. Calcified plaque at the bifurcation.', 'Calcified plaque'],
];

test('a side word that is part of an anatomical name carries no side to the paragraph', () => {
  for (const [findings, start] of NAMED) {
    const c = readText(report(findings, 'Coronary disease.')).find((x) => x.text.startsWith(start));
    assert.deepEqual(c.carriedSides, [], findings);
    assert.ok(c.looseSides.length > 0, findings);
  }
  // A side of the body does carry: a kidney, the lower quadrant of the abdomen.
  for (const [findings, start, side] of [
    ['Left kidney: 11 cm.\nThere is a 2 cm cyst in the lower pole.', 'There is a 2 cm', 'left'],
    ['Right lower quadrant: The appendix is dilated.\nThere is periappendiceal fat stranding.', 'There is periappendiceal', 'right'],
  ]) {
    const c = readText(report(findings, 'See findings.')).find((x) => x.text.startsWith(start));
    assert.deepEqual(c.carriedSides, [side], findings);
    assert.deepEqual(c.looseSides, [], findings);
  }
});

test('an impression item from under a named heading passes without the side, and with it', () => {
  const cases = [
    [
      'LEFT ANTERIOR DESCENDING ARTERY:\nThere is a 70% stenosis of the mid segment.',
      '1. 70% stenosis of the mid segment.',
      '1. 70% stenosis of the mid segment of the left anterior descending artery.',
    ],
    [
      'Right ventricle: Normal.\nThere is a small pericardial effusion.',
      '1. Small pericardial effusion.',
      '1. Small pericardial effusion.',
    ],
  ];
  for (const [findings, bare, named] of cases) {
    const source = report(findings, 'Pending.');
    for (const item of [bare, named]) {
      const candidate = source.replace(/IMPRESSION:\n[\s\S]*$/, `IMPRESSION:\n${item}\n`);
      assert.deepEqual(sideReasons(source, candidate), [], item);
    }
  }
  // A body side still must be kept.
  const kidney = report('Left kidney: 11 cm.\nThere is a 2 cm cyst in the lower pole.', 'Pending.');
  const dropped = kidney.replace(/IMPRESSION:\n[\s\S]*$/, 'IMPRESSION:\n1. 2 cm cyst in the lower pole.\n');
  assert.ok(sideReasons(kidney, dropped).some((m) => /drops side: left/.test(m)));
});

// The label's own sentence keeps its side: told without it, the artery, chamber or bronchus is lost (review rev11 #1,
// #2); only the sentences after such a heading may leave it unsaid.
test("a structure's side on the label's own sentence must be kept", () => {
  for (const [findings, item] of [
    ['Right coronary artery: There is an 80% proximal stenosis.', '1. 80% proximal stenosis.'],
    ['Left ventricle: Severely dilated, ejection fraction 25%.', '1. Severely dilated, ejection fraction 25%.'],
    ['Left main bronchus: Endobronchial lesion causing occlusion.', '1. Endobronchial lesion causing occlusion.'],
  ]) {
    const source = report(findings, 'Pending.');
    const candidate = source.replace(/IMPRESSION:\n[\s\S]*$/, `IMPRESSION:\n${item}\n`);
    assert.ok(
      sideReasons(source, candidate).some((m) => /drops side/.test(m)),
      `${item}: ${sideReasons(source, candidate)}`,
    );
  }
});
