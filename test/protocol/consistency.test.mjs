// The consistency rules through the language server: diagnostic, related information, quick fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../helpers/lsp.mjs';
import { root } from '../helpers/engine.mjs';

const example = (name) => fs.readFileSync(path.join(root, 'examples', name), 'utf8');

test('laterality over LSP: the exam title as related information, a preferred fix that clears it', async () => {
  const uri = 'file:///tmp/knee.rpt';
  const text = example('mri-knee.rpt');
  const s = await startServer();
  try {
    await s.open(uri, text);
    const first = await s.nextDiagnostics((p) => p.uri === uri);
    const d = first.diagnostics.find((x) => x.code === 'exam-side-mismatch');
    assert.ok(d, 'an exam-side-mismatch diagnostic');
    assert.equal(d.severity, 1);
    assert.match(d.relatedInformation[0].message, /MRI RIGHT KNEE/);
    assert.equal(d.relatedInformation[0].location.uri, uri);
    assert.deepEqual(d.relatedInformation[0].location.range.start, { line: 0, character: 6 });

    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, 'a preferred quick fix');
    const [edit] = fix.edit.changes[uri];
    assert.equal(edit.newText, 'right');
    await s.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
    const second = await s.nextDiagnostics((p) => p.uri === uri && p.version === 2);
    assert.ok(!second.diagnostics.some((x) => x.code === 'exam-side-mismatch'));
  } finally {
    await s.stop();
  }
});

test('omission over LSP: the fix adds a critical finding as impression item 1, renumbering the rest', async () => {
  const uri = 'file:///tmp/chest.rpt';
  const text = example('chest-radiograph-errors.rpt');
  const s = await startServer();
  try {
    await s.open(uri, text);
    const first = await s.nextDiagnostics((p) => p.uri === uri);
    const d = first.diagnostics.find((x) => x.code === 'impression-omission');
    assert.ok(d, 'an impression-omission diagnostic');
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    // The pneumothorax is critical: it becomes item 1 and the other items are renumbered.
    const edits = actions.find((a) => a.isPreferred).edit.changes[uri];
    assert.equal(edits.length, 2);
    assert.match(edits[0].newText, /^1\. Small right apical pneumothorax measuring 1\.5 cm\.\r?\n2$/);
    assert.equal(edits[1].newText, '3');
    // Applied last first, so each range still holds.
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await s.change(
      uri,
      2,
      ordered.map((e) => ({ range: e.range, text: e.newText })),
    );
    const second = await s.nextDiagnostics((p) => p.uri === uri && p.version === 2);
    assert.ok(!second.diagnostics.some((x) => x.code === 'impression-omission'));
  } finally {
    await s.stop();
  }
});
