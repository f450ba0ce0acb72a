import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const CLI = path.join(root, 'bin/radlint.js');
const run = (args, input, cwd = root) => spawnSync(process.execPath, [CLI, ...args], { input, cwd, encoding: 'utf8' });

const made = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

function workspace(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-cli-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const CLEAN = 'FINDINGS: The lungs are clear.\nIMPRESSION: Normal chest.\n';
const DIRTY = 'FINDINGS: The the lungs are clear.\nIMPRESSION: Normal chest.\n';

test('text format: path:line:col severity rule message; exit 1 on a warning', () => {
  const dir = workspace({ 'a.rpt': DIRTY });
  const r = run(['check', 'a.rpt'], undefined, dir);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'a.rpt:1:11 warning dictation-artifact Repeated word: "The the"\n');
});

test('exit 0 when nothing is at warning or above', () => {
  const dir = workspace({ 'a.rpt': CLEAN });
  const r = run(['check', 'a.rpt'], undefined, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
});

test('json format follows the contract in docs/cli.md', () => {
  const dir = workspace({ 'reports/a.txt': DIRTY, 'reports/sub/b.radreport': CLEAN, 'reports/notes.md': DIRTY });
  const r = run(['check', '--format', 'json', 'reports'], undefined, dir);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  assert.deepEqual(
    out.files.map((f) => f.path),
    ['reports/a.txt', 'reports/sub/b.radreport'],
  );
  const [d] = out.files[0].diagnostics;
  assert.deepEqual(Object.keys(d).sort(), ['category', 'message', 'range', 'related', 'rule', 'severity', 'source']);
  assert.deepEqual(d.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 17 } });
  assert.equal(d.category, 'dictation');
  assert.equal(d.source, 'rules');
  assert.deepEqual(out.files[1].diagnostics, []);
});

test('sarif format is SARIF 2.1.0 with 1-based regions', () => {
  const r = run(['check', '--format=sarif', '-'], DIRTY);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'radlint');
  assert.ok(run0.tool.driver.rules.some((x) => x.id === 'dictation-artifact' && x.helpUri.endsWith('dictation-artifact.md')));
  const [res] = run0.results;
  assert.equal(res.ruleId, 'dictation-artifact');
  assert.equal(res.level, 'warning');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 1, startColumn: 11, endLine: 1, endColumn: 18 });
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, '%3Cstdin%3E');
});

test('stdin with -', () => {
  const r = run(['check', '-'], DIRTY);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^<stdin>:1:11 warning dictation-artifact/);
});

test('bad inputs: one line each naming the file; the other files are still checked; exit 2', () => {
  const big = 'x'.repeat(2000);
  const dir = workspace({
    'ok.rpt': DIRTY,
    'bin.rpt': Buffer.from([0x46, 0, 0x47]),
    'latin1.rpt': Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    'big.rpt': big,
    'empty/readme.md': 'x',
  });
  const r = run(['check', '--max-size', '1000', 'ok.rpt', 'missing.rpt', 'bin.rpt', 'latin1.rpt', 'big.rpt', 'empty'], undefined, dir);
  assert.equal(r.status, 2);
  const lines = r.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    'radlint: missing.rpt: no such file or folder',
    'radlint: bin.rpt: binary file (contains NUL bytes); not checked',
    'radlint: latin1.rpt: not valid UTF-8 text; not checked',
    'radlint: big.rpt: 2000 bytes is over the size cap (1000); not checked',
    'radlint: empty: folder holds no report files (.txt, .rpt, .radreport)',
    'radlint: 5 of 6 inputs not checked (each named above); exit status 2',
  ]);
  assert.match(r.stdout, /^ok\.rpt:1:11 warning dictation-artifact/);
});

test('usage errors exit 2 with a message on stderr', () => {
  for (const args of [
    ['lint', 'a'],
    ['check'],
    ['check', '--format', 'xml', 'a'],
    ['check', '--bogus', 'a'],
    ['check', '--disable', 'no-such-rule', 'a'],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^radlint: /);
  }
  assert.equal(run([]).status, 2);
  assert.equal(run(['--help']).status, 0);
  assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('--disable switches a rule off', () => {
  const r = run(['check', '--disable', 'dictation-artifact', '-'], DIRTY);
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
});

test('CRLF input reports the same positions', () => {
  const r = run(['check', '--format', 'json', '-'], 'FINDINGS: ok.\r\nThe the lungs.\r\nIMPRESSION: Normal.\r\n');
  const [d] = JSON.parse(r.stdout).files[0].diagnostics;
  assert.deepEqual(d.range.start, { line: 1, character: 0 });
});

test('findings command: json shape per file, text, stdin', () => {
  const r = run(['findings', '--format', 'json', '-'], CLEAN);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.version, 1);
  assert.equal(out.files[0].path, '<stdin>');
  assert.ok('patient' in out.files[0] && 'exam' in out.files[0] && Array.isArray(out.files[0].findings));
  assert.equal(run(['findings', '--format', 'sarif', '-'], CLEAN).status, 2);
});

test('the examples: valid contract JSON with problems from the errors example', () => {
  const r = run(['check', '--format', 'json', 'examples/']);
  assert.equal(r.status, 1);
  const out = JSON.parse(r.stdout);
  const errors = out.files.find((f) => f.path.endsWith('chest-radiograph-errors.rpt'));
  assert.ok(errors.diagnostics.length >= 2);
  for (const f of out.files)
    for (const d of f.diagnostics) {
      assert.equal(typeof d.rule, 'string');
      assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity));
    }
});

test('--words adds accepted words; a missing word list is a usage error', () => {
  const dir = workspace({
    'a.rpt': 'FINDINGS: Mild cardiomegally.\nIMPRESSION: Mild cardiomegaly.\n',
    'words.txt': '# ours\ncardiomegally\n',
  });
  assert.match(run(['check', 'a.rpt'], undefined, dir).stdout, /spelling/);
  assert.doesNotMatch(run(['check', '--words', 'words.txt', 'a.rpt'], undefined, dir).stdout, /spelling/);
  const r = run(['check', '--words', 'nope.txt', 'a.rpt'], undefined, dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^radlint: --words: no such file 'nope.txt'/);
});
