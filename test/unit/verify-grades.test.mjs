// A grade, type, stage, category or node level is read by its number or numeral ("grade 1 anterolisthesis",
// "Grade II", "Bosniak 2F", "BI-RADS 4A", "level IV"): a rewrite that changes or leaves it out changes the
// finding's severity or kind (issue 18). Built from the pattern, on sentences of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { readClause } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { changesOf, dropsOf } = require(path.join(root, 'out/server/rewrite/clause-changes.js'));
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const read = (text) => readClause(text, { start: 0, end: text.length }, 'impression', null);
const check = (kind, source, candidate) => checkClauses(kind, parseReport(source), candidate).map((r) => r.message);

test('grades are read by number, a Roman numeral as its number, a letter kept; not as a quantity', () => {
  for (const [text, grades] of /** @type {[string, string[]][]} */ ([
    ['Grade 1 anterolisthesis of L4 on L5.', ['grade 1']],
    ['Grade II spondylolisthesis at L5-S1.', ['grade 2']],
    ['A 2.1 cm Bosniak 2F cyst in the left kidney.', ['bosniak 2f']],
    ['Bosniak IIF cyst of the right kidney.', ['bosniak 2f']],
    ['BI-RADS category 4A: suspicious.', ['rads 4a']],
    ['BI-RADS 3: Probably benign.', ['rads 3']],
    ['Stanford type B dissection.', ['type b']],
    ['Enlarged level IV node on the left.', ['level 4']],
    ['Grade 1-2 chondromalacia of the patella.', ['grade 1-2']],
    ['Grade II to III chondromalacia.', ['grade 2-3']],
    ['Mild disc bulge at L4-5 with moderate foraminal narrowing.', []],
  ]))
    assert.deepEqual(read(text).grades, grades, text);
  assert.deepEqual(read('Grade 1 anterolisthesis, 4 mm.').quantities, ['length:4']);
});

test('a changed grade is a change, one left out a drop; the same grade in other words is neither', () => {
  const changed = (a, b) => [...changesOf(read(a), read(b)), ...dropsOf(read(a), [read(b)], { sizes: true })];
  for (const [a, b] of [
    ['Grade 1 anterolisthesis of L4 on L5.', 'Anterolisthesis of L4 on L5.'],
    ['Grade 2 anterolisthesis of L5 on S1.', 'Grade 3 anterolisthesis of L5 on S1.'],
    ['Grade II medial collateral ligament sprain.', 'Grade I medial collateral ligament sprain.'],
    ['Bosniak 2F cyst in the left kidney.', 'Bosniak 2 cyst in the left kidney.'],
    ['BI-RADS 4A: suspicious abnormality.', 'BI-RADS 4C: suspicious abnormality.'],
    ['Type II endoleak from a lumbar artery.', 'Type I endoleak from a lumbar artery.'],
  ])
    assert.ok(
      changed(a, b).some((m) => /grade/.test(m)),
      `${a} -> ${b}`,
    );
  for (const [a, b] of [
    ['Grade II anterolisthesis.', 'Grade 2 anterolisthesis.'],
    ['Bosniak IIF cyst of the left kidney.', 'Left renal cyst, Bosniak 2F.'],
  ])
    assert.deepEqual(changed(a, b), [], `${a} -> ${b}`);
});

const SPINE = `EXAM: MRI lumbar spine.
FINDINGS: Grade 1 anterolisthesis of L4 on L5. Mild disc bulge at L3-L4.
IMPRESSION: Grade 1 anterolisthesis of L4 on L5.
`;
const KIDNEY = `EXAM: CT abdomen.
FINDINGS: A 2.1 cm Bosniak 2F cyst is seen in the left kidney. The liver is normal.
IMPRESSION: Bosniak 2F left renal cyst, 2.1 cm.
`;

test('impression: a draft dropping or changing a grade is refused, the grade kept passes', () => {
  assert.deepEqual(check('impression', SPINE, SPINE), []);
  const dropped = check('impression', SPINE, SPINE.replace('IMPRESSION: Grade 1 anterolisthesis', 'IMPRESSION: Anterolisthesis'));
  assert.ok(
    dropped.some((m) => m.startsWith('drops grade: grade 1')),
    dropped.join('\n'),
  );
  const raised = check('impression', SPINE, SPINE.replace('IMPRESSION: Grade 1', 'IMPRESSION: Grade 2'));
  assert.ok(
    raised.some((m) => m.startsWith('changes grade: grade 2')),
    raised.join('\n'),
  );
  assert.deepEqual(check('impression', KIDNEY, KIDNEY), []);
  const unlettered = check('impression', KIDNEY, KIDNEY.replace('IMPRESSION: Bosniak 2F', 'IMPRESSION: Bosniak 2'));
  assert.ok(
    unlettered.some((m) => m.includes('bosniak 2')),
    unlettered.join('\n'),
  );
});
