// Issue 19 (r19s #16): nodes called enlarged with their place between subject and state, the size a
// sentence of its own gives the finding of the sentence before, and the heart rate of a cardiac exam.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mentions, understand, parseReport } from '../helpers/nlp.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const organs = require(path.join(root, 'out/server/nlp/organs.js'));
const { wordsOf } = require(path.join(root, 'out/server/nlp/words.js'));
const { sentenceKind } = require(path.join(root, 'out/server/templates/sentence-kinds.js'));

const concepts = (text) => understand(text).findings.map((f) => `${f.concept}:${f.assertion}`);
const sizes = (text, concept) => mentions(text, concept).map((m) => m.f.measurements.map((x) => text.slice(x.start, x.end)));

test('nodes called enlarged after their own place are lymphadenopathy, with that side', () => {
  for (const [text, side] of [
    ['FINDINGS: Lymph nodes on the left are enlarged.', 'left'],
    ['FINDINGS: Several lymph nodes in the right axilla are mildly enlarged.', 'right'],
    ['FINDINGS: The nodes at level II on the left are enlarged.', 'left'],
  ]) {
    const found = mentions(text, 'lymphadenopathy');
    assert.equal(found.length, 1, text);
    assert.equal(found[0].assertion, 'present', text);
    assert.equal(found[0].side, side, text);
    assert.equal(mentions(text, 'lymph-node').length, 0, text);
  }
  // Denied the same way; a finding inside the stretch is no place of the subject's.
  assert.deepEqual(concepts('FINDINGS: Lymph nodes in the mediastinum are not enlarged.'), ['lymphadenopathy:absent']);
  assert.ok(concepts('FINDINGS: The heart in the setting of pericardial effusion is enlarged.').includes('pericardial-effusion:present'));
  // A clause between subject and state is no place.
  assert.equal(mentions('FINDINGS: Lymph nodes in the axilla, which is normal, are enlarged.', 'lymphadenopathy').length, 0);
});

test('a size told in the next sentence is the size of the finding the sentence before states', () => {
  assert.deepEqual(sizes('FINDINGS: A subcarinal lymph node is enlarged also.  It measures 6 x 2 cm.', 'lymphadenopathy'), [['6 x 2 cm']]);
  assert.deepEqual(sizes('FINDINGS: There is a mass in the right lower lobe. It measures 3.1 x 2.4 cm.', 'mass'), [['3.1 x 2.4 cm']]);
  assert.deepEqual(sizes('FINDINGS: Enlarged nodes are seen in the left axilla. The largest measures 2.4 x 1.8 cm.', 'lymphadenopathy'), [
    ['2.4 x 1.8 cm'],
  ]);
  // A noun that is no finding of its own ("the node") takes it up too; one that is ("This lesion measures …") keeps it.
  assert.deepEqual(sizes('FINDINGS: A precarinal lymph node is enlarged. The node measures 3 x 2 cm.', 'lymphadenopathy'), [['3 x 2 cm']]);
  const text = 'FINDINGS: There is a hypodense lesion in the liver. This lesion measures 2.1 cm.';
  assert.deepEqual(sizes(text, 'lesion'), [['2.1 cm']]);
  // A size at a node of a station past its normal short axis makes it adenopathy.
  assert.deepEqual(concepts('FINDINGS: A right hilar lymph node is seen. It measures 22 x 16 mm.'), ['lymphadenopathy:present']);
});

test('a next-sentence size is not given to a denial, to a finding with a size of its own, or across sections', () => {
  assert.deepEqual(sizes('FINDINGS: No pleural effusion. It measures 3 cm.', 'pleural-effusion'), [[]]);
  assert.deepEqual(sizes('FINDINGS: A 2 cm nodule in the right upper lobe. It measures 3 cm on the coronal images.', 'nodule'), [['2 cm']]);
  assert.deepEqual(sizes('FINDINGS: There is a right renal mass.\n\nIMPRESSION: It measures 4 cm.', 'renal-mass'), [[]]);
  // Another sentence that opens with a finding of its own keeps its size.
  assert.deepEqual(sizes('FINDINGS: Small right pleural effusion. The spleen measures 11 cm.', 'pleural-effusion'), [[]]);
  // rev18 #4: two findings before it, and which one is measured is a guess: neither takes the size.
  const two = 'FINDINGS: There is mild bibasilar atelectasis and a solid nodule in the right lower lobe. It measures 9 mm.';
  assert.deepEqual(sizes(two, 'atelectasis'), [[]]);
  assert.deepEqual(sizes(two, 'nodule'), [[]]);
  const three = 'FINDINGS: A small left pleural effusion and an enlarged subcarinal lymph node. It measures 2 cm.';
  assert.deepEqual(sizes(three, 'pleural-effusion'), [[]]);
});

test('the heart rate of a cardiac CT or stress test names no organ, so the sentence reads as technique', () => {
  const named = (text) => organs.organsNamed(wordsOf(text), text).map((h) => h.organ);
  assert.deepEqual(named('Heart rate was 58 bpm after 5 mg IV metoprolol.'), []);
  assert.deepEqual(named('Peak heart rate was 125, which is 87% of the target heart rate.'), []);
  assert.deepEqual(named('The heart is normal in size.'), ['heart']);
  assert.deepEqual(named('Fetal heart rate is 145 bpm.'), ['fetus']);
  const text = 'Heart rate was 58 bpm after 5 mg IV metoprolol.';
  assert.equal(sentenceKind(text, named(text).length > 0), 'technique');
  assert.equal(parseReport(text).sentences.length, 1);
});
