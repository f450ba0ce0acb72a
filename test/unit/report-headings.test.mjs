import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../helpers/nlp.mjs';

test('conclusions as translated and international reports head them are the impression; "RESULTS" of a study stay findings', () => {
  for (const header of [
    'RADIOLOGICAL CONCLUSION',
    'Radiologic impression',
    'Impression and recommendations',
    'IMPRESSION/PLAN',
    'Result',
    'Diagnostic impression',
    'CONCLUSIONS AND RECOMMENDATIONS',
  ]) {
    const r = parseReport(`FINDINGS: Clear lungs.\n${header}: No pulmonary embolism.`);
    assert.deepEqual(
      r.sections.map((s) => s.kind),
      ['findings', 'impression'],
      header,
    );
  }
  assert.deepEqual(
    parseReport('EXAM: Echocardiogram\nRESULTS: Normal left ventricle.').sections.map((s) => s.kind),
    ['exam', 'findings'],
  );
});
