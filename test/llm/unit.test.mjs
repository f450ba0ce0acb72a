// Unit tests of the pure parts: anchoring, redaction, answer schema, cache, merging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { llm } from './helpers.mjs';

const TEXT =
  'FINDINGS: There is a moderate  left pleural effusion.\r\nNo pneumothorax.\r\nIMPRESSION: Moderate right pleural effusion.\r\n';

test('anchoring: exact quotes map to their exact range', () => {
  const a = llm.anchorQuote(TEXT, 'Moderate right pleural effusion.');
  assert.deepEqual(a, { start: TEXT.indexOf('Moderate right'), end: TEXT.indexOf('Moderate right') + 32, exact: true, occurrences: 1 });
  assert.equal(TEXT.slice(a.start, a.end), 'Moderate right pleural effusion.');
});

test('anchoring: white space, case, typographic quotes and a trailing stop are forgiven, not the words', () => {
  const a = llm.anchorQuote(TEXT, 'a MODERATE left pleural effusion');
  assert.equal(a.exact, false);
  assert.equal(TEXT.slice(a.start, a.end), 'a moderate  left pleural effusion');
  const b = llm.anchorQuote(TEXT, 'No pneumothorax.\nIMPRESSION:');
  assert.equal(TEXT.slice(b.start, b.end), 'No pneumothorax.\r\nIMPRESSION:');
  const c = llm.anchorQuote('He said \u201Cno change\u201D today.', 'said "no change" today..');
  assert.equal(c.exact, false);
  assert.equal(c.start, 3);
  assert.equal(llm.anchorQuote(TEXT, '"No pneumothorax."').exact, true, 'quotation marks around the quote are stripped');
  assert.equal(llm.anchorQuote(TEXT, 'moderate left pulmonary effusion'), undefined, 'a different word is not forgiven');
});

test('anchoring: a hallucinated or too short quote does not anchor; repeats are counted', () => {
  assert.equal(llm.anchorQuote(TEXT, 'Small pericardial effusion.'), undefined);
  assert.equal(llm.anchorQuote(TEXT, 'No'), undefined, 'two letters could be anywhere');
  assert.equal(llm.anchorQuote(TEXT, '  '), undefined);
  assert.equal(llm.anchorQuote(TEXT, 'pleural effusion').occurrences, 2);
});

test('redaction: every kind of identifier becomes a stable placeholder, and restores exactly', () => {
  const text = [
    'Patient: Jane Q. Doe   MRN: 00123456   DOB: 03/14/1961',
    'Accession #: AC-88213377',
    'EXAM: CT chest on January 5, 2024 at 14:35.',
    'Discussed with Dr. Alan Grant by phone at 555-867-5309 at 2:40 pm; Dr. Grant agreed.',
    'Copy to m.sattler@example.org, 42 Elm Street, Springfield, IL 62704. DR. IAN MALCOLM was paged.',
    'Ms. Doe was told on 2024-01-06.',
  ].join('\n');
  const r = llm.redact(text);
  for (const id of [
    'IAN MALCOLM',
    'Jane Q. Doe',
    '00123456',
    '03/14/1961',
    'AC-88213377',
    'January 5, 2024',
    '14:35',
    'Alan Grant',
    '555-867-5309',
    '2:40 pm',
    'm.sattler@example.org',
    '42 Elm Street',
    'Springfield, IL 62704',
    '2024-01-06',
  ]) {
    assert.ok(!r.text.includes(id), `${id} leaked: ${r.text}`);
  }
  assert.ok(!/\bGrant\b|\bDoe\b/.test(r.text), r.text);
  assert.match(r.text, /Dr\. \[NAME_\d+\] agreed/);
  assert.match(r.text, /^Patient: \[NAME_1\]/);
  assert.match(r.text, /CT chest on \[DATE_\d+\] at \[TIME_\d+\]/, 'clinical words stay');
  // The same identifier gets the same placeholder every time.
  const grant = [...r.originals].filter(([, v]) => v === 'Grant');
  assert.equal(grant.length, 1);
  assert.equal(r.text.split(grant[0][0]).length - 1, 1);
  assert.equal(llm.restore(r.text, r.originals), text, 'restoring gives back the text exactly');
  assert.equal(llm.redact(text).text, r.text, 'deterministic');
});

