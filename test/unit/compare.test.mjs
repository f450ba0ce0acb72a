import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { engine, root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const compare = require(path.join(root, 'out/server/compare/index.js'));
const { DEFAULT_SIZE_TOLERANCE } = compare;
// The comparison takes two analyses, as the editor and the CLI give it.
const compareReports = (trainee, reference, options) => compare.compareReports(engine.analyze(trainee), engine.analyze(reference), options);
const { runCompare } = require(path.join(root, 'out/server/cli/compare.js'));

const REFERENCE = [
  'EXAM: Chest radiograph, PA and lateral.',
  'INDICATION: Cough.',
  'FINDINGS: There is a moderate left pleural effusion. There is a 1.5 cm nodule in the right upper lobe.',
  'No pneumothorax. Mild degenerative changes of the thoracic spine.',
  'IMPRESSION: 1. Moderate left pleural effusion. 2. Right upper lobe nodule, 1.5 cm.',
  '',
].join('\n');

const kinds = (c) => c.discrepancies.map((d) => d.kind).sort();
const textAt = (text, span) => text.slice(span.start, span.end);

test('compare: a report against itself has no discrepancy, and every finding matched', () => {
  const c = compareReports(REFERENCE, REFERENCE);
  assert.deepEqual(c.discrepancies, []);
  assert.equal(c.summary.major + c.summary.minor, 0);
  assert.ok(c.summary.matched >= 3, `matched ${c.summary.matched}`);
  assert.equal(c.summary.wording, 0);
});

test('compare: a finding the trainee left out is missed, major when significant, with the reference span', () => {
  const trainee = REFERENCE.replace('There is a moderate left pleural effusion. ', '').replace(
    '1. Moderate left pleural effusion. 2. ',
    '',
  );
  const c = compareReports(trainee, REFERENCE);
  assert.deepEqual(kinds(c), ['missed']);
  const [d] = c.discrepancies;
  assert.equal(d.severity, 'major');
  assert.equal(d.finding, 'pleural effusion');
  assert.equal(d.side, 'left');
  assert.equal(d.trainee, null);
  assert.equal(textAt(REFERENCE, d.reference), 'pleural effusion');
  assert.equal(c.summary.missed, 1);
  assert.equal(c.summary.major, 1);
});

test('compare: an incidental finding left out is a minor miss', () => {
  const trainee = REFERENCE.replace(' Mild degenerative changes of the thoracic spine.', '');
  const c = compareReports(trainee, REFERENCE);
  assert.deepEqual(kinds(c), ['missed']);
  assert.equal(c.discrepancies[0].severity, 'minor');
  assert.equal(c.discrepancies[0].finding, 'degenerative change');
});

test('compare: a finding only the trainee reports is extra, with the trainee span', () => {
  const trainee = REFERENCE.replace('No pneumothorax.', 'No pneumothorax. There is a displaced fracture of the right sixth rib.');
  const c = compareReports(trainee, REFERENCE);
  assert.deepEqual(kinds(c), ['extra']);
  const [d] = c.discrepancies;
  assert.equal(d.reference, null);
  assert.match(textAt(trainee, d.trainee), /fracture/);
  assert.equal(d.side, 'right');
});

test('compare: the wrong side is one major side discrepancy, not a miss and an extra', () => {
  const trainee = REFERENCE.replace(/moderate left pleural/gi, (m) => m.replace(/left/i, (w) => (w === 'Left' ? 'Right' : 'right')));
  const c = compareReports(trainee, REFERENCE);
  assert.deepEqual(kinds(c), ['side']);
  const [d] = c.discrepancies;
  assert.equal(d.severity, 'major');
  assert.equal(d.side, 'left');
  assert.match(d.message, /on the right; the reference on the left/);
  assert.ok(d.trainee && d.reference);
});

test('compare: the side told wrong in the findings only is still a side discrepancy', () => {
  const trainee = REFERENCE.replace('There is a moderate left pleural effusion.', 'There is a moderate right pleural effusion.');
  assert.deepEqual(kinds(compareReports(trainee, REFERENCE)), ['side']);
});

test('compare: the wrong lobe is a site discrepancy', () => {
  const trainee = REFERENCE.replace(/right upper lobe/gi, (m) => (m[0] === 'R' ? 'Right lower lobe' : 'right lower lobe'));
  const c = compareReports(trainee, REFERENCE);
  assert.deepEqual(kinds(c), ['site']);
  assert.match(c.discrepancies[0].message, /lower lobe.*upper lobe/);
});

test('compare: sizes beyond the tolerance differ, in the units given; within it they agree', () => {
  const bigger = REFERENCE.replace(/1\.5 cm/g, '2.5 cm');
  const c = compareReports(bigger, REFERENCE);
  assert.deepEqual(kinds(c), ['size']);
  assert.match(c.discrepancies[0].message, /2\.5 cm.*1\.5 cm.*2 mm or 20%/);
  // 1.5 cm against 16 mm: 1 mm apart, within 2 mm.
  assert.deepEqual(kinds(compareReports(REFERENCE.replace(/1\.5 cm/g, '16 mm'), REFERENCE)), []);
  // A tighter tolerance makes it a discrepancy.
  assert.deepEqual(kinds(compareReports(REFERENCE.replace(/1\.5 cm/g, '16 mm'), REFERENCE, { sizeTolerance: { mm: 0.5, relative: 0 } })), [
    'size',
  ]);
  assert.equal(DEFAULT_SIZE_TOLERANCE.mm, 2);
});

test('compare: one lesion named with two concepts is one discrepancy, not two', () => {
  const reference = 'FINDINGS: A 2.1 cm simple cyst in the upper pole of the left kidney.\nIMPRESSION: Left renal cyst, 2.1 cm.';
  const trainee = reference.replace(/2\.1 cm/g, '3.4 cm');
  const c = compareReports(trainee, reference);
  assert.deepEqual(kinds(c), ['size']);
  assert.equal(c.summary.size, 1);
  assert.equal(c.summary.minor + c.summary.major, 1);
});

test('compare: stated against denied is an assertion discrepancy; present against possible a minor one', () => {
  const denied = REFERENCE.replace('There is a moderate left pleural effusion.', 'There is no left pleural effusion.').replace(
    '1. Moderate left pleural effusion. 2. ',
    '',
  );
  const c = compareReports(denied, REFERENCE);
  assert.deepEqual(kinds(c), ['assertion']);
  assert.equal(c.discrepancies[0].severity, 'major');
  assert.match(c.discrepancies[0].message, /trainee denies/);

  const asserted = REFERENCE.replace('No pneumothorax.', 'Small left pneumothorax.');
  const a = compareReports(asserted, REFERENCE);
  assert.deepEqual(kinds(a), ['assertion']);
  assert.equal(a.discrepancies[0].finding, 'pneumothorax');

  const hedged = REFERENCE.replace('There is a moderate left pleural effusion.', 'There may be a moderate left pleural effusion.').replace(
    '1. Moderate left pleural effusion.',
    '1. Possible moderate left pleural effusion.',
  );
  const h = compareReports(hedged, REFERENCE);
  assert.deepEqual(kinds(h), ['assertion']);
  assert.equal(h.discrepancies[0].severity, 'minor');
});

test("compare: a finding in the trainee's findings but not its impression, where the reference's impression has it", () => {
  const trainee = REFERENCE.replace(' 2. Right upper lobe nodule, 1.5 cm.', '');
  const c = compareReports(trainee, REFERENCE);
  assert.deepEqual(kinds(c), ['impression']);
  const [d] = c.discrepancies;
  assert.equal(d.finding, 'nodule');
  assert.equal(textAt(trainee, d.trainee), 'nodule');
  assert.ok(REFERENCE.slice(d.reference.start - 25, d.reference.end).includes('Right upper lobe nodule'));
  // Not an impression discrepancy when the reference leaves it out of its impression too.
  const bothOut = REFERENCE.replace(' 2. Right upper lobe nodule, 1.5 cm.', '');
  assert.deepEqual(kinds(compareReports(bothOut, bothOut)), []);
});

test('compare: the same finding in other words is a match and a wording difference, not a discrepancy', () => {
  const reference = 'FINDINGS: Right lower lobe consolidation. No pleural effusion.\nIMPRESSION: Right lower lobe consolidation.';
  const trainee = 'FINDINGS: Airspace disease in the right lower lobe. No pleural fluid.\nIMPRESSION: Right lower lobe airspace disease.';
  const c = compareReports(trainee, reference);
  assert.deepEqual(c.discrepancies, []);
  assert.equal(c.summary.wording, 1);
  assert.ok(c.summary.matched >= 1);
  const m = c.matches.find((x) => x.wording);
  assert.equal(m.referenceFinding, 'consolidation');
  assert.equal(m.traineeFinding, 'airspace disease');
});

test('compare: one finding told in two words by one report and in one word by the other is accounted for', () => {
  const reference = 'FINDINGS: Patchy opacity at the left base.\nIMPRESSION: Left lower lobe pneumonia.';
  const trainee = 'FINDINGS: Consolidation at the left base.\nIMPRESSION: Left basilar consolidation.';
  assert.deepEqual(compareReports(trainee, reference).discrepancies, []);
  assert.deepEqual(compareReports(reference, trainee).discrepancies, []);
  // "Bilateral effusions" against a left and a right one.
  assert.deepEqual(
    compareReports('FINDINGS: Small bilateral pleural effusions.', 'FINDINGS: Small left pleural effusion. Small right pleural effusion.')
      .discrepancies,
    [],
  );
  // But a bilateral finding against one side only is a side discrepancy.
  assert.deepEqual(kinds(compareReports('FINDINGS: Small left pleural effusion.', 'FINDINGS: Small bilateral pleural effusions.')), [
    'side',
  ]);
});

test('compare: findings of different families do not match ("atelectasis" is not "pneumonia")', () => {
  const c = compareReports('FINDINGS: Right lower lobe pneumonia.', 'FINDINGS: Right lower lobe atelectasis.');
  assert.deepEqual(kinds(c), ['extra', 'missed']);
});

test('compare: reordered sentences and a report without sections make no discrepancy', () => {
  const reordered = REFERENCE.replace(
    'FINDINGS: There is a moderate left pleural effusion. There is a 1.5 cm nodule in the right upper lobe.\nNo pneumothorax. Mild degenerative changes of the thoracic spine.',
    'FINDINGS: No pneumothorax. Mild degenerative changes of the thoracic spine. There is a 1.5 cm nodule in the right upper lobe.\nThere is a moderate left pleural effusion.',
  );
  assert.notEqual(reordered, REFERENCE);
  assert.deepEqual(compareReports(reordered, REFERENCE).discrepancies, []);
  assert.deepEqual(compareReports('Small right pneumothorax.', 'Small right pneumothorax.').discrepancies, []);
  assert.deepEqual(compareReports('', '').discrepancies, []);
});

test('compare: the clinical question and a prior study are not findings of this study', () => {
  const reference = 'INDICATION: Rule out pneumothorax.\nCOMPARISON: Prior study showed pneumonia.\nFINDINGS: The lungs are clear.';
  const trainee = 'INDICATION: Cough.\nFINDINGS: The lungs are clear.';
  assert.deepEqual(compareReports(trainee, reference).discrepancies, []);
});

test('compare: reads the two analyses it is given, and its spans point into their reports', () => {
  const trainee = engine.analyze(REFERENCE);
  const reference = engine.analyze(REFERENCE);
  const c = compare.compareReports(trainee, reference);
  assert.deepEqual(c.discrepancies, []);
  assert.equal(c.trainee, trainee.report);
  assert.equal(c.reference, reference.report);
});

// ---------------------------------------------------------------------------------------------
// Properties.

const FINDINGS = [
  'There is a small left pleural effusion.',
  'There is a moderate right pleural effusion.',
  'Bilateral pleural effusions.',
  'No pneumothorax.',
  'Small right apical pneumothorax measuring 1.2 cm.',
  'Patchy airspace opacity in the left lower lobe.',
  'Right lower lobe consolidation.',
  'There is bibasilar atelectasis.',
  'The heart is enlarged.',
  'A 6 mm nodule in the right upper lobe.',
  'A 2 cm mass in the left lower lobe.',
  'No focal consolidation.',
  'Mild degenerative changes of the spine.',
  'Possible small hiatal hernia.',
  'There is a displaced fracture of the left seventh rib.',
  'Calcified granuloma in the right lung base.',
  'No pleural effusion.',
  'Mild pulmonary edema.',
  'Left PICC line with tip in the SVC.',
  'XXXX opacity at the right base.',
];
const IMPRESSIONS = [
  'Left pleural effusion.',
  'Right pneumothorax.',
  'Left lower lobe pneumonia.',
  'No acute cardiopulmonary process.',
  'Cardiomegaly.',
  'Right upper lobe nodule.',
  'Possible atelectasis.',
  'Rib fracture.',
];
const reportArb = fc
  .record({
    findings: fc.array(fc.constantFrom(...FINDINGS), { maxLength: 6 }),
    impression: fc.array(fc.constantFrom(...IMPRESSIONS), { maxLength: 3 }),
    numbered: fc.boolean(),
  })
  .map(
    ({ findings, impression, numbered }) =>
      `FINDINGS: ${findings.join(' ')}\nIMPRESSION: ${numbered ? impression.map((s, i) => `${i + 1}. ${s}`).join(' ') : impression.join(' ')}\n`,
  );

test('property: compare(a, a) is empty for any report', () => {
  fc.assert(
    fc.property(fc.oneof(reportArb, fc.string({ maxLength: 200 })), (a) => {
      assert.deepEqual(compareReports(a, a).discrepancies, []);
    }),
    { numRuns: 300 },
  );
});

const missedAndExtra = (c, kind) =>
  c.discrepancies
    .filter((d) => d.kind === kind)
    .map((d) => `${d.finding}|${d.side}|${d.severity}`)
    .sort();

test('property: swapping the reports swaps missed and extra', () => {
  fc.assert(
    fc.property(reportArb, reportArb, (a, b) => {
      const ab = compareReports(a, b);
      const ba = compareReports(b, a);
      assert.deepEqual(missedAndExtra(ab, 'missed'), missedAndExtra(ba, 'extra'));
      assert.deepEqual(missedAndExtra(ab, 'extra'), missedAndExtra(ba, 'missed'));
      assert.equal(ab.summary.side, ba.summary.side);
    }),
    { numRuns: 300 },
  );
});

test('property: every span points into its own report', () => {
  fc.assert(
    fc.property(reportArb, reportArb, (a, b) => {
      for (const d of compareReports(a, b).discrepancies) {
        assert.ok(d.trainee || d.reference);
        if (d.trainee) assert.ok(d.trainee.start < d.trainee.end && d.trainee.end <= a.length);
        if (d.reference) assert.ok(d.reference.start < d.reference.end && d.reference.end <= b.length);
      }
    }),
    { numRuns: 200 },
  );
});

// ---------------------------------------------------------------------------------------------
// The CLI module, through a fake io.

function fakeIo(extra = {}) {
  const out = [];
  const err = [];
  return { io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), ...extra }, out: () => out.join(''), err: () => err.join('') };
}

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-compare-'));
}

