// `npm test` itself (issue 23, item 17): concise on success (a dot a test), every failure in full,
// and the closing lines CI reads — node's "# pass N" / "# fail N" and the plain "N passed, N failed".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';

const REPORTER = './test/reporters/concise.mjs';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-reporter-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** node --test with npm test's reporter over one test file; outside this runner's own child context. */
function runTests(source) {
  const file = path.join(dir, `case-${Math.random().toString(36).slice(2)}.test.mjs`);
  fs.writeFileSync(file, `import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n${source}`);
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return spawnSync(process.execPath, ['--test', `--test-reporter=${REPORTER}`, file], { cwd: root, encoding: 'utf8', env });
}

test('package.json: npm test runs every suite with the concise reporter', () => {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.match(scripts.test, new RegExp(`node --test --test-reporter=${REPORTER.replace(/\./g, '\\.')} `));
  for (const suite of ['test/unit/', 'test/cli/', 'test/protocol/', 'test/llm/', 'test/package/', 'test/grammar/'])
    assert.ok(scripts.test.includes(suite), suite);
});

test('all passing: dots, then the counts, the plain line last', () => {
  const r = runTests(`for (let i = 0; i < 30; i++) test('t' + i, () => {});\ntest('later', { skip: 'not here' }, () => {});\n`);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '30 passed, 0 failed, 1 skipped');
  for (const count of ['# tests 31', '# pass 30', '# fail 0', '# skipped 1']) assert.ok(lines.includes(count), count);
  assert.doesNotMatch(r.stdout, /^(not )?ok \d/m, 'TAP lines');
  assert.ok(lines.length < 20, `${lines.length} lines for 31 tests`);
});

test('a failure: printed in full (its name, the values, where), exit 1, the counts still last', () => {
  const r = runTests(`test('fine', () => {});\ntest('sides agree', () => { assert.equal('left', 'right'); });\n`);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /sides agree/);
  assert.match(r.stdout, /\+ 'left'\n\s*- 'right'/);
  assert.match(r.stdout, /case-\w+\.test\.mjs:\d+/);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.at(-1), '1 passed, 1 failed, 0 skipped');
  assert.ok(lines.includes('# fail 1'));
});