test('redaction leaves clinical numbers alone', () => {
  const text =
    "A 1.5 x 2.3 cm nodule at the 10:00 position, 3 o'clock, L4-5 disc, T2 signal, 12 mm, grade 3/4, 120/80 mmHg, series 4 image 112. " +
    'MR angiography of the head. Mild MR present. MS plaques. MRS shows a lactate peak. DR in both eyes. ' +
    'Sinus cycle length 1114 ms. Corrected sinus node recovery was normal. ANA 1:40, titer <1:10. ABG 7.43/36/398. ' +
    'Seen at 11:30 on a clock face. the doctor was informed. No significant MR. Mitral inflow normal.';
  const r = llm.redact(text);
  assert.equal(r.count, 0, r.text);
  assert.equal(r.text, text);
});

test('redaction does not collide with placeholders already in the text', () => {
  const r = llm.redact('Dr. Smith wrote [NAME_1] by mistake.');
  assert.ok(!r.originals.has('[NAME_1]'));
  assert.equal(llm.restore(r.text, r.originals), 'Dr. Smith wrote [NAME_1] by mistake.');
});

test('loopback endpoints are not redacted under auto; others are', () => {
  for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:8080/v1', 'http://[::1]:8000/v1', 'http://api.localhost/v1']) {
    assert.equal(llm.isLoopback(url), true, url);
    assert.equal(llm.shouldRedact('auto', url), false, url);
    assert.equal(llm.shouldRedact('always', url), true, url);
  }
  for (const url of [
    'https://api.openai.com/v1',
    'http://10.0.0.5:11434/v1',
    'https://x.openai.azure.com',
    'http://127.0.0.1.nip.io/v1',
    'not a url',
  ]) {
    assert.equal(llm.isLoopback(url), false, url);
    assert.equal(llm.shouldRedact('auto', url), true, url);
    assert.equal(llm.shouldRedact('never', url), false, url);
  }
});

test('answer schema: plain, fenced and prose-wrapped JSON validate; bad issues are dropped and counted', () => {
  const issue = {
    category: 'laterality',
    severity: 'warning',
    quote: 'right pleural',
    message: 'Side differs.',
    suggestion: 'left pleural',
  };
  assert.equal(llm.parseAnswer(JSON.stringify({ issues: [issue] })).issues.length, 1);
  assert.equal(llm.parseAnswer('```json\n' + JSON.stringify({ issues: [issue] }) + '\n```').issues.length, 1);
  assert.equal(llm.parseAnswer('Sure! Here is the result: ' + JSON.stringify({ issues: [issue] }) + ' Hope it helps {').issues.length, 1);
  assert.equal(llm.parseAnswer(JSON.stringify([issue])).issues.length, 1, 'a bare array is taken as the issues');
  const mixed = llm.parseAnswer(
    JSON.stringify({
      issues: [issue, { ...issue, category: 'vibes' }, { ...issue, quote: 7 }, { message: 'x' }, { ...issue, severity: 'Information' }],
    }),
  );
  assert.equal(mixed.issues.length, 2);
  assert.equal(mixed.invalid, 3);
  assert.equal(mixed.issues[1].severity, 'info');
  assert.equal(llm.parseAnswer('{"issues": [ {"category": ').error, 'not-json');
  assert.equal(llm.parseAnswer('no json here').error, 'not-json');
  assert.equal(llm.parseAnswer('{"problems": []}').error, 'schema');
  assert.equal(llm.parseAnswer('{"issues": "none"}').error, 'schema');
  const many = llm.parseAnswer(JSON.stringify({ issues: Array.from({ length: llm.MAX_ISSUES + 5 }, () => issue) }));
  assert.equal(many.issues.length, llm.MAX_ISSUES);
  assert.equal(many.invalid, 5);
});

test('the JSON schema sent for structured output lists the contract categories', () => {
  const props = llm.ANSWER_JSON_SCHEMA.properties.issues.items.properties;
  assert.deepEqual(props.category.enum, [
    'laterality',
    'omission',
    'insertion',
    'contradiction',
    'sex-mismatch',
    'measurement',
    'critical',
    'communication',
    'spelling',
    'dictation',
    'placeholder',
    'structure',
    'style',
    'guideline',
  ]);
  assert.deepEqual(
    llm.ANSWER_JSON_SCHEMA.properties.issues.items.required.sort(),
    Object.keys(props).sort(),
    'strict mode: every property required',
  );
});

test('cache: keyed by model, prompt version and redacted text; least recently used leaves first', () => {
  const k = llm.cacheKey('m', 'v1', 'text');
  assert.equal(k, llm.cacheKey('m', 'v1', 'text'));
  assert.notEqual(k, llm.cacheKey('m2', 'v1', 'text'));
  assert.notEqual(k, llm.cacheKey('m', 'v2', 'text'));
  assert.notEqual(k, llm.cacheKey('m', 'v1', 'text2'));
  assert.notEqual(llm.cacheKey('a', 'bc', 't'), llm.cacheKey('ab', 'c', 't'), 'fields are separated');
  const cache = new llm.AnswerCache(2);
  cache.set('a', { issues: [], invalid: 0 });
  cache.set('b', { issues: [], invalid: 1 });
  assert.ok(cache.get('a'));
  cache.set('c', { issues: [], invalid: 2 });
  assert.equal(cache.size, 2);
  assert.equal(cache.get('b'), undefined, 'b was least recently used');
  assert.ok(cache.get('a') && cache.get('c'));
});

