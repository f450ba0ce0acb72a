import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { load, report as R } from '../helpers/engine.mjs';

const kinds = (r) => r.sections.map((s) => s.kind);
const bodyOf = (r, kind) => {
  const s = r.sections.find((x) => x.kind === kind);
  return s && r.text.slice(s.body.start, s.body.end);
};

test('inline headers with synonyms', () => {
  const r = R.parseReport(
    'EXAM: Chest PA and lateral\nINDICATION: cough\nFINDINGS: The heart is normal. Lungs clear.\nCONCLUSION: Normal chest.',
  );
  assert.deepEqual(kinds(r), ['exam', 'history', 'findings', 'impression']);
  assert.equal(bodyOf(r, 'findings'), 'The heart is normal. Lungs clear.');
  assert.equal(bodyOf(r, 'impression'), 'Normal chest.');
});

test('own-line headers, mixed case, CRLF and double spaces', () => {
  const r = R.parseReport('Findings:\r\nThe  lungs are clear.\r\n\r\nIMPRESSION\r\nNo acute disease.\r\n');
  assert.deepEqual(kinds(r), ['findings', 'impression']);
  assert.equal(bodyOf(r, 'impression'), 'No acute disease.');
  assert.equal(r.eol, '\r\n');
  assert.deepEqual(r.lineStarts.slice(0, 3), [0, 11, 34]);
});

test('organ subheadings stay inside FINDINGS; unknown capitals elsewhere open a section', () => {
  const r = R.parseReport('FINDINGS:\nLIVER: Normal.\nKIDNEYS: No hydronephrosis.\nIMPRESSION: Normal.\nELECTRONICALLY SIGNED BY: XXXX');
  assert.deepEqual(kinds(r), ['findings', 'impression', 'other']);
  assert.match(bodyOf(r, 'findings'), /KIDNEYS: No hydronephrosis\.$/);
  assert.equal(bodyOf(r, 'impression'), 'Normal.');
});

test('a word run into a header is cut where the header starts, so the header is no part of it', () => {
  const r = R.parseReport('CT ABDOMEN WITH CONTRASTCLINICAL HISTORY: Pain.\nFINDINGS: Normal.');
  const words = r.tokens.filter((t) => t.kind === 'word').map((t) => t.text);
  assert.deepEqual(words.slice(0, 5), ['CT', 'ABDOMEN', 'WITH', 'CONTRAST', 'CLINICAL']);
});

test('spine level labels are subsections inside FINDINGS, and open nothing in the impression', () => {
  const text = 'FINDINGS:\nC5-6: Disc bulge. No cord compression.\nC7-T1, T1-2: Normal.\nIMPRESSION:\nL4-5: Mild disc bulge.';
  const r = R.parseReport(text);
  assert.deepEqual(kinds(r), ['findings', 'impression']);
  assert.deepEqual(
    r.sections[0].subsections.map((s) => s.header.name),
    ['C5-6', 'C7-T1, T1-2'],
  );
  assert.equal(bodyOf(r, 'impression'), 'L4-5: Mild disc bulge.');
  assert.equal(r.sections[1].subsections.length, 0);
});

test("ASSESSMENT heads the impression (a breast report's final assessment), in its usual forms", () => {
  for (const h of ['ASSESSMENT', 'BI-RADS ASSESSMENT', 'FINAL ASSESSMENT', 'Assessment', 'BIRADS Assessment', 'Overall assessment']) {
    const r = R.parseReport(`FINDINGS:\nScattered fibroglandular density. No suspicious mass.\n\n${h}: BI-RADS 1 - Negative.\n`);
    assert.deepEqual(kinds(r), ['findings', 'impression'], h);
    assert.equal(bodyOf(r, 'impression'), 'BI-RADS 1 - Negative.', h);
  }
  // Other words before ASSESSMENT name no impression ("QUALITY ASSESSMENT:" is about the study).
  assert.notEqual(R.parseReport('QUALITY ASSESSMENT: Good bolus timing.\nFINDINGS: Normal.').sections[0].kind, 'impression');
});

