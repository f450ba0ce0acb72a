// The clause layer of the verifier (rewrite/verify-clauses.ts), pattern by pattern: each unfaithful
// rewrite is refused with its reason, and the faithful one beside it passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { checkClauses } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));
const { readClause, loadCues, CUES } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const check = (kind, source, candidate, significantAt = []) =>
  checkClauses(kind, parseReport(source), candidate, {}, significantAt).map((r) => r.message);
const read = (text) => readClause(text, { start: 0, end: text.length }, 'findings', null);

const CHEST = `EXAM: Chest radiograph.
FINDINGS: Lungs: Lung volumes are low. The lungs are otherwise clear.
Heart: Normal size.
IMPRESSION: No acute findings.
`;

test('restructure: a sentence left out is refused even when another says the same words', () => {
  const faithful = `EXAM: Chest radiograph.
FINDINGS:
Lungs: Lung volumes are low. The lungs are otherwise clear.
Heart: Normal size.
IMPRESSION: No acute findings.
`;
  assert.deepEqual(check('restructure', CHEST, faithful), []);
  const dropped = faithful.replace('Lung volumes are low. ', '');
  assert.ok(check('restructure', CHEST, dropped).some((m) => m.startsWith('drops: ') && m.includes('Lung volumes are low.')));
  // A sentence with no content word ("No acute findings.") is a sentence too.
  const noImpression = faithful.replace('IMPRESSION: No acute findings.\n', '');
  assert.ok(check('restructure', CHEST, noImpression).some((m) => m.startsWith('drops: "No acute findings.')));
});

test('restructure: a change in one copy of a repeated sentence is caught in that copy', () => {
  const source = `FINDINGS: The mass is most consistent with a pituitary macroadenoma.
IMPRESSION: The mass is most consistent with a pituitary macroadenoma.
`;
  const changed = `FINDINGS: The mass is most consistent with a pituitary macroadenoma.
IMPRESSION: The mass is a pituitary macroadenoma.
`;
  assert.ok(check('restructure', source, changed).some((m) => /hedge/.test(m)));
  assert.deepEqual(check('restructure', source, source), []);
});

test('impression: a significant finding of FINDINGS no impression item accounts for is refused', () => {
  const source = `EXAM: Chest radiograph.
FINDINGS: Mild right basilar atelectasis. The heart is normal.
`;
  const at = [source.indexOf('atelectasis')];
  const kept = `${source}IMPRESSION:\n1. Mild right basilar atelectasis.\n`;
  assert.deepEqual(check('impression', source, kept, at), []);
  const dropped = `${source}IMPRESSION:\n1. The heart is normal.\n`;
  assert.ok(check('impression', source, dropped, at).some((m) => m.startsWith('drops: "Mild right basilar atelectasis')));
});

test('impression: an old item is kept only by an item that says what it alone says', () => {
  const source = `IMPRESSION: No change right upper lobe volume loss and fibrosis. No change right upper lobe cavitation.
`;
  const dropped = `IMPRESSION:\n1. No change right upper lobe volume loss and fibrosis.\n`;
  assert.ok(check('impression', source, dropped).some((m) => m.startsWith('drops: "No change right upper lobe cavitation')));
});

test('a hedge the report never lifts stays, whichever sentence the item rests on', () => {
  const source = `HISTORY: Crohn's disease.
FINDINGS: Wall thickening of the terminal ileum, consistent with active Crohn's disease.
`;
  const at = [source.indexOf('Wall')];
  const hedged = `${source}IMPRESSION:\n1. Probable active Crohn's disease.\n`;
  assert.ok(!check('impression', source, hedged, at).some((m) => /hedge/.test(m)));
  const certain = `${source}IMPRESSION:\n1. Active Crohn's disease.\n`;
  assert.ok(check('impression', source, certain, at).some((m) => /drops the hedge/.test(m)));
});

