#!/usr/bin/env node
// npm run eval:spelling — the `spelling` rule on real reports (../shared/data, read at run time).
//
//  1. Injected typos: in each report one medical word (in the medical-terms or radiology list,
//     6+ letters) gets one typo: swap, drop, double or substitute a letter (seeded, so every run
//     is the same). Caught = a spelling problem covers the word; top-3 = the original word is
//     among the first three corrections spellingSuggestions() gives for it (what the quick fixes
//     offer; the check itself computes none).
//  2. Untouched reports: spelling problems per report (each is a false alarm unless the source
//     really has a typo; --show N prints N of them, drawn at random, to read).
//  3. Timing: dictionary load, per-report check, a 500-word report.
//
// Options: --show N (default 50), --seed S, --words (print the most frequent flagged words).
// Build first: npx tsc -b (and node scripts/copy-dicts.mjs for the fast dictionary load).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, haveData, iuReports, mtReports } from './lib/corpus.mjs';
import { rng } from './lib/random.mjs';
import { quantile } from './lib/stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

if (!haveData) {
  console.log(`eval:spelling skipped: the shared data is not at ${dataDir} (needs IU X-ray and MTSamples radiology).`);
  process.exit(0);
}
if (!existsSync(join(root, 'out', 'server', 'rules', 'spelling.js'))) {
  console.error('eval:spelling: build first (npx tsc -b).');
  process.exit(2);
}

const args = process.argv.slice(2);
const argValue = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const SHOW = Number(argValue('--show', '50'));
const SEED = Number(argValue('--seed', '20261128'));
const SHOW_WORDS = args.includes('--words');

const { loadSpelling, getSpellChecker } = require(join(root, 'out/server/spelling/load.js'));
const { spelling } = require(join(root, 'out/server/rules/spelling.js'));
const { realWordConfusion } = require(join(root, 'out/server/rules/real-word-confusion.js'));
const { spellingSuggestions } = require(join(root, 'out/server/spelling/suggestions.js'));
const { parseReport } = require(join(root, 'out/server/report/index.js'));
const { analyzeReport } = require(join(root, 'out/server/engine.js'));

const loadIu = () => iuReports({ requireBoth: false }).map((r) => ({ corpus: 'IU X-ray', id: `iu:${r.uid}`, text: r.text }));
const loadMt = () => mtReports().map((r) => ({ corpus: 'MTSamples', id: `mt:${r.id}`, text: r.text }));

// Both spelling rules: unknown words, then real-word confusions (one rule until they were split).
const check = (text) => {
  const report = parseReport(text);
  return [spelling, realWordConfusion].flatMap((rule) => analyzeReport(report, {}, [rule]).problems);
};
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(headers));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

// ---- typo injection --------------------------------------------------------------------------