test('a side or a part run in as a label inside IMPRESSION stays the impression, in any exam; other capitals still end it', () => {
  /** @type {[string, RegExp][]} */
  const cases = [
    [
      'IMPRESSION:\nRIGHT BREAST: BI-RADS 1: Negative.\nLEFT BREAST: BI-RADS 3: Probably benign.\nOVERALL: BI-RADS 3.',
      /OVERALL: BI-RADS 3\.$/,
    ],
    ['IMPRESSION:\nRIGHT: BI-RADS 2.\nLEFT: BI-RADS 4. Biopsy is recommended.', /LEFT: BI-RADS 4\. Biopsy is recommended\.$/],
    ['IMPRESSION:\nRIGHT KIDNEY: Mild hydronephrosis.\nLEFT KIDNEY: Normal.', /LEFT KIDNEY: Normal\.$/],
    ['IMPRESSION:\nCHEST: No pulmonary embolism.\nABDOMEN AND PELVIS: Acute appendicitis.', /Acute appendicitis\.$/],
    ['Impression:\nRight kidney: 9 mm stone.\nLeft kidney: Normal.', /Left kidney: Normal\.$/],
  ];
  for (const [text, end] of cases) {
    const r = R.parseReport(`FINDINGS:\nDescribed.\n\n${text}\n`);
    assert.deepEqual(kinds(r), ['findings', 'impression'], text);
    assert.match(bodyOf(r, 'impression'), end, text);
  }
  const r = R.parseReport('FINDINGS: Normal.\nIMPRESSION: BI-RADS 1.\n\nMAMMOGRAPHY INFORMATION:\n1. Some cancers are not seen.');
  assert.deepEqual(kinds(r), ['findings', 'impression', 'other']);
});

test('mixed-case labels inside FINDINGS are subsections, not sections ("Contrast:" is not TECHNIQUE)', () => {
  const text =
    'TECHNIQUE: MRI of the chest.\nFINDINGS:\nContrast: 7.5 mL gadobutrol intravenously.\nLungs: Small left pleural effusion.\nGallbladder and bile ducts: Unremarkable.\nIMPRESSION: Small left pleural effusion.';
  const r = R.parseReport(text);
  assert.deepEqual(kinds(r), ['technique', 'findings', 'impression']);
  const findings = r.sections[1];
  assert.deepEqual(
    findings.subsections.map((s) => [s.header.name, r.text.slice(s.body.start, s.body.end)]),
    [
      ['Contrast', '7.5 mL gadobutrol intravenously.'],
      ['Lungs', 'Small left pleural effusion.'],
      ['Gallbladder and bile ducts', 'Unremarkable.'],
    ],
  );
  assert.equal(r.text.slice(findings.subsections[0].header.start, findings.subsections[0].header.end), 'Contrast:');
  assert.ok(findings.subsections.every((s) => s.start >= findings.body.start && s.end <= findings.end));
  // Capitals too: organ labels are subsections of FINDINGS.
  const caps = R.parseReport('FINDINGS:\nLIVER: Normal.\nCONTRAST: 100 mL Omnipaque.\nIMPRESSION: Normal.');
  assert.deepEqual(kinds(caps), ['findings', 'impression']);
  assert.deepEqual(
    caps.sections[0].subsections.map((s) => s.header.name),
    ['LIVER', 'CONTRAST'],
  );
});

test('known top-level headers still end FINDINGS in any case; elsewhere "Contrast:" is TECHNIQUE', () => {
  for (const header of ['Impression:', 'Comparison:', 'Technique:', 'Recommendation:', 'IMPRESSION']) {
    const r = R.parseReport(`FINDINGS:\nLungs: Clear.\n${header}\nNormal.`);
    assert.equal(r.sections.length, 2, `${header} should open a second section: ${JSON.stringify(kinds(r))}`);
    assert.deepEqual(
      r.sections[0].subsections.map((s) => s.header.name),
      ['Lungs'],
    );
    assert.equal(r.sections[1].subsections.length, 0);
  }
  assert.deepEqual(kinds(R.parseReport('EXAM: MRI brain.\nContrast: 7.5 mL gadobutrol.\nFINDINGS: Normal.')), [
    'exam',
    'technique',
    'findings',
  ]);
  // A long "Words words ...:" at a line start leads into a list; it is no label.
  const r = R.parseReport('FINDINGS:\nThe following was noted on the left side: a small effusion.\nIMPRESSION: Effusion.');
  assert.deepEqual(r.sections[0].subsections, []);
});

test('a report without headers is one preamble section', () => {
  const r = R.parseReport('The lungs are clear. No effusion.');
  assert.deepEqual(kinds(r), ['preamble']);
  assert.deepEqual(
    r.sentences.map((s) => s.text),
    ['The lungs are clear.', 'No effusion.'],
  );
});

