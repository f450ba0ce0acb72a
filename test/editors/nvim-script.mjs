// Runs one of our own headless Neovim scripts (test/editors/*.lua) against dist/server.js in a scratch
// folder: copies the files it needs there, gives the script LSP_CMD and RESULT_JSON, and returns the
// JSON result it wrote. Fails the test on a non-zero exit, with the script's own error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
export const skipWithoutNvim = nvim.error ? 'nvim is not installed (../shared/tools/real-editors/setup.sh installs it)' : false;

/** files: { name in the scratch folder: source path }; the first is the file Neovim opens. env may name scratch files as `@name`. */
export function runNvimScript(script, files, env = {}) {
  assert.ok(existsSync(join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `npm run build` first');
  const work = mkdtempSync(join(tmpdir(), 'radlint-nvim-'));
  try {
    for (const [name, from] of Object.entries(files)) copyFileSync(from, join(work, name));
    const resultFile = join(work, 'result.json');
    const own = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.startsWith('@') ? join(work, v.slice(1)) : v]));
    const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(ROOT, 'test', 'editors', script), Object.keys(files)[0]], {
      cwd: work,
      env: {
        ...process.env,
        ...own,
        LSP_CMD: JSON.stringify(['node', join(ROOT, 'dist', 'server.js'), '--stdio']),
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
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
