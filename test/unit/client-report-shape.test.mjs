// The client's test for "this .txt file looks like a report" (the offer to check it as one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { looksLikeReport } = require(path.join(root, 'out/client/client/src/report-shape.js'));

test('a text with FINDINGS and IMPRESSION headers looks like a report, in any case, inline or alone', () => {
  assert.equal(looksLikeReport('EXAM: CT head.\nFINDINGS: No hemorrhage.\nIMPRESSION: Normal.'), true);
  assert.equal(looksLikeReport('Findings\r\nClear lungs.\r\n\r\nConclusion:\r\nNormal.'), true);
  assert.equal(looksLikeReport('  FINDINGS:\n  ...\n  IMPRESSIONS:\n  ...'), true);
});

test('a text with only one of the headers, or the words inside sentences, does not', () => {
  assert.equal(looksLikeReport('FINDINGS: clear lungs.'), false);
  assert.equal(looksLikeReport('Meeting notes: the findings were discussed. Impression: good.'), false);
  assert.equal(looksLikeReport('My impression of the findings: fine.'), false);
  assert.equal(looksLikeReport(''), false);
  // The headers must come early: a huge log that mentions them at the end is not a report.
  assert.equal(looksLikeReport(`${'x'.repeat(30_000)}\nFINDINGS:\nIMPRESSION:`), false);
});
