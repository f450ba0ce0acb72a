// The clause layer of the verifier (rewrite/verify-clauses.ts), pattern by pattern: each unfaithful
// rewrite is refused with its reason, and the faithful one beside it passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readClause } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const check = (kind, source, candidate, significantAt = []) =>
  checkClauses(kind, parseReport(source), candidate, {}, significantAt).map((r) => r.message);
const read = (text) => readClause(text, { start: 0, end: text.length }, 'findings', null);

const CHEST = `EXAM: Chest radiograph.
FINDINGS: Lungs: Lung volumes are low. The lungs are otherwise clear.
Heart: Normal size.
IMPRESSION: No acute findings.
`;

test('restructure: a sentence left out is refused even when another says the same words', () => {
  const faithful = `EXAM: Chest radiograph.
FINDINGS:
Lungs: Lung volumes are low. The lungs are otherwise clear.
Heart: Normal size.
IMPRESSION: No acute findings.
`;
  assert.deepEqual(check('restructure', CHEST, faithful), []);
  const dropped = faithful.replace('Lung volumes are low. ', '');
  assert.ok(check('restructure', CHEST, dropped).some((m) => m.startsWith('drops: ') && m.includes('Lung volumes are low.')));
  // A sentence with no content word ("No acute findings.") is a sentence too.
  const noImpression = faithful.replace('IMPRESSION: No acute findings.\n', '');
  assert.ok(check('restructure', CHEST, noImpression).some((m) => m.startsWith('drops: "No acute findings.')));
});

test('restructure: a change in one copy of a repeated sentence is caught in that copy', () => {
  const source = `FINDINGS: The mass is most consistent with a pituitary macroadenoma.
IMPRESSION: The mass is most consistent with a pituitary macroadenoma.
`;
  const changed = `FINDINGS: The mass is most consistent with a pituitary macroadenoma.
IMPRESSION: The mass is a pituitary macroadenoma.
`;
  assert.ok(check('restructure', source, changed).some((m) => /hedge/.test(m)));
  assert.deepEqual(check('restructure', source, source), []);
});

test('impression: a significant finding of FINDINGS no impression item accounts for is refused', () => {
  const source = `EXAM: Chest radiograph.
FINDINGS: Mild right basilar atelectasis. The heart is normal.
`;
  const at = [source.indexOf('atelectasis')];
  const kept = `${source}IMPRESSION:\n1. Mild right basilar atelectasis.\n`;
  assert.deepEqual(check('impression', source, kept, at), []);
  const dropped = `${source}IMPRESSION:\n1. The heart is normal.\n`;
  assert.ok(check('impression', source, dropped, at).some((m) => m.startsWith('drops: "Mild right basilar atelectasis')));
});

test('impression: an old item is kept only by an item that says what it alone says', () => {
  const source = `IMPRESSION: No change right upper lobe volume loss and fibrosis. No change right upper lobe cavitation.
`;
  const dropped = `IMPRESSION:\n1. No change right upper lobe volume loss and fibrosis.\n`;
  assert.ok(check('impression', source, dropped).some((m) => m.startsWith('drops: "No change right upper lobe cavitation')));
});

test('a hedge the report never lifts stays, whichever sentence the item rests on', () => {
  const source = `HISTORY: Crohn's disease.
FINDINGS: Wall thickening of the terminal ileum, consistent with active Crohn's disease.
`;
  const at = [source.indexOf('Wall')];
  const hedged = `${source}IMPRESSION:\n1. Probable active Crohn's disease.\n`;
  assert.ok(!check('impression', source, hedged, at).some((m) => /hedge/.test(m)));
  const certain = `${source}IMPRESSION:\n1. Active Crohn's disease.\n`;
  assert.ok(check('impression', source, certain, at).some((m) => /drops the hedge/.test(m)));
});

test('a side and a grade stay bound to the finding they belong to', () => {
  const source = 'FINDINGS: There is moderate left pleural effusion and small right pleural effusion.\n';
  const at = [source.indexOf('moderate')];
  const summary = (line) =>
    `What the report found:\n- ${line}\n- There is a small amount of fluid around the right lung (pleural effusion).\n`;
  assert.ok(
    !check('summary', source, summary('There is a moderate amount of fluid around the left lung (pleural effusion).'), at).some((m) =>
      /side|severity/.test(m),
    ),
  );
  assert.ok(
    check('summary', source, summary('There is a moderate amount of fluid around the right lung (pleural effusion).'), at).some((m) =>
      /side or severity/.test(m),
    ),
  );
  // In a sentence kept word for word, a side flipped within it (two lefts for a left and a right).
  const report = 'FINDINGS: Mild right maxillary sinus thickening and moderate left maxillary sinus thickening.\n';
  const flipped = report.replace('Mild right', 'Mild left');
  assert.ok(check('restructure', report, flipped).some((m) => /side/.test(m)));
});

test('summary: every denial of the impression is passed on, item by item', () => {
  const source = 'IMPRESSION: No focal consolidation, pleural effusion or pneumothorax.\n';
  const lines = [
    '- There is no sign of a filled-in area of the lung (consolidation).',
    '- There is no sign of fluid around the lung (pleural effusion).',
    '- There is no sign of a collapsed lung (pneumothorax).',
  ];
  const summary = (ls) => `What the report did not find:\n${ls.join('\n')}\n`;
  assert.deepEqual(check('summary', source, summary(lines)), []);
  assert.ok(check('summary', source, summary(lines.slice(0, 2))).some((m) => m.includes('denial of "pneumothorax"')));
});

test('summary: a line that no longer denies, a misquote and time added to a denial are refused', () => {
  const source = 'IMPRESSION: No active disease. No acute cardiopulmonary abnormality.\n';
  const flipped = 'What the report says:\n- The report found sign of active disease.\n';
  assert.ok(check('summary', source, flipped).some((m) => /^(?:adds|states what the report denies)/.test(m)));
  const misquote = 'The report also says: "Active disease."\n';
  assert.ok(check('summary', source, misquote).some((m) => m.startsWith('quotes what the report does not say')));
  const normal = (time) => `What the report says:\n- The report found no sign of a ${time} or sudden problem in the heart or lungs.\n`;
  assert.ok(!check('summary', source, normal('new')).some((m) => /time/.test(m)));
  assert.ok(check('summary', source, normal('unchanged')).some((m) => /time/.test(m)));
});

test('clause reading: time and grade under a negation are what it denies; a hedge ends the negation', () => {
  const noNew = read('No new bone lesions.');
  assert.deepEqual([...noNew.deniedTime], ['new']);
  assert.deepEqual([...noNew.time], []);
  assert.deepEqual(read('No large pleural effusion.').deniedSeverity, ['4']);
  assert.deepEqual([...read('No acute fracture.').deniedTime], ['new']);
  const c = read('No enhancement, most compatible with chronic ischemic change.');
  assert.ok(c.negated.has('enhancement'));
  assert.ok(!c.negated.has('ischemic'));
  assert.deepEqual([...c.time], ['old']);
  // Levels in a spine paragraph's label and a sequence joined by a slash.
  assert.deepEqual(readClause('L4-L5: Mild disc bulge.', { start: 0, end: 24 }, 'findings', null).levels, ['L4-L5']);
  assert.deepEqual(read('FLAIR/T2 hyperintensity.').levels, ['T2']);
  // "Low lung volumes, otherwise no acute abnormality" states the volumes; "The lungs are clear" states nothing.
  assert.equal(read('Low lung volumes, otherwise no acute abnormality.').positive, true);
  assert.equal(read('The lungs are clear.').positive, false);
});
