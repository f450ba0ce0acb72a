import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../helpers/nlp.mjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { analyze } = require(path.join(root, 'out/server/engine.js'));

const CASE_HISTORY = `CC: Left arm weakness.

HX: This 64 y/o RHM developed left arm weakness two days before admission.

PMH: Hypertension.

FHX: Mother had a stroke at age 70.

SHX: Retired teacher.

EXAM: Alert and oriented.

COURSE: HCT showed a right frontal subdural hematoma. He improved.
`;

const OPERATIVE = `PREOPERATIVE DIAGNOSIS: Bunion, right foot.

POSTOPERATIVE DIAGNOSIS: Same.

ANESTHESIA: Local with sedation.

ESTIMATED BLOOD LOSS: Minimal.

DESCRIPTION OF PROCEDURE: The incision was carried deep with sharp and blunt dissection.
`;

test('a neurology case history, an operative note and an EMG study are no imaging reports', () => {
  assert.equal(parseReport(CASE_HISTORY).document, 'case-history');
  assert.equal(parseReport(OPERATIVE).document, 'procedure-note');
  const emg =
    'HISTORY: Numb hands.\n\nNERVE CONDUCTION STUDIES: Median motor latencies are prolonged.\n\nNEEDLE EMG: Normal.\n\nIMPRESSION: Carpal tunnel syndrome.';
  assert.equal(parseReport(emg).document, 'neurophysiology');
});

test('imaging reports stay imaging reports, with or without headers', () => {
  assert.equal(parseReport('FINDINGS: Small left pleural effusion.\nIMPRESSION: Small left effusion.').document, 'imaging');
  assert.equal(parseReport('The lungs are clear. No pneumothorax.').document, 'imaging');
  // A history told at the top of an ultrasound the writer performed is still the ultrasound's report.
  const obstetric =
    'PAST MEDICAL HISTORY: None.\n\nSOCIAL HISTORY: Nonsmoker.\n\nFAMILY HISTORY: Noncontributory.\n\nDETAILS: I performed a transabdominal ultrasound today. Single live intrauterine pregnancy.';
  assert.equal(parseReport(obstetric).document, 'imaging');
});

test('a document that is no imaging report gets no clinical checks and no critical-result call', () => {
  const a = analyze(CASE_HISTORY);
  assert.deepEqual(a.critical, []);
  assert.deepEqual(
    a.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.rule),
    [],
  );
  assert.equal(analyze(OPERATIVE).problems.filter((p) => p.rule.startsWith('critical')).length, 0);
});

test("PMH, FHX, SHX, CC and COURSE are history sections, not today's findings", () => {
  const r = parseReport('FHX: stroke.\nSHX/FHX: unremarkable.\nPMH: MI.\nCC: fall.\nCOURSE: improved.\nFINDINGS: Normal.');
  assert.deepEqual(
    r.sections.slice(0, 5).map((s) => s.kind),
    ['history', 'history', 'history', 'history', 'history'],
  );
});

test('section headers run into the text after a sentence are sections ("...contrast.FINDINGS: ...")', () => {
  const r = parseReport('TECHNIQUE: Axial images after contrast.FINDINGS: Small hepatic cyst.  IMPRESSION: Hepatic cyst.');
  assert.deepEqual(
    r.sections.map((s) => s.kind),
    ['technique', 'findings', 'impression'],
  );
  // A label inside a sentence is not a header of its own.
  assert.deepEqual(
    parseReport('FINDINGS: Liver: normal.').sections.map((s) => s.kind),
    ['findings'],
  );
});
