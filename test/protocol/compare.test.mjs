// Trainee mode over stdio: radlint/compare answers the comparison and its scorecard; the server
// command radlint.compareWithReference (Neovim and other LSP editors) shows the discrepancies as
// diagnostics of their own source on the trainee document, pointing into the reference; they ride
// along in every push (an edit does not wipe them) and radlint.clearComparison removes them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lsp.mjs';

const made = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const REFERENCE = [
  'EXAM: Chest radiograph, PA and lateral.',
  'INDICATION: Cough.',
  'FINDINGS: There is a moderate left pleural effusion. There is a 1.5 cm nodule in the right upper lobe.',
  'No pneumothorax. Mild degenerative changes of the thoracic spine.',
  'IMPRESSION: 1. Moderate left pleural effusion. 2. Right upper lobe nodule, 1.5 cm.',
  '',
].join('\n');

// The trainee left out the effusion (a major miss) and the spine (a minor one).
const TRAINEE = [
  'EXAM: Chest radiograph, PA and lateral.',
  'INDICATION: Cough.',
  'FINDINGS: There is a 1.5 cm nodule in the right upper lobe.',
  'No pneumothorax.',
  'IMPRESSION: 1. Right upper lobe nodule, 1.5 cm.',
  '',
].join('\n');

const COMPARE = 'radlint compare';
const ofSource = (params, source) => params.diagnostics.filter((d) => d.source === source);
const lineOf = (text, line) => text.split('\n')[line];
const at = (text, range) => lineOf(text, range.start.line).slice(range.start.character, range.end.character);

function referenceFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-compare-'));
  made.push(dir);
  const file = path.join(dir, 'final.rpt');
  fs.writeFileSync(file, REFERENCE);
  return pathToFileURL(file).href;
}

test('radlint/compare answers the summary, the discrepancies with ranges, and the scorecard page', async () => {
  const s = await startServer({ pull: true, initializationOptions: { compareCommands: true } });
  try {
    const uri = 'file:///tmp/prelim.rpt';
    await s.open(uri, TRAINEE);
    const result = await s.connection.sendRequest('radlint/compare', {
      uri,
      reference: { text: REFERENCE, name: 'final.rpt', uri: 'file:///tmp/final.rpt' },
    });
    assert.equal(result.version, 1);
    assert.equal(result.trainee, 'prelim.rpt');
    assert.equal(result.reference, 'final.rpt');
    assert.equal(result.summary.missed, 2);
    assert.equal(result.summary.major, 1);
    assert.equal(result.summary.minor, 1);
    assert.equal(result.diagnostics, 2);
    const effusion = result.discrepancies.find((d) => d.finding === 'pleural effusion');
    assert.equal(effusion.kind, 'missed');
    assert.equal(effusion.trainee, null);
    assert.equal(at(REFERENCE, effusion.reference), 'pleural effusion');
    assert.match(result.html, /^<!DOCTYPE html>/);
    assert.match(result.html, /prelim\.rpt against final\.rpt/);
    assert.doesNotMatch(result.html, /<script/i);
    // A pull client gets them pushed (its rule diagnostics are pulled apart from them).
    const pushed = await s.nextDiagnostics((p) => p.uri === uri && ofSource(p, COMPARE).length > 0);
    assert.equal(ofSource(pushed, COMPARE).length, 2);
    assert.equal(ofSource(pushed, 'radlint').length, 0, 'a pull client gets no rule diagnostics pushed');
    // An edit: the comparison of the new version is pushed again (the rules are pulled on their own).
    await s.change(uri, 2, [{ range: { start: { line: 1, character: 18 }, end: { line: 1, character: 18 } }, text: ' ' }]);
    const again = await s.nextDiagnostics((p) => p.uri === uri && p.version === 2);
    assert.equal(ofSource(again, COMPARE).length, 2);
    assert.equal((await s.pull(uri)).items.filter((d) => d.source === COMPARE).length, 0, 'never in the pulled rule diagnostics');
    // The client registers the commands itself: the server must not advertise them.
    assert.ok(!s.init.capabilities.executeCommandProvider.commands.includes('radlint.compareWithReference'));
  } finally {
    await s.stop();
  }
});

