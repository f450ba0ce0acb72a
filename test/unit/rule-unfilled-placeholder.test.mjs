// unfilled-placeholder: template fields left unfilled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);

test('unfilled-placeholder: each template field shape', () => {
  const text = 'FINDINGS: Size [***] and *** and ___ and [ ] and << size >> and [left | right] kidney.';
  const found = problemsOf('unfilled-placeholder', text).map((p) => slice(text, p));
  assert.deepEqual(found, ['[***]', '***', '___', '[ ]', '<< size >>', '[left | right]']);
});

test('unfilled-placeholder: an RSNA choice offers each option, none preferred', () => {
  const text = 'IMPRESSION: [Mild | Moderate | Severe] stenosis.';
  const [p] = problemsOf('unfilled-placeholder', text);
  assert.deepEqual(
    p.fixes.map((f) => f.title),
    ["Choose 'Mild'", "Choose 'Moderate'", "Choose 'Severe'"],
  );
  assert.ok(p.fixes.every((f) => !f.isPreferred));
  assert.equal(applyFix(text, p.fixes[1]), 'IMPRESSION: Moderate stenosis.');
});

test('unfilled-placeholder: silent on XXXX, brackets with text and single underscores', () => {
  for (const text of ['Normal chest x-XXXX. XXXX XXXX.', 'Nodule [image 34] stable.', 'file_name a_b', 'Stable (2 views).']) {
    assert.deepEqual(problemsOf('unfilled-placeholder', text), [], text);
  }
});