const KINDS = ['swap', 'drop', 'double', 'substitute'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function mutate(word, kind, random) {
  const n = word.length;
  const at = (k) => Math.floor(random() * k);
  switch (kind) {
    case 'swap': {
      const i = at(n - 1);
      if (word[i] === word[i + 1]) return null;
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    }
    case 'drop': {
      const i = at(n);
      return word.slice(0, i) + word.slice(i + 1);
    }
    case 'double': {
      const i = at(n);
      return word.slice(0, i + 1) + word[i] + word.slice(i + 1);
    }
    default: {
      const i = at(n);
      const c = LETTERS[at(26)];
      if (c === word[i].toLowerCase()) return null;
      return word.slice(0, i) + (i === 0 && word[0] !== word[0].toLowerCase() ? c.toUpperCase() : c) + word.slice(i + 1);
    }
  }
}

// ---- run -------------------------------------------------------------------------------------

const loadInfo = await loadSpelling();
const checker = getSpellChecker();
const medical = checker.tries.filter((t) => t.name !== 'en_US');
const isMedicalWord = (w) => medical.some(({ trie }) => trie.hasWord(w, true) || trie.hasWord(w.toLowerCase(), false));

const reports = [...loadIu(), ...loadMt()];
const corpora = ['IU X-ray', 'MTSamples'];

// Untouched reports: false alarms (and, for the timing table, per-report time after warm-up).
for (const r of reports) check(r.text); // warm-up: JIT, and the word memo that a running server also has
const flagged = [];
const perReportMs = [];
const flaggedPerCorpus = new Map(corpora.map((c) => [c, { reports: 0, problems: 0, confusions: 0 }]));
for (const r of reports) {
  const t0 = performance.now();
  const problems = check(r.text);
  perReportMs.push(performance.now() - t0);
  const stats = flaggedPerCorpus.get(r.corpus);
  stats.reports++;
  stats.problems += problems.length;
  stats.confusions += problems.filter((p) => p.severity === 'warning').length;
  for (const p of problems) flagged.push({ report: r, problem: p });
}

// Injected typos: one per report, the kind cycling so each kind gets a quarter.
const random = rng(SEED);
const results = [];
let realWordMutations = 0;
const typoReportMs = []; // each of these reports holds a word never seen before: check, then its corrections
let mutations = 0;
reports.forEach((r, index) => {
  const report = parseReport(r.text);
  const clean = new Set(check(r.text).map((p) => p.start));
  const candidates = report.tokens.filter((t, i) => {
    if (t.kind !== 'word' || !/^\p{Ll}+$|^\p{Lu}\p{Ll}+$/u.test(t.text) || t.text.length < 6) return false;
    if (/[\p{L}\p{N}]/u.test(r.text[t.start - 1] ?? '') || /[\p{L}\p{N}]/u.test(r.text[t.end] ?? '')) return false;
    if (/^(?:dr|mr|mrs|ms)$/i.test(report.tokens[i - 1]?.text ?? '') || /^(?:dr|mr|mrs|ms)$/i.test(report.tokens[i - 2]?.text ?? ''))
      return false;
    return !clean.has(t.start) && isMedicalWord(t.text);
  });
  if (candidates.length === 0) return;
  const kind = KINDS[index % KINDS.length];
  const target = candidates[Math.floor(random() * candidates.length)];
  // A typo that makes another real word ("ilium" for "ileum") is invisible to any dictionary:
  // count how often that happens, then draw again, so the table measures non-word typos.
  let typo = null;
  for (let attempt = 0; attempt < 20 && !typo; attempt++) {
    const m = mutate(target.text, kind, random);
    if (!m) continue;
    mutations++;
    if (checker.isKnown(m)) {
      realWordMutations++;
      continue;
    }
    typo = m;
  }
  if (!typo) return;
  const text = r.text.slice(0, target.start) + typo + r.text.slice(target.end);
  const end = target.start + typo.length;
  const t0 = performance.now();
  const found = check(text);
  const hit = found.find((p) => p.start < end && p.end > target.start);
  const suggestions = hit?.word ? spellingSuggestions(hit.word).map((w) => w.toLowerCase()) : [];
  typoReportMs.push(performance.now() - t0);
  results.push({
    corpus: r.corpus,
    kind,
    word: target.text,
    typo,
    caught: !!hit,
    top3: suggestions.slice(0, 3).includes(target.text.toLowerCase()),
    top1: suggestions[0] === target.text.toLowerCase(),
  });
});

// Real-word confusions: the right word in a real sentence replaced by its confusable twin
// ("pleural" -> "plural"). Caught = the rule flags it and offers the original word back.
const { CONFUSIONS } = require(join(root, 'out/server/spelling/confusions.js'));
const confusionResults = new Map();
for (const c of CONFUSIONS) {
  const pattern = new RegExp(`\\b${c.right}\\b`, 'i');
  const stats = { n: 0, caught: 0 };
  for (const r of reports) {
    const m = pattern.exec(r.text);
    if (!m) continue;
    const wrong = m[0][0] === m[0][0].toUpperCase() ? c.wrong[0].toUpperCase() + c.wrong.slice(1) : c.wrong;
    const text = r.text.slice(0, m.index) + wrong + r.text.slice(m.index + m[0].length);
    const hit = check(text).find((p) => p.start === m.index && p.severity === 'warning');
    stats.n++;
    if (hit && hit.fixes[0].edits[0].newText.toLowerCase() === c.right) stats.caught++;
  }
  confusionResults.set(`${c.right} -> ${c.wrong}`, stats);
}

// ---- report ----------------------------------------------------------------------------------

console.log(`\nRadLint eval:spelling — seed ${SEED}`);
console.log(`Dictionaries: ${loadInfo.dictionaries.join(', ')} (loaded from ${loadInfo.from}) in ${loadInfo.ms.toFixed(0)} ms`);
if (loadInfo.from !== 'prebuilt') console.log('  (run `node scripts/copy-dicts.mjs` for the prebuilt binary tries the bundle ships)');

console.log('\nInjected typos (one medical word per report; non-word typos)');
const rows = [];
const summarize = (label, rs) => [
  label,
  rs.length,
  pct(rs.filter((x) => x.caught).length, rs.length),
  pct(rs.filter((x) => x.top1).length, rs.length),
  pct(rs.filter((x) => x.top3).length, rs.length),
];
for (const kind of KINDS)
  rows.push(
    summarize(
      kind,
      results.filter((x) => x.kind === kind),
    ),
  );
for (const corpus of corpora)
  rows.push(
    summarize(
      corpus,
      results.filter((x) => x.corpus === corpus),
    ),
  );
rows.push(summarize('all', results));
table(['typos', 'n', 'caught (target ≥95%)', 'right word 1st', 'right word in top 3 (target ≥85%)'], rows);
console.log(
  `Mutations that happened to make another dictionary word (redrawn): ${realWordMutations} of ${mutations} (${pct(realWordMutations, mutations)})`,
);

console.log('\nUntouched reports: spelling problems per report (target ≤0.05)');
const fpRows = corpora.map((c) => {
  const s = flaggedPerCorpus.get(c);
  return [c, s.reports, s.problems, s.confusions, (s.problems / s.reports).toFixed(3)];
});
const all = [...flaggedPerCorpus.values()].reduce(
  (a, s) => ({ reports: a.reports + s.reports, problems: a.problems + s.problems, confusions: a.confusions + s.confusions }),
  { reports: 0, problems: 0, confusions: 0 },
);
fpRows.push(['all', all.reports, all.problems, all.confusions, (all.problems / all.reports).toFixed(3)]);
table(['corpus', 'reports', 'problems', 'of which confusions', 'per report'], fpRows);

console.log('\nReal-word confusions injected (the first occurrence of the right word in each report that has it)');
table(
  ['right -> written', 'reports', 'caught'],
  [...confusionResults].map(([k, v]) => [k, v.n, v.n ? pct(v.caught, v.n) : '(no report has it)']),
);
console.log('A confusion is only raised when its sentence settles the meaning, so recall is bounded by the context cues.');

// A 500-word report: real report text strung together.
let long = '';
for (const r of reports) {
  if (long.split(/\s+/).length >= 500) break;
  if (r.corpus === 'IU X-ray') long += r.text + '\n';
}
long = long
  .split(/(?<=\s)/)
  .slice(0, 500)
  .join('');
for (let i = 0; i < 20; i++) check(long);
const longTimes = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  check(long);
  longTimes.push(performance.now() - t0);
}
console.log('\nTiming (after warm-up; parse + spelling rules; a new misspelling also gets its corrections)');
table(
  ['measure', 'ms'],
  [
    ['dictionary load', loadInfo.ms.toFixed(1)],
    ['per report, median', quantile(perReportMs, 0.5).toFixed(3)],
    ['per report, p95', quantile(perReportMs, 0.95).toFixed(3)],
    ['per report, max', Math.max(...perReportMs).toFixed(3)],
    ['500-word report, median of 200', quantile(longTimes, 0.5).toFixed(3)],
    ['report with a new misspelling, median', quantile(typoReportMs, 0.5).toFixed(3)],
    ['report with a new misspelling, p95', quantile(typoReportMs, 0.95).toFixed(3)],
  ],
);

