// `radlint verify`: exit 0 for a faithful rewrite, 1 with each reason and where it stands in both
// texts, 2 for usage errors; docs/cli.md is its contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from '../helpers/engine.mjs';

const require = createRequire(import.meta.url);
const { main } = require(path.join(root, 'out/server/cli/index.js'));

const SOURCE = `EXAM: Chest radiograph.
FINDINGS: Moderate left pleural effusion. Possible right lower lobe pneumonia.
IMPRESSION:
1. Moderate left pleural effusion.
2. Possible right lower lobe pneumonia.
`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-verify-'));
const file = (name, text) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

async function cli(args, stdin = '') {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: async () => Buffer.from(stdin),
  });
  return { status, stdout, stderr };
}

test('verify: a faithful rewrite exits 0', async () => {
  const src = file('src.rpt', SOURCE);
  const r = await cli(['verify', '--kind', 'impression', src, src]);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /verified \(impression\)/);
});

test('verify: an unfaithful one exits 1 with each reason and its place in both texts', async () => {
  const src = file('src.rpt', SOURCE);
  const cand = file('cand.rpt', SOURCE.replace('1. Moderate left', '1. Large left'));
  const text = await cli(['verify', '--kind', 'impression', src, cand]);
  assert.equal(text.status, 1);
  assert.match(text.stdout, /NOT verified/);
  assert.match(text.stdout, /changes severity: moderate -> severe\/large.*\[.*src\.rpt:2:11 \/ .*cand\.rpt:4:1\]/);
  const json = await cli(['verify', '--kind', 'impression', '--format', 'json', src, cand]);
  assert.equal(json.status, 1);
  const out = JSON.parse(json.stdout);
  assert.equal(out.ok, false);
  const severity = out.reasons.find((r) => /severity/.test(r.message));
  assert.deepEqual([severity.source.line, severity.candidate.line], [2, 4]);
  assert.equal(SOURCE.slice(severity.source.start, severity.source.end), 'Moderate left pleural effusion.');
});

test('verify: a hallucinated sentence in an LLM-written report is caught; the candidate may come on stdin', async () => {
  const src = file('src.rpt', SOURCE);
  const r = await cli(
    ['verify', '--kind', 'restructure', src, '-'],
    SOURCE.replace('FINDINGS:', 'FINDINGS: There is a 3 cm mass in the liver.'),
  );
  assert.equal(r.status, 1);
  assert.match(r.stdout, /adds/);
});

test('verify: usage errors exit 2', async () => {
  const src = file('src.rpt', SOURCE);
  for (const args of [
    ['verify', src, src],
    ['verify', '--kind', 'poem', src, src],
    ['verify', '--kind', 'summary', src],
    ['verify', '--kind', 'summary', '-', '-'],
  ]) {
    const r = await cli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /radlint: /);
  }
  assert.equal((await cli(['verify', '--kind', 'summary', src, path.join(dir, 'missing.rpt')])).status, 2);
});

test('verify: documented in docs/cli.md', () => {
  const doc = fs.readFileSync(path.join(root, 'docs/cli.md'), 'utf8');
  assert.match(doc, /## `radlint verify`/);
  assert.match(doc, /radlint verify --kind restructure\|impression\|summary/);
});
