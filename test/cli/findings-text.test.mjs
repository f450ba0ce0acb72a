// `radlint findings` as text, and `npm run demo` (issue 23, item 16): a patient and exam line first,
// one line per finding, the denials of one normal statement on one line; the demo heads each command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const CLI = path.join(root, 'bin/radlint.js');
const run = (args, input) => spawnSync(process.execPath, [CLI, ...args], { input, cwd: root, encoding: 'utf8' });
const lines = (r) => r.stdout.trimEnd().split('\n');

test('the first line of each report gives the patient and the exam', () => {
  const r = run(['findings', 'examples/chest-radiograph-normal.rpt', 'examples/mri-knee.rpt']);
  assert.equal(r.status, 0, r.stderr);
  const out = lines(r);
  assert.equal(out[0], 'examples/chest-radiograph-normal.rpt: patient: male, 62 years · exam: XR chest');
  assert.ok(out.includes('examples/mri-knee.rpt: patient: male, 34 years · exam: MR knee, right'), out.join('\n'));
  const bare = lines(run(['findings', '-'], 'FINDINGS: No pneumothorax. Small right effusion.\n'));
  assert.equal(bare.length, 3, bare.join('\n'));
  assert.equal(bare[0], '<stdin>: patient: sex not stated, age not stated · exam: not stated');
  assert.match(bare[1], /^<stdin>: 1:14\tpneumothorax · absent\t/);
  assert.match(bare[2], /^<stdin>: 1:\d+\tpleural effusion · present · right\t/);
});

test('the findings one normal statement denies share one line, with their number and names', () => {
  const out = lines(run(['findings', 'examples/chest-radiograph-normal.rpt']));
  const impression = out.filter((l) => l.endsWith('[impression] "No acute cardiopulmonary process"'));
  assert.equal(impression.length, 1, impression.join('\n'));
  const [, count, names] = /\t(\d+) findings · absent \(normal statement\): ([^\t]+)\t/.exec(impression[0]);
  assert.equal(names.split(', ').length, Number(count));
  assert.ok(Number(count) >= 10, count);
  for (const name of ['pneumothorax', 'pleural effusion', 'consolidation']) assert.ok(names.split(', ').includes(name), name);
  // Every other mention keeps its own line: "No pleural effusion or pneumothorax." names two.
  assert.ok(out.some((l) => /\tpleural effusion · absent\t\[findings\] "pleural effusion"$/.test(l)));
  assert.ok(out.some((l) => /\tpneumothorax · absent\t\[findings\] "pneumothorax"$/.test(l)));
  // No two lines for one statement: each position and quote appears once.
  const places = out.slice(1).map((l) => l.replace(/\t[^\t]*\t/, '\t'));
  assert.equal(new Set(places).size, places.length);
});

test('a present finding keeps its side, site, size and urgency on its own line', () => {
  const out = lines(run(['findings', 'examples/chest-radiograph-errors.rpt']));
  assert.ok(
    out.includes(
      'examples/chest-radiograph-errors.rpt: 10:24\tpneumothorax · present · right · apex · 1.5 cm · critical: hours\t[findings] "apical pneumothorax"',
    ),
  );
});

test('npm run demo (scripts/demo.mjs): a heading before check and one before findings, exit 0', () => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/demo.mjs')], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const headings = r.stdout.split('\n').filter((l) => l.startsWith('== '));
  assert.equal(headings.length, 2, headings.join('\n'));
  assert.match(headings[0], /^== radlint check examples\/: /);
  assert.match(headings[1], /^== radlint findings examples\/: /);
  const [checkPart, findingsPart] = r.stdout.split(headings[1]);
  assert.match(checkPart, /error laterality-mismatch/);
  assert.match(findingsPart, /patient: female, 71 years · exam: XR chest/);
});

test('a misspelt finding word is read as the checks read it, as text and as JSON', () => {
  const report = 'FINDINGS: Small right pnuemothorax. Moderate left pleural efusion.\nIMPRESSION: Small right pneumothorax.\n';
  const out = lines(run(['findings', '-'], report));
  assert.ok(
    out.some((l) => /\tpneumothorax · present · right[^\t]*\t\[findings\] "pnuemothorax"$/.test(l)),
    out.join('\n'),
  );
  assert.ok(
    out.some((l) => /\tpleural effusion · present · left[^\t]*\t\[findings\] "pleural efusion"$/.test(l)),
    out.join('\n'),
  );
  const json = JSON.parse(run(['findings', '--format', 'json', '-'], report).stdout);
  const names = json.files[0].findings.filter((f) => f.section === 'findings').map((f) => f.concept ?? f.finding);
  assert.ok(
    names.some((n) => /pneumothorax/.test(n)),
    JSON.stringify(names),
  );
});