if (SHOW_WORDS) {
  const counts = new Map();
  for (const { report, problem } of flagged) {
    const w = report.text.slice(problem.start, problem.end).toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  console.log('\nMost frequent flagged words:');
  console.log(
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 200)
      .map(([w, n]) => `${w} ${n}`)
      .join(', '),
  );
  const misses = results.filter((x) => !x.top3).slice(0, 80);
  console.log('\nMissed top-3 (word <- typo):');
  console.log(misses.map((x) => `${x.word}<-${x.typo}${x.caught ? '' : ' (not caught)'}`).join(', '));
}

if (SHOW > 0 && flagged.length > 0) {
  // A random sample, to read by eye: is it a real typo in the source, or a false alarm?
  const pick = rng(SEED + 1);
  const sample = flagged
    .map((f) => ({ f, k: pick() }))
    .sort((a, b) => a.k - b.k)
    .slice(0, SHOW)
    .map((x) => x.f);
  console.log(`\n${sample.length} of ${flagged.length} problems on untouched reports, drawn at random:`);
  for (const { report, problem } of sample) {
    const before = report.text.slice(Math.max(0, problem.start - 50), problem.start).replace(/\s+/g, ' ');
    const after = report.text.slice(problem.end, problem.end + 50).replace(/\s+/g, ' ');
    console.log(`  ${report.id.padEnd(9)} …${before}[[${report.text.slice(problem.start, problem.end)}]]${after}…  — ${problem.message}`);
  }
}
