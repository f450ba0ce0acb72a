// Readings of the verifier fixed in session 11's second round (clauses.ts, clause-changes.ts, verify-clauses.ts,
// verify-reading.ts), each a pattern with phrasings of our own, a mutation refused and a faithful rewrite passed:
// - a denial of its own after "not visualized" keeps a qualifying hedge inside it ("…, and no collection suggesting abscess");
// - a normal statement with an exception ("unremarkable other than …", "normal except for …") states the exception;
// - a count in digits one side and words the other ("2-3 lesions", "two to three lesions") is the same count;
// - a labelled line rests on what the report says under that label ("RCA: No plaque." is not "LM: Mild plaque");
// - a part label's sentence is said with its organ label ("Upper pole: 4 cm mass" under "LEFT KIDNEY:");
// - the labelled lines the parser splits off under an impression's lead line are the impression's;
// - a paragraph opening's carried side is no side a clause's own label gives (rev10 #7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readClause, readText } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { impressionSections } = require(path.join(root, 'out/server/rewrite/verify-reading.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { verify } = require(path.join(root, 'out/server/rewrite/index.js'));

const read = (t) => readClause(t, { start: 0, end: t.length }, 'findings', null);
const report = (findings, impression = 'See findings.', exam = 'CT ABDOMEN') =>
  `EXAM: ${exam}\nFINDINGS:\n${findings}\n\nIMPRESSION:\n${impression}\n`;
const reasons = (kind, source, candidate) => checkClauses(kind, parseReport(source), candidate).map((r) => r.message);
const drafted = (findings, impression, exam) =>
  reasons('impression', report(findings, 'See findings.', exam), report(findings, impression, exam)).filter(
    (m) => !/^drops: "See findings/.test(m),
  );

test('a denial said after "not visualized" keeps its qualifying hedge: the abscess is denied', () => {
  for (const [t, denied] of [
    ['The appendix is not visualized, and no fluid collection suggesting abscess is seen.', 'abscess'],
    ['The gallbladder is not seen, with no collection concerning for abscess.', 'abscess'],
    ['The left ovary is not identified, and there is no adnexal mass suspicious for torsion.', 'torsion'],
  ]) {
    const c = read(t);
    assert.ok(c.negated.has(denied), `${t}: ${[...c.negated]}`);
    assert.equal(c.significant, false, t);
  }
  // The hedge after the "not <unseen>" itself still states a possible finding.
  for (const t of [
    'The left MCA is not clearly visualized, suggesting possible occlusion.',
    'The right vertebral artery is not well seen, which may represent occlusion.',
  ]) {
    const c = read(t);
    assert.ok(!c.negated.has('occlusion') && c.hedged.has('occlusion'), t);
  }
});

test('a normal statement with an exception states the exception: no all-clear', () => {
  for (const [t, stated] of [
    ['The osseous structures are unremarkable other than mild facet degenerative changes.', 'facet'],
    ['The liver is normal except for a small simple cyst.', 'cyst'],
    ['Visualized bones are unremarkable apart from degenerative change of the spine.', 'degenerative'],
    ['No acute abnormality aside from a small left pleural effusion.', 'effusion'],
  ]) {
    const c = read(t);
    assert.equal(c.normal, false, t);
    assert.equal(c.positive, true, t);
    assert.ok(c.words.includes(stated) && !c.negated.has(stated), t);
  }
  // Without an exception the normal statement is one.
  assert.equal(read('The osseous structures are unremarkable.').normal, true);
  // A drafted impression may not write an all-clear over the exception's finding.
  const findings = 'No acute abnormality aside from a moderate left pleural effusion. The heart is normal in size.';
  assert.ok(
    drafted(findings, 'No acute abnormality.').some((m) => /nothing is wrong|normal statement/.test(m)),
    'all-clear over the exception',
  );
});

