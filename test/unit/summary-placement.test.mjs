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

test('summary: a sentence that points back stands right after the one it points to, under its heading', () => {
  for (const [text, antecedent, pointer] of [
    [
      'EXAM: CT NECK\nIMPRESSION: 1. Enhancing nodule of the left parotid gland, for which a pleomorphic adenoma cannot be excluded. Ultrasound-guided biopsy may be considered for further characterization of this lesion. 2. Mild mucosal thickening of the right maxillary sinus.\n',
      /^The report (?:also )?says: "Enhancing nodule of the left parotid gland/,
      /this lesion\."$/,
    ],
    [
      'EXAM: CT CHEST\nFINDINGS: Small left pleural effusion.\nIMPRESSION: Small left pleural effusion. Patchy consolidation in the right lower lobe is not typical for aspiration. However, it cannot be excluded.\n',
      /^The report (?:also )?says: "Patchy consolidation in the right lower lobe is not typical for aspiration\."$/,
      /^The report (?:also )?says: "However, it cannot be excluded\."$/,
    ],
    [
      'EXAM: CEREBRAL ANGIOGRAM\nIMPRESSION: 1. Right MCA aneurysm measuring 4 mm. 2. Severe vasospasm of the right M1 and A1 segments. Intra-arterial nimodipine was infused with improved caliber of the above mentioned vessels.\n',
      /vasospasm of the right M1 and A1 segments/,
      /above mentioned vessels\."$/,
    ],
  ]) {
    const s = offered(text);
    const lines = s.split('\n');
    const at = lines.findIndex((l) => pointer.test(l));
    assert.ok(at > 0, s);
    assert.match(lines[at - 1], antecedent, s);
  }
});
