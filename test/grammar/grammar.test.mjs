// The Radiology Report grammar (syntaxes/radreport.tmLanguage.json), through vscode-textmate as VS
// Code runs it: the assertions in cases.test.rpt (vscode-tmgrammar-test), agreement with the parser
// over the examples (a header is a section header, a sub-heading a subsection), the generated
// critical terms up to date with the lexicon, and the default themes colouring the kinds apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root, report as R } from '../helpers/engine.mjs';
import { criticalEntry, generatedGrammar, GRAMMAR } from '../../scripts/gen-grammar.mjs';

const require = createRequire(import.meta.url);
const { createRegistry } = require('vscode-tmgrammar-test/dist/common/index.js');
const { parseGrammarTestCase, runGrammarTestCase } = require('vscode-tmgrammar-test/dist/unit/index.js');
const { getVSCodeTokens } = require('vscode-tmgrammar-test/dist/snapshot/index.js');

const SCOPE = 'text.radreport';
const HEADER = 'markup.heading.section.radreport';
const SUBSECTION = 'entity.name.type.subsection.radreport';
const registry = () => createRegistry([{ scopeName: SCOPE, path: GRAMMAR }]);

test('grammar: the assertions in cases.test.rpt hold', async () => {
  const source = readFileSync(path.join(root, 'test', 'grammar', 'cases.test.rpt'), 'utf8');
  const testCase = parseGrammarTestCase(source);
  const count = testCase.assertions.reduce((n, line) => n + line.scopeAssertions.length, 0);
  assert.ok(count >= 40, `only ${count} assertions`);
  const failures = await runGrammarTestCase(registry(), testCase);
  const described = failures.map(
    (f) => `line ${f.srcLine + 1} col ${f.start}-${f.end}: missing ${f.missing} / unexpected ${f.unexpected}, got ${f.actual}`,
  );
  assert.deepEqual(described, []);
});

test('grammar: a broken expectation is reported (the runner really checks)', async () => {
  const testCase = parseGrammarTestCase(`# SYNTAX TEST "${SCOPE}"\nNo left effusion.\n#  ^^^^ ${HEADER}\n`);
  const failures = await runGrammarTestCase(registry(), testCase);
  assert.equal(failures.length, 1);
});

/** Offsets (in the whole text) of the tokens that carry a scope. */
async function scopedStarts(text, scope) {
  const lines = await getVSCodeTokens(registry(), SCOPE, text);
  const starts = [];
  let offset = 0;
  for (const line of lines) {
    let previousEnd = -1;
    for (const token of line.tokens) {
      if (token.scopes.includes(scope) && token.startIndex !== previousEnd) starts.push(offset + token.startIndex);
      if (token.scopes.includes(scope)) previousEnd = token.endIndex;
    }
    offset += line.src.length + 1;
  }
  return starts;
}

test('grammar and parser agree over the examples: headers are sections, labels are subsections', async () => {
  const files = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.rpt'));
  assert.ok(files.length >= 3);
  let subsections = 0;
  for (const file of files) {
    const text = readFileSync(path.join(root, 'examples', file), 'utf8').replace(/\r\n/g, '\n');
    const parsed = R.parseReport(text);
    const headers = parsed.sections.filter((s) => s.header).map((s) => s.header.start);
    const labels = parsed.sections.flatMap((s) => s.subsections.map((sub) => sub.header.start));
    subsections += labels.length;
    assert.deepEqual(await scopedStarts(text, HEADER), headers, `${file}: section headers`);
    assert.deepEqual(await scopedStarts(text, SUBSECTION), labels, `${file}: sub-headings`);
  }
  assert.ok(subsections >= 8, `the examples have only ${subsections} sub-headings`);
});

