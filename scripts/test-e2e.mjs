#!/usr/bin/env node
// The user's view, end to end: packages the .vsix (`npm run package`, in a scratch copy), installs it
// into a fresh code-server, opens a report in headless Chromium, and checks through the real
// workbench UI: the squiggle appears, the hover names the problem, Ctrl+. offers the quick fix,
// Enter applies it, Ctrl+S saves it, and the file on disk is fixed with the squiggle gone.
// Drives ../shared/tools/real-editors/cs-e2e.sh; screenshots and result.json go to test-output/e2e/.
//
//   node scripts/test-e2e.mjs [--vsix PATH]      (default: build one)
//
// Env: RADLINT_REAL_EDITORS (tools folder), RC_ROOT (setup.sh's install, /tmp/radlint-editors).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVsix } from '../test/package/vsix.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TOOLS = resolve(process.env.RADLINT_REAL_EDITORS ?? join(ROOT, '..', 'shared', 'tools', 'real-editors'));
const RC_ROOT = process.env.RC_ROOT ?? '/tmp/radlint-editors';
const OUT = join(ROOT, 'test-output', 'e2e');
const FOLDER = join(ROOT, 'test', 'editors', 'fixtures');
const FILE = 'repeated-word.rpt';
const BEFORE = 'FINDINGS: The the lungs are clear.';
const AFTER = 'FINDINGS: The lungs are clear.';
const ACTION = 'Delete the repeated "the"';

const started = Date.now();
const say = (line) => console.log(`test:e2e: ${line}`);
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const args = process.argv.slice(2);
const vsixArg = args.includes('--vsix') ? resolve(args[args.indexOf('--vsix') + 1]) : undefined;

function ensureCodeServer() {
  if (!existsSync(join(TOOLS, 'cs-e2e.sh'))) return `the real-editor tools are not at ${TOOLS} (set RADLINT_REAL_EDITORS)`;
  const ready =
    existsSync(join(RC_ROOT, 'cs', 'node_modules', '.bin', 'code-server')) &&
    existsSync(join(RC_ROOT, 'tools', 'node_modules', 'playwright-core')) &&
    existsSync('/usr/bin/chromium');
  if (ready) return undefined;
  if (process.getuid?.() !== 0) return `code-server is not installed in ${RC_ROOT}; run: sudo ${join(TOOLS, 'setup.sh')}`;
  say('installing code-server and Chromium with setup.sh (first time only, a few minutes)...');
  const r = spawnSync('bash', [join(TOOLS, 'setup.sh')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, RC_ROOT },
  });
  return r.status === 0 ? undefined : `setup.sh failed:\n${r.stderr.split('\n').slice(-20).join('\n')}`;
}

function main() {
  const problem = ensureCodeServer();
  if (problem) {
    say(`FAIL ${problem}`);
    return 2;
  }

  const built = vsixArg ? undefined : buildVsix();
  const vsix = vsixArg ?? built.vsix;
  try {
    mkdirSync(OUT, { recursive: true });
    const r = spawnSync(
      'bash',
      [
        join(TOOLS, 'cs-e2e.sh'),
        vsix,
        FOLDER,
        FILE,
        OUT,
        '--',
        '--expect-before',
        BEFORE,
        '--expect-after',
        AFTER,
        '--action',
        ACTION,
        '--timeout',
        '60000',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, RC_ROOT },
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    const resultFile = join(OUT, 'result.json');
    const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : {};
    const failures = [];
    if (r.status !== 0 || !result.ok)
      failures.push(`cs-e2e.sh exit ${r.status}: ${(result.error ?? r.stderr ?? '').split('\n').slice(0, 6).join('\n')}`);
    if (result.ok) {
      if (!/Repeated word/.test(result.hover ?? '')) failures.push(`hover does not name the problem: ${JSON.stringify(result.hover)}`);
      if (!(result.quickFixes ?? []).some((t) => t.includes(ACTION)))
        failures.push(`quick fix not offered: ${JSON.stringify(result.quickFixes)}`);
      if ((result.textAfter ?? '').split(/\r?\n/)[0] !== 'FINDINGS: The lungs are clear. No pleural effusion or pneumothorax.') {
        failures.push(`saved file's first line: ${JSON.stringify((result.textAfter ?? '').split(/\r?\n/)[0])}`);
      }
      if (result.squigglesAfter !== 0) failures.push(`${result.squigglesAfter} squiggle(s) left after the fix`);
    }
    say(
      `vsix ${vsix.split('/').pop()}; squiggles ${result.squiggles ?? '?'} -> ${result.squigglesAfter ?? '?'}; problems: ${result.problemsStatus ?? '?'}`,
    );
    say(`hover: ${JSON.stringify((result.hover ?? '').split('\n')[0])}; quick fixes: ${JSON.stringify(result.quickFixes ?? [])}`);
    say(`screenshots: ${join(OUT, 'shot.png')}, ${join(OUT, 'shot-quickfix.png')}`);
    if (failures.length) {
      for (const f of failures) say(`FAIL ${f}`);
      say(`logs: ${join(OUT, 'result.json')}, ${join(OUT, 'cs-state', 'code-server.log')} (${seconds()})`);
      return 1;
    }
    say(`PASS (${seconds()}; UI ${((result.timings?.total ?? 0) / 1000).toFixed(1)} s)`);
    return 0;
  } finally {
    built?.cleanup();
  }
}

process.exitCode = main();
