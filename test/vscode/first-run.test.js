// Issue 23 in VS Code's extension host: what a new user met in the real workbench. The walkthrough's
// buttons run what they name; suppressions are listed, removed and undone; no lightbulb on a clean
// line; a typo of a critical term; trainee mode live and counted apart; the understood view rendered;
// AI set-up says what is missing; a rewrite that is not offered says why. Waits on events or polls,
// never on fixed sleeps alone.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, codeOf, radlintDiagnostics: radlint, poll, workspace, open: openReport, revertAndCloseAll } = require('./helpers');

const describe_ = (uri) => JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.source} ${codeOf(d)}: ${d.message}`));

describe('RadLint first run and daily use (issue 23)', function () {
  let folder;
  let api;

  before(async function () {
    ({ folder, api } = await workspace());
  });

  afterEach(revertAndCloseAll);

  const open = (name) => openReport(name, () => !/not checked|starting/.test(api.statusText()) && api.client()?.isRunning());

  async function openText(content) {
    const document = await vscode.workspace.openTextDocument({ language: 'radreport', content });
    await vscode.window.showTextDocument(document);
    return document;
  }

  const noticeSince = (count, pattern) => () =>
    api
      .notices()
      .slice(count)
      .find((n) => pattern.test(n.message));

  // 1. Menus and words agree.
  it('every walkthrough button runs a registered command, and the rewrite buttons run the rewrite they name', async function () {
    const walkthrough = vscode.extensions.getExtension(EXTENSION_ID).packageJSON.contributes.walkthroughs[0];
    const commands = await vscode.commands.getCommands(true);
    const buttons = walkthrough.steps.flatMap((s) => [...s.description.matchAll(/\[([^\]]+)\]\(command:([\w.]+)/g)].map((m) => m.slice(1)));
    assert.ok(buttons.length >= 7, JSON.stringify(buttons));
    for (const [label, id] of buttons) assert.ok(commands.includes(id), `"${label}" runs ${id}, which is not registered`);
    // No button names one thing and runs a generic menu (the old "Restructure (Source Action)").
    assert.ok(!buttons.some(([, id]) => id === 'editor.action.sourceAction' || id === 'editor.action.refactor'), JSON.stringify(buttons));
    const byWord = (word) => buttons.find(([label]) => new RegExp(word, 'i').test(label))?.[1];
    assert.equal(byWord('^Restructure'), 'radlint.walkthrough.restructure');
    assert.equal(byWord('Draft the impression'), 'radlint.walkthrough.draftImpression');
    assert.equal(byWord('patient-friendly summary'), 'radlint.walkthrough.patientSummary');
    assert.equal(byWord('understood'), 'radlint.walkthrough.showUnderstanding');

    // Pressed while the walkthrough, not the report, has the focus: the report in the other editor is restructured.
    const document = await open('laterality.rpt');
    const original = document.getText();
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
    await poll('the walkthrough in front', () => vscode.window.activeTextEditor === undefined);
    assert.equal(await vscode.commands.executeCommand('radlint.walkthrough.restructure', 'chest-radiograph'), true);
    await poll('the report restructured', () => document.getText() !== original && /^EXAM:/m.test(document.getText()));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await poll('one undo to bring it back', () => document.getText() === original);

    // The summary from a report without an unresolved error (none is offered over a side conflict).
    const clean = await open('clean.rpt');
    const cleanText = clean.getText();
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
    assert.equal(await vscode.commands.executeCommand('radlint.walkthrough.patientSummary'), true);
    await poll('the summary beside the report', () =>
      vscode.window.visibleTextEditors.some((e) => /What the report/.test(e.document.getText())),
    );
    assert.equal(clean.getText(), cleanText, 'the summary does not touch the report');
  });

  // 3. Suppression you can see and undo.
  it('Ignore here is listed, undone by the undo command (not Ctrl+Z), and the problem comes back', async function () {
    // A report of its own in the workspace: no ignore or cached check of another test applies to it.
    const errors = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'chest-radiograph-errors.rpt'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'suppress.rpt'), errors);
    const document = await open('suppress.rpt');
    const repeated = () => radlint(document.uri).find((d) => codeOf(d) === 'dictation-artifact' && /repeated/i.test(d.message));
    const diagnostic = await poll('the repeated-word problem', repeated);
    const before = api.notices().length;
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, 'quickfix');
    const ignore = actions.find((a) => a.command?.command === 'radlint.ignoreHere');
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    await vscode.commands.executeCommand(ignore.command.command, ...ignore.command.arguments);
    await poll('the ignored problem to go', () => !repeated());

    const listed = await api.suppressions.list();
    const mine = listed.find((s) => s.kind === 'ignore' && s.ignore.rule === 'dictation-artifact');
    assert.ok(mine, JSON.stringify(listed));
    assert.equal(mine.ignore.file, 'suppress.rpt');
    assert.equal(mine.ignore.text, 'The the');
    const told = await poll('a notification with Undo', noticeSince(before, /ignored at "The the"/));
    assert.deepEqual(told.actions, ['Undo', 'Show All']);

    const undone = await vscode.commands.executeCommand('radlint.undoSuppression');
    assert.equal(undone?.kind, 'ignore');
    await poll('the problem to come back', repeated);
    assert.ok(!(await api.suppressions.list()).some((s) => s.kind === 'ignore'), 'the list is empty again');
  });

  it('Turn off a rule: the picker shows each rule with its level and description; the rule is listed and removed', async function () {
    const config = () => vscode.workspace.getConfiguration('radlint');
    const previous = config().inspect('rules')?.workspaceValue;
    const choices = api.ruleChoices();
    const spelling = choices.find((c) => c.id === 'spelling');
    assert.ok(spelling, JSON.stringify(choices.map((c) => c.id)));
    assert.equal(spelling.description, 'now: info (default)');
    assert.match(spelling.detail, /Misspelt words/);
    assert.ok(
      choices.every((c) => c.detail && /^now: /.test(c.description)),
      'every rule has its description and level',
    );

    const document = await open('chest-radiograph-errors.rpt');
    await poll('a dictation problem', () => radlint(document.uri).some((d) => codeOf(d) === 'dictation-artifact'));
    try {
      assert.equal(await vscode.commands.executeCommand('radlint.disableRule', 'dictation-artifact'), 'workspace');
      await poll('the rule to go quiet', () => !radlint(document.uri).some((d) => codeOf(d) === 'dictation-artifact'));
      assert.equal(api.ruleChoices().find((c) => c.id === 'dictation-artifact').description, 'now: off');
      const off = (await api.suppressions.list()).find((s) => s.kind === 'rule' && s.ruleId === 'dictation-artifact');
      assert.deepEqual(off, { kind: 'rule', ruleId: 'dictation-artifact', where: 'workspace' });
      assert.equal(await api.suppressions.remove(off), true);
      await poll('the rule to speak again', () => radlint(document.uri).some((d) => codeOf(d) === 'dictation-artifact'));
      assert.equal(config().inspect('rules')?.workspaceValue?.['dictation-artifact'], undefined);
      // The undo stack still held the turn-off: the undo command finds it already removed, and says so.
      await vscode.commands.executeCommand('radlint.undoSuppression');
    } finally {
      await config().update('rules', previous, vscode.ConfigurationTarget.Workspace);
    }
  });

  // 4. Less noise.
  it('a clean line gets no code action from the automatic lightbulb; the refactor menu gets the rewrites', async function () {
    const document = await open('clean.rpt');
    assert.equal(radlint(document.uri).length, 0, describe_(document.uri));
    const params = (triggerKind, only) => ({
      textDocument: { uri: document.uri.toString() },
      range: { start: { line: 7, character: 5 }, end: { line: 7, character: 5 } },
      context: { diagnostics: [], triggerKind, ...(only ? { only } : {}) },
    });
    // The request VS Code's lightbulb sends (triggerKind Automatic, no kind asked for), to the real server.
    const automatic = await api.client().sendRequest('textDocument/codeAction', params(2));
    assert.deepEqual(automatic, []);
    const refactor = await vscode.commands.executeCommand(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(7, 5, 7, 5),
      'refactor',
    );
    const titles = refactor.map((a) => a.title);
    assert.ok(
      titles.some((t) => /^Restructure into a template/.test(t)),
      JSON.stringify(titles),
    );
  });

  // 5. A typo in a critical term.
  it('"pnuemothorax" in the impression: a warning saying how it was read, and no "not in the impression"', async function () {
    const document = await openText(
      [
        'EXAM: Chest radiograph, portable AP.',
        '',
        'FINDINGS:',
        'Large left pneumothorax.',
        '',
        'IMPRESSION:',
        'Large left pnuemothorax.',
        'Discussed with Dr. Lee by telephone at 14:35, read back confirmed.',
        '',
      ].join('\n'),
    );
    const typo = await poll(
      () => `a spelling warning on the typo; diagnostics: ${describe_(document.uri)}`,
      () => radlint(document.uri).find((d) => codeOf(d) === 'spelling' && document.getText(d.range) === 'pnuemothorax'),
    );
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(typo.message, /did you mean "pneumothorax"\? The other checks read it as pneumothorax/);
    assert.ok(!radlint(document.uri).some((d) => codeOf(d) === 'impression-omission'), describe_(document.uri));
    const fixes = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, typo.range, 'quickfix');
    assert.match(fixes[0].title, /pneumothorax/, 'the correction is the first fix');
  });

  // 6. Trainee mode.
  it('trainee mode: the scorecard follows edits, a size word differs, the status counts differences apart', async function () {
    const reference = vscode.Uri.joinPath(folder.uri, 'laterality.rpt');
    const trainee = await open('trainee.rpt');
    const result = await vscode.commands.executeCommand('radlint.compareWithReference', reference, trainee.uri);
    assert.ok(result, 'compared');
    const size = result.discrepancies.find((d) => d.kind === 'size');
    assert.ok(size, `moderate against small is a size difference: ${JSON.stringify(result.discrepancies.map((d) => d.message))}`);
    assert.match(size.message, /moderate; the reference small/i);
    const missedBefore = result.summary.missed;
    assert.ok(missedBefore >= 1, 'the trainee left out the cardiomegaly');
    await poll(
      () => `the status to count the differences apart; it says "${api.statusText()}"`,
      () => / · \d+ differences? from the reference$/.test(api.statusText()),
    );
    assert.doesNotMatch(api.statusText().split(' · ')[0], /difference/);

    // The trainee adds the finding: the scorecard is redrawn without a new command.
    const editor = vscode.window.activeTextEditor;
    await editor.edit((b) => b.insert(new vscode.Position(3, 0), 'Mild cardiomegaly. '));
    await poll(
      () => `the scorecard to follow the edit; it shows ${JSON.stringify(api.scorecard(trainee.uri)?.summary)}`,
      () => api.scorecard(trainee.uri)?.summary.missed < missedBefore,
    );
    assert.equal(await vscode.commands.executeCommand('radlint.clearComparison', trainee.uri), true);
    await poll('the differences to leave the status', () => !/difference/.test(api.statusText()));
  });

  // 7. The understood view renders.
  it('Show What RadLint Understood renders the table beside the report (a view, not pipe source)', async function () {
    const report = await open('laterality.rpt');
    const shown = await vscode.commands.executeCommand('radlint.showUnderstanding');
    assert.equal(shown, report.uri.toString());
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const view = await poll(
      () => `the understood view; tabs: ${JSON.stringify(tabs().map((t) => `${t.input?.viewType ?? t.input?.uri} ${t.label}`))}`,
      () => tabs().find((t) => t.input instanceof vscode.TabInputWebview && /radlint\.understood/.test(t.input.viewType)),
    );
    assert.equal(view.label, 'Understood: laterality.rpt');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.languageId === 'markdown'), 'no Markdown source shown as text');
    assert.match(api.understood(report.uri), /\| pleural effusion \| present \| right \|/);
    // The rows link back: the internal command puts the cursor on the finding in the report.
    await vscode.commands.executeCommand('radlint.revealFinding', report.uri.toString(), 5, 6);
    await poll('the cursor on the finding', () => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document === report && editor.selection.active.line === 5 && editor.selection.active.character === 6;
    });
  });

  // 8. AI set-up.
  it('AI settings show where users look (not machine-scoped), and enabling without a model says what is missing', async function () {
    const properties = Object.assign(
      {},
      ...vscode.extensions.getExtension(EXTENSION_ID).packageJSON.contributes.configuration.map((c) => c.properties ?? {}),
    );
    for (const key of ['radlint.llm.enabled', 'radlint.llm.baseUrl', 'radlint.llm.model']) {
      assert.ok(properties[key], key);
      assert.ok(!/^machine/.test(properties[key].scope ?? ''), `${key} is ${properties[key].scope}-scoped: the Remote tab only`);
    }
    const llm = () => vscode.workspace.getConfiguration('radlint.llm');
    const before = api.notices().length;
    try {
      await llm().update('enabled', true, vscode.ConfigurationTarget.Workspace);
      const told = await poll(
        'one notification naming the missing model',
        noticeSince(before, /AI second reader is on, but it has no model/),
      );
      assert.deepEqual(told.actions, ['Set up']);
      await llm().update('idleDelayMs', 4000, vscode.ConfigurationTarget.Workspace);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(
        api
          .notices()
          .slice(before)
          .filter((n) => /has no model/.test(n.message)).length,
        1,
        'said once, not at every settings change',
      );
    } finally {
      await llm().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await llm().update('idleDelayMs', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  // 9. A rewrite that is not offered says why.
  it('a patient summary the verifier does not pass is not offered, and a notification says why', async function () {
    // Findings left, impression right: no summary is offered while a side conflict stands.
    const text = 'FINDINGS: Moderate left pleural effusion. No pneumothorax.\nIMPRESSION: Moderate right pleural effusion.\n';
    const document = await openText(text);
    await poll('RadLint to check the report', () => !/not checked|starting/.test(api.statusText()));
    const before = api.notices().length;
    const offered = await vscode.commands.executeCommand('radlint.patientSummary', document.uri.toString(), document.version);
    assert.ok(!offered, 'not offered');
    const told = await poll('a notification saying why', noticeSince(before, /did not offer the patient summary/));
    assert.equal(told.level, 'warning');
    assert.match(told.message, /: \S.*Nothing was changed\.$/, told.message);
  });
});
