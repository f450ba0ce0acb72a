// Four readings of the verifier (clauses.ts, clause-changes.ts, verify-clauses.ts), each a pattern with phrasings of
// our own, a mutation refused and a faithful rewrite passed:
// - a count range or alternative is kept whole ("one or two nodules" is not "two nodules", "2-3 lesions" not "3 lesions");
// - "not (well|clearly) seen/visualized/identified" before a hedge is a possible finding, not a normal;
// - a side-less part label under a sided label ("LEFT KIDNEY: … Upper pole: 4 cm mass") carries the side;
// - a normal statement stating something beside it ("Normal heart size with mild aortic tortuosity") is no all-clear.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readClause, countRangesOf } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const report = (findings, impression = 'See findings.', exam = 'CT ABDOMEN') =>
  `EXAM: ${exam}\nFINDINGS:\n${findings}\n\nIMPRESSION:\n${impression}\n`;
const reasons = (kind, findings, candidate, exam) =>
  checkClauses(kind, parseReport(report(findings, 'See findings.', exam)), candidate).map((r) => r.message);
const drafted = (findings, impression, exam) =>
  reasons('impression', findings, report(findings, impression, exam), exam).filter((m) => !/^drops: "See findings/.test(m));

test('a count range cut to one of its ends is refused; kept whole, or reworded whole, it passes', () => {
  const CUT = [
    ['There are one or two small nodules in the right lung.', 'There are two small nodules in the right lung.'],
    ['2–3 hypodense lesions are seen in the liver.', '3 hypodense lesions are seen in the liver.'],
    ['Several or many small cysts are present in both kidneys.', 'Many small cysts are present in both kidneys.'],
    ['The gallbladder contains 2 to 3 stones.', 'The gallbladder contains 2 stones.'],
    ['The node measures 8-10 mm in short axis.', 'The node measures 10 mm in short axis.'],
  ];
  const KEPT = [
    ['There are one or two small nodules in the right lung.', 'One or two small nodules are seen in the right lung.'],
    ['The gallbladder contains 2 to 3 stones.', 'There are 2 to 3 stones in the gallbladder.'],
    // A change is no range ("from 5 to 3"); a disc level neither.
    ['The nodule decreased from 5 to 3 mm in the liver.', 'The nodule in the liver decreased from 5 to 3 mm.'],
    ['Disc bulge at L4-5 and two cysts in the liver.', 'Two cysts in the liver and disc bulge at L4-5.'],
  ];
  {
    for (const [a, b] of CUT)
      assert.ok(
        drafted(a, b).some((m) => /count/.test(m)),
        b,
      );
    for (const [a, b] of KEPT)
      assert.deepEqual(
        drafted(a, b).filter((m) => /count/.test(m)),
        [],
        b,
      );
  }
  assert.deepEqual(countRangesOf('L4-5 and 2024-01-05').ranges, []);
  assert.deepEqual(countRangesOf('one or two nodules').ranges[0].ends, ['1', '2']);
});

test('"not clearly visualized" before a hedge states a possible finding: denying or unhedging it is refused', () => {
  const read = (t) => readClause(t, { start: 0, end: t.length }, 'findings', null);
  for (const t of [
    'The left MCA is not clearly visualized, suggesting possible occlusion.',
    'The right vertebral artery is not well seen, which may represent occlusion.',
    'The left transverse sinus is not clearly identified, concerning for thrombosis.',
  ]) {
    const c = read(t);
    assert.ok(c.positive && !c.normal, t);
    assert.ok(c.hedged.size > 0 && [...c.hedged].every((w) => !c.negated.has(w)), t);
  }
  // A plain "not visualized" is still a denial.
  assert.equal(read('The appendix is not visualized.').positive, false);
  const f = 'The left MCA is not clearly visualized, suggesting possible occlusion. The ventricles are normal.';
  for (const bad of ['The left MCA is normal.', 'No left MCA occlusion.', 'Left MCA occlusion.', 'No acute intracranial abnormality.'])
    assert.ok(drafted(f, bad, 'CT HEAD').length > 0, bad);
  const g = 'The right vertebral artery is not well seen, which may represent occlusion or hypoplasia.';
  assert.ok(drafted(g, 'Right vertebral artery occlusion or hypoplasia.', 'CTA NECK').length > 0);
  assert.deepEqual(drafted(f, 'The left MCA is not clearly visualized, suggesting possible occlusion.', 'CT HEAD'), []);
  assert.deepEqual(drafted(g, g, 'CTA NECK'), []);
});

test('a part label under a sided label carries its side: an item dropping it is refused', () => {
  const KIDNEY = 'RIGHT KIDNEY: 10.5 cm. Normal.\nLEFT KIDNEY: 11 cm.\nUpper pole: 4 cm solid enhancing mass.';
  assert.ok(drafted(KIDNEY, '1. Upper pole: 4 cm solid enhancing mass.', 'US RENAL').some((m) => /side/.test(m)));
  assert.deepEqual(drafted(KIDNEY, '1. Left upper pole: 4 cm solid enhancing mass.', 'US RENAL'), []);
  const HYDRO = 'RIGHT KIDNEY:\nCollecting system: Moderate hydronephrosis.\nBLADDER:\nThickened wall.';
  assert.ok(drafted(HYDRO, 'Moderate hydronephrosis.', 'US RENAL').some((m) => /side/.test(m)));
  assert.deepEqual(drafted(HYDRO, 'Moderate right hydronephrosis.', 'US RENAL'), []);
  // Another organ's label ends the side's run: the spleen is no left one.
  assert.deepEqual(drafted('LEFT KIDNEY: 11 cm.\nSpleen: 3 cm splenic cyst.', '3 cm splenic cyst.'), []);
});

test('a normal statement with a finding beside it clears nothing: a summary saying all is well is refused', () => {
  const CASES = [
    ['There is a 2 cm spiculated mass in the right upper lobe. Mild aortic tortuosity.', 'Normal heart size with mild aortic tortuosity.'],
    ['Hepatic steatosis. A 3 cm enhancing mass in the left kidney.', 'Normal liver size with mild fatty infiltration.'],
  ];
  for (const [f, i] of CASES) {
    const got = checkClauses('summary', parseReport(report(f, i)), 'The report found no sign of any problem.').map((r) => r.message);
    assert.ok(
      got.some((m) => /nothing is wrong|normal/.test(m)),
      i,
    );
  }
  // The impression's own plain all-clear still lets a summary say so over a report stating nothing significant.
  const plain = checkClauses(
    'summary',
    parseReport(report('Hepatic steatosis.', 'No acute abnormality.')),
    'The report found no sign of any problem.',
  );
  assert.deepEqual(plain, []);
});