test('a count in digits and the same count in words pass; another count is refused', () => {
  const KEPT = [
    ['There are 2-3 hypodense lesions in the liver.', 'There are two to three hypodense lesions in the liver.'],
    ['Two to three gallstones are present.', '2-3 gallstones are present.'],
    ['There are 2 cysts in the left kidney.', 'Two cysts are seen in the left kidney.'],
  ];
  const CHANGED = [
    ['There are 2-3 hypodense lesions in the liver.', 'There are three to four hypodense lesions in the liver.'],
    ['There are 2 cysts in the left kidney.', 'There are three cysts in the left kidney.'],
    ['Two to three gallstones are present.', '3-4 gallstones are present.'],
  ];
  for (const [a, b] of KEPT) assert.deepEqual(drafted(a, b), [], b);
  for (const [a, b] of CHANGED)
    assert.ok(
      drafted(a, b).some((m) => /count|number/.test(m)),
      b,
    );
});

test('a labelled line rests on what the report says under that label', () => {
  const source = report(
    'The coronary arteries are described below.',
    'Coronary calcium score 40.\nLM: Mild calcific plaque.\nRCA: No plaque.',
    'CT CORONARY ANGIOGRAM',
  );
  const candidate = (rca) =>
    report(
      'The coronary arteries are described below.',
      `Coronary calcium score 40.\nLM: Mild calcific plaque.\nRCA: ${rca}`,
      'CT CORONARY ANGIOGRAM',
    );
  assert.deepEqual(reasons('impression', source, candidate('No plaque.')), []);
  assert.deepEqual(reasons('impression', source, candidate('No plaque is seen.')), []);
  assert.ok(reasons('impression', source, candidate('Mild plaque.')).some((m) => /denies|severity/.test(m)));
  assert.ok(reasons('impression', source, candidate('Mild calcific plaque.')).some((m) => /denies|severity/.test(m)));
});

test("a part label's sentence is said with its organ label; another side or pole is refused", () => {
  for (const [findings, faithful, wrong] of [
    [
      'LIVER: Normal.\nRIGHT KIDNEY: 10.5 cm. Normal.\nLEFT KIDNEY: 11 cm.\nUpper pole: 4 cm solid enhancing mass.',
      '4 cm solid enhancing mass in the upper pole of the left kidney.',
      '4 cm solid enhancing mass in the upper pole of the right kidney.',
    ],
    [
      'SPLEEN: Normal.\nLEFT KIDNEY: Normal.\nRIGHT KIDNEY: 12 cm.\nInterpolar region: 2.5 cm hyperdense cyst.',
      'Right kidney interpolar region 2.5 cm hyperdense cyst.',
      'Left kidney interpolar region 2.5 cm hyperdense cyst.',
    ],
  ]) {
    assert.deepEqual(drafted(findings, faithful), [], faithful);
    assert.ok(
      drafted(findings, wrong).some((m) => /side/.test(m)),
      wrong,
    );
  }
});

test("the labelled lines split off under an impression's lead line are the impression's", () => {
  const text = (list) =>
    `EXAM: CT CORONARY ANGIOGRAM\nFINDINGS: The left main is patent. The LAD has proximal soft plaque.\nIMPRESSION:\nCalcium score 210.\n\nPer-vessel analysis:\n\n${list}\n`;
  const list = 'LM: Mild calcific plaque without stenosis.\n\nLAD: Soft plaque with 50-69% proximal stenosis.\n\nRCA: Normal.';
  const parsed = parseReport(text(list));
  const extent = impressionSections(parsed);
  assert.ok(extent.size > 1, 'the labels belong to the impression');
  assert.ok(parsed.sections.every((s, i) => !extent.has(i) || ['impression', 'other'].includes(s.kind)));
  // A draft that keeps the list passes; one that changes a vessel's stenosis is refused.
  assert.deepEqual(reasons('impression', text(list), text(list)), []);
  assert.ok(reasons('impression', text(list), text(list.replace('50-69%', '70-99%'))).length > 0);
  // A RECOMMENDATIONS section after the list stays outside.
  const withAdvice = parseReport(`${text(list)}\nRECOMMENDATIONS:\nCardiology follow-up.\n`);
  const advice = withAdvice.sections.findIndex((s) => /recommend/i.test(s.header?.name ?? ''));
  assert.ok(advice < 0 || !impressionSections(withAdvice).has(advice));
  // An impression not ending on a lead line takes no labelled section after it.
  const plain = parseReport('FINDINGS:\nNormal.\nIMPRESSION:\nNormal study.\n\nADDENDUM: Discussed with Dr. Smith.\n');
  assert.equal(impressionSections(plain).size, 1);
});

