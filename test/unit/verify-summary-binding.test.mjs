// A patient summary line binds to its own finding (verify-clauses.ts): a line giving a size is the finding of that
// size, so a side flipped on it is compared with that finding's sentence, not passed because another lobe's nodule
// of another size has the new side; and an impression sentence that states a finding and advises on it ("may
// indicate recurrence and requires further evaluation") is a finding the summary tells. Reports of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, verify } = require(path.join(root, 'out/server/rewrite/index.js'));

const reasons = (source, summary) =>
  verify('summary', analyze(source), summary, 'reworded').reasons.filter((r) => !/^reads at grade/.test(r));

test('a sized line flipped to the side of another-sized nodule is refused; the faithful summary passes', () => {
  for (const [findings, from, to] of [
    [
      'A 2 mm nodule is seen in the right lower lobe. A 3 mm nodule is seen along the right minor fissure. A 3 mm subpleural nodule is seen in the left lower lobe.',
      /^(- [^\n]*)right( lung[^\n]*3 millimeters)/m,
      '$1left$2',
    ],
    [
      'There is a 4 mm nodule in the left upper lobe. There is a 7 mm nodule in the right upper lobe. A 7 mm nodule is also present in the left lower lobe.',
      /^(- [^\n]*)right( lung[^\n]*7 millimeters)/m,
      '$1left$2',
    ],
  ]) {
    const source = `EXAM: CT chest.\n\nFINDINGS:\n${findings}\n`;
    const r = rewrite('summary', analyze(source));
    assert.equal(r.verification.ok, true, r.verification.reasons.join('\n'));
    assert.deepEqual(reasons(source, r.text), [], r.text);
    const flipped = r.text.replace(from, to);
    assert.notEqual(flipped, r.text, r.text);
    // Refused: the flipped line's side changed, or the nodule it told goes untold.
    assert.match(reasons(source, flipped).join('\n'), /side|drops: "[^"]*right/, flipped);
  }
});

test('an impression sentence stating a finding and advising on it is told; dropped, the summary is refused', () => {
  for (const impression of [
    'This finding may indicate the possibility of prostate cancer recurrence and requires further evaluation and monitoring.',
    'The appearance is suspicious for a bladder neoplasm, and further evaluation with cystoscopy is recommended.',
  ]) {
    const source = `EXAM: MRI pelvis.\n\nFINDINGS:\nThere is a focal area of low T2 signal in the right mid-gland.\n\nIMPRESSION:\n${impression}\n`;
    const r = rewrite('summary', analyze(source));
    assert.equal(r.verification.ok, true, r.verification.reasons.join('\n'));
    const quoted = r.text.split('\n').find((l) => /neoplasm|recurrence|cancer/i.test(l) && !/^\s*-\s*[a-z ]+:/.test(l));
    assert.ok(quoted, r.text);
    assert.match(reasons(source, r.text.replace(`${quoted}\n`, '')).join('\n'), /drops/, quoted);
  }
});
