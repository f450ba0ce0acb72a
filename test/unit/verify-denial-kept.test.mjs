// A finding word the report only denies (verify-clauses.ts denialLostOn) stays denied in what a rewrite writes,
// whatever clause the written line rests on: the history's "rule out tuberculosis" asks, it states nothing, so
// "No evidence of tuberculosis." drafted as "Evidence of tuberculosis." is refused. The faithful denial passes.
// Sentences of our own, several phrasings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const reasons = (kind, source, candidate) => checkClauses(kind, parseReport(source), candidate).map((r) => r.message);

// [history, findings, the impression's denial, the denial with its negation gone]
const CASES = [
  ['Cough. Rule out tuberculosis.', 'The lungs are clear.', 'No evidence of tuberculosis.', 'Evidence of tuberculosis.'],
  [
    'Chest tube placement, evaluate for pneumothorax.',
    'Left chest tube in place. The lungs are expanded.',
    'There is no pneumothorax.',
    'There is pneumothorax.',
  ],
  ['Trauma. ? Fracture.', 'Alignment is normal.', 'No acute fracture or dislocation is seen.', 'Acute fracture or dislocation is seen.'],
];
const report = (/** @type {string[]} */ [history, findings], /** @type {string} */ impression) =>
  `HISTORY: ${history}\n\nFINDINGS:\n${findings}\n\nIMPRESSION:\n${impression}\n`;

test('impression: a denial kept passes; the same words stated are refused', () => {
  for (const c of CASES) {
    const source = report(c, c[2]);
    assert.deepEqual(
      reasons('impression', source, source).filter((m) => /denies/.test(m)),
      [],
      c[2],
    );
    assert.match(reasons('impression', source, report(c, c[3])).join('\n'), /states what the report denies/, c[3]);
  }
});

test('summary: a line stating what the report only denies is refused', () => {
  const source = report(CASES[0], CASES[0][2]);
  const line = (s) => `What the report says:\n- ${s}\n\nYour doctor will talk with you about what these results mean for you.\n`;
  assert.match(
    reasons('summary', source, line('There is a sign of TB lung infection (tuberculosis).')).join('\n'),
    /states what the report denies: "tuberculosis"/,
  );
  assert.doesNotMatch(
    reasons('summary', source, line('There is no sign of TB lung infection (tuberculosis).')).join('\n'),
    /states what the report denies/,
  );
});

test('every word kept and one "no" gone is a denial dropped, though the first "no" may read as reaching on', () => {
  const { readClause } = require(path.join(root, 'out/server/rewrite/clauses.js'));
  const { changesOf } = require(path.join(root, 'out/server/rewrite/clause-changes.js'));
  const read = (t) => readClause(t, { start: 0, end: t.length }, 'impression', null);
  for (const [source, mutated] of [
    [
      'No pleural or pericardial effusion, and no mediastinal invasion or vascular encasement.',
      'No pleural or pericardial effusion, and mediastinal invasion or vascular encasement.',
    ],
    ['There is no hydronephrosis and no renal calculus.', 'There is no hydronephrosis and renal calculus.'],
    ['No acute fracture; no dislocation.', 'No acute fracture; dislocation.'],
  ]) {
    assert.match(changesOf(read(source), read(mutated)).join(), /drops a denial/, mutated);
    assert.deepEqual(changesOf(read(source), read(source)), [], source);
  }
  // A cut that keeps fewer words drops no denial it does not say.
  assert.deepEqual(changesOf(read('No effusion, and no mediastinal invasion.'), read('No mediastinal invasion.')), []);
});
