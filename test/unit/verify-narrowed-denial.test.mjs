// A denial the report narrows ("No other renal mass", "No additional nodules", "No further lesions",
// "No new lesions", "No lesion elsewhere") denies others than the one described (review F4). The
// verifier passes a rewrite that keeps the described finding beside it, and refuses one that drops the
// narrowing word, which would deny the described finding too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, verify } = require(path.join(root, 'out/server/rewrite/index.js'));
const { readClause } = require(path.join(root, 'out/server/rewrite/clauses.js'));

const read = (text) => readClause(text, { start: 0, end: text.length }, 'findings', null);
const reasonsOf = (kind, source, candidate) => verify(kind, analyze(source), candidate, 'reworded').reasons;
const withImpression = (source, body) => source.replace(/IMPRESSION:[\s\S]*$/, `IMPRESSION:\n${body}\n`);

const KIDNEY = `EXAM: CT abdomen and pelvis with contrast.
FINDINGS: There is a 3.2 cm enhancing mass in the lower pole of the right kidney. No other renal mass. The liver is normal.
IMPRESSION: 3.2 cm enhancing right renal mass, suspicious for renal cell carcinoma.
`;
const LUNG = `EXAM: CT chest without contrast.
FINDINGS: 8 mm solid nodule in the right upper lobe. No additional pulmonary nodules. No pleural effusion.
IMPRESSION: 8 mm right upper lobe nodule.
`;
const BRAIN = `EXAM: MRI brain with and without contrast.
FINDINGS: Enhancing 1.5 cm lesion in the left frontal lobe with surrounding edema. No further enhancing lesions. Ventricles are normal in size.
IMPRESSION: 1.5 cm enhancing left frontal lesion.
`;
const LIVER = `EXAM: MRI abdomen.
FINDINGS: A 2 cm hemangioma in segment 6 of the liver. No new hepatic lesions. No suspicious lesion elsewhere in the liver.
IMPRESSION: Hepatic hemangioma.
`;

test('the clause reader: the narrowing words a denial reaches', () => {
  assert.deepEqual([...read('No other renal mass.').narrowing], ['other']);
  assert.deepEqual([...read('No additional nodules are seen.').narrowing], ['additional']);
  assert.deepEqual([...read('Other lesions are not seen.').narrowing], ['other']);
  assert.deepEqual([...read('No suspicious lesion elsewhere.').narrowing], ['elsewhere']);
  // Not a denial: "the other kidney", "the remaining lungs" narrow nothing.
  assert.deepEqual([...read('The other kidney is enlarged.').narrowing], []);
  assert.deepEqual([...read('The remaining lungs are hyperinflated.').narrowing], []);
  assert.deepEqual([...read('No renal mass.').narrowing], []);
});

test('a rewrite keeping the described finding beside the narrowed denial passes, every kind', () => {
  for (const source of [KIDNEY, LUNG, BRAIN, LIVER])
    for (const kind of ['restructure', 'impression', 'summary']) {
      const r = rewrite(kind, analyze(source));
      assert.equal(r.verification.ok, true, `${kind}: ${r.verification.reasons.join(' | ')}`);
    }
  // An impression naming the mass and passing the denial on as written.
  const kept = [
    [KIDNEY, '1. 3.2 cm enhancing right renal mass, suspicious for renal cell carcinoma.\n2. No other renal mass.'],
    [LUNG, '1. 8 mm right upper lobe nodule. No additional pulmonary nodules.'],
    [BRAIN, '1. 1.5 cm enhancing left frontal lesion with surrounding edema. No further enhancing lesions.'],
  ];
  for (const [source, body] of kept) assert.deepEqual(reasonsOf('impression', source, withImpression(source, body)), [], body);
});

test('"no other X" said as "no X" is refused: it would deny the one described', () => {
  const widened = [
    [KIDNEY, '1. 3.2 cm enhancing right renal mass, suspicious for renal cell carcinoma.\n2. No renal mass.'],
    [KIDNEY, '1. 3.2 cm enhancing right renal mass, suspicious for renal cell carcinoma. No renal mass.'],
    [LUNG, '1. 8 mm right upper lobe nodule.\n2. No pulmonary nodules.'],
    [BRAIN, '1. 1.5 cm enhancing left frontal lesion with surrounding edema.\n2. No enhancing lesions.'],
    [LIVER, '1. Hepatic hemangioma.\n2. No hepatic lesions.'],
  ];
  for (const [source, body] of widened) {
    const reasons = reasonsOf('impression', source, withImpression(source, body));
    assert.ok(
      reasons.some((r) => /widens the denial|denies/.test(r)),
      `${body}: ${reasons.join(' | ')}`,
    );
  }
  // In a restructure, where the sentence is moved as written.
  for (const [source, from, to] of [
    [KIDNEY, 'No other renal mass.', 'No renal mass.'],
    [LUNG, 'No additional pulmonary nodules.', 'No pulmonary nodules.'],
    [LIVER, 'No suspicious lesion elsewhere in the liver.', 'No suspicious lesion in the liver.'],
  ]) {
    const r = rewrite('restructure', analyze(source));
    assert.ok(r.text.includes(from), r.text);
    const reasons = reasonsOf('restructure', source, r.text.replace(from, to));
    assert.ok(
      reasons.some((x) => /widens the denial/.test(x)),
      `${to}: ${reasons.join(' | ')}`,
    );
  }
});
