import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { registry, root } from '../helpers/engine.mjs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CATEGORIES, SEVERITIES } = require(path.join(root, 'out/server/problem.js'));

test('every rule has a stable kebab-case id, a contract category, a severity and a docs page', () => {
  const ids = new Set();
  for (const rule of registry.RULES) {
    assert.match(rule.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(!ids.has(rule.id), `duplicate id ${rule.id}`);
    ids.add(rule.id);
    assert.ok(CATEGORIES.includes(rule.category), `${rule.id}: category ${rule.category}`);
    assert.ok(SEVERITIES.includes(rule.severity), `${rule.id}: severity ${rule.severity}`);
    assert.ok(rule.description.length > 10, `${rule.id}: description`);
    const doc = path.join(root, 'docs/rules', `${rule.id}.md`);
    assert.ok(fs.existsSync(doc), `${rule.id}: docs/rules/${rule.id}.md is missing`);
    const text = fs.readFileSync(doc, 'utf8');
    for (const heading of ['What it catches', 'Why it matters', 'Example', 'How to silence it']) {
      assert.ok(text.includes(`## ${heading}`), `${rule.id}: docs page lacks "${heading}"`);
    }
  }
});

test('the manifest contributes what the extension needs', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.match(pkg.engines.vscode, /^\^1\.(\d+)\./);
  assert.ok(Number(pkg.engines.vscode.split('.')[1]) <= 100, 'engines.vscode no higher than ^1.100.0');
  const lang = pkg.contributes.languages.find((l) => l.id === 'radreport');
  assert.deepEqual(lang.extensions, ['.rpt', '.radreport']);
  assert.ok(lang.aliases.includes('Radiology Report'));
  assert.ok(!pkg.activationEvents.includes('*') && !pkg.activationEvents.includes('onStartupFinished'));
  const properties = Object.assign({}, ...pkg.contributes.configuration.map((group) => group.properties));
  for (const key of ['radlint.enable', 'radlint.rules', 'radlint.languages', 'radlint.maxFileSize', 'radlint.trace.server']) {
    assert.ok(properties[key], key);
  }
  for (const file of [lang.configuration, ...pkg.contributes.grammars.map((g) => g.path), ...pkg.contributes.snippets.map((s) => s.path)]) {
    JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
  }
});

// Where a rule's cases live when not in rule-ID.test.mjs: RADS management is tested beside the RADS data.
const TESTED_ELSEWHERE = { 'rads-management': 'rads.test.mjs' };

test('every rule has its own test file, test/unit/rule-ID.test.mjs, naming the rule', () => {
  for (const rule of registry.RULES) {
    const file = TESTED_ELSEWHERE[rule.id] ?? `rule-${rule.id}.test.mjs`;
    const text = fs.readFileSync(path.join(root, 'test/unit', file), 'utf8');
    assert.ok(text.includes(`'${rule.id}'`), `${file} checks ${rule.id}`);
  }
});
