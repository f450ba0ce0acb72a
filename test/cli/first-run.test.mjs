// A fresh clone in a terminal (issue 23, items 10 and 11): `npx radlint` runs the clone's own bin,
// `npm link` puts both commands on PATH, a bin run before the build says to build, and
// `radlint-server` without a transport (or with --help, --version) answers with its usage and version
// instead of a stack trace. Needs `npm run build`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const README = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const node = (file, args) => spawnSync(process.execPath, [file, ...args], { cwd: root, encoding: 'utf8', input: '' });
// npm is a .cmd on Windows; --offline: these tests never reach the registry.
const npm = (args, env = process.env) =>
  spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', [...args, '--offline', '--no-audit', '--no-fund'], {
    cwd: root,
    encoding: 'utf8',
    env,
    shell: process.platform === 'win32',
  });

const made = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

test('the README says how to run the commands from a clone: npx radlint, and npm link', () => {
  assert.match(README, /npx radlint check examples\//);
  assert.match(README, /npm link/);
  assert.match(README, /node bin\/radlint\.js/);
});

test('npx radlint runs the clone’s own bin, without installing anything', () => {
  const r = npm(['exec', '--no', '--', 'radlint', '--version']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), version);
});

test('npm link puts radlint and radlint-server on PATH', { skip: process.platform === 'win32' && 'bin shims differ on Windows' }, () => {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-link-'));
  made.push(prefix);
  const r = npm(['link'], { ...process.env, NPM_CONFIG_PREFIX: prefix });
  assert.equal(r.status, 0, r.stderr);
  for (const bin of ['radlint', 'radlint-server']) {
    const v = spawnSync(path.join(prefix, 'bin', bin), ['--version'], { encoding: 'utf8' });
    assert.equal(v.status, 0, `${bin}: ${v.stderr}`);
    assert.equal(v.stdout.trim(), version, bin);
  }
});

for (const entry of ['bin/radlint-server.js', 'dist/server.js']) {
  test(`${entry} without a transport: the usage and the version on stderr, exit 2, no code or stack trace`, () => {
    const r = node(entry, []);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^radlint-server: no transport given/);
    assert.ok(r.stderr.includes(`radlint-server ${version}`), r.stderr);
    assert.match(r.stderr, /radlint-server --stdio/);
    assert.doesNotMatch(r.stderr, /^\s+at /m, 'a stack trace');
    assert.ok(r.stderr.length < 2000, `${r.stderr.length} characters`);
  });
}

test('radlint-server --help prints the usage (exit 0); --version and -v the version', () => {
  const help = node('bin/radlint-server.js', ['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^radlint-server \d+\.\d+\.\d+: the RadLint language server/);
  for (const transport of ['--stdio', '--node-ipc', '--socket=PORT', '--pipe=NAME']) assert.ok(help.stdout.includes(transport), transport);
  assert.equal(help.stderr, '');
  for (const flag of ['--version', '-v']) {
    const r = node('bin/radlint-server.js', [flag]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  }
});

test('before `npm run build` (no dist/), both bins say to build first (exit 2), no module-not-found trace', () => {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-unbuilt-'));
  made.push(clone);
  fs.mkdirSync(path.join(clone, 'bin'));
  for (const bin of ['radlint', 'radlint-server']) {
    fs.copyFileSync(path.join(root, 'bin', `${bin}.js`), path.join(clone, 'bin', `${bin}.js`));
    const r = spawnSync(process.execPath, [path.join(clone, 'bin', `${bin}.js`), '--stdio'], { encoding: 'utf8', input: '' });
    assert.equal(r.status, 2, bin);
    assert.match(r.stderr, new RegExp(`^${bin}: .*dist.*is missing: run \`npm run build\` in .* first\\.\\n$`));
  }
});
