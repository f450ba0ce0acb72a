// `radlint check` on folders the way users have them: symbolic links followed (loops detected),
// unreadable entries, broken links, pipes and empty files each named with a reason on standard
// error, the rest still checked, and exit status 2 with a closing line that says so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { listReports } = require(path.join(root, 'out/server/cli/inputs.js'));
const CLI = path.join(root, 'bin/radlint.js');
const run = (args, cwd) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

const made = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const DIRTY = 'FINDINGS: The the lungs are clear.\nIMPRESSION: Normal chest.\n';

function tree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-folders-'));
  made.push(dir);
  const write = (name, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  write('reports/a.rpt', DIRTY);
  write('reports/sub/b.rpt', DIRTY);
  write('reports/empty.rpt', '');
  write('outside/c.rpt', DIRTY);
  fs.symlinkSync('../outside/c.rpt', path.join(dir, 'reports/linked.rpt'));
  fs.symlinkSync('../outside', path.join(dir, 'reports/linked-folder'));
  fs.symlinkSync('sub', path.join(dir, 'reports/same-as-sub'));
  fs.symlinkSync('..', path.join(dir, 'reports/sub/loop'));
  fs.symlinkSync('missing.rpt', path.join(dir, 'reports/broken.rpt'));
  return dir;
}

test('symbolic links are followed, loops and duplicates are not, and every skipped entry is named', () => {
  const dir = tree();
  const fifo = spawnSync('mkfifo', [path.join(dir, 'reports/pipe.rpt')]).status === 0;
  const r = run(['check', '--format', 'json', 'reports'], dir);
  assert.equal(r.status, 2, r.stderr);
  const checked = JSON.parse(r.stdout).files.map((f) => f.path);
  assert.deepEqual(checked, ['reports/a.rpt', 'reports/linked-folder/c.rpt', 'reports/linked.rpt', 'reports/sub/b.rpt']);
  const lines = r.stderr.trim().split('\n');
  assert.ok(lines.includes('radlint: reports/broken.rpt: broken symbolic link (to missing.rpt); not checked'), r.stderr);
  assert.ok(lines.includes('radlint: reports/empty.rpt: empty file; nothing to check'), r.stderr);
  assert.ok(
    lines.some((l) => /^radlint: reports\/sub\/loop: symbolic link loop \(back to reports\); not followed$/.test(l)),
    r.stderr,
  );
  if (fifo) assert.ok(lines.includes('radlint: reports/pipe.rpt: not a regular file (a pipe, socket or device); not checked'), r.stderr);
  assert.match(lines.at(-1), /^radlint: \d+ of \d+ inputs not checked \(each named above\); exit status 2$/);
});

test('a broken symbolic link and an empty file given by name each get a clear message', () => {
  const dir = tree();
  const r = run(['check', 'reports/broken.rpt', 'reports/empty.rpt', 'reports/a.rpt'], dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /reports\/broken\.rpt: broken symbolic link \(to missing\.rpt\)/);
  assert.match(r.stderr, /reports\/empty\.rpt: empty file; nothing to check/);
  assert.match(r.stdout, /reports\/a\.rpt:1:11 warning dictation-artifact/, 'the readable report is still checked');
});

test('an unreadable folder is one line and the walk goes on (injected EACCES: chmod does not stop root)', () => {
  const dir = tree();
  const locked = path.join(dir, 'reports/sub');
  const failing = {
    ...fs,
    readdirSync: (p, options) => {
      if (fs.realpathSync(p) === locked) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return fs.readdirSync(p, options);
    },
  };
  const { files, skipped } = listReports(path.join(dir, 'reports'), failing);
  assert.deepEqual(
    files.map((f) => path.relative(dir, f)),
    ['reports/a.rpt', 'reports/empty.rpt', 'reports/linked-folder/c.rpt', 'reports/linked.rpt'],
  );
  const lockedSkips = skipped.filter((s) => s.path === locked || s.path === path.join(dir, 'reports/same-as-sub'));
  assert.deepEqual(
    lockedSkips.map((s) => s.error),
    ['permission denied; folder not checked', 'permission denied; folder not checked'],
  );
  if (process.getuid?.() !== 0) {
    // Not root: the real thing too.
    fs.chmodSync(locked, 0o000);
    try {
      const r = run(['check', 'reports'], dir);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /reports\/sub: permission denied; folder not checked/);
    } finally {
      fs.chmodSync(locked, 0o755);
    }
  }
});
