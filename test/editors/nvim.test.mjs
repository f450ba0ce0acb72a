// Neovim 0.7 as a second, push-only LSP client: it never asks for diagnostics (no pull), so these
// pass only if the server pushes them, with code actions that apply as plain workspace edits.
// Drives ../shared/tools/real-editors/nvim-e2e.sh (headless Neovim + nvim-lsp-e2e.lua).
// Needs `npm run build` first (dist/server.js); skips when nvim or the tools are not installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TOOLS = resolve(process.env.RADLINT_REAL_EDITORS ?? join(ROOT, '..', 'shared', 'tools', 'real-editors'));
const SCRIPT = join(TOOLS, 'nvim-e2e.sh');
const FIXTURES = join(ROOT, 'test', 'editors', 'fixtures');

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.error
  ? 'nvim is not installed (../shared/tools/real-editors/setup.sh installs it)'
  : !existsSync(SCRIPT)
    ? `the real-editor tools are not at ${TOOLS} (set RADLINT_REAL_EDITORS)`
    : false;

/** Runs one Neovim session on a copy of FILE; returns the harness's result JSON. */
function runNvim(file, expect, lspCmd) {
  assert.ok(existsSync(join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
  const out = mkdtempSync(join(tmpdir(), 'radlint-nvim-'));
  try {
    const resultFile = join(out, 'result.json');
    const env = { ...process.env, ...expect, TIMEOUT_MS: '15000' };
    if (lspCmd) env.LSP_CMD = JSON.stringify(lspCmd);
    else delete env.LSP_CMD;
    const r = spawnSync('bash', [SCRIPT, join(ROOT, 'dist', 'server.js'), join(FIXTURES, file), resultFile], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 90_000,
    });
    const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
    const said = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-10).join('\n');
    assert.equal(
      r.status,
      0,
      `nvim-e2e failed (exit ${r.status}): ${result?.error ?? said}\n${JSON.stringify(result ?? {}, null, 1).slice(0, 2000)}`,
    );
    assert.ok(result?.ok, `nvim-e2e wrote no passing result: ${said}`);
    return result;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

test('Neovim: pushed diagnostic for "The the" and its quick fix (node dist/server.js --stdio)', { skip }, () => {
  const result = runNvim('repeated-word.rpt', {
    EXPECT_MIN_DIAGS: '1',
    EXPECT_SEVERITY: 'Warning',
    EXPECT_ACTION: '^Delete the repeated "the"$',
    EXPECT_LINE1: 'FINDINGS: The lungs are clear. No pleural effusion or pneumothorax.',
    EXPECT_DIAGS_AFTER: '0',
  });
  const [first] = result.diagnostics;
  assert.equal(first.code, 'dictation-artifact');
  assert.equal(first.source, 'radlint');
  assert.deepEqual([first.lnum, first.col, first.end_col], [0, 10, 17], 'the diagnostic should cover "The the"');
  console.log(`nvim: ${result.diagnostics.length} diagnostic(s), applied "${result.applied}", 0 after the fix`);
});

test('Neovim: the spoken "new paragraph" fixed through the radlint-server bin entry', { skip }, () => {
  const result = runNvim(
    'spoken-command.rpt',
    {
      EXPECT_MIN_DIAGS: '1',
      EXPECT_SEVERITY: 'Warning',
      EXPECT_ACTION: '^Replace with a paragraph break$',
      EXPECT_LINE1: 'FINDINGS: The lungs are clear.',
      EXPECT_DIAGS_AFTER: '0',
    },
    ['node', join(ROOT, 'bin', 'radlint-server.js'), '--stdio'],
  );
  assert.match(result.diagnostics[0].message, /new paragraph/);
  assert.match(result.text_after, /^FINDINGS: The lungs are clear\.\n\n+No pleural effusion/);
  console.log(`nvim (radlint-server): applied "${result.applied}"`);
});

test('Neovim: "Restructure into a template" runs as a server command and lands as one workspace edit', { skip }, () => {
  // A report with its exam title: without one the chooser refuses rather than guess a template.
  const result = runNvim('titled-repeated-word.rpt', {
    EXPECT_MIN_DIAGS: '1',
    EXPECT_ACTION: '^Restructure into a template',
    // The dictated text starts with INDICATION; the chest radiograph template starts with the EXAM line.
    EXPECT_LINE1: 'EXAM: Chest radiograph, PA and lateral.',
  });
  assert.match(result.applied, /Restructure into a template/);
  console.log(`nvim: applied "${result.applied}"; line 1 is now the template's EXAM line`);
});
