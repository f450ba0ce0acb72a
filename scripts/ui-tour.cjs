#!/usr/bin/env node
// A radiologist's first minute, in the real VS Code workbench (code-server in headless Chromium) with
// the packaged .vsix: open a report with a side slip, see the squiggle and the RadLint status bar item,
// hover a plain finding word (no problem on it) and read what RadLint understood, in plain words too.
// Writes result.json and screenshots to OUT (hover.png is the README's picture).
//
//   node scripts/ui-tour.cjs VSIX OUT        (after ../shared/tools/real-editors/setup.sh)
// Exit 0 when every check passed, 1 otherwise, 2 when the editors are not installed.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RC_ROOT = process.env.RC_ROOT || '/tmp/radlint-editors';
const TOOLS = path.resolve(process.env.RADLINT_REAL_EDITORS || path.join(ROOT, '..', 'shared', 'tools', 'real-editors'));
const [vsix, outArg] = process.argv.slice(2);
const OUT = path.resolve(outArg || path.join(ROOT, 'test-output', 'ui-tour'));
const REPORT = 'laterality.rpt';

function playwright() {
  try {
    return require(require.resolve('playwright-core', { paths: [path.join(RC_ROOT, 'tools')] }));
  } catch {
    return null;
  }
}

async function main() {
  const pw = playwright();
  if (!vsix || !pw || !fs.existsSync(path.join(TOOLS, 'cs-start.sh'))) {
    console.log('ui-tour: needs VSIX and the real editors (setup.sh)');
    return 2;
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const ws = path.join(OUT, 'ws');
  fs.cpSync(path.join(ROOT, 'test', 'vscode', 'fixture'), ws, { recursive: true });
  fs.rmSync(path.join(ws, '.vscode'), { recursive: true, force: true });
  const state = path.join(OUT, 'cs-state');
  const started = spawnSync('bash', [path.join(TOOLS, 'cs-start.sh'), state, path.resolve(vsix)], {
    encoding: 'utf8',
    // No git prompt in the picture: the workspace may sit inside a clone.
    env: { ...process.env, RC_ROOT, CS_EXTRA_SETTINGS: JSON.stringify({ 'git.enabled': false }) },
  });
  const url = started.stdout.trim().split('\n').pop();
  if (started.status !== 0 || !url) {
    console.log(`ui-tour: code-server did not start: ${started.stderr}`);
    return 1;
  }
  const result = { ok: false };
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ui-tour-'));
  let context;
  try {
    context = await pw.chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 760 },
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
    });
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(60_000);
    await page.goto(`${url.replace(/\/$/, '')}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 640, y: 400 } })
      .catch(() => {});
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(REPORT);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.squiggly-error').first().waitFor();
    result.squiggles = await editor.locator('[class*="squiggly-"]').count();
    // The RadLint status bar item, visible without pinning.
    const bar = page.locator('.statusbar-item', { hasText: 'RadLint' }).first();
    await bar.waitFor();
    result.statusBar = (await bar.innerText()).trim();
    // Hover the plain word "cardiomegaly" in the findings (no problem there, only understanding):
    // cursor to it with Go to Line, then the keyboard's Show Hover.
    const lines = fs.readFileSync(path.join(ws, REPORT), 'utf8').split('\n');
    const line = lines.findIndex((l) => /cardiomegaly/.test(l) && !/^\d\./.test(l));
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill(`:${line + 1}:${lines[line].indexOf('cardiomegaly') + 3}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .hover-contents', { hasText: 'cardiomegaly' }).first();
    result.hover = (await hover.innerText({ timeout: 15_000 })).trim();
    await page.waitForTimeout(800); // the hover fades in
    await page.screenshot({ path: path.join(OUT, 'hover.png') });
    result.ok =
      /cardiomegaly — present/.test(result.hover) && /In plain words/.test(result.hover) && /error|warning/.test(result.statusBar);
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await context?.close().catch(() => {});
    spawnSync('bash', [path.join(TOOLS, 'cs-stop.sh'), state]);
    fs.rmSync(profile, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(OUT, 'result.json'), JSON.stringify(result, null, 2));
  console.log(`ui-tour: squiggles ${result.squiggles}; status bar "${result.statusBar}"; hover: ${JSON.stringify(result.hover)}`);
  console.log(`ui-tour: ${result.ok ? 'PASS' : `FAIL ${result.error ?? ''}`}; screenshot ${path.join(OUT, 'hover.png')}`);
  return result.ok ? 0 : 1;
}

main().then((code) => process.exit(code));
