// Where a rewrite's text goes in the report (rewrite/placement.ts): one function for the rewrite,
// the LLM path, the language server and, through it, the VS Code client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { report as reports, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { placeText } = require(path.join(root, 'out/server/rewrite/placement.js'));
const { applyEdit } = require(path.join(root, 'out/server/rewrite/index.js'));

const WITH_IMPRESSION = 'FINDINGS: Small left pleural effusion.\n\nIMPRESSION: Effusion.\n\nSIGNED: Dr X\n';
const WITHOUT = 'FINDINGS: Small left pleural effusion.\n';
const LIMITED = { sideDocuments: false, replacedImpression: false };

/** The report with `text` placed, or null when it goes beside the report. */
function placed(text, placement, body, editor) {
  const report = reports.parseReport(text);
  const edit = placeText(report, placement, body, editor);
  return edit && applyEdit(text, edit);
}
const impressionOf = (text) => {
  const section = reports.parseReport(text).sections.find((s) => s.kind === 'impression');
  return { start: section.body.start, end: section.body.end };
};

test('the whole report, replaced', () => {
  assert.equal(placed(WITHOUT, { at: 'report' }, 'EXAM: X.\nFINDINGS: Y.\n'), 'EXAM: X.\nFINDINGS: Y.\n');
});

test('an impression replaced after its header: a list on its own lines, one sentence after the header', () => {
  const body = impressionOf(WITH_IMPRESSION);
  assert.equal(
    placed(WITH_IMPRESSION, { at: 'impression', body, inline: false }, '1. Small left pleural effusion.'),
    'FINDINGS: Small left pleural effusion.\n\nIMPRESSION:\n1. Small left pleural effusion.\n\nSIGNED: Dr X\n',
  );
  assert.equal(
    placed(WITH_IMPRESSION, { at: 'impression', body, inline: true }, 'No acute abnormality.'),
    'FINDINGS: Small left pleural effusion.\n\nIMPRESSION: No acute abnormality.\n\nSIGNED: Dr X\n',
  );
});

test('an editor that cannot show a replaced impression gets the draft after it, the old one kept', () => {
  const out = placed(
    WITH_IMPRESSION,
    { at: 'impression', body: impressionOf(WITH_IMPRESSION), inline: false },
    '1. Effusion, left.',
    LIMITED,
  );
  assert.match(out, /IMPRESSION: Effusion\.\n+DRAFT IMPRESSION \(RadLint\):\n1\. Effusion, left\.\n/);
  assert.ok(out.endsWith('SIGNED: Dr X\n'), out);
});

test('a new impression after the findings', () => {
  assert.equal(
    placed(WITHOUT, { at: 'new impression', offset: WITHOUT.trimEnd().length, inline: false }, '1. Left pleural effusion.'),
    'FINDINGS: Small left pleural effusion.\n\nIMPRESSION:\n1. Left pleural effusion.\n',
  );
});

test('a summary beside the report, or as a section where the editor cannot open a document', () => {
  const beside = { at: 'beside', header: 'PATIENT SUMMARY' };
  assert.equal(placed(WITHOUT, beside, 'Some fluid.'), null);
  const section = 'FINDINGS: Small left pleural effusion.\n\nPATIENT SUMMARY:\nSome fluid.\n';
  assert.equal(placed(WITHOUT, beside, 'Some fluid.', LIMITED), section);
  assert.equal(placed(WITHOUT, { at: 'end', header: 'PATIENT SUMMARY' }, 'Some fluid.'), section);
  // Without a final line break, one is added before the section's blank line.
  assert.equal(placed(WITHOUT.trimEnd(), beside, 'Some fluid.', LIMITED), section);
});

test('CRLF reports get CRLF', () => {
  const crlf = WITH_IMPRESSION.replace(/\n/g, '\r\n');
  const out = placed(crlf, { at: 'impression', body: impressionOf(crlf), inline: false }, '1. Effusion.', LIMITED);
  assert.match(out, /\r\nDRAFT IMPRESSION \(RadLint\):\r\n1\. Effusion\.\r\n/);
});