test('cli: compare --format json follows the contract, with 0-based ranges into each file', async () => {
  const dir = tempDir();
  const trainee = REFERENCE.replace('There is a moderate left pleural effusion. ', '').replace(
    '1. Moderate left pleural effusion. 2. ',
    '',
  );
  fs.writeFileSync(path.join(dir, 't.txt'), trainee);
  fs.writeFileSync(path.join(dir, 'r.txt'), REFERENCE);
  const { io, out, err } = fakeIo();
  const code = await runCompare([path.join(dir, 't.txt'), path.join(dir, 'r.txt'), '--format', 'json'], io);
  assert.equal(code, 1, err());
  const json = JSON.parse(out());
  assert.equal(json.version, 1);
  assert.deepEqual(Object.keys(json.summary), [
    'matched',
    'missed',
    'extra',
    'side',
    'site',
    'size',
    'assertion',
    'impression',
    'wording',
    'major',
    'minor',
  ]);
  assert.equal(json.summary.missed, 1);
  assert.equal(json.discrepancies.length, 1);
  const d = json.discrepancies[0];
  assert.deepEqual(Object.keys(d), ['kind', 'severity', 'finding', 'side', 'trainee', 'reference', 'message']);
  assert.equal(d.kind, 'missed');
  assert.equal(d.trainee, null);
  // "pleural effusion" on line 2 (0-based) of the reference.
  const line = REFERENCE.split('\n')[2];
  assert.deepEqual(d.reference, {
    start: { line: 2, character: line.indexOf('pleural effusion') },
    end: { line: 2, character: line.indexOf('pleural effusion') + 'pleural effusion'.length },
  });
  assert.equal(err(), '');
});

