// A typo in a finding's name: "pnuemothorax" in the impression is a warning that says what it was
// read as, and the consistency rules read it so (no second, misleading "not in the impression").
// A misspelling that is no finding word stays a note, and a word the user accepted is read as written.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { analyze, prepareRules } = require(path.join(root, 'out/server/engine.js'));

before(() => prepareRules());

const REPORT = (impression) =>
  `EXAM: Chest radiograph, portable AP.\n\nFINDINGS:\nLarge left pneumothorax.\n\nIMPRESSION:\n${impression}\nDiscussed with Dr. Lee by telephone at 14:35, read back confirmed.\n`;
const problems = (text, settings = {}) => analyze(text, settings).problems;

test('a misspelt critical finding in the impression: one warning that names the reading, no omission', () => {
  const found = problems(REPORT('Large left pnuemothorax.'));
  const typo = found.find((p) => p.rule === 'spelling');
  assert.ok(typo, JSON.stringify(found));
  assert.equal(typo.severity, 'warning');
  assert.match(typo.message, /did you mean "pneumothorax"\? The other checks read it as pneumothorax\./);
  assert.ok(!found.some((p) => p.rule === 'impression-omission'), JSON.stringify(found.map((p) => p.message)));
  const analysis = analyze(REPORT('Large left pnuemothorax.'));
  assert.ok(analysis.understanding.findings.some((f) => f.section === 'impression' && f.finding === 'pneumothorax' && f.side === 'left'));
  assert.deepEqual(
    analysis.findingTypos.map((t) => [t.word, t.correction, t.finding]),
    [['pnuemothorax', 'pneumothorax', 'pneumothorax']],
  );
});

test('the same report spelt right has no spelling problem; a typo that is no finding word stays a note', () => {
  assert.ok(!problems(REPORT('Large left pneumothorax.')).some((p) => p.rule === 'spelling'));
  const other = problems(REPORT('Large left pneumothorax, improvd.')).find((p) => p.rule === 'spelling');
  assert.ok(other);
  assert.equal(other.severity, 'info');
  assert.doesNotMatch(other.message, /read it as/);
});

test('a word the user added to the dictionary is read as written', () => {
  const found = problems(REPORT('Large left pnuemothorax.'), { words: ['pnuemothorax'] });
  assert.ok(!found.some((p) => p.rule === 'spelling'));
  assert.ok(
    found.some((p) => p.rule === 'impression-omission'),
    'then the impression does not name it',
  );
});

test('in a case history, which the clinical checks do not read, a misspelt finding is a note, not a warning', () => {
  const history =
    'CC: Headache.\n\nHX: 40 y/o woman with two weeks of headache. No evidence of aneursym on outside CTA.\n\nPMH: surgical correction of pyoloric stenosis, age 1.\n\nFHX: unremarkable.\n\nSHX: nonsmoker.\n';
  const analysis = analyze(history);
  assert.equal(analysis.report.document, 'case-history');
  const typos = analysis.problems.filter((p) => p.rule === 'spelling' && /read it as/.test(p.message));
  assert.deepEqual(
    typos.map((p) => [p.word, p.severity]),
    [
      ['aneursym', 'info'],
      ['pyoloric', 'info'],
    ],
  );
});

test('a long document: each typo is decided in its own sentence, one that makes no finding is read as written', () => {
  // "plueral" is one edit from a finding word (pleural) but makes no finding where it stands.
  const one =
    'FINDINGS:\nLarge left pneumothorax. The plueral space is otherwise unremarkable.\n\nIMPRESSION:\nLarge left pnuemothorax.\n\n';
  const text = `EXAM: Chest radiograph.\n\n${one.repeat(40)}`;
  const analysis = analyze(text);
  assert.equal(analysis.findingTypos.length, 40);
  assert.ok(analysis.findingTypos.every((t) => t.word === 'pnuemothorax' && t.finding === 'pneumothorax'));
  const inImpression = analysis.understanding.findings.filter((f) => f.section === 'impression' && f.finding === 'pneumothorax');
  assert.equal(inImpression.length, 40);
  const plueral = [...text.matchAll(/plueral/g)].map((m) => m.index);
  assert.ok(!analysis.understanding.findings.some((f) => plueral.some((at) => f.start <= at && at < f.end)));
  const spelling = analysis.problems.filter((p) => p.rule === 'spelling');
  assert.deepEqual([...new Set(spelling.map((p) => `${p.word} ${p.severity}`))], ['plueral info', 'pnuemothorax warning']);
});

test('a typo with an extra, a missing or two swapped letters is read as its finding, which spans the whole typo', () => {
  const cases = [
    ['Small left pleural effussion.', 'effussion', 'pleural effusion'], // extra letter
    ['Small right pneumothoraax.', 'pneumothoraax', 'pneumothorax'],
    ['Small left pleural efusion.', 'efusion', 'pleural effusion'], // missing letter
    ['Small right pneumthorax.', 'pneumthorax', 'pneumothorax'],
    ['Small left pleural effsuion.', 'effsuion', 'pleural effusion'], // swapped letters
    ['Small right pnuemothorax.', 'pnuemothorax', 'pneumothorax'],
  ];
  for (const [impression, word, finding] of cases) {
    const text = REPORT(impression);
    const analysis = analyze(text);
    assert.deepEqual(
      analysis.findingTypos.map((t) => [t.word, t.finding]),
      [[word, finding]],
      impression,
    );
    const at = text.indexOf(word);
    const made = analysis.understanding.findings.find((f) => f.section === 'impression' && f.finding === finding);
    assert.ok(made, impression);
    assert.ok(made.start <= at && made.end === at + word.length, `${impression}: ${text.slice(made.start, made.end)}`);
  }
});
