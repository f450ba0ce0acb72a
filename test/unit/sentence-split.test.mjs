import { test } from 'node:test';
import assert from 'node:assert/strict';
import { report as R } from '../helpers/engine.mjs';

const sentences = (text) => R.parseReport(text).sentences.map((s) => s.text);

// The splitter jumps from stop to stop, one search shared by all sections: a section without any stop
// must still end its sentence at its own end, and a later section must find its own stops.
test('sections without stops and list items end their sentences where they should', () => {
  assert.deepEqual(
    sentences('EXAM: Chest two views\nINDICATION: cough\nFINDINGS: Lungs clear. No effusion\nIMPRESSION:\n1. Normal chest. 2. No change\n'),
    ['Chest two views', 'cough', 'Lungs clear.', 'No effusion', '1. Normal chest.', '2. No change'],
  );
});

test('a stop inside a number or after an abbreviation ends nothing; a question does', () => {
  assert.deepEqual(sentences('FINDINGS: Nodule of 2.3 cm, e.g. in the apex. Pneumonia? No effusion!'), [
    'Nodule of 2.3 cm, e.g. in the apex.',
    'Pneumonia?',
    'No effusion!',
  ]);
});
