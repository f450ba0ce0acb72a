// `radlint restructure | impression | summarize` through the bin: stdout is the verified text,
// --format json the contract's object, exit 2 for bad input; and "Ignore here" entries in
// .radlint.json are honoured by `radlint check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const CLI = path.join(root, 'bin/radlint.js');
const run = (args, input, cwd = root) => spawnSync(process.execPath, [CLI, ...args], { input, cwd, encoding: 'utf8' });

const REPORT = [
  'EXAM: Chest radiograph, PA and lateral.',
  'FINDINGS: The heart is normal in size. There is a 2.1 cm nodule in the right upper lobe. Small left pleural effusion.',
  '',
].join('\n');

test('restructure: every sentence kept under its section, fields left as [ ]; --template picks another', () => {
  const r = run(['restructure', '-'], REPORT);
  assert.equal(r.status, 0, r.stderr);
  for (const sentence of [
    'The heart is normal in size.',
    'There is a 2.1 cm nodule in the right upper lobe.',
    'Small left pleural effusion.',
  ]) {
    assert.ok(r.stdout.includes(sentence), sentence);
  }
  assert.match(r.stdout, /\[ \]/);
  const json = JSON.parse(run(['restructure', '--format', 'json', '--template', 'ct-chest', '-'], REPORT).stdout);
  assert.equal(json.template, 'ct-chest');
  assert.deepEqual(json.verification, { ok: true, reasons: [] });
  assert.equal(json.grade, null);
  const bad = run(['restructure', '--template', 'no-such', '-'], REPORT);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown template 'no-such'; one of chest-radiograph/);
});

test('impression: the whole report with the drafted impression in place, verified', () => {
  const r = run(['impression', '--format', 'json', '-'], REPORT);
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.verification.ok, true);
  assert.ok(json.text.startsWith(REPORT.trimEnd()));
  assert.match(json.text, /IMPRESSION:\n1\. .*nodule/);
  assert.match(json.text, /left pleural effusion/i);
});

test('summarize: plain words with a grade, the findings kept with side and size, no advice', () => {
  const r = run(['summarize', '--format', 'json', '-'], REPORT);
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.verification.ok, true, json.verification.reasons.join('; '));
  assert.ok(json.grade > 0 && json.grade <= 8, String(json.grade));
  assert.match(json.text, /right lung/);
  assert.match(json.text, /2\.1 centimeters/);
  assert.doesNotMatch(json.text, /surgery|you will need/i);
});

test('impression on a case history: told it is no imaging report, not that the study cannot be called normal', () => {
  const history = [
    'CC: Weakness.',
    'HX: A 59 y/o woman with a month of fatigue and salt craving.',
    'LAB: Na 129 meq/L, K 5.6 meq/L, Cl 97 meq/L, CO2 21meq/L, BUN 18mg/DL, CR 1.1mg/DL, Glucose 70mg/DL, ESR 12mm/hr, CBC WNL with nl WBC differential, Urinalysis: SG 1.012 and otherwise WNL, TSH 2.2 IU/ML, FT4 1.0ng/DL, Urine Osmolality 300 MOSM/Kg (high), Urine Na 60 meq/L,',
    'COURSE: She was treated with hydrocortisone.',
    '',
  ].join('\n\n');
  for (const command of ['impression', 'restructure', 'summarize']) {
    const r = run([command, '-'], history);
    assert.equal(r.status, 1, command);
    assert.equal(r.stdout, '', command);
    assert.match(r.stderr, /not an imaging report \(it reads as a case history\)/, command);
    assert.doesNotMatch(r.stderr, /cannot say the study is normal/, command);
  }
});

test('bad input: a missing file, two files, an unknown option each exit 2 with one line', () => {
  assert.equal(run(['summarize', 'no/such.rpt']).status, 2);
  assert.equal(run(['impression', 'a.rpt', 'b.rpt']).status, 2);
  const r = run(['summarize', '--fill-negatives', '-'], REPORT);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown option '--fill-negatives'/);
});

test('check honours the problems "Ignore here" kept in ./.radlint.json', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-ignore-'));
  try {
    fs.mkdirSync(path.join(dir, 'reports'));
    fs.writeFileSync(path.join(dir, 'reports', 'a.rpt'), 'FINDINGS: The the lungs are clear.\nIMPRESSION: Normal chest.\n');
    const before = JSON.parse(run(['check', '--format', 'json', 'reports/a.rpt'], undefined, dir).stdout);
    assert.ok(before.files[0].diagnostics.some((d) => d.rule === 'dictation-artifact'));
    const ignore = [{ file: 'reports/a.rpt', rule: 'dictation-artifact', text: 'The the', context: 'The the lungs are clear.' }];
    fs.writeFileSync(path.join(dir, '.radlint.json'), JSON.stringify({ ignore }));
    const after = JSON.parse(run(['check', '--format', 'json', 'reports/a.rpt'], undefined, dir).stdout);
    assert.ok(!after.files[0].diagnostics.some((d) => d.rule === 'dictation-artifact'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
