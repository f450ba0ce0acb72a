// Patient summaries where the verifier's verdict is wrong on the verifier's side (issue 18; h18v owns
// verify*.ts, clauses.ts and cues.json): written down skip-marked, so that each case turns green when
// the reading is fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { rewrite, verify } = require(path.join(root, 'out/server/rewrite/index.js'));

const summarised = (text) => {
  const analysis = engine.analyze(text);
  const r = rewrite('summary', analysis);
  return { analysis, text: r.text, ok: r.verification.ok, reasons: r.verification.reasons.join('\n') };
};
const VERIFIER = { skip: 'verifier misreading, h18v' };

test('a consolidation placed on the right is not accepted moved to the left, beside a sideless mention of it', VERIFIER, () => {
  // The second "consolidations" has its side after it ("… of the right lung lower lobe"): the findings
  // core gives it none, and a plain line saying "left" is then taken as that mention's.
  const s = summarised(
    'EXAM: CT CHEST\nFINDINGS: Focal consolidation areas were observed in the right lung lower lobe. More common ground glass areas in the left upper lobe of the left lung in both lungs, focal consolidations in the superior and basal segments of the right lung lower lobe, bilateral minimal effusion.\n',
  );
  assert.equal(s.ok, true, s.reasons);
  const flipped = s.text.replace('right lung (consolidation)', 'left lung (consolidation)');
  assert.notEqual(flipped, s.text);
  assert.equal(verify('summary', s.analysis, flipped, 'reworded').ok, false);
});
