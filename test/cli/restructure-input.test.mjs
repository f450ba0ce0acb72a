// `radlint restructure` and the other rewrites on the input a new user gives them (issue 23, items 12
// and 13): a template by its id or its snippet name, the list of templates, one report only — a
// folder or several files is refused with a message and exit 2, never a silent rewrite of the first —
// and no template for another body part than the exam's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const CLI = path.join(root, 'bin/radlint.js');
const run = (args, input) => spawnSync(process.execPath, [CLI, ...args], { input, cwd: root, encoding: 'utf8' });
const HEAD_CT = 'examples/ct-head-hemorrhage.rpt';
const TEMPLATE_FILES = fs.readdirSync(path.join(root, 'server/src/templates/library')).filter((f) => f.endsWith('.json'));
const templates = TEMPLATE_FILES.map((f) => JSON.parse(fs.readFileSync(path.join(root, 'server/src/templates/library', f), 'utf8')));

test('--template takes the id or the snippet name, in any case and spacing', () => {
  const names = { 'ct-head': 'ct-head', cthead: 'ct-head', 'CT head': 'ct-head', ctpa: 'ct-pulmonary-angiogram', 'MRI knee': 'mri-knee' };
  for (const [name, id] of Object.entries(names)) {
    const r = run(['restructure', '--format', 'json', '--template', name, '-'], 'FINDINGS: Normal study.\n');
    assert.notEqual(r.status, 2, `${name}: ${r.stderr}`);
    assert.equal(JSON.parse(r.stdout).template, id, name);
  }
});

test('an unknown template names the ids and --list-templates (exit 2)', () => {
  const r = run(['restructure', '--template', 'knee', HEAD_CT]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /unknown template 'knee'; one of chest-radiograph, ct-head, .*mri-knee.*\(radlint restructure --list-templates\)/);
});

test('restructure --list-templates: every id with its exam and snippet name, exit 0', () => {
  const r = run(['restructure', '--list-templates']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^ID\s+EXAM\s+SNIPPET$/);
  assert.equal(lines.length, templates.length + 1);
  for (const t of templates) {
    const line = lines.find((l) => l.startsWith(`${t.id} `));
    assert.ok(line, t.id);
    assert.match(line, new RegExp(`^${t.id}\\s+${t.name}\\s+${t.prefix[0]}$`));
  }
});

test('a folder is refused by every rewrite: a message naming it, exit 2, nothing printed', () => {
  for (const command of ['restructure', 'impression', 'summarize']) {
    const r = run([command, 'examples/']);
    assert.equal(r.status, 2, command);
    assert.equal(r.stdout, '', command);
    assert.match(r.stderr, new RegExp(`^radlint: ${command} rewrites one report: 'examples/' is a folder; run it once per file`), command);
  }
});

test('several files are refused (exit 2), none rewritten', () => {
  const r = run(['restructure', HEAD_CT, 'examples/mri-knee.rpt']);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^radlint: restructure rewrites one report: give one FILE \(or - for stdin\), not 2; run it once per file/);
  assert.match(run(['impression']).stderr, /^radlint: impression rewrites one report: give one FILE \(or - for stdin\), not none/);
});

test('a template for another body part than the exam title names is refused: one line, exit 2', () => {
  const r = run(['restructure', '--template', 'mriknee', HEAD_CT]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    "radlint: restructure: the template mri-knee is for the knee, and this report's exam is CT head; leave --template out to let RadLint choose, or pick one from radlint restructure --list-templates\n",
  );
  // The same body part in another modality files the same organs, so the user's pick stands.
  const brain = run(['restructure', '--format', 'json', '--template', 'mri-brain', HEAD_CT]);
  assert.equal(brain.status, 0, brain.stderr);
  assert.equal(JSON.parse(brain.stdout).template, 'mri-brain');
});