test('cli: compare exits 0 without a major discrepancy and prints text by default', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 't.txt'), REFERENCE.replace(' Mild degenerative changes of the thoracic spine.', ''));
  fs.writeFileSync(path.join(dir, 'r.txt'), REFERENCE);
  const { io, out } = fakeIo();
  const code = await runCompare([path.join(dir, 't.txt'), path.join(dir, 'r.txt')], io);
  assert.equal(code, 0);
  assert.match(out(), /1 missed/);
  assert.match(out(), /r\.txt:4:\d+ minor missed Missed: the reference reports degenerative change/);
});

test('cli: bad input exits 2 with one line on stderr', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'r.txt'), REFERENCE);
  fs.writeFileSync(path.join(dir, 'bin.txt'), Buffer.from([0x46, 0, 0x47]));
  const cases = [
    [path.join(dir, 'missing.txt'), path.join(dir, 'r.txt')],
    [path.join(dir, 'r.txt')],
    [path.join(dir, 'r.txt'), path.join(dir, 'r.txt'), '--format', 'xml'],
    [path.join(dir, 'bin.txt'), path.join(dir, 'r.txt')],
    [path.join(dir, 'r.txt'), path.join(dir, 'r.txt'), '--html', 'x.html'],
    ['--pairs', path.join(dir, 'nowhere')],
    ['--bogus'],
  ];
  for (const argv of cases) {
    const { io, out, err } = fakeIo();
    assert.equal(await runCompare(argv, io), 2, argv.join(' '));
    assert.equal(err().trim().split('\n').length, 1, err());
    assert.match(err(), /^radlint compare: /);
    assert.equal(out(), '');
  }
});

