// missing-impression: findings without an impression.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

test('missing-impression: findings without impression, an empty impression, and silence otherwise', () => {
  const none = problemsOf('missing-impression', 'FINDINGS: Small left effusion.\n');
  assert.equal(none.length, 1);
  assert.match(applyFix('FINDINGS: Small left effusion.\n', none[0].fixes[0]), /\nIMPRESSION:\n\$\{1:impression\}\n$/);
  const empty = problemsOf('missing-impression', 'FINDINGS: Small left effusion.\nIMPRESSION:\n');
  assert.equal(empty.length, 1);
  assert.match(empty[0].message, /empty/);
  assert.equal(empty[0].related.length, 1);
  for (const text of [
    'FINDINGS: Clear.\nIMPRESSION: Normal.',
    'The lungs are clear.',
    'IMPRESSION: Normal.',
    'FINDINGS:\nCONCLUSION: Normal.',
  ]) {
    assert.deepEqual(problemsOf('missing-impression', text), [], text);
  }
});
