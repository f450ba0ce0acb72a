// An impression list typed with nothing between its members but the capital opening each ("Emphysema Nodule in the
// right lower lobe Aortic atherosclerosis", as CT-RATE writes them) is read member by member (clauses.ts membersOf):
// each keeps only its own hedge and side, so an impression listing the members as items passes, and one dropping a
// member, its hedge or its side is refused. A sentence with a capitalised name in it is never cut. Our own phrasings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const FINDINGS =
  'FINDINGS: Centrilobular emphysema in both upper lobes. A nodule in the right lower lobe. Possible atelectasis in the left lower lobe. Calcified plaque in the aorta. Hiatal hernia.\n';
const report = (impression) => `EXAM: CT CHEST\n${FINDINGS}\nIMPRESSION:\n${impression}\n`;
/** @type {[string, string[]][]} */
const LISTS = [
  [
    'Emphysema Nodule in the right lower lobe Possible atelectasis in the left lower lobe Aortic atherosclerosis',
    ['Emphysema', 'Nodule in the right lower lobe', 'Possible atelectasis in the left lower lobe', 'Aortic atherosclerosis'],
  ],
  [
    'Possible atelectasis in the left lower lobe Hiatal hernia Nodule in the right lower lobe',
    ['Possible atelectasis in the left lower lobe', 'Hiatal hernia', 'Nodule in the right lower lobe'],
  ],
];
const items = (members) => members.map((m, i) => `${i + 1}. ${m}.`).join('\n');
const reasons = (source, members) => checkClauses('impression', parseReport(report(source)), report(items(members))).map((r) => r.message);

test('each member of a run-together list is a clause of its own, with its own hedge and side', () => {
  for (const [list, members] of LISTS) {
    const read = readText(report(list)).filter((c) => c.section === 'impression');
    assert.deepEqual(
      read.map((c) => c.text),
      members,
    );
    for (const c of read) {
      assert.equal(c.hedges.length > 0, /Possible/.test(c.text), c.text);
      assert.equal(c.sides.size > 0, /right|left/.test(c.text), c.text);
    }
  }
});

test('the members listed as items pass; a member, its hedge or its side dropped is refused', () => {
  for (const [list, members] of LISTS) {
    assert.deepEqual(reasons(list, members), [], list);
    const noHedge = members.map((m) => m.replace('Possible atelectasis', 'Atelectasis'));
    assert.ok(
      reasons(list, noHedge).some((m) => /drops the hedge/.test(m)),
      'hedge',
    );
    const noSide = members.map((m) => m.replace(' right lower', ' lower'));
    assert.ok(
      reasons(list, noSide).some((m) => /drops side: right/.test(m)),
      'side',
    );
    const flipped = members.map((m) => m.replace(' right lower', ' left lower'));
    assert.ok(
      reasons(list, flipped).some((m) => /side/.test(m)),
      'flipped',
    );
    const dropped = members.filter((m) => !/^Nodule/.test(m));
    assert.ok(
      reasons(list, dropped).some((m) => /^drops: "Nodule/.test(m)),
      'member',
    );
  }
});

test('a sentence is not cut at a capitalised name, a title or a short list', () => {
  for (const sentence of [
    'Findings suggest Covid pneumonia in both lungs',
    'Appearance consistent with Chiari malformation type 1',
    'Fetal Cardiac Activity Present',
    'Emphysema Aortic atherosclerosis',
    'Mild degenerative change, Schmorl node at L2 Hounsfield units measured',
  ])
    assert.equal(readText(report(sentence)).filter((c) => c.section === 'impression').length, 1, sentence);
});

// A hedge or denial word is never cut from the noun after it, and a list opening on a denial is read whole: it may
// deny every member (review rev11 #5).
test('a run-together list keeps a hedge or denial with its noun', () => {
  const hedged = 'Mild emphysema Possible Crohn ileitis Small hiatal hernia';
  const src = `EXAM: CT ABDOMEN\nFINDINGS: Mild emphysema at the bases. Possible Crohn ileitis. Small hiatal hernia.\n\nIMPRESSION:\n${hedged}\n`;
  const cand = src.replace(hedged, '1. Mild emphysema.\n2. Crohn ileitis.\n3. Small hiatal hernia.');
  assert.ok(
    checkClauses('impression', parseReport(src), cand).some((r) => /hedge|drops/.test(r.message)),
    'the hedge dropped from "Possible Crohn ileitis" is refused',
  );
  const denied = 'No pneumothorax Pleural effusion Consolidation';
  const src2 = `EXAM: CT CHEST\nFINDINGS: No pneumothorax, pleural effusion or consolidation.\n\nIMPRESSION:\n${denied}\n`;
  const cand2 = src2.replace(denied, '1. Pleural effusion.\n2. Consolidation.');
  assert.ok(checkClauses('impression', parseReport(src2), cand2).length > 0, 'the denial of the whole list is kept');
  assert.equal(readText(src2).filter((c) => c.section === 'impression').length, 1);
});
