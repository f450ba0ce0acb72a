// Trainee mode in Neovim 0.7 (push-only): the server command radlint.compareWithReference shows the
// discrepancies on the trainee buffer with their own source, an edit's push keeps them beside the rule
// diagnostics, and radlint.clearComparison removes them. Runs nvim-compare.lua (beside this file);
// needs `npm run build` first (dist/server.js); skips when nvim is not installed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, runNvimScript, skipWithoutNvim as skip } from './nvim-script.mjs';

const FIXTURES = join(ROOT, 'test', 'editors', 'fixtures');

test('Neovim: compare with a reference report, keep it through an edit, clear it', { skip }, () => {
  const result = runNvimScript(
    'nvim-compare.lua',
    { 'prelim.rpt': join(FIXTURES, 'compare.trainee.rpt'), 'final.rpt': join(FIXTURES, 'compare.reference.rpt') },
    { REFERENCE: '@final.rpt' },
  );
  assert.ok(result.commands.includes('radlint.compareWithReference'));
  assert.deepEqual(
    { missed: result.summary.missed, side: result.summary.side, size: result.summary.size, major: result.summary.major },
    { missed: 1, side: 1, size: 1, major: 1 },
  );
  const summary = (ds) => ds.map((d) => `${d.lnum + 1} ${d.code} ${d.severity}`);
  // Side (major: a warning) on the effusion, size on the mass, the missed spine finding at IMPRESSION:.
  assert.deepEqual(summary(result.compared), ['5 size 3', '6 side 2', '9 missed 3']);
  assert.deepEqual(summary(result.after_edit), summary(result.compared), 'the edit push keeps them');
  assert.deepEqual(result.rules_after_edit, result.rules_before, 'and the rule diagnostics beside them');
  assert.equal(result.cleared, true);
  assert.deepEqual(result.rules_after_clear, result.rules_before, 'clearing leaves the rules alone');
  console.log(`nvim: ${result.compared.length} comparison diagnostics, kept through an edit, cleared`);
});