test('merging: severity capped, rule duplicates dropped, a fix only for an exact, unique replacement', () => {
  const text = 'FINDINGS: Left effusion. Left effusion.\nIMPRESSION: Right effusion. Normal heart.\n';
  const rule = {
    rule: 'laterality-mismatch',
    category: 'laterality',
    severity: 'error',
    message: 'x',
    start: text.indexOf('Right'),
    end: text.indexOf('Right') + 5,
    source: 'rules',
  };
  const issues = [
    { category: 'laterality', severity: 'error', quote: 'Right effusion', message: 'Side differs.', suggestion: 'Left effusion' },
    { category: 'insertion', severity: 'error', quote: 'Right effusion.', message: 'Not in findings.', suggestion: 'Left effusion.' },
    { category: 'style', severity: 'info', quote: 'normal heart', message: 'Say what is normal.', suggestion: 'Normal heart size' },
    { category: 'omission', severity: 'warning', quote: 'Left effusion.', message: 'Repeated.', suggestion: 'Left effusion' },
    {
      category: 'contradiction',
      severity: 'warning',
      quote: 'Normal heart.',
      message: 'Consider.',
      suggestion: 'Consider adding the heart size',
    },
    { category: 'contradiction', severity: 'warning', quote: 'Absent spleen.', message: 'Hallucinated.', suggestion: null },
  ];
  const { problems, unanchored, duplicates } = llm.issuesToProblems(text, issues, new Map(), [rule], 'warning');
  assert.equal(unanchored, 1);
  assert.equal(duplicates, 1, 'the laterality issue overlaps the laterality rule problem');
  assert.equal(problems.length, 4);
  for (const p of problems) {
    assert.equal(p.source, 'llm');
    assert.equal(p.rule, 'ai-review');
    assert.match(p.message, /^AI suggestion: /);
    assert.notEqual(p.severity, 'error', 'capped at warning');
  }
  const insertion = problems.find((p) => p.category === 'insertion');
  assert.deepEqual(insertion.fixes[0].edits, [
    { start: text.indexOf('Right'), end: text.indexOf('Right') + 15, newText: 'Left effusion.' },
  ]);
  assert.equal(problems.find((p) => p.category === 'style').fixes.length, 0, 'case-normalised anchor: no fix');
  assert.equal(problems.find((p) => p.category === 'omission').fixes.length, 0, 'quote occurs twice: no fix');
  assert.equal(problems.find((p) => p.category === 'contradiction').fixes.length, 0, 'advice is not replacement text');
});

test('merging: placeholders in the answer are restored before anchoring', () => {
  const text = 'Discussed with Dr. Alan Grant at 14:35.\n';
  const r = llm.redact(text);
  const name = [...r.originals].find(([, v]) => v === 'Alan Grant')[0];
  const time = [...r.originals].find(([, v]) => v === '14:35')[0];
  const { problems } = llm.issuesToProblems(
    text,
    [
      {
        category: 'communication',
        severity: 'info',
        quote: `Dr. ${name} at ${time}`,
        message: `Good: ${name} was told.`,
        suggestion: null,
      },
    ],
    r.originals,
    [],
    'warning',
  );
  assert.equal(problems.length, 1);
  assert.equal(text.slice(problems[0].start, problems[0].end), 'Dr. Alan Grant at 14:35');
  assert.equal(problems[0].message, 'AI suggestion: Good: Alan Grant was told.');
});

test('settings: defaults are off and local; a bad llm key falls back alone', async () => {
  const { parseSettings } = (await import('node:module')).createRequire(import.meta.url)('../../out/server/settings.js');
  const d = parseSettings({}).settings.llm;
  assert.equal(d.enabled, false);
  assert.equal(d.baseUrl, 'http://localhost:11434/v1');
  assert.equal(d.temperature, 0);
  assert.equal(d.run, 'onSave');
  const { settings, warnings } = parseSettings({ llm: { enabled: true, model: 'm', timeoutMs: -5 } });
  assert.equal(settings.llm.enabled, true);
  assert.equal(settings.llm.model, 'm');
  assert.equal(settings.llm.timeoutMs, 30000);
  assert.ok(warnings.some((w) => w.includes('radlint.llm.timeoutMs')));
});
