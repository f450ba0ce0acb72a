#!/usr/bin/env node
// A radiologist's first minutes, in the real VS Code workbench (code-server in headless Chromium, Dark+)
// with the packaged .vsix, driven through the UI as a user would (keyboard, menus, clicks):
//   hover       a report with a side slip: the squiggle, the status bar item, the hover on a finding word
//   ignores     "Ignore here" from Ctrl+., the notification with Undo, the list of ignores, the rule picker
//   walkthrough Get Started, and its "Restructure into a template" button run on the report
//   understood  "Show What RadLint Understood" rendered (a table in the Markdown preview)
//   scorecard   "Compare with Reference Report…": the scorecard in the theme's colours, the status apart
//   extension   the Extensions view's page of the installed .vsix, its images loaded from the .vsix
// Writes result.json and one screenshot per step to OUT; `--images DIR` also copies the extension
// page's pictures there (docs/images/extension).
//
//   node scripts/ui-tour.cjs VSIX OUT [--images DIR]     (after ../shared/tools/real-editors/setup.sh)
// Exit 0 when every check passed, 1 otherwise, 2 when the editors are not installed.
/* global document, getComputedStyle -- code run in the page by page.evaluate */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const RC_ROOT = process.env.RC_ROOT || '/tmp/radlint-editors';
const TOOLS = path.resolve(process.env.RADLINT_REAL_EDITORS || path.join(ROOT, '..', 'shared', 'tools', 'real-editors'));
const args = process.argv.slice(2);
const imagesAt = args.indexOf('--images');
const IMAGES = imagesAt >= 0 ? path.resolve(args.splice(imagesAt, 2)[1]) : undefined;
const [vsix, outArg] = args;
const OUT = path.resolve(outArg || path.join(ROOT, 'test-output', 'ui-tour'));
/** Screenshot of the tour -> picture of the extension page (EXTENSION.md). */
const PAGE_IMAGES = {
  'hover.png': 'editor.png',
  'walkthrough.png': 'walkthrough.png',
  'ignores.png': 'ignores.png',
  'scorecard.png': 'scorecard.png',
  'understood.png': 'understood.png',
};

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
  const settings = { 'git.enabled': false, 'workbench.colorTheme': 'Default Dark+', 'workbench.tips.enabled': false };
  const started = spawnSync('bash', [path.join(TOOLS, 'cs-start.sh'), state, path.resolve(vsix)], {
    encoding: 'utf8',
    // No git prompt in the pictures: the workspace may sit inside a clone.
    env: { ...process.env, RC_ROOT, CS_EXTRA_SETTINGS: JSON.stringify(settings) },
  });
  const url = started.stdout.trim().split('\n').pop();
  if (started.status !== 0 || !url) {
    console.log(`ui-tour: code-server did not start: ${started.stderr}`);
    return 1;
  }
  const result = { steps: {} };
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
    page.setDefaultTimeout(30_000);
    await page.goto(`${url.replace(/\/$/, '')}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 640, y: 400 } })
      .catch(() => {});
    const tour = makeTour(page, ws);
    // UI_TOUR_STEPS=hover,ignores runs only those (while working on one).
    const only = process.env.UI_TOUR_STEPS?.split(',');
    for (const [name, step] of Object.entries(STEPS).filter(([n]) => !only || only.includes(n))) {
      try {
        result.steps[name] = await step(tour);
        result.steps[name].ok = result.steps[name].ok !== false;
      } catch (error) {
        result.steps[name] = { ok: false, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
        await page.screenshot({ path: path.join(OUT, `${name}-failed.png`) }).catch(() => {});
      }
      await page.keyboard.press('Escape').catch(() => {});
      console.log(`ui-tour: ${name} ${result.steps[name].ok ? 'ok' : 'FAILED'}: ${JSON.stringify(result.steps[name])}`);
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await context?.close().catch(() => {});
    spawnSync('bash', [path.join(TOOLS, 'cs-stop.sh'), state]);
    fs.rmSync(profile, { recursive: true, force: true });
  }
  result.ok = !result.error && Object.values(result.steps).every((step) => step.ok) && Object.keys(result.steps).length > 0;
  fs.writeFileSync(path.join(OUT, 'result.json'), JSON.stringify(result, null, 2));
  // The pictures of the page, once every step that makes one passed (the page's own step checks them).
  if (
    IMAGES &&
    Object.keys(PAGE_IMAGES).every((shot) => fs.existsSync(path.join(OUT, shot))) &&
    Object.entries(result.steps).every(([n, s]) => n === 'extension' || s.ok)
  ) {
    fs.mkdirSync(IMAGES, { recursive: true });
    for (const [shot, picture] of Object.entries(PAGE_IMAGES)) fs.copyFileSync(path.join(OUT, shot), path.join(IMAGES, picture));
  }
  console.log(`ui-tour: ${result.ok ? 'PASS' : `FAIL ${result.error ?? ''}`}; screenshots in ${OUT}`);
  return result.ok ? 0 : 1;
}

/** What the steps share: keyboard helpers on one page, screenshots into OUT. */
function makeTour(page, ws) {
  const quickInput = page.locator('.quick-input-widget');
  const rows = quickInput.locator('.quick-input-list .monaco-list-row');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const tour = {
    page,
    ws,
    editor,
    rows,
    shot: async (name) => {
      await page.waitForTimeout(600); // fades and the webview's first paint
      await page.screenshot({ path: path.join(OUT, name) });
    },
    /** Runs a command from the Command Palette by its title. */
    command: async (title) => {
      // Keys typed while a webview has the focus stay in its frame: give it back to the workbench.
      await page
        .locator('.part.sidebar .title-label')
        .first()
        .click({ timeout: 2000 })
        .catch(() => {});
      await page.keyboard.press('Control+Shift+P');
      await quickInput.locator('input').fill(`>${title}`);
      await rows.filter({ hasText: title }).first().waitFor();
      await page.keyboard.press('Enter');
    },
    open: async (name) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await quickInput.locator('input').fill(name);
      // The list shows recent files first and filters a moment later: Enter once the first row is the file.
      await page.waitForFunction(
        (file) => document.querySelector('.quick-input-widget .quick-input-list .monaco-list-row')?.textContent?.includes(file),
        name,
      );
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: name }).waitFor();
    },
    /** Puts the cursor at a 1-based line and column (Go to Line). */
    goTo: async (line, column) => {
      await page.keyboard.press('Control+P');
      await quickInput.locator('input').fill(`:${line}:${column}`);
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden' });
    },
    /** The RadLint status bar item (not a passing status-bar message that starts with "RadLint:"). */
    statusBar: async () => (await page.locator('.statusbar-item[id$="radlint.statusBar"]').first().innerText()).replace(/\s+/g, ' ').trim(),
    /** The text of the first webview frame whose body matches. */
    frameWith: async (pattern, timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        for (const frame of page.frames()) {
          const text = await frame
            .locator('body')
            .innerText({ timeout: 500 })
            .catch(() => '');
          if (pattern.test(text)) return { frame, text };
        }
        if (Date.now() > until) throw new Error(`no webview showing ${pattern}`);
        await page.waitForTimeout(300);
      }
    },
  };
  return tour;
}

const STEPS = {
  async hover(t) {
    const report = 'laterality.rpt';
    await t.open(report);
    await t.editor.locator('.squiggly-error').first().waitFor();
    const squiggles = await t.editor.locator('[class*="squiggly-"]').count();
    await t.page.locator('.statusbar-item[id$="radlint.statusBar"]').first().waitFor();
    const statusBar = await t.statusBar();
    // Hover the plain word "cardiomegaly" in the findings (no problem there, only understanding).
    const lines = fs.readFileSync(path.join(t.ws, report), 'utf8').split('\n');
    const line = lines.findIndex((l) => /cardiomegaly/.test(l) && !/^\d\./.test(l));
    await t.goTo(line + 1, lines[line].indexOf('cardiomegaly') + 3);
    await t.page.keyboard.press('Control+K');
    await t.page.keyboard.press('Control+I');
    const hover = t.page.locator('.monaco-editor .monaco-hover:not(.hidden) .hover-contents', { hasText: 'cardiomegaly' }).first();
    const text = (await hover.innerText({ timeout: 15_000 })).trim();
    await t.shot('hover.png');
    return {
      squiggles,
      statusBar,
      hover: text.split('\n')[0],
      ok: /cardiomegaly — present/.test(text) && /In plain words/.test(text) && /error|warning/.test(statusBar),
    };
  },

  async ignores(t) {
    await t.open('chest-radiograph-errors.rpt');
    await t.editor.locator('.squiggly-warning').first().waitFor();
    const lines = fs.readFileSync(path.join(t.ws, 'chest-radiograph-errors.rpt'), 'utf8').split('\n');
    await t.goTo(lines.findIndex((l) => l.startsWith('The the')) + 1, 2);
    await t.page.keyboard.press('Control+.');
    // Down the Quick Fix menu to "Ignore … here", as a user would with the arrow keys.
    const focused = t.page.locator('.action-widget .monaco-list-row.action.focused').first();
    await focused.waitFor();
    for (let i = 0; i < 8 && !/Ignore "dictation-artifact" here/.test((await focused.getAttribute('aria-label')) ?? ''); i++)
      await t.page.keyboard.press('ArrowDown');
    await t.page.keyboard.press('Enter');
    const toast = t.page.locator('.notifications-toasts .notification-toast', { hasText: 'ignored at' }).first();
    const notice = (await toast.innerText()).replace(/\s+/g, ' ').trim();
    await t.shot('ignore-notice.png');
    await t.command('RadLint: Show Ignores and Turned-Off Rules');
    const listed = t.rows.filter({ hasText: 'dictation-artifact' }).first();
    await listed.waitFor();
    const entry = (await listed.innerText()).replace(/\s+/g, ' ').trim();
    await t.shot('ignores.png');
    await t.page.keyboard.press('Escape');
    await t.command('RadLint: Turn Off a Rule');
    await t.page.locator('.quick-input-widget', { hasText: 'turn off a rule' }).waitFor();
    await t.page.locator('.quick-input-widget input').fill('laterality');
    const rule = t.rows.filter({ hasText: 'laterality-mismatch' }).first();
    await rule.waitFor();
    const picker = (await rule.innerText()).replace(/\s+/g, ' ').trim();
    await t.shot('rule-picker.png');
    return {
      notice,
      entry,
      picker,
      ok: /Undo/.test(notice) && /"The the"/.test(entry) && /now: error \(default\)/.test(picker) && /findings and impression/.test(picker),
    };
  },

  async walkthrough(t) {
    await t.open('laterality.rpt');
    const before = await t.editor.locator('.view-lines').innerText();
    await t.command('Welcome: Open Walkthrough...');
    await t.rows.filter({ hasText: 'Get started with RadLint' }).first().click();
    await t.page.keyboard.press('Control+B'); // the side bar away: the walkthrough shows its page beside the steps
    await t.page.getByText('Restructure a report', { exact: true }).first().click();
    const button = t.page.getByRole('button', { name: 'Restructure into a template' }).first();
    await button.waitFor();
    await t.shot('walkthrough.png');
    await button.click();
    await t.page.keyboard.press('Control+B');
    // The template for the exam comes first in the pick, asked before anything is rewritten.
    await t.rows.first().waitFor();
    await t.shot('template-pick.png');
    const first = (await t.rows.first().innerText()).replace(/\s+/g, ' ').trim();
    await t.page.keyboard.press('Enter');
    await t.page.waitForFunction(
      (old) => {
        const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
        return lines && lines.innerText !== old && /COMPARISON/.test(lines.innerText);
      },
      before,
      { timeout: 20_000 },
    );
    await t.shot('walkthrough-restructured.png');
    const restructured = await t.editor.locator('.view-lines').innerText();
    await t.page.keyboard.press('Control+Z'); // one undo takes the restructure back
    await t.page.waitForFunction(
      () => !/COMPARISON/.test(document.querySelector('.editor-instance .monaco-editor .view-lines')?.innerText ?? 'COMPARISON'),
      null,
      { timeout: 10_000 },
    );
    return { template: first, ok: /COMPARISON/.test(restructured) && !/COMPARISON/.test(before) };
  },

  async understood(t) {
    await t.command('View: Close All Editors');
    await t.open('critical.rpt');
    await t.editor.locator('[class*="squiggly-"]').first().waitFor();
    await t.command('RadLint: Show What RadLint Understood');
    const { frame, text } = await t.frameWith(/What RadLint understood/);
    const cells = await frame.locator('table td').count();
    await t.shot('understood.png');
    // A row's line number takes the cursor to the finding in the report.
    await frame.locator('table a').nth(1).click();
    await t.page.waitForFunction(() => /Ln 6,/.test(document.querySelector('.statusbar')?.textContent ?? ''), null, { timeout: 10_000 });
    const pipes = /\|\s*---/.test(text);
    return { cells, ok: cells > 5 && !pipes && /pneumothorax/.test(text) };
  },

  async scorecard(t) {
    await t.command('View: Close All Editors');
    await t.open('laterality.rpt');
    await t.open('trainee.rpt');
    await t.editor.locator('.view-lines').waitFor();
    await t.command('RadLint: Compare with Reference Report…');
    await t.rows.filter({ hasText: 'laterality.rpt' }).first().click();
    const { frame, text } = await t.frameWith(/Comparison with the reference report/);
    const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await t.page.waitForFunction(() => /from the reference/.test(document.querySelector('.statusbar')?.textContent ?? ''), null, {
      timeout: 15_000,
    });
    const statusBar = await t.statusBar();
    await t.shot('scorecard.png');
    const [r, g, b] = (background.match(/\d+/g) ?? ['255', '255', '255']).map(Number);
    return {
      background,
      statusBar,
      ok: r + g + b < 200 && /size/i.test(text) && /difference/.test(statusBar),
    };
  },

  async extension(t) {
    await t.page.keyboard.press('Control+Shift+X');
    const search = t.page.locator('.extensions-viewlet .monaco-editor textarea, .extensions-viewlet input').first();
    await search.waitFor();
    await search.fill('@installed RadLint');
    await t.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'RadLint' }).first().click();
    const { frame, text } = await t.frameWith(/a second reader for your radiology reports/i);
    // The pictures scrolled into view (the page may load them lazily), then asked whether they loaded.
    await frame.evaluate(() => document.querySelectorAll('img').forEach((img) => img.setAttribute('loading', 'eager')));
    await frame.evaluate(() => document.querySelector('img:last-of-type')?.scrollIntoView());
    await t.page.waitForTimeout(2500);
    const { frame: shown } = await t.frameWith(/a second reader for your radiology reports/i);
    const images = await shown.evaluate(() =>
      [...document.querySelectorAll('img')].map((img) => ({ src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 })),
    );
    await t.shot('extension.png');
    const pictures = images.filter((i) => /^data:image\//.test(i.src ?? ''));
    return {
      images: pictures.length,
      loaded: pictures.filter((i) => i.loaded).length,
      srcs: images.map((i) => (i.src ?? '').slice(0, 60)),
      radiologistsFirst: /^\s*RadLint — a second reader/.test(text),
      ok: pictures.length >= 5 && pictures.every((i) => i.loaded),
    };
  },
};

main().then((code) => process.exit(code));
