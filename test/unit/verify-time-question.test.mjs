// Two readings of the verifier's clause layer (rewrite/clauses.ts, clause-changes.ts), issue 18: the time a
// clause gives each of its findings ("new consolidation and chronic scarring"), and a question mark as a
// hedge ("(opportunistic infections?, lymphoma)", "Pneumonia?", "?PE"). Built from the pattern, on sentences of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { readClause } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { changesOf } = require(path.join(root, 'out/server/rewrite/clause-changes.js'));

const read = (text) => readClause(text, { start: 0, end: text.length }, 'findings', null);
const changes = (a, b) => changesOf(read(a), read(b));

test('a time given one finding of a clause, said of another, is a change though the clause keeps both times', () => {
  for (const [a, b] of [
    [
      'New right lower lobe consolidation and chronic left basilar scarring.',
      'New right lower lobe consolidation and new left basilar scarring.',
    ],
    [
      'Acute fracture of the distal radius with an old healed fracture of the ulnar styloid.',
      'Acute fracture of the distal radius with an acute fracture of the ulnar styloid.',
    ],
    [
      'Unchanged 4 mm nodule in the right upper lobe and a new 6 mm nodule in the left lower lobe.',
      'Unchanged 4 mm nodule in the right upper lobe and an unchanged 6 mm nodule in the left lower lobe.',
    ],
  ])
    assert.ok(
      changes(a, b).some((m) => m.startsWith('changes time of')),
      `${b}: ${changes(a, b).join('; ')}`,
    );
  for (const [a, b] of [
    [
      'New right lower lobe consolidation and chronic left basilar scarring.',
      'Chronic left basilar scarring and new right lower lobe consolidation.',
    ],
    [
      'Unchanged 4 mm nodule in the right upper lobe and a new 6 mm nodule in the left lower lobe.',
      'New 6 mm nodule in the left lower lobe.',
    ],
  ])
    assert.deepEqual(changes(a, b), [], b);
});

test('a question mark hedges its bracket (a differential) or the words before it; "?PE" the words after', () => {
  const hedged = (text) => [...read(text).hedged];
  assert.deepEqual(hedged('Enlarged mediastinal lymph nodes (opportunistic infections?, lymphoma).').sort(), [
    'infection',
    'lymphoma',
    'opportunistic',
  ]);
  assert.deepEqual(hedged('Consolidation in the left lower lobe (infection? aspiration?).').sort(), ['aspiration', 'infection']);
  assert.deepEqual(hedged('Patchy opacity at the right base, pneumonia?'), ['pneumonia']);
  assert.deepEqual(hedged('?PE. Assess for clot.'), ['pe']);
  assert.deepEqual(hedged('Enlarged mediastinal lymph nodes.'), []);
  // Told as possible, it keeps the hedge; told as fact, it drops it.
  const src = 'Enlarged mediastinal lymph nodes (opportunistic infections?, lymphoma).';
  assert.deepEqual(changes(src, 'Enlarged mediastinal lymph nodes, possible lymphoma.'), []);
  assert.deepEqual(changes('Left lower lobe consolidation (pneumonia?).', 'Left lower lobe consolidation, possible pneumonia.'), []);
  assert.ok(changes(src, 'Enlarged mediastinal lymph nodes, lymphoma.').some((m) => m.startsWith('drops the hedge')));
  assert.ok(
    changes('Left lower lobe consolidation (pneumonia?).', 'Left lower lobe pneumonia.').some((m) => m.startsWith('drops the hedge')),
  );
});

const { readText, readClause: readOne } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

test('a place lead-in before a semicolon gives its side to the finding it leads into, not to a denial or a finding with its own', () => {
  const sides = (text) => readText(`FINDINGS: ${text}`).map((c) => [...c.sides].join());
  assert.deepEqual(sides('Between the pleural leaves on the right; An effusion measuring 44 mm was observed.'), ['right', 'right']);
  assert.deepEqual(sides('In the left hemithorax; a 2 cm nodule is seen.'), ['left', 'left']);
  assert.deepEqual(sides('In the evaluation of both lung parenchyma; No infiltration was detected.'), ['bilateral', '']);
  assert.deepEqual(sides('In the evaluation of both lungs; a nodule is seen in the left lower lobe.'), ['bilateral', 'left']);
  assert.deepEqual(sides('There is a nodule in the left lung; the heart is normal.'), ['left', '']);
});

test('an all-clear the report scopes to new findings ("No acute …") is not told of all time ("no active disease"); told as new, it passes', () => {
  const summary = (source, line) =>
    checkClauses('summary', parseReport(source), `What the report found:\n- ${line}\n`).map((r) => r.message);
  const head = 'EXAM: CT head.\nFINDINGS: The ventricles are normal in size.\nIMPRESSION: No acute process in the brain.\n';
  const chest = 'EXAM: Chest radiograph.\nFINDINGS: Clear lungs. Normal heart size.\nIMPRESSION: No acute cardiopulmonary abnormality.\n';
  for (const source of [head, chest]) {
    assert.ok(
      summary(source, 'The report found no sign of active disease.').some((m) => m.startsWith('widens the all-clear')),
      source,
    );
    assert.ok(summary(source, 'The report found no sign of any abnormality.').some((m) => m.startsWith('widens the all-clear')));
    assert.ok(!summary(source, 'The report found no sign of a new or sudden problem.').some((m) => m.startsWith('widens the all-clear')));
  }
});

test('"in favor of", "significant for" hedge what follows; "compared to the prior …" is a reference, not a finding word', () => {
  assert.ok(
    readOne('Peribronchial thickening, evaluated in favor of bronchiolitis.', { start: 0, end: 1 }, 'findings', null).hedged.has(
      'bronchiolitis',
    ),
  );
  assert.ok(
    readOne('It was evaluated as significant for Covid-19 pneumonia.', { start: 0, end: 1 }, 'findings', null).hedged.has('pneumonia'),
  );
  const bare = readOne('These findings are stable compared to the prior examination.', { start: 0, end: 1 }, 'findings', null);
  assert.deepEqual(bare.words, []);
  assert.ok(bare.time.has('unchanged') && !bare.time.has('old'));
});