test("a paragraph opening's side is carried apart from the label's own", () => {
  const [, popliteal] = readText(
    'FINDINGS:\nOn the right, the common femoral artery is patent. The popliteal artery is occluded.\n',
  ).filter((c) => /artery/.test(c.text));
  assert.deepEqual(popliteal.carriedSides, ['right']);
  assert.ok(!popliteal.headingSides.includes('right'));
  const findings = 'On the right, the common femoral artery is patent. The popliteal artery is occluded.';
  assert.deepEqual(drafted(findings, 'Occlusion of the right popliteal artery.', 'CTA LOWER EXTREMITIES'), []);
  assert.ok(drafted(findings, 'Occlusion of the left popliteal artery.', 'CTA LOWER EXTREMITIES').some((m) => /side/.test(m)));
});

test("a summary's quote of an organ's own normal clause beside a finding is the report's words, no all-clear", () => {
  const summary = (lines) =>
    `This summary was written from your radiology report by a computer program. It uses everyday words. It does not replace the report.\n\nWhat the report found:\n${lines}\n\nYour doctor will talk with you about what these results mean for you.\n`;
  for (const [findings, impression] of [
    [
      'The menisci are intact, but a complete rupture of the anterior cruciate ligament is noted.',
      'Complete rupture of the anterior cruciate ligament.',
    ],
    ['The liver is normal, but a large pneumoperitoneum is present.', 'Large pneumoperitoneum.'],
  ]) {
    const source = report(findings, impression, 'MRI');
    const quoted = summary(`The report says: "${findings}"\nThe report also says: "${impression}"`);
    assert.deepEqual(
      reasons('summary', source, quoted).filter((m) => /nothing is wrong|normal statement/.test(m)),
      [],
      findings,
    );
    // An all-clear in the summary's own words is still refused.
    const own = summary(`Everything looks normal.\nThe report also says: "${impression}"`);
    assert.ok(
      verify('summary', analyze(source), own).reasons.some((m) => /nothing is wrong|normal statement/.test(m)),
      findings,
    );
  }
});

test('"early" is a stage: dropped or added it changes the finding; kept, it passes', () => {
  for (const [findings, dropped] of [
    ['Early acute cholecystitis.', 'Acute cholecystitis.'],
    ['Early degenerative changes of the lumbar spine.', 'Degenerative changes of the lumbar spine.'],
  ])
    assert.ok(
      drafted(findings, dropped).some((m) => /time: early/.test(m)),
      dropped,
    );
  assert.ok(drafted('Mild degenerative change.', 'Early mild degenerative change.').some((m) => /time: early/.test(m)));
  assert.deepEqual(drafted('Findings may represent early appendicitis.', 'Possible early appendicitis.'), []);
});

