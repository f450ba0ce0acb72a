// Every cell of every table: a finding that meets a row gets that row, at both edges of its size
// range; just outside an edge it gets another row (or none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guidelines, factsFor, inside, outside } from '../helpers/guidelines.mjs';

const { GUIDELINES, evaluate } = guidelines;
const rnd = (v) => Number(v.toFixed(6));

test('ten guidelines load, each with a name, year, citation and rows', () => {
  assert.equal(GUIDELINES.length, 10);
  for (const g of GUIDELINES) {
    assert.ok(g.citation.length > 40, g.id);
    assert.ok(g.year >= 2010, g.id);
    assert.ok(g.rows.length >= 4, g.id);
  }
});

for (const g of GUIDELINES) {
  const step = g.roundMm ?? 0.1;
  for (const row of g.rows) {
    const r = row.when.sizeMm;
    if (r) {
      for (const edge of ['low', 'high']) {
        const at = inside(r, edge, step);
        if (at === undefined) continue;
        test(`${g.id} / ${row.id}: ${rnd(at)} mm (${edge} edge, inside) gets the row`, () => {
          const got = evaluate(g, factsFor(g, row, rnd(at)));
          assert.equal(got.status, 'recommend', got.reason);
          assert.equal(got.rows.at(-1).id, row.id, got.text);
          assert.ok(got.text.startsWith(`${g.short}: `));
          assert.ok(got.text.includes(row.recommendation));
        });
        const out = outside(r, edge, step);
        if (out === undefined || out <= 0) continue;
        test(`${g.id} / ${row.id}: ${rnd(out)} mm (${edge} edge, outside) does not get the row`, () => {
          const got = evaluate(g, factsFor(g, row, rnd(out)));
          assert.ok(!got.rows.some((x) => x.id === row.id), `${rnd(out)} mm -> ${got.text}`);
        });
      }
    } else {
      test(`${g.id} / ${row.id}: a finding meeting the row gets it`, () => {
        // Sizes tried in turn: a row without a size condition sits among rows that have one.
        const hits = [25, 15, 50, 5, 120, 12, 8].map((s) => evaluate(g, factsFor(g, row, s)));
        assert.ok(
          hits.some((h) => h.status === 'recommend' && h.rows.at(-1).id === row.id),
          hits.map((h) => h.text).join(' / '),
        );
      });
    }
    if (row.when.volumeMm3) {
      test(`${g.id} / ${row.id}: a volume inside the row's volume range wins over the diameter`, () => {
        const v = row.when.volumeMm3;
        const vol = inside(v, 'low', 1) ?? inside(v, 'high', 1);
        // A diameter that would pick another row: large for a row with an upper volume bound, small otherwise.
        const upper = v.lt ?? v.lte;
        const f = factsFor(g, row, upper !== undefined ? 25 : 2);
        f.volumeMm3 = vol;
        const got = evaluate(g, f);
        assert.equal(got.status, 'recommend', got.reason);
        assert.equal(got.rows.at(-1).id, row.id, got.text);
      });
    }
  }
}
