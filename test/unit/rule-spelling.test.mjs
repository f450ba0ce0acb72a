import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The two spelling rules alone (analyzeReport with just them) over parsed text.
const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
const { analyzeReport } = require(path.join(root, 'out/server/engine.js'));
const load = require(path.join(root, 'out/server/spelling/load.js'));
const { spelling } = require(path.join(root, 'out/server/rules/spelling.js'));
const { realWordConfusion } = require(path.join(root, 'out/server/rules/real-word-confusion.js'));
const { spellingFixes, spellingSuggestions } = require(path.join(root, 'out/server/spelling/suggestions.js'));
const { SpellChecker, matchCase } = require(path.join(root, 'out/server/spelling/checker.js'));

// Both spelling rules, with an unknown word's corrections as the code-action layer asks for them.
const checked = (text, { words = [], ignoreWords = [], ...options } = {}) => {
  const settings = { words, ignoredWords: ignoreWords, ruleOptions: { spelling: options } };
  return analyzeReport(parseReport(text), settings, [spelling, realWordConfusion]).problems;
};
const problems = (text, options) =>
  checked(text, options).map((p) => (p.word ? { ...p, fixes: spellingFixes(p.word, p.start, p.end) } : p));
const applyFix = (text, fix) =>
  [...fix.edits].sort((a, b) => b.start - a.start).reduce((out, e) => out.slice(0, e.start) + e.newText + out.slice(e.end), text);
const flagged = (text, options) => problems(text, options).map((p) => text.slice(p.start, p.end));

// Runs first (node:test keeps file order): nothing is loaded yet in this process.
test('before the dictionaries are loaded the rule reports no unknown words, and does not throw', () => {
  assert.equal(load.getSpellChecker(), undefined);
  assert.deepEqual(flagged('FINDINGS: Small pnuemothorax.'), []);
  // Real-word confusions need no dictionary.
  assert.deepEqual(flagged('FINDINGS: Thickening of the terminal ilium.'), ['ilium']);
});

test('loadSpelling loads once and reports where from', async () => {
  const first = load.loadSpelling();
  assert.equal(load.loadSpelling(), first);
  const info = await first;
  assert.ok(info.ms > 0);
  assert.ok(['prebuilt', 'packages'].includes(info.from));
  assert.deepEqual(info.dictionaries, ['core', 'radiology', 'medicalterms', 'en_US']);
  assert.ok(load.getSpellChecker());
  // The engine's prepareRules() calls the rule's prepare(), which is this same load.
  await spelling.prepare();
});

// (A misspelt finding word, "pnuemothorax", is a warning read as corrected: finding-typos.test.mjs.)
test('a misspelt medical word: info, best suggestion first and preferred, then add and ignore', () => {
  const text = 'FINDINGS: Small right silhuette.\nIMPRESSION: Silhuette.';
  const found = problems(text);
  assert.equal(found.length, 2);
  const [p, q] = found;
  assert.equal(p.rule, 'spelling');
  assert.equal(p.category, 'spelling');
  assert.equal(p.severity, 'info');
  assert.match(p.message, /silhuette/);
  const [best, ...rest] = p.fixes;
  assert.equal(best.title, 'Change to "silhouette"');
  assert.equal(best.isPreferred, true);
  assert.ok(rest.every((f) => !f.isPreferred));
  assert.equal(applyFix(text, best), 'FINDINGS: Small right silhouette.\nIMPRESSION: Silhuette.');
  // The capitalised word gets a capitalised suggestion.
  assert.equal(q.fixes[0].edits[0].newText, 'Silhouette');
  // The word travels with the problem; the LSP layer offers "Add to dictionary" and "Ignore" for it.
  assert.equal(p.word, 'silhuette');
  assert.ok(p.fixes.every((f) => f.edits.length === 1 && f.applicability === 'unsafe'));
});

test('the check computes no corrections: the hint is the nearest word, the same on every check', () => {
  const text = 'FINDINGS: Small right silhuette. Zorblattish sign.';
  const [p, q] = checked(text);
  assert.equal(p.fixes, undefined, 'corrections come from spellingFixes when asked for');
  assert.equal(p.message, 'Unknown word "silhuette". Did you mean "silhouette"?');
  assert.equal(spellingSuggestions('silhuette')[0], 'silhouette', 'the hint is the first correction');
  // Nothing one edit away: no hint, whatever the time budget of the wider search finds.
  assert.equal(q.message, 'Unknown word "Zorblattish".');
  assert.deepEqual(checked(text), [p, q]);
  assert.deepEqual(spellingFixes('silhuette', 5, 14)[0].edits, [{ start: 5, end: 14, newText: 'silhouette' }]);
});