test('two findings joined by "or" are alternatives, each possible; a denial\'s list is not', () => {
  for (const [t, both] of [
    ['Right basilar opacity, atelectasis or early pneumonia.', ['atelectasis', 'pneumonia']],
    ['Minimal atelectasis or scarring at the left base.', ['atelectasis', 'scarring']],
    ['Hypodensity in segment 6, cyst or hemangioma.', ['cyst', 'hemangioma']],
  ]) {
    const c = read(t);
    for (const w of both) assert.ok(c.hedged.has(w) && !c.negated.has(w), `${t}: ${w}`);
  }
  for (const t of ['No pleural effusion or pneumothorax.', 'Scarring or atelectasis is not seen.', 'Mild or moderate stenosis.'])
    assert.equal(read(t).hedges.includes('or'), false, t);
  // Told as a fact, an alternative is refused; told as the report tells it, it passes.
  const findings = 'Hypodensity in the liver, cyst or hemangioma.';
  assert.ok(drafted(findings, 'Liver hemangioma.').some((m) => /hedge/.test(m)));
  assert.deepEqual(drafted(findings, 'Liver hypodensity, cyst or hemangioma.'), []);
});

test('a statement after a stop read past before a number is its own: the denial before it does not reach it', () => {
  for (const findings of [
    'Heart normal. No acute rib fx. 8 mm nodule in the left lower lobe.',
    'Lungs clear. Neg for fx. 12 mm hypodense lesion in the liver.',
  ]) {
    const said = findings.split(/\. (?=\d)/)[1];
    assert.ok(
      drafted(findings, 'No acute abnormality.').some((m) => /nothing is wrong|normal statement/.test(m)),
      findings,
    );
    assert.deepEqual(drafted(findings, said), [], said);
  }
  // A number after "approx." goes on with its sentence.
  assert.equal(readText('FINDINGS:\nThe nodule measures approx. 8 mm.\n').length, 1);
});

test('a body region label ("Neck:") after a sided label does not carry its side; an organ part ("Upper pole:") does', () => {
  const [neck] = readText('FINDINGS:\nRIGHT SHOULDER: Normal.\nNeck: 2 cm lymph node.\n').filter((c) => /node/.test(c.text));
  assert.deepEqual(neck.carriedSides, []);
  const [pole] = readText('FINDINGS:\nLEFT KIDNEY: 11 cm.\nLower pole: 2 cm cyst.\n').filter((c) => /cyst/.test(c.text));
  assert.deepEqual(pole.carriedSides, ['left']);
});

test("an old impression's advice is kept with its item: dropping it is refused, keeping it passes", () => {
  for (const [item, without] of [
    ['A 2 cm right hilar mass, biopsy is recommended.', '2 cm right hilar mass.'],
    ['Complex left adnexal cyst; follow-up pelvic ultrasound in 6 weeks is recommended.', 'Complex left adnexal cyst.'],
    ['Indeterminate 1.5 cm right renal lesion. Recommend MRI for further characterization.', 'Indeterminate 1.5 cm right renal lesion.'],
  ]) {
    const findings = `${item.split(/[,;.]/)[0]}.`;
    const source = report(findings, item);
    assert.ok(
      reasons('impression', source, report(findings, without)).some((m) => /drops/.test(m)),
      item,
    );
    assert.deepEqual(reasons('impression', source, report(findings, item)), [], item);
  }
});

test('"or" between two places of one thing offers no alternative findings: adding "possible" is refused (rev13 #1)', () => {
  for (const finding of [
    'Acute infarct in the left frontal or parietal lobe.',
    'Displaced fracture of the right fourth or fifth metacarpal.',
    'Occlusion of the right internal carotid or middle cerebral artery.',
    '3 cm mass in the head or neck of the pancreas.',
  ]) {
    const source = report(finding, finding);
    assert.ok(
      reasons('impression', source, report(finding, `Possible ${finding[0].toLowerCase()}${finding.slice(1)}`)).some((m) =>
        /hedge|possible/.test(m),
      ),
      finding,
    );
  }
  // Two findings offered as alternatives are each possible: told as certain, refused.
  const alt = 'Right basilar atelectasis or early pneumonia.';
  assert.ok(reasons('impression', report(alt, alt), report(alt, 'Right basilar pneumonia.')).length > 0);
});
