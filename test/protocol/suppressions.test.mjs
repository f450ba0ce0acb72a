// Less noise and suppressions you can undo, over stdio: the automatic lightbulb gets no rewrite on a
// clean line (a menu that asks does), and the ignores of .radlint.json are listed and removed
// (radlint/suppressions, radlint/removeIgnore), the problem flagged again, the file's other keys kept.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp.mjs';

const made = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

// With its exam title: an editor without a template pick is offered the restructure only when the
// chooser has a template for the exam (server-restructure-offer.test.mjs).
const CLEAN =
  'EXAM: Chest radiograph, PA and lateral.\nFINDINGS:\nThe lungs are clear. The heart size is normal.\n\nIMPRESSION:\nNo acute cardiopulmonary process.\n';
const AUTOMATIC = 2;
const INVOKED = 1;
const actions = (s, uri, context) =>
  s.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } },
    context: { diagnostics: [], ...context },
  });

test('a clean line: no code action for the automatic lightbulb; the refactor and source menus get the rewrites', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/clean-lightbulb.rpt';
    await s.open(uri, CLEAN);
    const diagnostics = (await s.nextDiagnostics((p) => p.uri === uri)).diagnostics;
    assert.deepEqual(diagnostics, [], 'the report is clean');
    assert.deepEqual(await actions(s, uri, { triggerKind: AUTOMATIC }), [], 'no lightbulb on a clean line');
    const refactor = await actions(s, uri, { triggerKind: INVOKED, only: ['refactor'] });
    assert.deepEqual(
      refactor.map((a) => a.kind),
      ['refactor.rewrite.radlint.template', 'refactor.rewrite.radlint.impression'],
    );
    const source = await actions(s, uri, { triggerKind: INVOKED, only: ['source'] });
    assert.ok(source.some((a) => a.kind === 'source.radlint.patientSummary'));
    // Asked by hand (Ctrl+.), or by an editor that sends no trigger kind (Neovim 0.7): offered.
    assert.equal((await actions(s, uri, { triggerKind: INVOKED })).length, 3);
    assert.equal((await actions(s, uri, {})).length, 3);
  } finally {
    await s.stop();
  }
});

test('ignores are listed with their folder, removed one by one, and the problem comes back', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-suppress-'));
  made.push(dir);
  const uri = pathToFileURL(path.join(dir, 'a.rpt')).href;
  const keep = { ignore: [], note: 'kept as it is' };
  fs.writeFileSync(path.join(dir, '.radlint.json'), JSON.stringify(keep));
  const s = await startServer({ rootUri: pathToFileURL(dir).href });
  try {
    await s.open(uri, 'FINDINGS: The the heart is normal.\nIMPRESSION: Normal.\n');
    const [repeated] = (await s.nextDiagnostics((p) => p.uri === uri)).diagnostics.filter((d) => d.code === 'dictation-artifact');
    assert.ok(repeated);
    const empty = await s.connection.sendRequest('radlint/suppressions', { uri });
    assert.deepEqual(empty, { ignores: [], rulesOff: [], errors: [] });
    await s.connection.sendRequest('workspace/executeCommand', {
      command: 'radlint.ignoreHere',
      arguments: [uri, 'dictation-artifact', repeated.range],
    });
    await s.nextDiagnostics((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'dictation-artifact'));
    const { ignores } = await s.connection.sendRequest('radlint/suppressions', { uri });
    assert.equal(ignores.length, 1);
    assert.deepEqual(ignores[0], {
      folder: pathToFileURL(dir).href,
      file: 'a.rpt',
      rule: 'dictation-artifact',
      text: 'The the',
      context: 'The the heart is normal.',
    });

    // Outside the workspace folders nothing is written.
    const elsewhere = { ...ignores[0], folder: pathToFileURL(os.tmpdir()).href };
    assert.equal((await s.connection.sendRequest('radlint/removeIgnore', { ignore: elsewhere })).removed, false);

    assert.deepEqual(await s.connection.sendRequest('radlint/removeIgnore', { ignore: ignores[0] }), { removed: true });
    await s.nextDiagnostics((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'dictation-artifact'));
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, '.radlint.json'), 'utf8')), keep, 'the other keys stay');
    assert.deepEqual(await s.connection.sendRequest('radlint/removeIgnore', { ignore: ignores[0] }), { removed: false });
  } finally {
    await s.stop();
  }
});
