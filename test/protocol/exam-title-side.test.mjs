// The exam title as the one wrong side, through the language server: one diagnostic on the title, its fix applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lsp.mjs';

test('exam-side-mismatch over LSP: the title is the outlier; one diagnostic on it, a fix that changes the title', async () => {
  const uri = 'file:///tmp/wrong-title.rpt';
  const text = [
    'EXAM: MRI LEFT SHOULDER without contrast.',
    'TECHNIQUE: Multiplanar MRI of the right shoulder.',
    'FINDINGS: Full-thickness tear of the right supraspinatus tendon. Small right glenohumeral joint effusion.',
    'IMPRESSION: Full-thickness right supraspinatus tear.',
    '',
  ].join('\n');
  const s = await startServer();
  try {
    await s.open(uri, text);
    const first = await s.nextDiagnostics((p) => p.uri === uri);
    const sides = first.diagnostics.filter((x) => ['exam-side-mismatch', 'laterality-mismatch'].includes(x.code));
    assert.equal(sides.length, 1, 'one diagnostic for the one wrong side');
    const [d] = sides;
    assert.equal(d.code, 'exam-side-mismatch');
    assert.deepEqual(d.range.start, { line: 0, character: 10 });
    assert.ok(d.relatedInformation.length >= 3, 'related information at the body mentions');
    assert.ok(d.relatedInformation.every((r) => r.location.range.start.line > 0));

    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => /exam title/.test(a.title));
    assert.ok(fix, 'a quick fix that changes the title');
    const [edit] = fix.edit.changes[uri];
    assert.equal(edit.newText, 'RIGHT');
    await s.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
    const second = await s.nextDiagnostics((p) => p.uri === uri && p.version === 2);
    assert.ok(!second.diagnostics.some((x) => x.code === 'exam-side-mismatch' || x.code === 'laterality-mismatch'));
  } finally {
    await s.stop();
  }
});
