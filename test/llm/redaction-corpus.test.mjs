// Redaction over the real public reports in ../shared/data (read at run time, skipped without it):
// clinical words and numbers that once looked like identifiers stay as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iuReports, mtReports, skipWithoutData } from '../../scripts/lib/corpus.mjs';
import { llm } from './helpers.mjs';

test('clinical words after MR, MS, ms. and clinical ratios are not redacted in real reports', { skip: skipWithoutData }, () => {
  const texts = [...iuReports({ requireBoth: false }).map((r) => r.text), ...mtReports().map((r) => r.text)];
  const values = new Map();
  for (const text of texts) {
    for (const [placeholder, value] of llm.redact(text).originals) {
      const kind = placeholder.slice(1, placeholder.indexOf('_'));
      values.set(kind, [...(values.get(kind) ?? []), value]);
    }
  }
  const names = values.get('NAME') ?? [];
  for (const word of ['Mitral', 'present', 'signal', 'angiography', 'Corrected', 'Sinus', 'With', 'AV', 'One-to-one', 'RA-ERP']) {
    assert.ok(!names.includes(word), `"${word}" was taken for a name`);
  }
  const dates = values.get('DATE') ?? [];
  assert.ok(!dates.some((d) => /^7\.\d/.test(d)), `a blood gas was taken for a date: ${dates.filter((d) => /^7\./.test(d))}`);
  const times = values.get('TIME') ?? [];
  for (const ratio of ['1:40', '1:10', '1:320']) assert.ok(!times.includes(ratio), `titer ${ratio} taken for a time`);
  assert.ok(texts.length > 4000);
  assert.ok(dates.length > 50, 'real dates are still found');
});
