// The header of every docs/rules/ID.md is generated from the registry (scripts/gen-rule-docs.mjs):
// a changed description, category or default severity fails here until `npm run gen` is run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registry, root } from '../helpers/engine.mjs';
import { BEGIN, END, pages, renderHeader, withHeader } from '../../scripts/gen-rule-docs.mjs';

const GENERATOR = path.join(root, 'scripts/gen-rule-docs.mjs');
const DOCS = path.join(root, 'docs/rules');

test('every rule page starts with the header the registry gives (else run `npm run gen`)', () => {
  for (const rule of registry.RULES) {
    const text = fs.readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
    assert.ok(
      text.startsWith(`${renderHeader(rule)}\n`),
      `docs/rules/${rule.id}.md: generated header is stale or missing; run \`npm run gen\``,
    );
    assert.equal(text.split(BEGIN).length, 2, `${rule.id}: one header`);
  }
  const run = spawnSync(process.execPath, [GENERATOR, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test('the header names id, category, default severity and the one-line description', () => {
  const rule = registry.RULES.find((r) => r.id === 'laterality-mismatch');
  const header = renderHeader(rule);
  assert.match(header, /^<!-- Generated .*-->\n# laterality-mismatch\n/);
  assert.ok(header.includes(rule.description));
  assert.ok(header.includes('**Category:** laterality'));
  assert.ok(header.includes('**Default severity:** error'));
  assert.ok(header.endsWith(END));
});

test('--check fails on a stale header and the writer repairs it, leaving the prose alone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-docs-'));
  for (const f of fs.readdirSync(DOCS)) fs.copyFileSync(path.join(DOCS, f), path.join(dir, f));
  const file = path.join(dir, 'sex-mismatch.md');
  const good = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, good.replace('**Default severity:** error', '**Default severity:** hint'));
  const check = spawnSync(process.execPath, [GENERATOR, '--check', '--dir', dir], { encoding: 'utf8' });
  assert.equal(check.status, 1);
  assert.match(check.stderr, /sex-mismatch\.md: generated header is stale/);
  assert.doesNotMatch(check.stderr, /laterality-mismatch/, 'only the stale page is named');
  execFileSync(process.execPath, [GENERATOR, '--dir', dir]);
  assert.equal(fs.readFileSync(file, 'utf8'), good);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a page written the old way (a new rule id, say) gets its header; regenerating changes nothing', () => {
  const rule = { id: 'exam-side-mismatch', category: 'laterality', severity: 'error', description: 'A side against the exam title.' };
  const old =
    '# exam-side-mismatch\n\n**Category:** laterality · **Default severity:** error · **Quick fix:** change the side\n\n## What it catches\nA side.\n';
  const once = withHeader(old, rule);
  assert.equal(once, `${renderHeader(rule)}\n\n**Quick fix:** change the side\n\n## What it catches\nA side.\n`);
  assert.equal(withHeader(once, rule), once);
  const bare = withHeader('## What it catches\nA side.\n', rule);
  assert.ok(bare.startsWith(renderHeader(rule)) && bare.endsWith('## What it catches\nA side.\n'));
  assert.ok(withHeader(once, { ...rule, severity: 'warning' }).includes('**Default severity:** warning'));
});

test('a registered rule without a page is an error, not a generated stub', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-docs-'));
  assert.throws(
    () => pages([{ id: 'no-such-rule', category: 'style', severity: 'info', description: 'x' }], dir),
    /no-such-rule\.md is missing/,
  );
  fs.rmSync(dir, { recursive: true, force: true });
});
