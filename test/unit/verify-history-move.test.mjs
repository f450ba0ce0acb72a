// A line above the report's headers moved under CLINICAL HISTORY word for word is the question asked only when it
// states nothing of this exam: a change, a new finding or a size stays a finding (verify-findings.ts statesThisExam,
// rev14 #1); a known diagnosis or the patient's history may move. Reports of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));

const BODY = 'FINDINGS:\nThe lungs are otherwise clear. No pleural effusion.\n\nIMPRESSION:\nNo acute abnormality.\n';
const moved = (line) => verify('restructure', analyze(`${line}\n\n${BODY}`), `CLINICAL HISTORY:\n${line}\n\n${BODY}`).reasons;

test('a preamble line stating a change, a new finding or a size is refused under the history', () => {
  for (const line of [
    'Previously noted right lower lobe nodule has increased, now measuring 14 mm.',
    'Known left breast carcinoma, now with new 2 cm left axillary lymph node.',
    'Diagnosed with lymphoma, with new mediastinal adenopathy.',
    'Known sarcoidosis, with enlarging hilar lymph nodes.',
    'Known metastatic melanoma, currently with a right adrenal nodule.',
  ])
    assert.notDeepEqual(moved(line), [], line);
});

test("a known diagnosis or the patient's history moves under the history", () => {
  for (const line of [
    'Known right breast carcinoma.',
    'History of right upper lobectomy for lung cancer.',
    'Known lymphoma, for restaging.',
  ])
    assert.deepEqual(moved(line), [], line);
});