test('a side and a grade stay bound to the finding they belong to', () => {
  const source = 'FINDINGS: There is moderate left pleural effusion and small right pleural effusion.\n';
  const at = [source.indexOf('moderate')];
  const summary = (line) =>
    `What the report found:\n- ${line}\n- There is a small amount of fluid around the right lung (pleural effusion).\n`;
  assert.ok(
    !check('summary', source, summary('There is a moderate amount of fluid around the left lung (pleural effusion).'), at).some((m) =>
      /side|severity/.test(m),
    ),
  );
  assert.ok(
    check('summary', source, summary('There is a moderate amount of fluid around the right lung (pleural effusion).'), at).some((m) =>
      /side or severity/.test(m),
    ),
  );
  // In a sentence kept word for word, a side flipped within it (two lefts for a left and a right).
  const report = 'FINDINGS: Mild right maxillary sinus thickening and moderate left maxillary sinus thickening.\n';
  const flipped = report.replace('Mild right', 'Mild left');
  assert.ok(check('restructure', report, flipped).some((m) => /side/.test(m)));
});

test('summary: every denial of the impression is passed on, item by item', () => {
  const source = 'IMPRESSION: No focal consolidation, pleural effusion or pneumothorax.\n';
  const lines = [
    '- There is no sign of a filled-in area of the lung (consolidation).',
    '- There is no sign of fluid around the lung (pleural effusion).',
    '- There is no sign of a collapsed lung (pneumothorax).',
  ];
  const summary = (ls) => `What the report did not find:\n${ls.join('\n')}\n`;
  assert.deepEqual(check('summary', source, summary(lines)), []);
  assert.ok(check('summary', source, summary(lines.slice(0, 2))).some((m) => m.includes('denial of "pneumothorax"')));
});

test('summary: a line that no longer denies, a misquote and time added to a denial are refused', () => {
  const source = 'IMPRESSION: No active disease. No acute cardiopulmonary abnormality.\n';
  const flipped = 'What the report says:\n- The report found sign of active disease.\n';
  assert.ok(check('summary', source, flipped).some((m) => /^(?:adds|states what the report denies)/.test(m)));
  const misquote = 'The report also says: "Active disease."\n';
  assert.ok(check('summary', source, misquote).some((m) => m.startsWith('quotes what the report does not say')));
  const normal = (time) => `What the report says:\n- The report found no sign of a ${time} or sudden problem in the heart or lungs.\n`;
  assert.ok(!check('summary', source, normal('new')).some((m) => /time/.test(m)));
  assert.ok(check('summary', source, normal('unchanged')).some((m) => /time/.test(m)));
});

test('clause reading: time and grade under a negation are what it denies; a hedge ends the negation', () => {
  const noNew = read('No new bone lesions.');
  assert.deepEqual([...noNew.deniedTime], ['new']);
  assert.deepEqual([...noNew.time], []);
  assert.deepEqual(read('No large pleural effusion.').deniedSeverity, ['4']);
  assert.deepEqual([...read('No acute fracture.').deniedTime], ['new']);
  const c = read('No enhancement, most compatible with chronic ischemic change.');
  assert.ok(c.negated.has('enhancement'));
  assert.ok(!c.negated.has('ischemic'));
  assert.deepEqual([...c.time], ['old']);
  // Levels in a spine paragraph's label and a sequence joined by a slash.
  assert.deepEqual(readClause('L4-L5: Mild disc bulge.', { start: 0, end: 24 }, 'findings', null).levels, ['L4-L5']);
  assert.deepEqual(read('FLAIR/T2 hyperintensity.').sequences, ['T2']);
  assert.deepEqual(read('FLAIR/T2 hyperintensity.').levels, []);
  // "Low lung volumes, otherwise no acute abnormality" states the volumes; "The lungs are clear" states nothing.
  assert.equal(read('Low lung volumes, otherwise no acute abnormality.').positive, true);
  assert.equal(read('The lungs are clear.').positive, false);
});

