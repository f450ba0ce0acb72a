// lobe-side-mismatch: a lobe on the side that does not have it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problemsOf, applyFix } from '../helpers/engine.mjs';

const slice = (text, p) => text.slice(p.start, p.end);

test('lobe-side-mismatch: a lobe that exists on one side only', () => {
  const text = 'FINDINGS: Consolidation in the left middle lobe.\nIMPRESSION: Pneumonia.';
  assert.deepEqual(problemsOf('laterality-mismatch', text), []);
  const [p] = problemsOf('lobe-side-mismatch', text);
  assert.equal(slice(text, p), 'left');
  assert.match(p.message, /middle lobe is on the right/);
  assert.equal(applyFix(text, p.fixes[0]), text.replace('left middle', 'right middle'));
});

test('lobe-side-mismatch: silent on the lobes each side has', () => {
  for (const text of [
    'FINDINGS: Consolidation in the right middle lobe.',
    'FINDINGS: Atelectasis in the left lingula.',
    'FINDINGS: Opacity in the lingular segment of the left upper lobe. Right middle lobe is clear.',
  ])
    assert.deepEqual(problemsOf('lobe-side-mismatch', text), [], text);
});
