import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { report as R, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { findCommunications, missingElements } = require(path.join(root, 'out/server/critical/communication.js'));
const comms = (text) => findCommunications(R.parseReport(text));

test('usual phrasings, with who, when and how', () => {
  for (const text of [
    'IMPRESSION: Large pneumothorax. Discussed with Dr. Smith by telephone at 14:35, read back confirmed.',
    'IMPRESSION: Free air. Findings called to Dr. XXXX at XXXX on XXXX.',
    'IMPRESSION: Findings communicated to the ordering physician, Dr. Jones, by phone at 3:15 p.m.',
    'XXXX XXXX notified of the critical results at XXXX on XXXX, XXXX by telephone and acknowledged receipt of these results.',
  ]) {
    const [c] = comms(text);
    assert.ok(c, text);
    assert.deepEqual(missingElements(c), [], text);
  }
});

test('statements that miss an element say which', () => {
  const [c] = comms('IMPRESSION: Large pneumothorax. Discussed with Dr. Smith.');
  assert.deepEqual(missingElements(c), ['when', 'how (telephone, in person, ...)']);
  const [d] = comms('IMPRESSION: Large pneumothorax. Findings were communicated at 10:05 by telephone.');
  assert.deepEqual(missingElements(d), ['who was told']);
});

test('a statement split over two sentences counts as one', () => {
  const [c] = comms('IMPRESSION: Dissection. Discussed with Dr. Lee. At 02:10 by telephone.');
  assert.deepEqual(missingElements(c), []);
});

test('not communications: consent, cross-references, history, future tense', () => {
  for (const text of [
    'TECHNIQUE: After informed consent was obtained, the patient was prepped.',
    'IMPRESSION: Abnormal mediastinum as discussed below.',
    'HISTORY: Patient reported chest pain.',
    'IMPRESSION: Findings will be conveyed to the ordering physician.',
    'FINDINGS: The lungs are clear. No pneumothorax.',
  ]) {
    assert.deepEqual(comms(text), [], text);
  }
});
