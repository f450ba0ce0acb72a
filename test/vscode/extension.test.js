// Integration suite: runs inside VS Code's extension host (desktop through @vscode/test-electron, or
// code-server through cs-ext-tests.sh) with RadLint loaded from the repository. It waits on events
// (diagnostics changed, document changed), never on fixed sleeps.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, WAIT_MS, codeOf, radlintDiagnostics, poll, workspace, open, revertAndCloseAll } = require('./helpers');

const REPORT = 'chest-radiograph-errors.rpt';
const describeDiagnostics = (uri) =>
  JSON.stringify(radlintDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`));

/** Resolves with check()'s first truthy value, re-checking whenever one of the events fires. */
function waitFor(description, check, events, timeoutMs = WAIT_MS) {
  return new Promise((resolve, reject) => {
    const subscriptions = [];
    const done = (fn, value) => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      fn(value);
    };
    const attempt = () => {
      try {
        const value = check();
        if (value) done(resolve, value);
      } catch (error) {
        done(reject, error);
      }
    };
    const timer = setTimeout(() => done(reject, new Error(`timed out after ${timeoutMs} ms waiting for ${description()}`)), timeoutMs);
    for (const event of events) subscriptions.push(event(attempt));
    attempt();
  });
}

function waitForDiagnostics(uri, what, check) {
  return waitFor(
    () => `${what}; RadLint diagnostics now: ${describeDiagnostics(uri)}`,
    () => check(radlintDiagnostics(uri)),
    [vscode.languages.onDidChangeDiagnostics],
  );
}

function waitForText(document, expected, what) {
  return waitFor(
    () => `${what}; text now:\n${document.getText()}`,
    () => document.getText() === expected,
    [vscode.workspace.onDidChangeTextDocument],
  );
}

async function applyCodeAction(action) {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `workspace.applyEdit refused "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

async function quickFixes(uri, range) {
  const actions = await vscode.commands.executeCommand(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions ?? [];
}

describe('RadLint in the VS Code extension host', function () {
  let document;
  let original;

  before(async function () {
    document = await open(REPORT);
    original = document.getText();
  });

  after(revertAndCloseAll);

  it('opens .rpt files as Radiology Reports and starts the language client', async function () {
    assert.equal(document.languageId, 'radreport');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    const api = extension.isActive ? extension.exports : await extension.activate();
    assert.equal(typeof api?.client, 'function', 'activate() should return { client }');
    await waitFor(
      () => 'the language client to run',
      () => api.client()?.isRunning(),
      [vscode.languages.onDidChangeDiagnostics],
    );
  });

  it('flags "The the" as a dictation artifact', async function () {
    const diagnostic = await waitForDiagnostics(document.uri, 'a dictation-artifact diagnostic on "The the"', (all) =>
      all.find((d) => codeOf(d) === 'dictation-artifact' && document.getText(d.range) === 'The the'),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /Repeated word/);
    assert.ok(typeof diagnostic.code === 'object' && diagnostic.code.target, 'the diagnostic should link to its rule docs');
  });

  it('deletes the repeated word with its quick fix; the diagnostic goes away and undo brings it back', async function () {
    const diagnostic = radlintDiagnostics(document.uri).find((d) => document.getText(d.range) === 'The the');
    assert.ok(diagnostic, 'the "The the" diagnostic disappeared before the fix');
    const actions = await quickFixes(document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Delete the repeated "the"');
    assert.ok(fix, `no "Delete the repeated \\"the\\"" quick fix; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);

    await applyCodeAction(fix);
    const fixed = original.replace('The the lungs are clear', 'The lungs are clear');
    assert.notEqual(fixed, original, 'the fixture no longer contains "The the lungs are clear"');
    await waitForText(document, fixed, 'the text with the repeated word deleted');

    // Checked again after the edit: the repeated word is gone, the spoken command is still flagged.
    await waitForDiagnostics(
      document.uri,
      'the repeated-word diagnostic to go away (and the others to stay)',
      (all) => !all.some((d) => /Repeated word/.test(d.message)) && all.some((d) => /new paragraph/.test(d.message)),
    );

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitForText(document, original, 'undo to restore the original text');
    await waitForDiagnostics(document.uri, 'the repeated-word diagnostic to come back after undo', (all) =>
      all.some((d) => codeOf(d) === 'dictation-artifact' && document.getText(d.range) === 'The the'),
    );
  });

  it('replaces the spoken "new paragraph" with a paragraph break', async function () {
    const diagnostic = await waitForDiagnostics(document.uri, 'a diagnostic on "new paragraph"', (all) =>
      all.find((d) => codeOf(d) === 'dictation-artifact' && document.getText(d.range) === 'new paragraph'),
    );
    const actions = await quickFixes(document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Replace with a paragraph break');
    assert.ok(fix, `no paragraph-break quick fix; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyCodeAction(fix);
    await waitFor(
      () => `"new paragraph" to be replaced; text now:\n${document.getText()}`,
      () => !document.getText().includes('new paragraph'),
      [vscode.workspace.onDidChangeTextDocument],
    );
    assert.match(document.getText(), /without focal consolidation\.[ \t]*\r?\n[ \t]*\r?\n/, 'expected a blank line after the sentence');
    await waitForDiagnostics(
      document.uri,
      'the spoken-command diagnostic to go away',
      (all) => !all.some((d) => /new paragraph/.test(d.message)),
    );
  });
});

describe('RadLint snippet fixes (radlint.applySnippet)', function () {
  let document;
  let original;

  before(async function () {
    document = await open('no-impression.rpt');
    original = document.getText();
  });

  after(revertAndCloseAll);

  it('adds a missing IMPRESSION as a snippet: the placeholder is selected, and one undo removes it', async function () {
    const diagnostic = await waitForDiagnostics(document.uri, 'a missing-impression diagnostic', (all) =>
      all.find((d) => codeOf(d) === 'missing-impression'),
    );
    const actions = await quickFixes(document.uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Add an IMPRESSION section');
    assert.ok(fix, `no "Add an IMPRESSION section" fix; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fix.command?.command, 'radlint.applySnippet', 'VS Code should get the fix as a snippet command');

    await applyCodeAction(fix);
    await waitForText(document, `${original}\nIMPRESSION:\nimpression\n`, 'the IMPRESSION section to be added');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document, document);
    assert.equal(document.getText(editor.selection), 'impression', 'the snippet placeholder should be selected, ready to type over');
    await waitForDiagnostics(
      document.uri,
      'the missing-impression diagnostic to go away',
      (all) => !all.some((d) => codeOf(d) === 'missing-impression'),
    );

    await vscode.commands.executeCommand('undo');
    await waitForText(document, original, 'a single undo to remove the whole section');
  });
});

describe('RadLint clinical rules in the editor', function () {
  let folder;

  before(function () {
    folder = vscode.workspace.workspaceFolders[0];
  });

  afterEach(revertAndCloseAll);

  it('laterality: points at the other mention, and either side can be made to match; undo restores it', async function () {
    const document = await open('laterality.rpt');
    const original = document.getText();
    const diagnostic = await waitForDiagnostics(document.uri, 'a laterality-mismatch diagnostic in the impression', (all) =>
      all.find((d) => codeOf(d) === 'laterality-mismatch' && document.getText(d.range).includes('right')),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const related = diagnostic.relatedInformation ?? [];
    assert.equal(related.length, 1, 'the other mention is related information');
    assert.match(document.getText(related[0].location.range), /left/);

    const actions = await quickFixes(document.uri, diagnostic.range);
    const fix = actions.find((a) => /Change to "left"/.test(a.title));
    assert.ok(fix, `no "Change to left" fix; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(
      actions.every((a) => !a.isPreferred),
      'which side is right cannot be known: no fix is preferred',
    );
    await applyCodeAction(fix);
    await waitForText(
      document,
      original.replace('1. Small right pleural effusion.', '1. Small left pleural effusion.'),
      'the impression side changed to left',
    );
    await waitForDiagnostics(
      document.uri,
      'the laterality diagnostics to go away',
      (all) => !all.some((d) => codeOf(d) === 'laterality-mismatch'),
    );
    await vscode.commands.executeCommand('undo');
    await waitForText(document, original, 'undo to restore the side');
  });

  it('critical finding without communication: the statement is inserted with fields to fill', async function () {
    const document = await open('critical.rpt');
    const original = document.getText();
    const diagnostic = await waitForDiagnostics(document.uri, 'a critical-communication-missing diagnostic', (all) =>
      all.find((d) => codeOf(d) === 'critical-communication-missing'),
    );
    // One message per finding: the critical-finding mark is merged into this warning, which carries the urgency.
    assert.match(diagnostic.message, /communicate within/);
    assert.ok(!radlintDiagnostics(document.uri).some((d) => codeOf(d) === 'critical-finding'));
    const actions = await quickFixes(document.uri, diagnostic.range);
    const fix = actions.find((a) => /communication statement/.test(a.title));
    assert.ok(fix, `no communication fix; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyCodeAction(fix);
    await waitFor(
      () => `the statement to be inserted; text now:\n${document.getText()}`,
      () => document.getText().includes('These findings were discussed with Dr. name by telephone on date at time'),
      [vscode.workspace.onDidChangeTextDocument],
    );
    const editor = vscode.window.activeTextEditor;
    assert.equal(document.getText(editor.selection), 'Dr. name', 'the first field is selected, ready to type over');
    // Until its fields are filled, the statement still lacks a time: the rule says so.
    await waitForDiagnostics(document.uri, 'the rule to ask for the time still to fill', (all) =>
      all.some((d) => codeOf(d) === 'critical-communication-missing' && /when/.test(d.message)),
    );
    await vscode.commands.executeCommand('undo');
    await waitForText(document, original, 'one undo to remove the statement');
    // Filled in, the statement satisfies the rule.
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, 'Discussed with Dr. Lee by telephone at 14:35, read back confirmed.\n'));
    await waitForDiagnostics(
      document.uri,
      'the communication diagnostic to go away',
      (all) => !all.some((d) => codeOf(d) === 'critical-communication-missing'),
    );
  });

  it('spelling: "Add to dictionary" writes the workspace word list, never settings', async function () {
    const document = await open('critical.rpt');
    const diagnostic = await waitForDiagnostics(document.uri, 'a spelling diagnostic on "cardiomegally"', (all) =>
      all.find((d) => codeOf(d) === 'spelling' && document.getText(d.range) === 'cardiomegally'),
    );
    const actions = await quickFixes(document.uri, diagnostic.range);
    assert.match(actions[0].title, /cardiomegaly/, 'the right word is the first suggestion');
    const add = actions.find((a) => a.command?.command === 'radlint.addToDictionary');
    assert.ok(add, `no "Add to dictionary"; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    await applyCodeAction(add);
    await waitForDiagnostics(document.uri, 'the spelling diagnostic to go away', (all) => !all.some((d) => codeOf(d) === 'spelling'));
    const list = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'radlint-words.txt'));
    assert.match(Buffer.from(list).toString('utf8'), /^cardiomegally$/m);
    const settings = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
    assert.doesNotMatch(Buffer.from(settings).toString('utf8'), /cardiomegally/);
  });

  it('registers the commands it contributes', async function () {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['radlint.checkCurrentReport', 'radlint.showLog', 'radlint.checkWithAi', 'radlint.setApiKey', 'radlint.clearApiKey']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});

describe('RadLint state you can see: status item, restart, rule commands', function () {
  let folder;
  let api;

  before(async function () {
    ({ folder, api } = await workspace());
  });

  afterEach(revertAndCloseAll);

  const waitForStatus = (what, check) =>
    waitFor(
      () => `${what}; the status item says "${api.statusText()}"`,
      () => check(api.statusText()),
      [api.onDidChangeStatus, vscode.languages.onDidChangeDiagnostics],
    );

  /** "2 errors, 1 warning" as the status item should say it, from VS Code's own diagnostics. */
  function expectedCounts(uri) {
    const mine = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'radlint' || d.source === 'radlint AI');
    const n = (severity) => mine.filter((d) => d.severity === severity).length;
    const parts = [];
    const say = (count, word) => count && parts.push(`${count} ${word}${count === 1 ? '' : 's'}`);
    say(n(vscode.DiagnosticSeverity.Error), 'error');
    say(n(vscode.DiagnosticSeverity.Warning), 'warning');
    say(n(vscode.DiagnosticSeverity.Information) + n(vscode.DiagnosticSeverity.Hint), 'note');
    return parts.join(', ');
  }

  it('the status item says "no problems" only once a clean report is checked', async function () {
    await open('clean.rpt');
    await waitForStatus('"no problems" on the clean report', (text) => /^\$\(check\) no problems$/.test(text));
    assert.equal(radlintDiagnostics(vscode.window.activeTextEditor.document.uri).length, 0);
  });

  it('the status item counts the problems of a dirty report, errors first', async function () {
    const document = await open('laterality.rpt');
    await waitForDiagnostics(document.uri, 'a laterality-mismatch diagnostic', (all) =>
      all.some((d) => codeOf(d) === 'laterality-mismatch'),
    );
    const text = await waitForStatus(
      'the counts of laterality.rpt',
      (t) => t.includes(expectedCounts(document.uri)) && /\d+ error/.test(t) && t,
    );
    assert.doesNotMatch(text, /no problems/);
    assert.match(text, /^\$\(error\) /);
  });

  it('RadLint: Restart Server starts a new server that checks the open report again', async function () {
    const document = await open('laterality.rpt');
    await waitForDiagnostics(document.uri, 'a laterality-mismatch diagnostic', (all) =>
      all.some((d) => codeOf(d) === 'laterality-mismatch'),
    );
    const before = api.client();
    assert.ok(before?.isRunning());
    await vscode.commands.executeCommand('radlint.restartServer');
    const after = api.client();
    assert.ok(after && after !== before, 'a new language client');
    assert.ok(after.isRunning(), 'the new client runs');
    assert.ok(!before.isRunning(), 'the old client is stopped');
    // The new server checks the report on its own: an edit comes back with diagnostics.
    const editor = vscode.window.activeTextEditor;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'The the '));
    await waitForDiagnostics(document.uri, 'the new server to flag "The the"', (all) =>
      all.some((d) => codeOf(d) === 'dictation-artifact' && document.getText(d.range) === 'The the'),
    );
    await waitForStatus('the status item to show counts again', (t) => /\d+ (error|warning)/.test(t));
  });

  it('Turn off a rule writes radlint.rules in the workspace settings, and the rule goes quiet', async function () {
    const config = () => vscode.workspace.getConfiguration('radlint');
    const previous = config().inspect('rules')?.workspaceValue;
    const document = await open('chest-radiograph-errors.rpt');
    await waitForDiagnostics(document.uri, 'a dictation-artifact diagnostic', (all) => all.some((d) => codeOf(d) === 'dictation-artifact'));
    try {
      const where = await vscode.commands.executeCommand('radlint.disableRule', 'dictation-artifact');
      assert.equal(where, 'workspace');
      assert.equal(config().inspect('rules')?.workspaceValue?.['dictation-artifact'], 'off');
      assert.equal(config().inspect('rules')?.globalValue?.['dictation-artifact'], undefined, 'the user settings stay as they were');
      const settings = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'));
      assert.match(Buffer.from(settings).toString('utf8'), /"dictation-artifact":\s*"off"/);
      await waitForDiagnostics(
        document.uri,
        'the dictation-artifact diagnostics to go',
        (all) => !all.some((d) => codeOf(d) === 'dictation-artifact'),
      );
    } finally {
      await config().update('rules', previous, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(document.uri, 'the rule to come back with the setting', (all) =>
      all.some((d) => codeOf(d) === 'dictation-artifact'),
    );
  });

  it('Open rule docs opens the shipped page in the Markdown preview; an unknown rule opens nothing', async function () {
    const opened = await vscode.commands.executeCommand('radlint.openRuleDocs', 'laterality-mismatch');
    assert.ok(typeof opened === 'string' && opened.endsWith('/docs/rules/laterality-mismatch.md'), `opened ${opened}`);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(vscode.Uri.parse(opened).fsPath.startsWith(extension.extensionUri.fsPath), 'the page comes from the extension, offline');
    assert.equal(await vscode.commands.executeCommand('radlint.openRuleDocs', 'no-such-rule'), undefined);
    assert.equal(await vscode.commands.executeCommand('radlint.openRuleDocs', '../../package'), undefined);
  });

  it('Compare with Reference Report shows the discrepancies on the trainee, outside the status counts; Clear removes them', async function () {
    const reference = vscode.Uri.joinPath(folder.uri, 'laterality.rpt');
    // The trainee left out the effusion the reference reports.
    const content = [
      'EXAM: Chest radiograph, PA and lateral.',
      '',
      'INDICATION: 58-year-old female with shortness of breath.',
      '',
      'FINDINGS:',
      'Mild cardiomegaly. No pneumothorax.',
      '',
      'IMPRESSION:',
      '1. Mild cardiomegaly.',
      '',
    ].join('\n');
    const trainee = await vscode.workspace.openTextDocument({ language: 'radreport', content });
    await vscode.window.showTextDocument(trainee);
    const rulesText = () => expectedCounts(trainee.uri) || 'no problems';
    const before = await waitForStatus(
      'the trainee report to be checked',
      (t) => !/not checked|starting/.test(t) && t.endsWith(rulesText()) && t,
    );
    const compared = (all) => all.filter((d) => d.source === 'radlint compare');
    const rulesBefore = vscode.languages.getDiagnostics(trainee.uri).filter((d) => d.source === 'radlint').length;

    // The API-level entry: the reference as an argument, so no quick pick.
    const result = await vscode.commands.executeCommand('radlint.compareWithReference', reference, trainee.uri);
    assert.ok(result, 'the command answers the comparison');
    assert.ok(result.summary.missed >= 1, JSON.stringify(result.summary));
    const shown = await waitFor(
      () =>
        `comparison diagnostics on the trainee; all now: ${JSON.stringify(vscode.languages.getDiagnostics(trainee.uri).map((d) => `${d.source}: ${d.message}`))}`,
      () => {
        const mine = compared(vscode.languages.getDiagnostics(trainee.uri));
        return mine.length === result.diagnostics && mine.length > 0 && mine;
      },
      [vscode.languages.onDidChangeDiagnostics],
    );
    const missed = shown.find((d) => codeOf(d) === 'missed');
    assert.ok(missed, 'a missed finding');
    assert.equal(
      missed.relatedInformation?.[0]?.location.uri.toString(),
      reference.toString(),
      'related information points into the reference',
    );
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await waitFor(
      () => `the scorecard beside the report; tabs: ${JSON.stringify(tabs().map((t) => `${t.input?.constructor?.name} ${t.label}`))}`,
      () => tabs().some((t) => t.input instanceof vscode.TabInputWebview && /^Comparison: /.test(t.label)),
      [vscode.window.tabGroups.onDidChangeTabs],
      10000,
    );
    // The differences are counted apart from the problems: the rules' counts stay as they were.
    await waitForStatus(
      'the differences counted apart',
      (t) => t.startsWith(`${before} · `) && / differences? from the reference$/.test(t),
    );
    assert.equal(vscode.languages.getDiagnostics(trainee.uri).filter((d) => d.source === 'radlint').length, rulesBefore);

    assert.equal(await vscode.commands.executeCommand('radlint.clearComparison', trainee.uri), true);
    await waitFor(
      () => 'the comparison diagnostics to go',
      () => compared(vscode.languages.getDiagnostics(trainee.uri)).length === 0,
      [vscode.languages.onDidChangeDiagnostics],
    );
    await waitForStatus('the status without the differences', (t) => t === before);
    // An untitled report would ask to be saved on closing: drop it.
    await vscode.window.showTextDocument(trainee);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('registers the editor commands', async function () {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'radlint.restartServer',
      'radlint.showUnderstanding',
      'radlint.disableRule',
      'radlint.openRuleDocs',
      'radlint.compareWithReference',
      'radlint.clearComparison',
    ]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });
});

describe('RadLint editor layer: hover, outline, suppression, fix-all, rewrites', function () {
  let folder;
  before(function () {
    folder = vscode.workspace.workspaceFolders[0];
  });
  afterEach(revertAndCloseAll);

  const openChecked = (name) => open(name, (document) => radlintDiagnostics(document.uri).length > 0);

  it('hover on a plain finding word says what RadLint understood', async function () {
    const document = await openChecked('laterality.rpt');
    const at = document.getText().indexOf('effusion');
    assert.ok(at >= 0);
    const hovers = await poll('a RadLint hover on "effusion"', async () => {
      const all = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, document.positionAt(at + 2));
      const text = all.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return /pleural effusion — present/.test(text) ? text : undefined;
    });
    assert.match(hovers, /pleural effusion — present · (left|right)/);
  });

  it('the outline lists the report sections', async function () {
    const document = await openChecked('laterality.rpt');
    const symbols = await poll('document symbols', async () => {
      const s = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', document.uri);
      return s && s.length ? s : undefined;
    });
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('FINDINGS') && names.includes('IMPRESSION'), JSON.stringify(names));
  });

  it('Ignore here hides the problem, and it stays hidden after the report is closed and reopened', async function () {
    const name = 'chest-radiograph-errors.rpt';
    let document = await openChecked(name);
    const diagnostic = await poll('the repeated-word diagnostic', () =>
      radlintDiagnostics(document.uri).find((d) => codeOf(d) === 'dictation-artifact' && /repeated/i.test(d.message)),
    );
    const actions = await quickFixes(document.uri, diagnostic.range);
    const ignore = actions.find((a) => a.command?.command === 'radlint.ignoreHere');
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(
      actions.some((a) => a.command?.command === 'radlint.disableRule'),
      'Turn off the rule sits beside it',
    );
    await applyCodeAction(ignore);
    await poll('the ignored problem to go', () => !radlintDiagnostics(document.uri).some((d) => /repeated/i.test(d.message)));
    await revertAndCloseAll();
    document = await openChecked(name);
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(!radlintDiagnostics(document.uri).some((d) => /repeated/i.test(d.message)), describeDiagnostics(document.uri));
    const kept = vscode.Uri.joinPath(folder.uri, '.radlint.json');
    const saved = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(kept)).toString('utf8'));
    assert.equal(saved.ignore[0].rule, 'dictation-artifact');
    await vscode.workspace.fs.delete(kept);
  });

  it('fix-all applies the safe fixes (a repeated word, a spoken command) in one edit', async function () {
    // An unsaved report of its own, so no ignore kept by the test before applies to it.
    const content = Buffer.from(
      await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'chest-radiograph-errors.rpt')),
    ).toString('utf8');
    const document = await vscode.workspace.openTextDocument({ language: 'radreport', content });
    await vscode.window.showTextDocument(document);
    await poll('the dictation diagnostic', () => radlintDiagnostics(document.uri).some((d) => codeOf(d) === 'dictation-artifact'));
    const actions = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.radlint',
    );
    const all = actions.find((a) => a.kind && a.kind.value === 'source.fixAll.radlint');
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    await applyCodeAction(all);
    await poll('the repeated word and the spoken command gone', () => !/The the|new paragraph/.test(document.getText()));
    assert.match(document.getText(), /The lungs are clear/);
  });

  it('restructure into a template keeps every sentence as one undoable edit', async function () {
    const document = await openChecked('laterality.rpt');
    const original = document.getText();
    const applied = await vscode.commands.executeCommand(
      'radlint.restructure',
      document.uri.toString(),
      document.version,
      'chest-radiograph',
    );
    assert.equal(applied, true);
    await poll('the restructured text', () => document.getText() !== original);
    const text = document.getText();
    for (const sentence of original
      .split(/(?<=\.)\s+/)
      .map((s) => s.trim())
      .filter((s) => /effusion/.test(s))) {
      assert.ok(text.replace(/\s+/g, ' ').includes(sentence.replace(/^\w+:\s*/, '').replace(/\s+/g, ' ')), `kept: ${sentence}`);
    }
    await vscode.commands.executeCommand('undo');
    await waitForText(document, original, 'one undo to bring the dictated text back');
  });

  it('restructure asks which template first, then rewrites once, into the one picked', async function () {
    const document = await openChecked('laterality.rpt');
    const original = document.getText();
    // No template id: the pick opens before anything is rewritten (a rewrite would have shown its progress
    // first). Once the extension says the pick is shown: Home, Down to the first other template (CT chest)
    // and Enter, as a user would with the keys.
    const { api } = await workspace();
    const shown = new Promise((resolve) => {
      const subscription = api.onDidShowTemplatePick(() => {
        subscription.dispose();
        resolve();
      });
    });
    const running = vscode.commands.executeCommand('radlint.restructure', document.uri.toString(), document.version);
    await shown;
    for (const key of ['quickInput.first', 'quickInput.next', 'workbench.action.acceptSelectedQuickOpenItem'])
      await vscode.commands.executeCommand(key);
    assert.equal(await running, true);
    await poll('the restructured text', () => document.getText() !== original);
    // CT chest's own fields, which the chest radiograph template does not have.
    assert.match(document.getText(), /Mediastinum and hila:/);
    assert.match(document.getText(), /Airways:/);
    assert.match(document.getText(), /Pleura: Small left pleural effusion\. No pneumothorax\./);
    await vscode.commands.executeCommand('undo');
    await waitForText(document, original, 'one undo to bring the dictated text back');
  });

  it('the patient summary opens beside the report, the report unchanged', async function () {
    // A report whose findings need explaining and that has no unresolved error (no summary is offered
    // over a side conflict).
    const document = await openChecked('critical.rpt');
    const original = document.getText();
    const shown = await vscode.commands.executeCommand('radlint.patientSummary', document.uri.toString(), document.version);
    assert.equal(shown, true);
    const summary = vscode.window.visibleTextEditors.find(
      (e) => e.document.languageId === 'markdown' && /What the report/.test(e.document.getText()),
    );
    assert.ok(summary, 'a summary document is visible');
    assert.match(summary.document.getText(), /Words in your report/);
    assert.equal(document.getText(), original);
    // Close the untitled summary unsaved: once in CI the next test's new untitled report came back as it.
    await vscode.window.showTextDocument(summary.document, summary.viewColumn);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

// Issue 18 (h18): nothing is inserted that the user did not choose. Typing "COMPARISON: Prior CT"
// and Enter leaves that line and a line break: no template is offered by completion and Enter
// accepts no suggestion.
describe('RadLint inserts nothing the user did not choose', function () {
  this.timeout(60000);

  it('COMPARISON: Prior CT, then Enter: the document holds only that line', async function () {
    const document = await vscode.workspace.openTextDocument({ language: 'radreport', content: 'COMPARISON: Prior CT' });
    assert.equal(document.getText(), 'COMPARISON: Prior CT', 'a new document, not one already open');
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(0).range.end;
    editor.selection = new vscode.Selection(end, end);
    const offered = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, end);
    const multiLine = (offered?.items ?? []).filter((item) => {
      const text = typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? '');
      return /\n/.test(text);
    });
    assert.deepEqual(
      multiLine.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)),
      [],
      'no multi-line completion while typing',
    );
    const enterAccepts = vscode.workspace.getConfiguration('editor', { languageId: 'radreport' }).get('acceptSuggestionOnEnter');
    assert.equal(enterAccepts, 'off', 'Enter never accepts a suggestion in a report');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    const changed = new Promise((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('type', { text: '\n' });
    await changed;
    assert.equal(document.getText().replace(/\r\n/g, '\n'), 'COMPARISON: Prior CT\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
