#!/usr/bin/env node
// `npm run test:vscode`: builds, then runs the integration suite (test/vscode) inside a real VS Code
// extension host: desktop VS Code through @vscode/test-electron where it can be downloaded, else
// code-server (VS Code's real extension host, served to headless Chromium) through
// ../shared/tools/real-editors/cs-ext-tests.sh, installing it first with setup.sh when it is missing.
//
//   node scripts/test-vscode.mjs [--no-build] [--host auto|electron|code-server]
//
// Env: RADLINT_VSCODE_HOST (same as --host), RADLINT_VSCODE_VERSION (default: the engines.vscode
// minimum), RADLINT_REAL_EDITORS (tools folder), RC_ROOT (where setup.sh installs, /tmp/radlint-editors).
// Prints one line per test; the full log goes to cs-tests-out/ext-tests.log. Exit 0 = all passed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SUITE = join(ROOT, 'test', 'vscode', 'index.js');
const FIXTURE = join(ROOT, 'test', 'vscode', 'fixture');
const OUT = join(ROOT, 'cs-tests-out');
const TOOLS = resolve(process.env.RADLINT_REAL_EDITORS ?? join(ROOT, '..', 'shared', 'tools', 'real-editors'));
const RC_ROOT = process.env.RC_ROOT ?? '/tmp/radlint-editors';
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const host = option('--host') ?? process.env.RADLINT_VSCODE_HOST ?? 'auto';
const started = Date.now();
const say = (line) => console.log(`test:vscode: ${line}`);
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function fail(message, code = 1) {
  say(`FAIL ${message} (${seconds()})`);
  process.exit(code);
}

function build() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout.split('\n').slice(-30).join('\n'));
    process.stderr.write(r.stderr.split('\n').slice(-30).join('\n'));
    fail('npm run build failed');
  }
}

/** Mocha's spec lines from the extension host, without the workbench's own chatter. */
function testLines(log) {
  const lines = [];
  let inSuite = false;
  for (const raw of log.split('\n')) {
    const line = raw.replace(/^\[(info|log|warn|warning|error)\] ?/, '').replace(/\s+$/, '');
    if (/RadLint in the VS Code extension host/.test(line)) inSuite = true;
    if (!inSuite || line === '') continue;
    if (/Ignoring fetching|Creating a socket|connection token|Service Worker|ChatSessionStore|Updating additional/.test(line)) continue;
    lines.push(line);
  }
  return lines;
}

async function electronAvailable(version) {
  const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
  try {
    const silent = { report() {}, error() {} };
    return {
      executable: await downloadAndUnzipVSCode({ version, cachePath: join(ROOT, '.vscode-test'), reporter: silent, timeout: 15000 }),
    };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

async function runElectron(executable) {
  const { runTests } = require('@vscode/test-electron');
  const scratch = mkdtempSync(join(tmpdir(), 'radlint-vscode-'));
  const workspace = join(scratch, 'ws');
  cpSync(FIXTURE, workspace, { recursive: true });
  try {
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: SUITE,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(scratch, 'user-data')}`],
    });
    return code;
  } catch (error) {
    say(String(error instanceof Error ? error.message : error));
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function ensureCodeServer() {
  if (!existsSync(join(TOOLS, 'cs-ext-tests.sh'))) fail(`the real-editor tools are not at ${TOOLS} (set RADLINT_REAL_EDITORS)`, 2);
  const ready =
    existsSync(join(RC_ROOT, 'cs', 'node_modules', '.bin', 'code-server')) &&
    existsSync(join(RC_ROOT, 'tools', 'node_modules', 'playwright-core')) &&
    existsSync('/usr/bin/chromium');
  if (ready) return;
  if (process.getuid?.() !== 0) fail(`code-server is not installed in ${RC_ROOT}; run: sudo ${join(TOOLS, 'setup.sh')}`, 2);
  say(`installing code-server and Chromium with setup.sh (first time only, a few minutes)...`);
  const r = spawnSync('bash', [join(TOOLS, 'setup.sh')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, RC_ROOT },
  });
  if (r.status !== 0) {
    process.stderr.write(r.stderr.split('\n').slice(-20).join('\n'));
    fail('setup.sh failed', 2);
  }
}

function runCodeServer() {
  ensureCodeServer();
  mkdirSync(OUT, { recursive: true });
  return new Promise((done) => {
    const child = spawn('bash', [join(TOOLS, 'cs-ext-tests.sh'), ROOT, SUITE, FIXTURE, OUT], {
      cwd: ROOT,
      env: { ...process.env, RC_ROOT },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => {
      log += d;
    });
    child.stderr.on('data', (d) => {
      log += d;
    });
    child.on('close', (code) => {
      writeFileSync(join(OUT, 'ext-tests.log'), log);
      const lines = testLines(log);
      const exit = code ?? 2;
      // Passing: the test titles and the count. Failing: everything mocha said, or the harness tail.
      const shown = exit === 0 ? lines.filter((l) => /✔|✓|passing|pending/.test(l)) : lines.length ? lines : log.split('\n').slice(-25);
      for (const l of shown) console.log(`  ${l.trim()}`);
      if (exit !== 0)
        say(
          `full log: ${join(OUT, 'ext-tests.log')}; code-server log: ${join(OUT, 'cs-state', 'code-server.log')}; screenshot: ${join(OUT, 'tests.png')}`,
        );
      done(exit);
    });
  });
}

if (!args.includes('--no-build')) build();
let code;
if (host === 'code-server') {
  say('host: code-server');
  code = await runCodeServer();
} else {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const version = process.env.RADLINT_VSCODE_VERSION ?? pkg.engines.vscode.replace(/^[\^~>=]+/, '');
  const electron = await electronAvailable(version);
  if (electron.executable) {
    say(`host: VS Code ${version} (@vscode/test-electron)`);
    code = await runElectron(electron.executable);
  } else if (host === 'electron') {
    fail(`VS Code ${version} could not be downloaded: ${electron.reason}`, 2);
  } else {
    say(`host: code-server (VS Code desktop not downloadable here: ${electron.reason})`);
    code = await runCodeServer();
  }
}
if (code === 0) say(`PASS (${seconds()})`);
else fail(code === 2 ? 'harness error or timeout' : 'integration tests failed', code || 1);
