// The editor layer over stdio: hover, outline and folding, the understanding table, "Ignore here"
// kept in .radlint.json across a reopen, "Turn off the rule" for clients that can, and fix-all.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp.mjs';

const made = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-editor-'));
  made.push(dir);
  return dir;
};

const REPORT = [
  'EXAM: Chest radiograph.',
  'FINDINGS:',
  'Lungs: There is a small left pleural effusion. The the heart is normal.',
  'Bones: No fracture.',
  'IMPRESSION:',
  '1. Small left pleural effusion.',
  '2. No acute osseous abnormality.',
  '',
].join('\n');

test('hover on a finding word says what was understood; on a problem, why it matters', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/hover.rpt';
    await s.open(uri, REPORT);
    await s.nextDiagnostics((p) => p.uri === uri);
    const hover = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 38 } });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /pleural effusion — present · left/);
    assert.ok(
      s.logs.some((m) => /^RadLint server \d+\.\d+\.\d+ on Node .*: \d+ rules/.test(m)),
      'the log says what the server started with',
    );
    assert.match(hover.contents.value, /In plain words: fluid around/, 'the gloss the patient summary uses');
    const ct = 'file:///tmp/hover-ct.rpt';
    await s.open(
      ct,
      'EXAM: CT chest without contrast.\nHISTORY: 60-year-old man, cough.\nFINDINGS: A 7 mm solid nodule in the right upper lobe.\nIMPRESSION: 7 mm right upper lobe nodule.\n',
    );
    const nodule = await s.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: ct },
      position: { line: 2, character: 24 },
    });
    assert.match(nodule.contents.value, /Fleischner/, 'the guideline row for the nodule');
    const none = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(none, null);
    const onProblem = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 48 } });
    assert.match(onProblem.contents.value, /`dictation-artifact`: \S/);
  } finally {
    await s.stop();
  }
});

test('document symbols and folding follow sections, organ subsections and impression items', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/outline.rpt';
    await s.open(uri, REPORT);
    const symbols = await s.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((x) => x.name),
      ['EXAM', 'FINDINGS', 'IMPRESSION'],
    );
    assert.deepEqual(
      symbols[1].children.map((x) => x.name),
      ['Lungs', 'Bones'],
    );
    assert.equal(symbols[2].children.length, 2);
    assert.match(symbols[2].children[0].name, /^1\. Small left pleural effusion/);
    const folds = await s.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(
      folds.some((f) => f.startLine === 1 && f.endLine === 3),
      JSON.stringify(folds),
    );
  } finally {
    await s.stop();
  }
});

test('the understanding request gives the findings table with links to each place', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/understood.rpt';
    await s.open(uri, REPORT);
    const result = await s.connection.sendRequest('radlint/understanding', { uri });
    assert.ok(result.findings >= 2);
    assert.match(result.markdown, /\| \[3\]\(file:\/\/\/tmp\/understood\.rpt#L3,\d+\) \| pleural effusion \| present \| left \|/);
  } finally {
    await s.stop();
  }
});

test('"Ignore here" is kept in the workspace .radlint.json and survives closing and reopening the report', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'reports', 'a.rpt');
  fs.mkdirSync(path.dirname(file));
  const uri = pathToFileURL(file).href;
  const s = await startServer({ rootUri: pathToFileURL(dir).href });
  try {
    await s.open(uri, REPORT);
    const before = (await s.nextDiagnostics((p) => p.uri === uri)).diagnostics;
    const repeated = before.find((d) => d.code === 'dictation-artifact');
    assert.ok(repeated);
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: repeated.range,
      context: { diagnostics: [repeated] },
    });
    const ignore = actions.find((a) => a.command?.command === 'radlint.ignoreHere');
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!actions.some((a) => a.command?.command === 'radlint.disableRule'), 'a push-only client cannot write settings');
    await s.connection.sendRequest('workspace/executeCommand', ignore.command);
    const after = (await s.nextDiagnostics((p) => p.uri === uri)).diagnostics;
    assert.ok(!after.some((d) => d.code === 'dictation-artifact'));
    const saved = JSON.parse(fs.readFileSync(path.join(dir, '.radlint.json'), 'utf8'));
    assert.deepEqual(saved.ignore[0], {
      file: 'reports/a.rpt',
      rule: 'dictation-artifact',
      text: 'The the',
      context: 'The the heart is normal.',
    });
    // Closed and opened again: still ignored. Another report with the same slip is still flagged.
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await s.open(uri, REPORT, 'radreport', 3);
    const reopened = (await s.nextDiagnostics((p) => p.uri === uri && p.version === 3)).diagnostics;
    assert.ok(!reopened.some((d) => d.code === 'dictation-artifact'));
    const other = pathToFileURL(path.join(dir, 'reports', 'b.rpt')).href;
    await s.open(other, REPORT);
    const b = (await s.nextDiagnostics((p) => p.uri === other)).diagnostics;
    assert.ok(b.some((d) => d.code === 'dictation-artifact'));
  } finally {
    await s.stop();
  }
});

test('"Turn off the rule" is offered to clients that run the command; fix-all applies safe fixes only', async () => {
  const s = await startServer({ initializationOptions: { disableRuleCommand: true } });
  try {
    const uri = 'file:///tmp/fixall.rpt';
    const text = 'FINDINGS: The the lungs are clear. Small right pneumothorax.\nIMPRESSION: Small left pneumothorax.\n';
    await s.open(uri, text);
    const diagnostics = (await s.nextDiagnostics((p) => p.uri === uri)).diagnostics;
    const repeated = diagnostics.find((d) => d.code === 'dictation-artifact');
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: repeated.range,
      context: { diagnostics: [repeated] },
    });
    const off = actions.find((a) => a.command?.command === 'radlint.disableRule');
    assert.deepEqual(off.command.arguments, ['dictation-artifact']);
    const [all] = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(all.kind, 'source.fixAll.radlint');
    // The repeated word goes; the side slip (a meaning change) is left for the radiologist.
    assert.deepEqual(all.edit.changes[uri], [
      { range: { start: { line: 0, character: 13 }, end: { line: 0, character: 17 } }, newText: '' },
    ]);
  } finally {
    await s.stop();
  }
});
