// "No acute interval change", "No acute change since the prior study": nothing new, what was there still is. The
// verifier reads no all-clear in them (clauses.ts changeWords): kept beside a stated finding they pass, and they do not
// let a rewrite say all is well. "No acute abnormality" stays an all-clear. Sentences of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const impressionOf = (sentence) => readText(`EXAM: CT CHEST\nIMPRESSION:\n${sentence}\n`).filter((c) => c.section === 'impression');

test('a denied change is no all-clear; a denied abnormality is', () => {
  for (const s of ['No acute interval change.', 'No acute change.', 'No acute interval changes.'])
    assert.equal(impressionOf(s)[0].normal, false, s);
  for (const s of ['No acute abnormality.', 'No acute cardiopulmonary process.']) assert.equal(impressionOf(s)[0].normal, true, s);
});

test('kept beside a stated finding it passes; an all-clear in its place is refused', () => {
  const FINDINGS = [
    'Large right pleural effusion with compressive atelectasis, unchanged.',
    'Known 2 cm mass in the left upper lobe, unchanged. Moderate emphysema.',
  ];
  for (const findings of FINDINGS)
    for (const kept of ['No acute interval change.', 'No acute change since the prior study.']) {
      const source = `EXAM: CT CHEST\nFINDINGS: ${findings}\n\nIMPRESSION:\n${kept}\n`;
      const normalReasons = (impression) =>
        checkClauses('impression', parseReport(source), source.replace(/IMPRESSION:\n[\s\S]*$/, `IMPRESSION:\n${impression}\n`))
          .map((r) => r.message)
          .filter((m) => /nothing is wrong/.test(m));
      assert.deepEqual(normalReasons(kept), [], kept);
      assert.ok(normalReasons('No acute abnormality.').length > 0, findings);
    }
});