test('the four kinds of typo in medical words are caught with the right word first', () => {
  const cases = [
    ['atelectsais', 'atelectasis'], // swap
    ['cardiomegly', 'cardiomegaly'], // drop
    ['hemidiaphragmm', 'hemidiaphragm'], // double
    ['consolidatiom', 'consolidation'], // substitute
    ['ateral', 'lateral'], // drop of the first letter
    ['costophrenc', 'costophrenic'],
    ['medistinum', 'mediastinum'],
  ];
  for (const [typo, word] of cases) {
    const [p] = problems(`FINDINGS: ${typo} is noted.`);
    assert.ok(p, typo);
    assert.equal(p.fixes[0].edits[0].newText, word, typo);
  }
});

test('no alarm on de-identified text, abbreviations, numbers, units and eponyms', () => {
  const clean = [
    'The cardiac silhouette and mediastinum size are within normal limits. There are no XXXX of a pleural effusion.',
    'Normal chest x-XXXX. XXXX-year-old male. XXXXing XXXX.',
    'CT and MRI of the chest; PA and lateral views; COPD; BI-RADS 2; CTPA; MRIs and CTs.',
    'A 5 mm nodule; 3.2 x 2.1 cm; 5mm; 10 mL; 120 kVp; T2-weighted images; L4-5 and C5-C6 disc bulges; T12 compression.',
    "Kerley B lines. Schmorl's nodes. A Hill-Sachs defect. Salter-Harris II fracture. Baker's cyst. Morison's pouch.",
    'Hyperexpanded lungs, midlung atelectasis and bibasilar opacities; subsegmental atelectasis; retrocardiac opacity.',
    'Sternotomy wires and a left-sided pacemaker; the PICC tip is in the SVC; endotracheal tube 4 cm above the carina.',
    'Discussed with Dr. Xanthopoulos by telephone; see www.example.org/radlint.html.',
    'Ill-defined, well-circumscribed, non-specific and ground-glass opacities; epicondylo-olecranon ligament.',
  ];
  for (const text of clean) assert.deepEqual(flagged(text), [], text);
});

test('mixed-case typos are checked; all-caps abbreviations are not', () => {
  assert.deepEqual(flagged('FINDINGS: PPulmonary vascularity is normal. BIRADS, LIRADS.'), ['PPulmonary']);
});

test('a hyphenated compound is checked part by part, and the misspelt part is the range', () => {
  const text = 'FINDINGS: Well-defnied nodule.';
  const [p] = problems(text);
  assert.equal(text.slice(p.start, p.end), 'defnied');
  assert.equal(p.fixes[0].edits[0].newText, 'defined');
});

test('options: added words and words ignored in this report are silent, in any case', () => {
  const text = 'FINDINGS: Zorblatt sign. Quuxoid mass.';
  assert.deepEqual(flagged(text), ['Zorblatt', 'Quuxoid']);
  assert.deepEqual(flagged(text, { words: ['zorblatt'] }), ['Quuxoid']);
  assert.deepEqual(flagged(text, { words: ['zorblatt'], ignoreWords: ['QUUXOID'] }), []);
  // Malformed options are ignored rather than thrown on.
  assert.deepEqual(flagged(text, { words: 'zorblatt', ignoreWords: [42] }), ['Zorblatt', 'Quuxoid']);
});

test('SpellChecker ranks equal-cost suggestions by dictionary order and keeps the case', () => {
  const fake = (words) => ({
    hasWord: (w) => words.includes(w),
    suggestWithCost: (w) => words.filter((x) => x !== w).map((x) => ({ word: x, cost: 100 })),
  });
  const checker = new SpellChecker([
    { name: 'core', trie: fake(['normal']) },
    { name: 'en', trie: fake(['nodal', 'normal', 'moral']) },
  ]);
  assert.equal(checker.isKnown('Normal'), true);
  assert.equal(checker.isKnown('nomal'), false);
  // One edit away beats the rest; on equal cost the earlier dictionary wins.
  assert.deepEqual(
    checker.suggest('Nomal', 3).map((s) => s.word),
    ['Normal', 'Nodal'],
  );
  assert.equal(matchCase('effusion', 'EFUSION'), 'EFFUSION');
  assert.equal(matchCase('Kerley', 'kerly'), 'Kerley');
});

test('a flood of unknown words is capped at 100 problems', () => {
  const text = Array.from(
    { length: 300 },
    (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i / 26) | 0))}xv`,
  ).join(' ');
  const found = problems(text);
  assert.equal(found.length, 100);
});

test('any text: no throw, and every problem covers letters of the text exactly', async () => {
  const fc = (await import('fast-check')).default;
  const alphabet = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzXABC -'’.,:;/\n\r\t0123456789éü");
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 200 }).map((cs) => cs.join('')),
      (text) => {
        for (const p of problems(text)) {
          assert.ok(p.start >= 0 && p.end <= text.length && p.start < p.end);
          assert.match(text.slice(p.start, p.end), /^\p{L}[\p{L}'’]*$/u);
          for (const fix of p.fixes) for (const e of fix.edits) assert.ok(e.start === p.start && e.end === p.end);
        }
      },
    ),
    { numRuns: 300 },
  );
});
