// Neovim 0.7 over stdio: the hover on a plain finding word and the report's document symbols.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.error ? 'nvim is not installed (../shared/tools/real-editors/setup.sh installs it)' : false;

test('Neovim: hover on "effusion" says what was understood; the symbols are the sections', { skip }, () => {
  assert.ok(existsSync(join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'radlint-nvim-hover-'));
  try {
    copyFileSync(join(ROOT, 'test', 'vscode', 'fixture', 'laterality.rpt'), join(work, 'report.rpt'));
    const resultFile = join(work, 'result.json');
    const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(ROOT, 'test', 'editors', 'nvim-hover.lua'), 'report.rpt'], {
      cwd: work,
      env: {
        ...process.env,
        LSP_CMD: JSON.stringify(['node', join(ROOT, 'dist', 'server.js'), '--stdio']),
        WORD: 'effusion',
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
    assert.match(result.hover, /pleural effusion — present · left/);
    assert.match(result.hover, /In plain words/);
    assert.deepEqual(
      result.symbols.map((s) => s.name),
      ['EXAM', 'INDICATION', 'FINDINGS', 'IMPRESSION'],
    );
    assert.equal(result.symbols[3].children.length, 2, 'the two impression items');
    console.log(`nvim: hover "${result.hover.split('\n')[0]}"; ${result.symbols.length} sections in the outline`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