test('cli: --pairs DIR compares each NAME.trainee.* with NAME.reference.* and writes a self-contained HTML scorecard', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'case1.reference.txt'), REFERENCE);
  fs.writeFileSync(
    path.join(dir, 'case1.trainee.txt'),
    REFERENCE.replace(/moderate left/gi, (m) => m.replace(/left/i, 'right')),
  );
  fs.writeFileSync(path.join(dir, 'case2.reference.rpt'), REFERENCE);
  fs.writeFileSync(path.join(dir, 'case2.trainee.rpt'), REFERENCE);
  fs.writeFileSync(path.join(dir, 'notes.md'), 'not a report');
  const html = path.join(dir, 'out', 'scorecard.html');
  fs.mkdirSync(path.dirname(html));
  const { io, out } = fakeIo();
  const code = await runCompare(['--pairs', dir, '--format', 'json', '--html', html], io);
  assert.equal(code, 1);
  const json = JSON.parse(out());
  assert.equal(json.version, 1);
  assert.deepEqual(
    json.pairs.map((p) => [p.name, p.summary.side, p.summary.major]),
    [
      ['case1', 1, 1],
      ['case2', 0, 0],
    ],
  );
  assert.equal(json.totals.side, 1);
  const page = fs.readFileSync(html, 'utf8');
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /<svg[^>]*>/);
  assert.match(page, /Discrepancies by kind/);
  assert.match(page, /Discrepancies by finding/);
  assert.match(page, /pleural effusion/);
  assert.doesNotMatch(page, /<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);

  const text = fakeIo();
  assert.equal(await runCompare(['--pairs', dir], text.io), 1);
  assert.match(text.out(), /^pair\s+matched/m);
  assert.match(text.out(), /^case1\s+\d+\s+0\s+0\s+0\s+1/m);
  assert.match(text.out(), /^total\s/m);
});

