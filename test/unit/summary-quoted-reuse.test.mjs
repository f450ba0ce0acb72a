// The sentences a summary tells as written (toldAsWritten, with those they lean on) are read once per report and
// understanding and handed out again (the writer, each retry and the verifier ask): the answer must not change
// with the asking, and one caller's changes to its set must not reach the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { toldAsWritten, refersBack } = require(path.join(root, 'out/server/rewrite/summary-quoted.js'));
const { rewrite } = require(path.join(root, 'out/server/rewrite/index.js'));

// A sentence with no place of its own after one naming the organ, and one opening on a word of the sentence before.
const REPORTS = [
  'EXAM: Thyroid ultrasound.\nFINDINGS: Both thyroid lobes are heterogeneous. There are hypodense nodules. No cervical lymphadenopathy.\nIMPRESSION: Heterogeneous thyroid.\n',
  'EXAM: CT abdomen.\nFINDINGS: The pancreatic tail could not be seen due to bowel gas. The visualized portion of the tail had a normal appearance. The liver is normal.\nIMPRESSION: Limited evaluation of the pancreatic tail.\n',
];

test('summary: the sentences told as written are the same each time asked, and each caller gets its own copy', () => {
  for (const text of REPORTS) {
    const { report, understanding } = engine.analyze(text);
    const first = toldAsWritten(report, understanding);
    const expected = [...first];
    assert.ok(expected.length > 0, text);
    first.add(99);
    first.delete(expected[0]);
    const again = toldAsWritten(report, understanding);
    assert.notEqual(again, first);
    assert.deepEqual([...again], expected, text);
    const leans = report.sentences.map((_, j) => refersBack(report, understanding, j));
    assert.deepEqual(
      report.sentences.map((_, j) => refersBack(report, understanding, j)),
      leans,
    );
  }
});

test('summary: a sentence leaning on the one before is read so on every asking (thyroid nodules, pancreatic tail)', () => {
  for (const text of REPORTS) {
    const { report, understanding } = engine.analyze(text);
    const j = report.sentences.findIndex((s) => /^(?:There are hypodense|The visualized portion)/.test(s.text));
    assert.ok(j > 0, text);
    assert.equal(refersBack(report, understanding, j), true, report.sentences[j].text);
    assert.equal(refersBack(report, understanding, j), true, report.sentences[j].text);
  }
});

test('summary: the same report summarised twice, on one analysis and on a fresh one, reads the same', () => {
  for (const text of REPORTS) {
    const analysis = engine.analyze(text);
    const once = rewrite('summary', analysis);
    const twice = rewrite('summary', analysis);
    const fresh = rewrite('summary', engine.analyze(text));
    assert.equal(twice.text, once.text);
    assert.equal(fresh.text, once.text);
    assert.deepEqual(twice.verification.reasons, once.verification.reasons);
  }
});
