// The server under load and against editors that misbehave: bursts of edits coalesced into one
// analysis of the latest version, $/cancelRequest honoured, workspace/applyEdit answered with a
// failure, an error or never, and commands with arguments that are not what they should be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer } from '../helpers/lsp.mjs';

const REPORT = [
  'EXAM: Chest radiograph, PA and lateral.',
  'FINDINGS: The heart is normal in size. There is a 2.1 cm nodule in the right upper lobe. Small left pleural effusion.',
  'IMPRESSION: Small left pleural effusion.',
  '',
].join('\n');

test('a burst of 5,000 edits: the latest version is published, with far fewer publishes than edits', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///burst.rpt';
    await s.open(uri, REPORT);
    await s.nextDiagnostics((p) => p.uri === uri);
    const EDITS = 5000;
    for (let v = 2; v <= EDITS + 1; v++) {
      void s.change(uri, v, [{ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 10 } }, text: v % 2 ? 'a' : ' ' }]);
    }
    const last = await s.nextDiagnostics((p) => p.uri === uri && p.version === EDITS + 1, 60_000);
    assert.ok(last.diagnostics.length > 0);
    const publishes = s.of('diagnostics', (p) => p.uri === uri).length;
    assert.ok(publishes < EDITS / 10, `${publishes} publishes for ${EDITS} edits: edits are coalesced`);
    // Every publish is for a version the editor had at the time, in order.
    const versions = s.of('diagnostics', (p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
    );
  } finally {
    await s.stop();
  }
});

test('$/cancelRequest: a cancelled diagnostic pull is answered with RequestCancelled', async () => {
  const s = await startServer({ pull: true });
  try {
    const uri = 'file:///cancel.rpt';
    await s.open(uri, REPORT.repeat(400));
    const rpc = createRequire(import.meta.url)('vscode-languageserver-protocol/node');
    const source = new rpc.CancellationTokenSource();
    const pulled = s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
    // Cancelled in the same tick, so the cancellation reaches the server before the pull is answered
    // however fast the analysis is (a timer raced a faster engine and lost).
    source.cancel();
    await assert.rejects(pulled, (/** @type {any} */ error) => error.code === -32800);
    // The server goes on answering.
    const again = await s.pull(uri);
    assert.ok(again.items.length > 0);
  } finally {
    await s.stop();
  }
});

async function rewriteWith(s, answer) {
  s.connection.onRequest('workspace/applyEdit', answer);
  const uri = 'file:///rewrite.rpt';
  await s.open(uri, REPORT);
  await s.nextDiagnostics((p) => p.uri === uri);
  const started = Date.now();
  const result = await s.connection.sendRequest('workspace/executeCommand', { command: 'radlint.restructure', arguments: [uri, 1] });
  return { result, ms: Date.now() - started };
}

test('workspace/applyEdit answered with a failure, an error or never: the command answers and says so', async () => {
  for (const { name, answer, expected } of [
    { name: 'a failure', answer: () => ({ applied: false, failureReason: 'read-only file' }), expected: /read-only file/ },
    { name: 'an error', answer: () => Promise.reject(new Error('the editor fell over')), expected: /answered with an error/ },
    { name: 'no answer', answer: () => new Promise(() => {}), expected: /did not answer within 0.5 s/ },
  ]) {
    const s = await startServer({ env: { RADLINT_APPLY_EDIT_TIMEOUT_MS: '500' } });
    try {
      await rewriteWith(s, answer);
      const said = s.logs.find((m) => /rewrite was not applied/.test(m));
      assert.match(said ?? '', expected, `${name}: the user is told why`);
    } finally {
      s.child.kill();
    }
  }
});

test('commands with bad arguments are refused with InvalidParams and nothing is written', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///words.rpt';
    await s.open(uri, REPORT);
    const bad = [
      ['radlint.addToDictionary', ['x'.repeat(1_000_000), uri]],
      ['radlint.addToDictionary', ['two words', uri]],
      ['radlint.addToDictionary', ['line\nbreak', uri]],
      ['radlint.addToDictionary', ['#comment', uri]],
      ['radlint.addToDictionary', [42, uri]],
      ['radlint.addToDictionary', []],
      ['radlint.ignoreWord', ['word', { not: 'a uri' }]],
      ['radlint.ignoreHere', [uri, 'spelling', { start: 1, end: 2 }]],
      ['radlint.ignoreHere', [uri, 'Not A Rule!', { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }]],
      ['radlint.ignoreHere', []],
    ];
    for (const [command, args] of bad) {
      await assert.rejects(
        s.connection.sendRequest('workspace/executeCommand', { command, arguments: args }),
        (/** @type {any} */ error) => error.code === -32602,
        `${command} ${JSON.stringify(args).slice(0, 60)} is refused`,
      );
    }
  } finally {
    await s.stop();
  }
});
