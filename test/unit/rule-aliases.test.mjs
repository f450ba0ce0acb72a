// Rules split into finer ids: a level set on the old id still reaches the checks that left it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { engine, registry, root } from '../helpers/engine.mjs';

const rulesOf = (text, rules) =>
  engine.checkText(text, { rules, ruleOptions: {} }).problems.map((p) => `${p.rule}:${p.severity}:${text.slice(p.start, p.end)}`);
const knee = fs.readFileSync(path.join(root, 'examples/mri-knee.rpt'), 'utf8');
const mixed = 'FINDINGS: The right kidney measures 45 cm. A 2.1 cm x 15 mm cyst in the left kidney. Terminal ilium thickening.';

test('every alias names rules that exist, and no rule is split from two ids', () => {
  const ids = new Set(registry.RULES.map((r) => r.id));
  const seen = new Set();
  for (const [old, news] of Object.entries(registry.RULE_ALIASES)) {
    assert.ok(ids.has(old), `${old} stays the id of its main check`);
    assert.ok(news.length > 0, old);
    for (const id of news) {
      assert.ok(ids.has(id), `${old} -> ${id}`);
      assert.ok(!seen.has(id), `${id} twice`);
      seen.add(id);
    }
  }
  assert.deepEqual([...seen].sort(), [
    'exam-side-mismatch',
    'implausible-organ-size',
    'inconsistent-units',
    'lobe-side-mismatch',
    'mixed-units',
    'real-word-confusion',
  ]);
});

test("ruleLevel: the rule's own level first, then the old id's, then default", () => {
  assert.equal(registry.ruleLevel({}, 'exam-side-mismatch'), 'default');
  assert.equal(registry.ruleLevel({ 'laterality-mismatch': 'off' }, 'exam-side-mismatch'), 'off');
  assert.equal(registry.ruleLevel({ 'laterality-mismatch': 'off', 'exam-side-mismatch': 'warning' }, 'exam-side-mismatch'), 'warning');
  assert.equal(registry.ruleLevel({ 'laterality-mismatch': 'off' }, 'laterality-mismatch'), 'off');
  assert.equal(registry.ruleLevel({ 'laterality-mismatch': 'off' }, 'measurement-mismatch'), 'default');
  assert.equal(registry.ruleLevel({ spelling: 'hint' }, 'real-word-confusion'), 'hint');
});

test("the engine applies an old id's level to the checks split from it", () => {
  assert.ok(rulesOf(knee, {}).some((p) => p.startsWith('exam-side-mismatch:error:')));
  assert.ok(!rulesOf(knee, { 'laterality-mismatch': 'off' }).some((p) => p.startsWith('exam-side-mismatch')));
  assert.ok(
    rulesOf(knee, { 'laterality-mismatch': 'off', 'exam-side-mismatch': 'default' }).some((p) => p.startsWith('exam-side-mismatch')),
  );
  assert.ok(rulesOf(knee, { 'laterality-mismatch': 'warning' }).some((p) => p.startsWith('exam-side-mismatch:warning:')));

  const all = rulesOf(mixed, {});
  for (const p of ['implausible-organ-size:warning:45 cm', 'mixed-units:warning:2.1 cm x 15 mm', 'real-word-confusion:warning:ilium']) {
    assert.ok(all.includes(p), p);
  }
  const quiet = rulesOf(mixed, { 'measurement-mismatch': 'off', spelling: 'off' });
  assert.ok(!quiet.some((p) => /^(?:implausible-organ-size|mixed-units|real-word-confusion):/.test(p)), quiet.join('\n'));
  const info = rulesOf(mixed, { 'measurement-mismatch': 'info' });
  assert.ok(info.includes('implausible-organ-size:info:45 cm') && info.includes('mixed-units:info:2.1 cm x 15 mm'));
});
