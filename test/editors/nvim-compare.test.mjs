// Trainee mode in Neovim 0.7 (push-only): the server command radlint.compareWithReference shows the
// discrepancies on the trainee buffer with their own source, an edit's push keeps them beside the rule
// diagnostics, and radlint.clearComparison removes them. Runs nvim-compare.lua (beside this file);
// needs `npm run build` first (dist/server.js); skips when nvim is not installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'test', 'editors', 'fixtures');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.error ? 'nvim is not installed (../shared/tools/real-editors/setup.sh installs it)' : false;

test('Neovim: compare with a reference report, keep it through an edit, clear it', { skip }, () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'radlint-nvim-compare-'));
  try {
    copyFileSync(join(FIXTURES, 'compare.trainee.rpt'), join(work, 'prelim.rpt'));
    copyFileSync(join(FIXTURES, 'compare.reference.rpt'), join(work, 'final.rpt'));
    const resultFile = join(work, 'result.json');
    const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(ROOT, 'test', 'editors', 'nvim-compare.lua'), 'prelim.rpt'], {
      cwd: work,
      env: {
        ...process.env,
        LSP_CMD: JSON.stringify(['node', join(ROOT, 'dist', 'server.js'), '--stdio']),
        REFERENCE: join(work, 'final.rpt'),
        RESULT_JSON: resultFile,
        XDG_STATE_HOME: join(work, 'state'),
        XDG_DATA_HOME: join(work, 'data'),
        XDG_CONFIG_HOME: join(work, 'config'),
        XDG_CACHE_HOME: join(work, 'cache'),
      },
      encoding: 'utf8',
      timeout: 90_000,
    });
    const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
    assert.equal(r.status, 0, `nvim failed (exit ${r.status}): ${result?.error ?? `${r.stdout}${r.stderr}`.slice(-1000)}`);
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
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