test('a push-only client: the command shows the discrepancies on the trainee, edits keep them, clear removes them', async () => {
  const s = await startServer();
  try {
    assert.ok(s.init.capabilities.executeCommandProvider.commands.includes('radlint.compareWithReference'));
    assert.ok(s.init.capabilities.executeCommandProvider.commands.includes('radlint.clearComparison'));
    const uri = 'file:///tmp/trainee.rpt';
    const referenceUri = referenceFile(); // not open: read from disk
    await s.open(uri, TRAINEE);
    const first = await s.nextDiagnostics((p) => p.uri === uri);
    assert.equal(ofSource(first, COMPARE).length, 0, 'no comparison before the command');

    const result = await s.connection.sendRequest('workspace/executeCommand', {
      command: 'radlint.compareWithReference',
      arguments: [uri, referenceUri],
    });
    assert.equal(result.summary.missed, 2);
    const shown = await s.nextDiagnostics((p) => p.uri === uri && ofSource(p, COMPARE).length > 0);
    const mine = ofSource(shown, COMPARE);
    assert.equal(mine.length, 2);
    const effusion = mine.find((d) => d.data.finding === 'pleural effusion');
    assert.equal(effusion.code, 'missed');
    assert.equal(effusion.severity, 2, 'a major discrepancy is a warning');
    assert.equal(mine.find((d) => d.data.finding !== 'pleural effusion').severity, 3, 'a minor one is information');
    assert.equal(effusion.data.category, 'comparison');
    // Missed: nothing in the trainee to point at, so it sits on the trainee's impression header...
    assert.equal(at(TRAINEE, effusion.range), 'IMPRESSION:');
    // ...and its related information points at the effusion in the reference.
    assert.equal(effusion.relatedInformation.length, 1);
    assert.equal(effusion.relatedInformation[0].location.uri, referenceUri);
    assert.equal(at(REFERENCE, effusion.relatedInformation[0].location.range), 'pleural effusion');
    assert.match(effusion.relatedInformation[0].message, /pleural effusion/);

    // An edit: the push carries the rules and the comparison of the new text. The trainee adds the
    // effusion to the findings: no longer missed, but still left out of the impression, and that
    // discrepancy sits on the words just typed.
    const added = TRAINEE.replace('IMPRESSION: 1.', 'There is a moderate left pleural effusion.\nIMPRESSION: 1.');
    await s.change(uri, 2, [{ text: added }]);
    const edited = await s.nextDiagnostics((p) => p.uri === uri && p.version === 2);
    const still = ofSource(edited, COMPARE);
    assert.deepEqual(still.map((d) => `${d.code} ${d.data.finding}`).sort(), ['impression pleural effusion', 'missed degenerative change']);
    const impression = still.find((d) => d.code === 'impression');
    assert.equal(at(added, impression.range), 'pleural effusion');
    assert.equal(impression.range.start.line, 4);
    assert.equal(impression.data.version, 2);
    // The rules see the same gap (their own diagnostic), in the same push.
    assert.ok(
      ofSource(edited, 'radlint').some((d) => d.code === 'impression-omission'),
      JSON.stringify(ofSource(edited, 'radlint').map((d) => d.code)),
    );
    // A one-space edit elsewhere keeps them as well.
    await s.change(uri, 3, [{ range: { start: { line: 1, character: 18 }, end: { line: 1, character: 18 } }, text: ' ' }]);
    const again = await s.nextDiagnostics((p) => p.uri === uri && p.version === 3);
    assert.equal(ofSource(again, COMPARE).length, 2);

    const cleared = await s.connection.sendRequest('workspace/executeCommand', { command: 'radlint.clearComparison', arguments: [uri] });
    assert.equal(cleared, true);
    const after = await s.nextDiagnostics((p) => p.uri === uri && p.version === 3);
    assert.equal(ofSource(after, COMPARE).length, 0);
    // The rule diagnostics are still there: clearing the comparison does not touch them.
    assert.deepEqual(
      after.diagnostics.map((d) => d.message),
      again.diagnostics.filter((d) => d.source !== COMPARE).map((d) => d.message),
    );
    // And the next edit does not bring the comparison back.
    await s.change(uri, 4, [{ range: { start: { line: 1, character: 19 }, end: { line: 1, character: 19 } }, text: ' ' }]);
    const later = await s.nextDiagnostics((p) => p.uri === uri && p.version === 4);
    assert.equal(ofSource(later, COMPARE).length, 0);
  } finally {
    await s.stop();
  }
});

test('a comparison with nothing to report shows nothing; a bad reference is an error, not a crash', async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/same.rpt';
    await s.open(uri, REFERENCE);
    await s.nextDiagnostics((p) => p.uri === uri);
    const result = await s.connection.sendRequest('workspace/executeCommand', {
      command: 'radlint.compareWithReference',
      arguments: [uri, { text: REFERENCE, name: 'final.rpt' }],
    });
    assert.equal(result.discrepancies.length, 0);
    assert.equal(result.diagnostics, 0);
    const pushed = await s.nextDiagnostics((p) => p.uri === uri);
    assert.equal(ofSource(pushed, COMPARE).length, 0);

    await assert.rejects(
      s.connection.sendRequest('workspace/executeCommand', {
        command: 'radlint.compareWithReference',
        arguments: [uri, 'file:///nonexistent/radlint/final.rpt'],
      }),
      /no such file/,
    );
    await assert.rejects(
      s.connection.sendRequest('radlint/compare', { uri: 'file:///tmp/not-open.rpt', reference: { text: REFERENCE, name: 'x' } }),
      /Open the trainee report first/,
    );
    // The server is still answering.
    const hover = await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  } finally {
    await s.stop();
  }
});
