import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, engine } from '../helpers/engine.mjs';

// Where each thing of a patient summary stands, and what stays with it (hand-reads r8s–r10s, issue 18):
// a lead-in with its clause, a sentence pointing back with the one it points to, a denial with its organ.
/** @type {typeof import('../../server/src/rewrite/index.js')} */
const { rewrite } = load('rewrite/index.js');
/** The summary as offered (verified), without its word list. */
const offered = (text) => {
  const s = rewrite('summary', engine.analyze(text));
  assert.ok(s.verification.ok, s.verification.reasons.join('; '));
  return s.text.split('\nWords in your report:')[0];
};
/** The lines under a heading of the summary. */
const under = (text, heading) => (text.split(`${heading}\n`)[1] ?? '').split('\n\n')[0].split('\n');
const quotes = (text) => [...text.matchAll(/^The report (?:also )?says: "(.*)"$/gm)].map((m) => m[1]);

test('summary: a lead-in before ";" is quoted with the clause it introduces, never as an item of its own', () => {
  for (const [text, lead] of [
    [
      'EXAM: CT ABDOMEN\nFINDINGS: Within the limits of this unenhanced examination; No mass lesion was detected in the liver. The spleen is enlarged, measuring 15 cm.\n',
      'Within the limits of this unenhanced examination',
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Small right pleural effusion. In the sections passing through the upper abdomen; No space-occupying lesion was detected in the adrenal glands.\n',
      'In the sections passing through the upper abdomen',
    ],
  ]) {
    const s = offered(text);
    assert.ok(!quotes(s).includes(lead), s);
    const joined = quotes(s).find((q) => q.startsWith(`${lead}; `));
    assert.ok(joined, s);
    // Under the heading of what it leads into: a denial.
    assert.ok(
      under(s, 'What the report did not find:').some((l) => l.includes(joined)),
      s,
    );
  }
});
