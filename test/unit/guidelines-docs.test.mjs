// Each guideline has its docs page, and the page's table is the data's (regenerate with
// `node scripts/docs-guidelines.mjs` after changing a table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers/engine.mjs';
import { guidelines } from '../helpers/guidelines.mjs';

for (const g of guidelines.GUIDELINES) {
  test(`docs/guidelines/${g.id}.md: what, when, when not, the table, the citation`, () => {
    const file = path.join(root, 'docs/guidelines', `${g.id}.md`);
    assert.ok(fs.existsSync(file), 'missing: run node scripts/docs-guidelines.mjs');
    const text = fs.readFileSync(file, 'utf8');
    for (const h of ['## What it covers', '## When it applies', '## When it does not apply', '## The table', '## Citation'])
      assert.ok(text.includes(h), h);
    assert.ok(text.includes(g.citation));
    for (const r of g.rows) assert.ok(text.includes(r.recommendation.replace(/\|/g, '\\|')), `${r.id} missing or stale`);
    for (const s of g.outOfScope) assert.ok(text.includes(s.reason), s.reason);
  });
}