test('mixed-case "Word:" inside text is not a header, times are not headers', () => {
  const r = R.parseReport('FINDINGS: Note: small nodule. Called at 14:35 to Dr. XXXX.\nIMPRESSION: Nodule.');
  assert.deepEqual(kinds(r), ['findings', 'impression']);
});

test('numbered impression items, on separate lines and inline', () => {
  const r = R.parseReport('IMPRESSION:\n1. Left effusion.\n2. No pneumothorax.\n');
  const s = r.sections[0];
  assert.deepEqual(
    s.items.map((i) => [i.number, r.text.slice(i.start, i.end)]),
    [
      [1, '1. Left effusion.'],
      [2, '2. No pneumothorax.'],
    ],
  );
  const inline = R.parseReport('IMPRESSION: 1. Cardiomegaly. 2. No acute process. 3. Stable 2.5 cm nodule.');
  assert.deepEqual(
    inline.sections[0].items.map((i) => i.number),
    [1, 2, 3],
  );
  assert.deepEqual(
    inline.sentences.map((x) => x.text),
    ['1. Cardiomegaly.', '2. No acute process.', '3. Stable 2.5 cm nodule.'],
  );
});

test('a number in a sentence is not a list item', () => {
  const r = R.parseReport('IMPRESSION: Nodule measures 2. Follow-up in 3 months.');
  assert.deepEqual(r.sections[0].items, []);
});

test('sentence splitting keeps decimals, abbreviations and initials together', () => {
  const r = R.parseReport(
    'FINDINGS: A 2.3 cm nodule, approx. stable vs. prior. Discussed with Dr. J. Smith at 10 a.m. today. XXXX. No effusion.',
  );
  assert.deepEqual(
    r.sentences.map((s) => s.text),
    ['A 2.3 cm nodule, approx. stable vs. prior.', 'Discussed with Dr. J. Smith at 10 a.m. today.', 'XXXX.', 'No effusion.'],
  );
});

test('tokens mark the de-identification token and carry exact offsets', () => {
  const text = 'Normal chest x-XXXX. 2.5 cm.';
  const r = R.parseReport(text);
  for (const t of r.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.ok(r.tokens.some((t) => t.kind === 'deid' && t.text === 'XXXX'));
  assert.ok(r.tokens.some((t) => t.kind === 'number' && t.text === '2.5'));
});

test('positions count UTF-16 code units per line', () => {
  const text = 'a😀b\nc';
  const r = R.parseReport(text);
  assert.deepEqual(R.positionAt(r.lineStarts, 3), { line: 0, character: 3 });
  assert.deepEqual(R.positionAt(r.lineStarts, 5), { line: 1, character: 0 });
  assert.equal(R.offsetAt(r.lineStarts, text.length, { line: 1, character: 0 }), 5);
});

const inside = (text, span) =>
  Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length;

const reportLike = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        'FINDINGS:',
        'IMPRESSION:',
        '\nIMPRESSION\n',
        'EXAM: ',
        '1. ',
        '2) ',
        'XXXX',
        '\r\n',
        '  ',
        '. ',
        'Dr. ',
        '[***]',
        'left',
        'the the',
      ),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

test('property: never throws, every range inside the text, deterministic', () => {
  fc.assert(
    fc.property(reportLike, (text) => {
      const r = R.parseReport(text);
      for (const s of r.sections) {
        assert.ok(inside(text, s) && inside(text, s.body));
        if (s.header) assert.ok(inside(text, s.header));
        for (const i of s.items) assert.ok(inside(text, i) && inside(text, i.marker));
        for (const sub of s.subsections)
          assert.ok(inside(text, sub) && inside(text, sub.header) && inside(text, sub.body) && sub.end <= s.end);
      }
      for (const s of r.sentences) assert.ok(inside(text, s) && text.slice(s.start, s.end) === s.text);
      for (const t of r.tokens) assert.ok(inside(text, t));
      assert.deepEqual(R.parseReport(text), r);
    }),
    { numRuns: 500 },
  );
});

test('spine level labels with a slash or "to" are subsections too (one level pattern for parser and rules)', () => {
  const r = R.parseReport('FINDINGS:\nL4/5: Disc bulge.\nL5 to S1: Small protrusion.\nIMPRESSION:\nMild degeneration.');
  assert.deepEqual(
    r.sections[0].subsections.map((s) => s.header.name),
    ['L4/5', 'L5 to S1'],
  );
});

