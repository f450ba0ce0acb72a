import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { nlp, parseReport } from '../helpers/nlp.mjs';

// Report-like text: clinical words, sides, numbers, negations, punctuation, de-id tokens, odd characters.
const pieces = [
  'No',
  'no',
  'left',
  'right',
  'bilateral',
  'pleural',
  'effusion',
  'pneumothorax',
  'PTX',
  'opacity',
  'nodule',
  'mass',
  'cm',
  'mm',
  'x',
  '2.3',
  '1',
  '-',
  ',',
  '.',
  ';',
  ':',
  'XXXX',
  'FINDINGS:',
  'IMPRESSION:',
  'EXAM:',
  'MRI',
  'versus',
  'possible',
  'history of',
  'not seen',
  'heart',
  'is',
  'enlarged',
  '\n',
  '\r\n',
  '  ',
  'é',
  '😀',
  'year old female',
  '51',
  '?',
];
const reportText = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((parts) => parts.join(' '));

test('every range stays inside the text and covers what it names', () => {
  fc.assert(
    fc.property(reportText, (text) => {
      const report = parseReport(text);
      const u = nlp.understand(report);
      for (const f of u.findings) {
        assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `finding ${f.start}-${f.end}`);
        for (const m of f.measurements) assert.ok(m.start >= 0 && m.start < m.end && m.end <= text.length);
        assert.ok(['present', 'absent', 'possible', 'historical', 'hypothetical'].includes(f.assertion));
        assert.ok([null, 'left', 'right', 'bilateral'].includes(f.side));
        assert.ok(report.sentences[f.sentenceIndex].start <= f.start && f.end <= report.sentences[f.sentenceIndex].end);
      }
      for (const m of u.measurements) assert.ok(m.start >= 0 && m.end <= text.length && m.value.length >= 1);
      if (u.exam.span) assert.ok(u.exam.span.start >= 0 && u.exam.span.end <= text.length);
      for (const s of u.sexSpecific) assert.ok(s.start >= 0 && s.end <= text.length);
    }),
    { numRuns: 400 },
  );
});

test('json ranges are valid LSP positions of the text', () => {
  fc.assert(
    fc.property(reportText, (text) => {
      const report = parseReport(text);
      const lines = text.split(/\r\n|\r|\n/);
      const out = nlp.findingsJson(report);
      for (const f of out.findings) {
        for (const p of [f.range.start, f.range.end]) {
          assert.ok(p.line >= 0 && p.line < lines.length);
          assert.ok(p.character >= 0 && p.character <= lines[p.line].length);
        }
      }
    }),
    { numRuns: 200 },
  );
});

// The findings-section mentions of `FINDINGS: a.` and the first as many of `FINDINGS: a.` followed by b.
// Both sides filter the same way: `a` may itself hold an IMPRESSION: header, whose mentions come first.
function sameMentions(a, b) {
  const inFindings = (text) => nlp.understand(parseReport(text)).findings.filter((f) => f.section === 'findings');
  const first = inFindings(`FINDINGS: ${a}.`);
  const both = inFindings(`FINDINGS: ${a}.\n\n${b.replace(/[A-Z]+:/g, '')}`).slice(0, first.length);
  // The same mentions keep the same concept, assertion and side; only later sentences differ.
  const key = (f) => [f.start, f.concept, f.assertion, f.side];
  assert.deepEqual(both.map(key), first.map(key));
}

test('extraction does not depend on text after the sentence', () => {
  fc.assert(fc.property(reportText, reportText, sameMentions), { numRuns: 150 });
});

test('the counterexample once found: an impression mention before the findings ones', () => {
  // fast-check seed 11: the impression's "nodule" was compared with the findings' "PTX" (test fault, not
  // the engine's: both texts give the same two mentions).
  sameMentions('IMPRESSION: nodule FINDINGS: PTX', '');
  sameMentions('IMPRESSION: nodule FINDINGS: PTX', 'no effusion');
  const u = nlp.understand(parseReport('FINDINGS: IMPRESSION: nodule FINDINGS: PTX.\n\nno effusion'));
  assert.deepEqual(
    u.findings.slice(0, 2).map((f) => [f.concept, f.section]),
    [
      ['nodule', 'impression'],
      ['pneumothorax', 'findings'],
    ],
  );
});
