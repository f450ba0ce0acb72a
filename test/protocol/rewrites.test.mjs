// The rewrites over stdio: codeAction -> executeCommand -> the client receives one versioned
// workspace/applyEdit with the expected text; a report changed meanwhile gets no edit; an existing
// impression is never overwritten without a preview; RewriteRequest for clients that apply rewrites.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lsp.mjs';

const REPORT = [
  'EXAM: Chest radiograph, PA and lateral.',
  'FINDINGS: The heart is normal in size. There is a 2.1 cm nodule in the right upper lobe. Small left pleural effusion.',
  '',
].join('\n');

async function withServer(options, fn) {
  const s = await startServer(options);
  const edits = [];
  s.connection.onRequest('workspace/applyEdit', (params) => {
    edits.push(params);
    return { applied: true };
  });
  try {
    await fn(s, edits);
  } finally {
    await s.stop();
  }
}

const actionsFor = (s, uri, only) =>
  s.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });

test('restructure: the code action carries a command; running it sends one versioned edit of the whole report', async () => {
  await withServer({}, async (s, edits) => {
    const uri = 'file:///tmp/rewrite-a.rpt';
    await s.open(uri, REPORT);
    const [action] = await actionsFor(s, uri, ['refactor.rewrite.radlint.template']);
    assert.equal(action.kind, 'refactor.rewrite.radlint.template');
    assert.equal(action.edit, undefined, 'cheap: the work runs when chosen');
    assert.deepEqual(action.command.arguments, [uri, 1]);
    await s.connection.sendRequest('workspace/executeCommand', action.command);
    assert.equal(edits.length, 1);
    const change = edits[0].edit.documentChanges[0];
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const newText = change.edits[0].newText;
    assert.match(newText, /^EXAM: Chest radiograph/);
    assert.match(newText, /There is a 2\.1 cm nodule in the right upper lobe\./);
    assert.match(newText, /\[ \]/, 'fields to fill stay fields, plain in an editor without snippets');
    assert.doesNotMatch(newText, /\$\{\d/);
  });
});

test('impression: added when there is none; beside the old one (never over it, never behind a preview)', async () => {
  await withServer({}, async (s, edits) => {
    const uri = 'file:///tmp/rewrite-b.rpt';
    await s.open(uri, REPORT);
    const [draft] = await actionsFor(s, uri, ['refactor.rewrite.radlint.impression']);
    await s.connection.sendRequest('workspace/executeCommand', draft.command);
    assert.match(edits[0].edit.documentChanges[0].edits[0].newText, /IMPRESSION:\n1\. /);
    const withImpression = REPORT + 'IMPRESSION: No acute disease.\n';
    const other = 'file:///tmp/rewrite-c.rpt';
    await s.open(other, withImpression);
    const [again] = await actionsFor(s, other, ['refactor.rewrite.radlint.impression']);
    await s.connection.sendRequest('workspace/executeCommand', again.command);
    const edit = edits[1].edit.documentChanges[0].edits[0];
    assert.match(edit.newText, /DRAFT IMPRESSION \(RadLint\):/);
    assert.deepEqual(edit.range.start, edit.range.end, 'an insertion: the radiologist keeps the old impression');
  });
});

test('a report changed meanwhile gets no edit, and the user is told', async () => {
  await withServer({}, async (s, edits) => {
    const uri = 'file:///tmp/rewrite-d.rpt';
    await s.open(uri, REPORT);
    const [summary] = await actionsFor(s, uri, ['source.radlint.patientSummary']);
    await s.change(uri, 2, [{ text: REPORT + 'More text.\n' }]);
    await s.connection.sendRequest('workspace/executeCommand', summary.command);
    assert.equal(edits.length, 0);
    assert.ok(
      s.logs.some((m) => /changed/.test(m)),
      s.logs.join('\n'),
    );
  });
});

test('RewriteRequest gives a client that applies rewrites the snippet, the template and the verification', async () => {
  await withServer({ initializationOptions: { rewriteCommands: true } }, async (s) => {
    assert.ok(!s.init.capabilities.executeCommandProvider.commands.includes('radlint.restructure'), 'the client runs these itself');
    const uri = 'file:///tmp/rewrite-e.rpt';
    await s.open(uri, REPORT);
    const r = await s.connection.sendRequest('radlint/rewrite', { uri, version: 1, kind: 'restructure' });
    assert.equal(r.ok, true, r.reasons.join('; '));
    assert.equal(r.template.id, 'chest-radiograph');
    assert.equal(r.edit.snippet, true);
    assert.match(r.edit.newText, /\$\{1:/);
    const summary = await s.connection.sendRequest('radlint/rewrite', { uri, version: 1, kind: 'summary' });
    assert.equal(summary.edit, null, 'shown beside the report by default');
    assert.ok(summary.grade <= 8);
    const stale = await s.connection.sendRequest('radlint/rewrite', { uri, version: 7, kind: 'summary' });
    assert.equal(stale.ok, false);
  });
});

test('TemplateChoiceRequest names the exam template and the others before anything is rewritten; the pick is then used', async () => {
  await withServer({ initializationOptions: { rewriteCommands: true } }, async (s, edits) => {
    const uri = 'file:///tmp/rewrite-f.rpt';
    await s.open(uri, REPORT);
    const choice = await s.connection.sendRequest('radlint/templateChoice', { uri, version: 1 });
    assert.equal(choice.id, 'chest-radiograph');
    assert.ok(choice.why.length > 0);
    assert.equal(choice.refused, undefined);
    assert.ok(choice.alternatives.length > 0 && !choice.alternatives.some((t) => t.id === choice.id), JSON.stringify(choice));
    assert.equal(edits.length, 0, 'asking applies nothing');
    const other = choice.alternatives[0];
    const r = await s.connection.sendRequest('radlint/rewrite', { uri, version: 1, kind: 'restructure', templateId: other.id });
    assert.equal(r.template.id, other.id);
    assert.equal(await s.connection.sendRequest('radlint/templateChoice', { uri, version: 9 }), null, 'a version that is gone');
  });
});
