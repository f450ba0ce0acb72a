// A summary that quotes only a later piece of a report sentence ("but no CT evidence of acute diverticulitis.")
// has left out the finding the piece qualifies unless it tells or quotes that head too (index.ts quotedPieces):
// a head the lexicon knows is asked for by the findings comparison, one it does not know must be quoted.
// Reports of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));

const reasons = (source, summary) =>
  verify('summary', analyze(source), summary, 'reworded').reasons.filter((r) => !/^reads at grade/.test(r));
const says = (...quotes) => quotes.map((q) => `The report also says: "${q}"`).join('\n');
const summary = (found, denied) =>
  `What the report found:\n${found}\n\nWhat the report did not find:\n${denied}\n\nYour doctor will talk with you about what these results mean for you.\n`;

const CASES = [
  // [exam, head as the report writes it, the piece after it, impression]: the head is a findings sentence's, one the
  // summary need not tell when it tells nothing of that sentence, but not when it quotes the rest of it.
  ['CT abdomen and pelvis', 'Moderate stool burden throughout the colon', 'but no evidence of bowel obstruction.', 'No acute abnormality.'],
  ['CT abdomen and pelvis', 'Redundant sigmoid colon', 'but no evidence of volvulus.', 'No acute abnormality.'],
  ['MRI brain', 'Prominent perivascular spaces in the basal ganglia', 'but no acute infarct.', 'No acute intracranial abnormality.'],
  [
    'CT head',
    'The patient is status post right frontal craniotomy',
    'but there is no acute hemorrhage.',
    'No acute intracranial abnormality.',
  ],
];
/** @param {string[]} c */
const sourceOf = (c) => `EXAM: ${c[0]}.\n\nFINDINGS:\nThe liver is normal. ${c[1]}, ${c[2]}\n\nIMPRESSION:\n${c[3]}\n`;

test('a quoted piece of a sentence without its head is refused', () => {
  for (const c of CASES) {
    const [, head, piece, impression] = c;
    const headless = summary(`- ${impression}`, says(piece));
    assert.match(reasons(sourceOf(c), headless).join('\n'), /without what it qualifies/, `${head}: ${headless}`);
  }
});

test('the same piece beside its head quoted apart, or the whole sentence quoted, passes; so does quoting neither', () => {
  for (const c of CASES) {
    const [, head, piece, impression] = c;
    const source = sourceOf(c);
    assert.deepEqual(reasons(source, summary(`- ${impression}\n${says(head)}`, says(piece))), [], `${head} apart`);
    assert.deepEqual(reasons(source, summary(`- ${impression}\n${says(`${head}, ${piece}`)}`, '')), [], `${head} whole`);
    assert.deepEqual(reasons(source, summary(`- ${impression}`, '')), [], `${head} neither`);
  }
});

test('a piece after words that say nothing of their own ("In addition, there is no …") is no headless piece', () => {
  const source =
    'EXAM: CT head.\n\nFINDINGS:\nThe ventricles are normal. In addition, there is no acute hemorrhage.\n\nIMPRESSION:\nNo acute intracranial abnormality.\n';
  const why = reasons(
    source,
    summary('- The report found no sign of a new or sudden problem.', says('there is no acute hemorrhage.')),
  ).join('\n');
  assert.doesNotMatch(why, /without what it qualifies/);
});