test('cli: --pairs FILE.csv reads trainee,reference paths relative to the CSV; an unpaired folder is bad input', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.txt'), REFERENCE);
  fs.writeFileSync(path.join(dir, 'b.txt'), REFERENCE.replace(' Mild degenerative changes of the thoracic spine.', ''));
  fs.writeFileSync(path.join(dir, 'pairs.csv'), 'trainee,reference\nb.txt,a.txt\na.txt,a.txt\n');
  const { io, out } = fakeIo();
  assert.equal(await runCompare(['--pairs', path.join(dir, 'pairs.csv'), '--format', 'json'], io), 0);
  const json = JSON.parse(out());
  assert.deepEqual(
    json.pairs.map((p) => [p.name, p.summary.missed]),
    [
      ['b', 1],
      ['a', 0],
    ],
  );

  const lonely = tempDir();
  fs.writeFileSync(path.join(lonely, 'x.trainee.txt'), REFERENCE);
  const bad = fakeIo();
  assert.equal(await runCompare(['--pairs', lonely], bad.io), 2);
  assert.match(bad.err(), /x has a trainee report but no reference report/);
});

test('cli: io.readFile and io.writeFile stand in for the file system', async () => {
  const files = { 't.txt': REFERENCE.replace('No pneumothorax.', 'Small left pneumothorax.'), 'r.txt': REFERENCE };
  const { io, out } = fakeIo({
    readFile: (f) => {
      if (!(f in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return files[f];
    },
  });
  assert.equal(await runCompare(['t.txt', 'r.txt', '--format=json'], io), 1);
  assert.equal(JSON.parse(out()).discrepancies[0].kind, 'assertion');
});
