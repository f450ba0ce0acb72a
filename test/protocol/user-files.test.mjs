// The user's files through the server: "Ignore here" on a .radlint.json that cannot be parsed
// leaves it untouched and says where it is broken (offering to open it there), and hand edits of
// .radlint.json and the word lists re-check the open reports at once
// (workspace/didChangeWatchedFiles), not at the next keystroke.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp.mjs';

const made = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
function workspace(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-ws-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const TEXT = 'FINDINGS: Mild cardiomegally. Lungs clear.\nIMPRESSION: Mild cardiomegaly.\n';
const spelling = (p) => p.diagnostics.filter((d) => d.code === 'spelling');

test('"Ignore here" on a .radlint.json that cannot be parsed: untouched, the error names line and column', async () => {
  const broken = '{\n  // ours\n  "ignore": [ , ]\n}\n';
  const dir = workspace({ '.radlint.json': broken });
  const s = await startServer({ rootUri: pathToFileURL(dir).href, initializationOptions: { userWordList: path.join(dir, 'user.txt') } });
  const asked = [];
  s.connection.onRequest('window/showMessageRequest', (params) => {
    asked.push(params);
    return null;
  });
  try {
    const uri = pathToFileURL(path.join(dir, 'a.rpt')).href;
    await s.open(uri, TEXT);
    const [d] = spelling(await s.nextDiagnostics((p) => p.uri === uri));
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const ignore = actions.find((a) => a.command?.command === 'radlint.ignoreHere');
    await s.connection.sendRequest('workspace/executeCommand', ignore.command);
    assert.equal(fs.readFileSync(path.join(dir, '.radlint.json'), 'utf8'), broken, 'the file is exactly as it was');
    const said = asked.find((m) => /\.radlint\.json:3:\d+: not valid JSON/.test(m.message));
    assert.ok(said, `an error with line and column: ${JSON.stringify(asked)}`);
    assert.deepEqual(
      said.actions.map((a) => a.title),
      ['Open .radlint.json'],
    );
  } finally {
    await s.stop();
  }
});

test('hand edits of a word list and of .radlint.json re-check open reports (didChangeWatchedFiles)', async () => {
  const dir = workspace({ '.vscode/radlint-words.txt': '# ours\n' });
  const s = await startServer({ rootUri: pathToFileURL(dir).href, initializationOptions: { userWordList: path.join(dir, 'user.txt') } });
  try {
    const uri = pathToFileURL(path.join(dir, 'a.rpt')).href;
    await s.open(uri, TEXT);
    assert.equal(spelling(await s.nextDiagnostics((p) => p.uri === uri)).length, 1);
    const list = path.join(dir, '.vscode/radlint-words.txt');
    fs.appendFileSync(list, 'cardiomegally\n');
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(list).href, type: 2 }] });
    await s.nextDiagnostics((p) => p.uri === uri && spelling(p).length === 0);

    fs.writeFileSync(list, '# ours\n');
    const config = path.join(dir, '.radlint.json');
    fs.writeFileSync(
      config,
      '{ // by hand\n  "ignore": [ { "file": "a.rpt", "rule": "spelling", "text": "cardiomegally", "context": "Mild cardiomegally." } ],\n}\n',
    );
    await s.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(list).href, type: 2 },
        { uri: pathToFileURL(config).href, type: 1 },
      ],
    });
    const after = await s.nextDiagnostics((p) => p.uri === uri);
    assert.equal(spelling(after).length, 0, 'the ignore written by hand applies at once');
  } finally {
    await s.stop();
  }
});
