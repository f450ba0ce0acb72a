import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lsp.mjs';

const URI = 'file:///tmp/report.rpt';
const TEXT = 'FINDINGS: The the heart is normal.\nIMPRESSION: Normal.\n';

test('push-only client (like Neovim 0.7): diagnostics with the version, changes, code actions, shutdown', async () => {
  const s = await startServer();
  try {
    assert.equal(s.init.capabilities.diagnosticProvider, undefined, 'no pull provider for a push-only client');
    assert.equal(s.init.capabilities.textDocumentSync.change, 2, 'incremental sync');
    await s.open(URI, TEXT);
    const first = await s.nextDiagnostics((p) => p.uri === URI);
    assert.equal(first.version, 1);
    const [d] = first.diagnostics;
    assert.equal(d.code, 'dictation-artifact');
    assert.equal(d.source, 'radlint');
    assert.deepEqual(d.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 17 } });
    assert.match(d.codeDescription.href, /docs\/rules\/dictation-artifact\.md$/);

    const all = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] },
    });
    // The rewrites (refactor and source actions) come after the quick fixes.
    const actions = all.filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      all.filter((a) => a.kind !== 'quickfix').map((a) => a.kind),
      ['refactor.rewrite.radlint.template', 'refactor.rewrite.radlint.impression', 'source.radlint.patientSummary'],
    );
    // The fix, then "Ignore here" (a push-only client gets no "Turn off the rule": it cannot write settings).
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Delete the repeated "the"', 'Ignore "dictation-artifact" here'],
    );
    assert.equal(actions[1].command.command, 'radlint.ignoreHere');
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].edit.changes[URI], [
      { range: { start: { line: 0, character: 13 }, end: { line: 0, character: 17 } }, newText: '' },
    ]);

    // Apply that edit as an incremental change: the diagnostic goes away in version 2.
    await s.change(URI, 2, [{ range: actions[0].edit.changes[URI][0].range, text: '' }]);
    const second = await s.nextDiagnostics((p) => p.uri === URI && p.version === 2);
    assert.deepEqual(second.diagnostics, []);

    // A new problem typed in version 3.
    await s.change(URI, 3, [{ range: { start: { line: 1, character: 19 }, end: { line: 1, character: 19 } }, text: ' [***]' }]);
    const third = await s.nextDiagnostics((p) => p.uri === URI && p.version === 3);
    assert.deepEqual(
      third.diagnostics.map((x) => x.code),
      ['unfilled-placeholder'],
    );

    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const closed = await s.nextDiagnostics((p) => p.uri === URI && p.diagnostics.length === 0 && p.version === undefined);
    assert.deepEqual(closed.diagnostics, []);
  } finally {
    assert.equal(await s.stop(), 0, 'exit after shutdown is code 0');
  }
});

test('pull client (like VS Code): textDocument/diagnostic answers, nothing is pushed', async () => {
  const s = await startServer({ pull: true });
  try {
    assert.ok(s.init.capabilities.diagnosticProvider);
    await s.open(URI, TEXT);
    const report = await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.items.map((d) => d.code),
      ['dictation-artifact'],
    );
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(s.published.length, 0);
  } finally {
    await s.stop();
  }
});

test('settings: a rule switched off, other languages off by default, invalid settings warn and fall back', async () => {
  const s = await startServer({ settings: { rules: { 'dictation-artifact': 'off' }, maxFileSize: 'big' } });
  try {
    await s.open(URI, TEXT);
    const d = await s.nextDiagnostics((p) => p.uri === URI);
    assert.deepEqual(d.diagnostics, []);
    assert.ok(
      s.logs.some((l) => /maxFileSize/.test(l)),
      'the invalid setting is named',
    );
    await s.open('file:///tmp/notes.txt', TEXT, 'plaintext');
    const plain = await s.nextDiagnostics((p) => p.uri === 'file:///tmp/notes.txt');
    assert.deepEqual(plain.diagnostics, []);
  } finally {
    await s.stop();
  }
});

test('settings: plaintext checked when asked; documents over the size cap are not checked', async () => {
  const s = await startServer({ settings: { languages: ['plaintext'], maxFileSize: 20 } });
  try {
    await s.open('file:///tmp/notes.txt', 'the the', 'plaintext');
    const plain = await s.nextDiagnostics((p) => p.uri === 'file:///tmp/notes.txt');
    assert.deepEqual(
      plain.diagnostics.map((d) => d.code),
      ['dictation-artifact'],
    );
    await s.open(URI, TEXT);
    const big = await s.nextDiagnostics((p) => p.uri === URI);
    assert.deepEqual(
      big.diagnostics.map((d) => d.code),
      ['not-checked'],
    );
    assert.match(big.diagnostics[0].message, /maxFileSize/);
  } finally {
    await s.stop();
  }
});

test('a snippet fix becomes a client command when the client offers one, plain text otherwise', async () => {
  const text = 'FINDINGS: Small left effusion.\n';
  for (const snippetCommand of [true, false]) {
    const s = await startServer({ snippetCommand });
    try {
      await s.open(URI, text);
      const { diagnostics } = await s.nextDiagnostics((p) => p.uri === URI);
      const d = diagnostics.find((x) => x.code === 'missing-impression');
      const [action] = await s.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: d.range,
        context: { diagnostics: [d] },
      });
      if (snippetCommand) {
        assert.equal(action.command.command, 'radlint.applySnippet');
        assert.match(action.command.arguments[2].newText, /\$\{1:impression\}/);
      } else {
        assert.equal(action.edit.changes[URI][0].newText, '\nIMPRESSION:\nimpression\n');
      }
    } finally {
      await s.stop();
    }
  }
});

test('code actions for a stale diagnostic are recomputed against the current text', async () => {
  const s = await startServer();
  try {
    await s.open(URI, TEXT);
    const {
      diagnostics: [d],
    } = await s.nextDiagnostics((p) => p.uri === URI);
    // Insert text before the problem: the old fix offsets would now point at the wrong characters.
    await s.change(URI, 2, [{ range: { start: { line: 0, character: 10 }, end: { line: 0, character: 10 } }, text: 'XXXX ' }]);
    await s.nextDiagnostics((p) => p.uri === URI && p.version === 2);
    const actions = await s.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.deepEqual(actions[0].edit.changes[URI][0].range, { start: { line: 0, character: 18 }, end: { line: 0, character: 22 } });
  } finally {
    await s.stop();
  }
});