test('grammar: the critical terms and the negated and hedged clauses are generated from the lexicon and up to date', () => {
  const grammar = JSON.parse(readFileSync(GRAMMAR, 'utf8'));
  assert.deepEqual(grammar, generatedGrammar(grammar), 'stale: run node scripts/gen-grammar.mjs');
  assert.deepEqual(grammar.repository.critical, criticalEntry());
  // And the generator follows the lexicon: a new critical finding appears in the pattern.
  const extra = criticalEntry({
    concepts: [
      { id: 'x', terms: ['splenic rupture'], critical: 'minutes' },
      { id: 'y', terms: ['cyst'] },
    ],
  });
  assert.match(extra.patterns[0].match, /splenic\\s\+rupture/);
  assert.doesNotMatch(extra.patterns[0].match, /cyst/);
});

// VS Code's default Dark+ and Light+ themes, as the tm-themes package (a devDependency) ships them,
// so this runs on every clean install, not only where the real editors are set up.
const loadTheme = (name) => require(`tm-themes/themes/${name}.json`).tokenColors;

test('grammar: Dark+ and Light+ colour each kind apart (headers and sides never share a colour)', async () => {
  const sample = ['FINDINGS:', 'Lungs: Left pneumothorax, 3 mm. No free air. Possible hemorrhage. [ ] XXXX'].join('\n');
  const kinds = {
    header: 'FINDINGS',
    subsection: 'Lungs',
    negation: 'No',
    side: 'Left',
    critical: 'pneumothorax',
    negatedCritical: 'free air',
    uncertainty: 'Possible',
    hedgedCritical: 'hemorrhage',
    measurement: '3 mm',
    placeholder: '[ ]',
    deidentified: 'XXXX',
  };
  for (const file of ['dark-plus', 'light-plus']) {
    const reg = registry();
    reg.setTheme({ settings: [{ settings: { foreground: '#000001', background: '#ffffff' } }, ...loadTheme(file)] });
    const colours = reg.getColorMap();
    const grammar = await reg.loadGrammar(SCOPE);
    let state = null;
    const looks = {};
    const lines = sample.split('\n');
    for (const line of lines) {
      const { tokens, ruleStack } = grammar.tokenizeLine2(line, state);
      state = ruleStack;
      for (let i = 0; i < tokens.length; i += 2) {
        const start = tokens[i];
        const end = i + 2 < tokens.length ? tokens[i + 2] : line.length;
        const meta = tokens[i + 1];
        const foreground = colours[(meta >>> 15) & 0x1ff];
        const fontStyle = (meta >>> 11) & 0xf;
        // A token in the text colour runs into the punctuation beside it: compare the words.
        const text = line
          .slice(start, end)
          .trim()
          .replace(/^[.,;]\s*|\s*[.,;]$/g, '');
        for (const [kind, word] of Object.entries(kinds)) if (text === word) looks[kind] = `${foreground}/${fontStyle}`;
      }
    }
    assert.deepEqual(Object.keys(looks).sort(), Object.keys(kinds).sort(), `${file}: tokens not found`);
    // Uncertainty is told by italics; every other kind by a colour of its own, not the text's.
    assert.match(looks.uncertainty, /\/1$/, `${file}: uncertainty is not italic (${looks.uncertainty})`);
    // A hedged critical finding: the critical colour, in italics. A denied one: not the alarm colour, the text's.
    const [criticalColour] = looks.critical.split('/');
    assert.equal(looks.hedgedCritical, `${criticalColour}/1`, `${file}: hedged critical finding`);
    assert.equal(looks.negatedCritical.split('/')[0], colours[1], `${file}: "No free air" is coloured ${looks.negatedCritical}`);
    const seen = new Map([[colours[1], 'plain text']]);
    for (const [kind, look] of Object.entries(looks)) {
      if (kind === 'uncertainty' || kind === 'hedgedCritical' || kind === 'negatedCritical') continue;
      const foreground = look.split('/')[0];
      assert.ok(!seen.has(foreground), `${file}: ${kind} has the colour of ${seen.get(foreground)} (${foreground})`);
      seen.set(foreground, kind);
    }
  }
});