test('a section name after a measurement\'s "%" is a header ("LVEF: 55 % IMPRESSION: ...")', () => {
  const r = R.parseReport('FINDINGS: LVEDV: 193 mL LVEF: 55 % IMPRESSION: Hypertrophic cardiomyopathy.');
  assert.deepEqual(kinds(r), ['findings', 'impression']);
  assert.equal(bodyOf(r, 'impression'), 'Hypertrophic cardiomyopathy.');
});

// The tokenizer reads ASCII by code and the pattern only past it: it must cut as the one pattern does
// (and, where a header starts inside a word, at the header too).
test('tokens as the token pattern gives them, on any text', () => {
  const TOKEN = /XXXX+|\p{L}[\p{L}\p{M}'’]*\p{L}|\p{L}|\d+(?:[.,]\d+)*|[^\s\p{L}\d]/gu;
  const pieces = [
    'a',
    'Xy',
    'XXXX',
    'X',
    "'",
    '’',
    '-',
    '.',
    ',',
    '1',
    '2.5',
    ' ',
    '\t',
    '\n',
    '\r',
    'é',
    '\u0301',
    '😀',
    '\u00a0',
    ':',
    'C5',
    'HISTORY:',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      const r = R.parseReport(text);
      const starts = new Set([...text.matchAll(TOKEN)].map((m) => m.index));
      // Pieces of one pattern token cut at a header start are joined again.
      const joined = [];
      for (const t of r.tokens) {
        if (joined.length && !starts.has(t.start)) joined[joined.length - 1] += t.text;
        else joined.push(t.text);
      }
      assert.deepEqual(
        joined,
        [...text.matchAll(TOKEN)].map((m) => m[0]),
      );
    }),
    { numRuns: 3000 },
  );
  const texts = (text) => R.parseReport(text).tokens.map((t) => t.text);
  assert.deepEqual(texts("don't'' XXXXXs 1.2.3, 4,5. naïve"), ["don't", "'", "'", 'XXXXX', 's', '1.2.3', ',', '4,5', '.', 'naïve']);
});

test('own-line headers and level labels are found with blanks before them', () => {
  const r = R.parseReport('FINDINGS:\n \tc5-6: Mild narrowing.\ns1: Normal.\n\t IMPRESSION \nDegenerative change.');
  assert.deepEqual(kinds(r), ['findings', 'impression']);
  assert.deepEqual(
    r.sections[0].subsections.map((s) => s.header.name),
    ['c5-6', 's1'],
  );
  for (const label of ['S1', 't 12-l1', 'l4/5'])
    assert.deepEqual(
      R.parseReport(`FINDINGS:\n${label}: Normal.`).sections[0].subsections.map((s) => s.header.name),
      [label],
    );
  assert.deepEqual(kinds(R.parseReport('FINDINGS: Normal.\rIMPRESSION\rNormal.')), ['findings', 'impression']);
});

test('a token serves as its own word: its norm is the lexicon form, a joining hyphen is no word', () => {
  /** @type {typeof import('../../server/src/nlp/words.js')} */
  const { wordsFromTokens, wordsOf } = load('nlp/words.js');
  const r = R.parseReport('FINDINGS: Left-sided pleural OEDEMA, XXXX haemorrhage. Disks 2.5 cm.');
  const norms = (words) => words.map((w) => w.norm).join(' ');
  assert.equal(norms(r.tokens), 'findings : left - sided pleural edema , xxxx hemorrhage . discs 2.5 cm .');
  const words = wordsFromTokens(r.tokens);
  assert.equal(norms(words), 'findings : left sided pleural edema , xxxx hemorrhage . discs 2.5 cm .');
  // The same objects, not copies: a report's words cost no second object each.
  assert.ok(words.includes(r.tokens.find((t) => t.text === 'OEDEMA')));
  // Any other text splits as a report does.
  assert.equal(norms(wordsOf('Left-sided pleural OEDEMA, XXXX')), 'left sided pleural edema , xxxx');
});

test('"REASON FOR CT SCAN", "REASON FOR MRI", "REASON FOR ULTRASOUND" are the history; "CT SCAN" alone is no header of it', () => {
  for (const header of ['REASON FOR CT SCAN', 'REASON FOR MRI', 'Reason for ultrasound', 'REASON FOR SCAN'])
    assert.deepEqual(
      kinds(R.parseReport(`${header}: Headache.\n\nFINDINGS: No hemorrhage.\n\nIMPRESSION: Normal.`)),
      ['history', 'findings', 'impression'],
      header,
    );
  assert.notEqual(kinds(R.parseReport('REASON FOR CT SCAN WAS UNCLEAR: Headache.\nFINDINGS: No hemorrhage.'))[0], 'history');
});