test('impression: each finding of an item keeps its own side, in a report naming both sides', () => {
  const source = `EXAM: CT chest.
FINDINGS: Hydrothorax on the left, ground glass areas in the left lung may be compatible with pneumonic infiltration and ARDS. Findings may be compatible with pneumonic infiltration on the right and ARDS on the left.
`;
  // The first item gives the flipped one a sentence to rest on that changes nothing.
  const draft = (item) =>
    `${source}IMPRESSION:\n1. Hydrothorax on the left, ground glass areas in the left lung may be compatible with pneumonic infiltration and ARDS.\n2. ${item}\n`;
  // The findings core's significant findings, each mention.
  const found = [...source.matchAll(/pneumonic infiltration|ARDS/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const faithful = draft('Findings may be compatible with pneumonic infiltration on the right and ARDS on the left.');
  assert.deepEqual(check('impression', source, faithful, found), []);
  const flipped = check(
    'impression',
    source,
    draft('Findings may be compatible with pneumonic infiltration on the left and ARDS on the left.'),
    found,
  );
  assert.ok(
    flipped.some((m) => /^changes side of "pneumonic infiltration": right -> left/.test(m)),
    flipped.join(' | '),
  );
});

test('impression: an item naming a finding of its sentence does not keep the other finding', () => {
  const source = `EXAM: CT chest.
FINDINGS: The upper lobe of the left lung has a total atelectasis appearance and there are diffuse air bronchograms in it.
`;
  // The findings core's significant findings: atelectasis and air bronchograms.
  const at = (word) => ({ start: source.indexOf(word), end: source.indexOf(word) + word.length });
  const found = [at('atelectasis'), at('air bronchograms')];
  const draft = (item) => `${source}IMPRESSION:\n1. ${item}\n`;
  assert.deepEqual(
    check(
      'impression',
      source,
      draft('The upper lobe of the left lung has a total atelectasis appearance and there are diffuse air bronchograms in it.'),
      found,
    ),
    [],
  );
  const lost = check('impression', source, draft('Total atelectasis of the left lung upper lobe.'), found);
  assert.ok(
    lost.some((m) => m.startsWith('drops "bronchogram"')),
    lost.join(' | '),
  );
});

test('impression: what an item of the old impression states is kept part by part', () => {
  const source = `EXAM: Chest radiograph.
FINDINGS: There is mild increased airspace opacity within the right lung base which may represent atelectasis or infiltrate.
IMPRESSION: Low lung volumes with airspace disease within the right lung base.
`;
  const draft = (items) => source.replace(/IMPRESSION:.*\n/, `IMPRESSION:\n${items}\n`);
  const kept = draft(
    '1. Mild increased airspace opacity within the right lung base which may represent atelectasis or infiltrate.\n2. Low lung volumes with airspace disease within the right lung base.',
  );
  assert.deepEqual(check('impression', source, kept), []);
  const lost = check(
    'impression',
    source,
    draft('1. Mild increased airspace opacity within the right lung base which may represent atelectasis or infiltrate.'),
  );
  assert.ok(
    lost.some((m) => m.startsWith('drops "low volume"')),
    lost.join(' | '),
  );
});

test('impression: an INTERPRETATION before the IMPRESSION is report text, not the impression a draft replaces', () => {
  const source = `EXAM: Echocardiogram.
INTERPRETATION: Doppler revealed mild mitral regurgitation and mild tricuspid regurgitation.
IMPRESSION:
1. Mild mitral regurgitation.
2. Mild tricuspid regurgitation.
`;
  assert.deepEqual(check('impression', source, source), []);
  const dropped = check('impression', source, source.replace('2. Mild tricuspid regurgitation.\n', ''));
  assert.ok(
    dropped.some((m) => m.startsWith('drops: "2. Mild tricuspid regurgitation.')),
    dropped.join(' | '),
  );
});

test('restructure: an empty field names only a level some template or the report names', () => {
  const source = `EXAM: MRI cervical spine.
FINDINGS: C5-C6: Mild disc bulge.
`;
  const out = (label) => `EXAM: MRI cervical spine.
FINDINGS:
${label}: [ ]
C5-C6: Mild disc bulge.
`;
  assert.ok(!check('restructure', source, out('C4-C5')).some((m) => m.startsWith('changes level')));
  const odd = check('restructure', source, out('C5-C5'));
  assert.ok(
    odd.some((m) => /^changes level: C5-C5/.test(m)),
    odd.join(' | '),
  );
});

test('MR sequences are no spine levels: a draft may leave "T2" out, but not change it; "at T2" stays a level', () => {
  const source = 'EXAM: MRI brain.\nFINDINGS: There is a 1.2 cm T2 hyperintense mass in the left frontal lobe.\n';
  const drafted = (item) => `${source}IMPRESSION:\n1. ${item}\n`;
  assert.deepEqual(check('impression', source, drafted('1.2 cm mass in the left frontal lobe.')), []);
  const changed = check('impression', source, drafted('1.2 cm T1 hyperintense mass in the left frontal lobe.'));
  assert.ok(
    changed.some((m) => m.startsWith('changes sequence: T1')),
    changed.join(' | '),
  );
  assert.deepEqual(read('Compression fracture at T2.').levels, ['T2']);
  assert.deepEqual(read('T1 and T2 weighted images.').sequences, ['T1', 'T2']);
  assert.deepEqual(read('T1-T2 disc bulge.').levels, ['T1-T2']);
});

test('"L3/4" is one disc level, as "L3-4" is: a changed level is caught, not read as a level and a number', () => {
  assert.deepEqual(read('Disc bulge at L3/4.').levels, ['L3-4']);
  assert.deepEqual(read('Disc bulge at L3/4.').quantities, []);
  assert.deepEqual(read('Disc bulge at L5/S1.').levels, ['L5-S1']);
  const source = 'EXAM: MRI lumbar spine.\nFINDINGS: At L3/4, there is a moderate central disc protrusion.\n';
  const drafted = (item) => `${source}IMPRESSION:\n1. ${item}\n`;
  assert.deepEqual(check('impression', source, drafted('Moderate central disc protrusion at L3/4.')), []);
  assert.ok(check('impression', source, drafted('Moderate central disc protrusion at L4/4.')).length > 0);
});

test('"considered" hedges what follows it; "should be considered" is advice', () => {
  const c = read('Nodular lesions in both lungs considered metastases.');
  assert.ok(c.hedged.has('metastase') && !c.recommendation && c.positive);
  assert.equal(read('MRI should be considered.').recommendation, true);
});

test('a label opening a line is the side and level of the sentences after it on that line', () => {
  const source =
    'EXAM: MRI knees.\nFINDINGS:\nLeft knee: Moderate joint effusion. Complex tear of the medial meniscus.\nRight knee: Intact menisci.\n';
  const drafted = (item) => `${source}IMPRESSION:\n1. ${item}\n`;
  assert.deepEqual(check('impression', source, drafted('Left knee: Complex tear of the medial meniscus.')), []);
  const flipped = check('impression', source, drafted('Right knee: Complex tear of the medial meniscus.'));
  assert.ok(
    flipped.some((m) => m.startsWith('changes side')),
    flipped.join(' | '),
  );
});

test('summary: two findings named by one word ("… effusion") are each told by their own line', () => {
  const source =
    'EXAM: MRI right shoulder.\nFINDINGS: Subacromial bursal effusion and small glenohumeral joint effusion are noted.\nIMPRESSION: Subacromial bursal effusion and small glenohumeral joint effusion.\n';
  const at = (term) => [...source.matchAll(new RegExp(term, 'g'))].map((m) => ({ start: m.index, end: m.index + term.length }));
  const significant = [...at('bursal effusion'), ...at('glenohumeral joint effusion')];
  const bursa = '- There is a swollen fluid sac near a joint (bursal effusion).';
  const joint = '- There is a small amount of fluid in the joint (glenohumeral joint effusion).';
  const summary = (...lines) => `What the report found:\n${lines.join('\n')}\n`;
  assert.deepEqual(check('summary', source, summary(bursa, joint), significant), []);
  const dropped = check('summary', source, summary(joint), significant);
  assert.ok(
    dropped.some((m) => m.startsWith('drops "bursal"')),
    dropped.join(' | '),
  );
});

test('a finding takes the side stated only in the words joined to it ("… in the superior and basal segments of the right lung lower lobe")', () => {
  const c = read('Focal consolidations in the superior and basal segments of the right lung lower lobe, bilateral minimal effusion.');
  assert.deepEqual(c.parts[0].sides, ['right']);
  // Not over a comma: "Mild atelectasis, moderate right effusion" gives the atelectasis no side.
  assert.deepEqual(read('Mild atelectasis, moderate right effusion.').parts[0].sides, []);
  const source = 'EXAM: CT chest.\nFINDINGS: Focal consolidations in the superior and basal segments of the right lung lower lobe.\n';
  const drafted = (item) => `${source}IMPRESSION:\n1. ${item}\n`;
  assert.deepEqual(
    check('impression', source, drafted('Focal consolidations in the superior and basal segments of the right lung lower lobe.')),
    [],
  );
  const flipped = check('impression', source, drafted('Focal consolidations in the left lung lower lobe.'));
  assert.ok(
    flipped.some((m) => /side/.test(m)),
    flipped.join(' | '),
  );
});

test('"and there is …" is a new statement: the negation before it does not reach it, and one after it does not undo it', () => {
  const c = read('There is no complete tear or discontinuity and there is meniscocapsular separation.');
  assert.ok(c.negated.has('tear') && !c.negated.has('separation'));
  const both = read('No effusion and there is no pneumothorax.');
  assert.ok(both.negated.has('effusion') && both.negated.has('pneumothorax'));
  const source = 'EXAM: MRI knee.\nFINDINGS: There is no complete tear or discontinuity and there is no meniscocapsular separation.\n';
  const moved = (text) => `EXAM: MRI knee.\nFINDINGS:\nMenisci: ${text}\n`;
  assert.deepEqual(
    check('restructure', source, moved('There is no complete tear or discontinuity and there is no meniscocapsular separation.')),
    [],
  );
  const flipped = check(
    'restructure',
    source,
    moved('There is no complete tear or discontinuity and there is meniscocapsular separation.'),
  );
  assert.ok(
    flipped.some((m) => /denies|states/.test(m)),
    flipped.join(' | '),
  );
});

test('"the findings suggest …" hedges; a summary line passing on the history tells no finding', () => {
  const c = read('The findings suggest progression of metastatic hepatocellular carcinoma.');
  assert.ok(!c.recommendation && c.positive && c.hedged.has('carcinoma'));
  assert.equal(read('We suggest follow-up MRI.').recommendation, true);
  assert.ok(read('Fluid in the bursa, which may suggest bursitis.').hedged.has('bursitis'));
  assert.equal(read('Fluid in the bursa, which may suggest bursitis.').recommendation, false);
  const source =
    'EXAM: MRI abdomen.\nHISTORY: History of hepatocellular carcinoma.\nFINDINGS: Multiple new hepatic lesions.\nIMPRESSION: The findings suggest progression of metastatic hepatocellular carcinoma.\n';
  const history = 'The report also says: "History of hepatocellular carcinoma."';
  const told = 'The report also says: "The findings suggest progression of metastatic hepatocellular carcinoma."';
  const lesions = 'The report also says: "Multiple new hepatic lesions."';
  const summary = (...lines) => `What the report found:\n${lines.join('\n')}\n`;
  assert.deepEqual(check('summary', source, summary(lesions, told)), []);
  const dropped = check('summary', source, summary(history, lesions));
  assert.ok(
    dropped.some((m) => m.startsWith('drops')),
    dropped.join(' | '),
  );
});

test('a hedge qualifying what a denial names keeps it denied ("no filling defect compatible with thrombus")', () => {
  const c = read('No mass or filling defect compatible with thrombus was observed within the heart cavities.');
  assert.ok(c.negated.has('thrombus'));
  assert.equal(c.positive, false);
  // After a comma the hedge is a statement of its own.
  assert.ok(!read('No effusion, findings compatible with pneumonia.').negated.has('pneumonia'));
});

test('an item number after a label ("RIGHT: 1. Mild plaque") is no quantity', () => {
  assert.deepEqual(read('RIGHT: 1. Mild plaque in the bulb.').quantities, []);
  assert.deepEqual(read('RIGHT: 2 small plaques.').quantities, ['n:2']);
});

test('summary of a report without an impression: each report term of the findings is told, significant or not', () => {
  const source =
    'EXAM: CT chest\nFINDINGS: There is a small pleural effusion on the right. There are degenerative changes in the thoracic spine.\n';
  const told =
    '- There is fluid around the right lung (pleural effusion).\n- There is wear and tear in the spine (degenerative changes).\n';
  assert.deepEqual(check('summary', source, told), []);
  const dropped = told.replace(/^.*degenerative changes.*\n/m, '');
  assert.ok(
    check('summary', source, dropped).some((m) => m.startsWith('drops "degenerative change')),
    check('summary', source, dropped).join('\n'),
  );
});

test('cues.json: every qualifying cue is a hedge, checked at load', () => {
  assert.doesNotThrow(() => loadCues(CUES));
  assert.throws(() => loadCues({ ...CUES, qualifying: [...CUES.qualifying, 'stable'] }), /qualifying "stable" is no hedge/);
});

test('"Low lung volumes, otherwise no acute findings" states the volumes beside its normal; "Lungs are clear" states nothing', () => {
  const read = (t) => readClause(t, { start: 0, end: t.length }, 'impression', null);
  assert.equal(read('Low lung volumes, otherwise, no definite acute findings.').positive, true);
  assert.equal(read('Lungs are clear.').positive, false);
  assert.equal(read('No acute cardiopulmonary abnormality.').positive, false);
});
