import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp.mjs';

const made = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-words-'));
  made.push(dir);
  return dir;
};

const TEXT = 'FINDINGS: Mild cardiomegally. Lungs clear.\nIMPRESSION: Mild cardiomegaly.\n';
const spellingOf = (p) => p.diagnostics.filter((d) => d.code === 'spelling');

async function actionsFor(s, uri, d) {
  return s.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
}

test('spelling: suggestions, "Ignore in this report" and "Add to dictionary" through the server', async () => {
  const dir = tempDir();
  const userList = path.join(dir, 'user-words.txt');
  const s = await startServer({ rootUri: pathToFileURL(dir).href, initializationOptions: { userWordList: userList } });
  try {
    assert.deepEqual(s.init.capabilities.executeCommandProvider.commands.sort(), [
      'radlint.addToDictionary',
      'radlint.clearComparison',
      'radlint.compareWithReference',
      'radlint.draftImpression',
      'radlint.ignoreHere',
      'radlint.ignoreWord',
      'radlint.patientSummary',
      'radlint.restructure',
    ]);
    const a = pathToFileURL(path.join(dir, 'a.rpt')).href;
    const b = pathToFileURL(path.join(dir, 'b.rpt')).href;
    await s.open(a, TEXT);
    const [d] = spellingOf(await s.nextDiagnostics((p) => p.uri === a));
    assert.ok(d, 'the misspelling is flagged');
    const actions = await actionsFor(s, a, d);
    assert.equal(actions[0].title.includes('cardiomegaly'), true, 'the right word is the first suggestion');
    assert.equal(actions[0].isPreferred, true);
    const ignore = actions.find((x) => x.command?.command === 'radlint.ignoreWord');
    assert.deepEqual(ignore.command.arguments, ['cardiomegally', a]);
    const add = actions.find((x) => x.command?.command === 'radlint.addToDictionary');
    assert.deepEqual(add.command.arguments, ['cardiomegally', a]);

    // Ignore: gone from this report only.
    s.published.length = 0;
    await s.connection.sendRequest('workspace/executeCommand', ignore.command);
    await s.nextDiagnostics((p) => p.uri === a && spellingOf(p).length === 0);
    await s.open(b, TEXT);
    assert.equal(spellingOf(await s.nextDiagnostics((p) => p.uri === b)).length, 1, 'other reports still flag it');

    // Add: written to the workspace word list (never settings), and gone everywhere.
    s.published.length = 0;
    await s.connection.sendRequest('workspace/executeCommand', add.command);
    await s.nextDiagnostics((p) => p.uri === b && spellingOf(p).length === 0);
    const list = fs.readFileSync(path.join(dir, '.vscode/radlint-words.txt'), 'utf8');
    assert.match(list, /^cardiomegally$/m);
    assert.ok(!fs.existsSync(userList), 'the workspace list was the target');
  } finally {
    await s.stop();
  }
});

test('spelling: with radlint.wordListTarget "user" the word goes to the user list', async () => {
  const dir = tempDir();
  const userList = path.join(dir, 'nested', 'user-words.txt');
  const s = await startServer({
    rootUri: pathToFileURL(dir).href,
    settings: { wordListTarget: 'user' },
    initializationOptions: { userWordList: userList },
  });
  try {
    const a = pathToFileURL(path.join(dir, 'a.rpt')).href;
    await s.open(a, TEXT);
    await s.nextDiagnostics((p) => p.uri === a && spellingOf(p).length === 1);
    s.published.length = 0;
    await s.connection.sendRequest('workspace/executeCommand', { command: 'radlint.addToDictionary', arguments: ['cardiomegally', a] });
    await s.nextDiagnostics((p) => p.uri === a && spellingOf(p).length === 0);
    assert.match(fs.readFileSync(userList, 'utf8'), /^cardiomegally$/m);
    assert.ok(!fs.existsSync(path.join(dir, '.vscode')));
  } finally {
    await s.stop();
  }
});
