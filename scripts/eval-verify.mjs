// npm run eval:verify: the verifier (rewrite/index.ts verify) on real reports. (1) How often each
// rewrite is still offered, chest films and CT/MRI/US apart, with the most common refusal. (2) Each
// faithful rewrite mutated one way at a time (a clause dropped, a hedge dropped, severity raised, a
// side flipped, a number, unit or level changed, a finding, recommendation or normal statement added,
// a negation flipped, a time word changed, a count raised, a count range cut to one end, a disc level moved, a new finding told as old): how
// many the verifier rejects, and with the right reason.
// Prints figures; asserts nothing. VERIFY_SEED=n draws other reports and mutations (default 18); VERIFY_MISSES=1 lists
// accepted mutations, VERIFY_WRONG=1 those refused for another reason than the one they make.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dataDir, haveData, rewriteGroups } from './lib/corpus.mjs';
import { drawsFrom, rng } from './lib/random.mjs';
import { droppedMeaning } from './lib/dropped-meaning.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, verify, REWRITE_KINDS } = require(path.join(root, 'out/server/rewrite/index.js'));
const { readText, readClause, leansOn } = require(path.join(root, 'out/server/rewrite/clauses.js'));
const { ORGANS } = require(path.join(root, 'out/server/rewrite/verify-clauses.js'));

if (!haveData) {
  console.log(`eval:verify skipped: no data at ${dataDir}`);
  process.exit(0);
}
const PER_GROUP = Number(process.env.VERIFY_SAMPLE ?? 300);
const random = rng(Number(process.env.VERIFY_SEED ?? 18));
// The leaning-sentence mutation draws apart, so the other mutations draw as they did before it was added.
const moveRandom = rng(Number(process.env.VERIFY_SEED ?? 18) + 1);
// The count, spine-level-pair and new-to-old mutations draw apart too (added later; the rows before keep their draws).
const extraRandom = rng(Number(process.env.VERIFY_SEED ?? 18) + 2);
// The count range cut draws apart as well (added after those).
const rangeRandom = rng(Number(process.env.VERIFY_SEED ?? 18) + 3);
const draws = drawsFrom(random);
const groups = rewriteGroups(PER_GROUP, draws);
// VERIFY_KINDS=impression,summary and VERIFY_ONLY='drop clause': a part of the tables, to read misses faster.
const KINDS = process.env.VERIFY_KINDS ? process.env.VERIFY_KINDS.split(',') : REWRITE_KINDS;
const ONLY = process.env.VERIFY_ONLY ? new Set(process.env.VERIFY_ONLY.split(',')) : null;

// ---------------------------------------------------------------------------------------------
// Mutations of a candidate text: each finds its place in the part of the text the rewrite wrote.

const swap = (re, to) => (text, at) => {
  const hits = [...text.slice(at.start, at.end).matchAll(re)];
  if (!hits.length) return null;
  const m = hits[Math.floor(random() * hits.length)];
  const start = at.start + m.index;
  return text.slice(0, start) + to(m) + text.slice(start + m[0].length);
};
/** `swap` drawing from its own generator (for the mutations added after the others). */
const swapApart = (re, to) => (text, at) => {
  const hits = [...text.slice(at.start, at.end).matchAll(re)];
  if (!hits.length) return null;
  const m = hits[Math.floor(extraRandom() * hits.length)];
  const start = at.start + m.index;
  return text.slice(0, start) + to(m) + text.slice(start + m[0].length);
};
const COUNT_UP = {
  one: 'two',
  single: 'two',
  two: 'three',
  three: 'four',
  four: 'five',
  five: 'six',
  several: 'numerous',
  few: 'many',
  multiple: 'two',
};
const SPINE_ORDER = [
  'C1',
  'C2',
  'C3',
  'C4',
  'C5',
  'C6',
  'C7',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'T10',
  'T11',
  'T12',
  'L1',
  'L2',
  'L3',
  'L4',
  'L5',
  'S1',
];
/** "L4-5" -> "L5-S1", "C5-C6" -> "C6-C7": the disc level one below, written whole. */
const PAIR_DOWN = (m) => {
  const i = SPINE_ORDER.indexOf(`${m[1].toUpperCase()}${m[2]}`);
  return i < 0 || i + 2 >= SPINE_ORDER.length ? m[0] : `${SPINE_ORDER[i + 1]}-${SPINE_ORDER[i + 2]}`;
};
const appendLine = (line) => (text, at) => text.slice(0, at.end) + `\n${line}` + text.slice(at.end);
const SEVERITY_UP = {
  trace: 'large',
  tiny: 'large',
  minimal: 'severe',
  mild: 'severe',
  small: 'large',
  moderate: 'severe',
  slight: 'marked',
};
const ROMAN_UP = { I: 'II', II: 'III', III: 'IV', IV: 'V' };
const GRADE_UP = (v) => ROMAN_UP[v.toUpperCase()] ?? String(Number(v) + 1);
const LEVEL_UP = (m) => `${m[1]}${Number(m[2]) + 1}`;
// A summary line or a report sentence left out.
const DROP = {
  reason: /drops|leaves out/,
  summary: swap(/^- There (?:is|are|may|is likely)[^\n]*\n|^The report also says: [^\n]*\n/gm, () => ''),
  report: swap(/(?<=[.:]\s)[A-Z][^.\n]{12,}\.\s?/g, () => ''),
};
/** The sentence moveLeaning moved leans, in the report too, on the sentence before it there. */
function leansInSource(source) {
  const src = readText(source);
  const i = src.findIndex((c) => c.text === movedSentence);
  return i > 0 && src[i - 1].sectionIndex === src[i].sectionIndex && leansOn(src[i], src[i - 1].text, ORGANS);
}

/**
 * Restructure: a sentence leaning on the one before it under its field ("The thickening is more pronounced …"
 * after "The bronchial walls are thickened.") moved to the end of another field's line, whose label it does not name.
 */
let movedSentence = '';
function moveLeaning(text, at) {
  const clauses = readText(text).filter((c) => c.section === 'findings' && c.start >= at.start && c.end <= at.end);
  const leaning = clauses.filter((c, i) => {
    const before = clauses[i - 1];
    return (
      i > 0 &&
      !!c.field &&
      before.field === c.field &&
      /^[A-Z]/.test(c.text) &&
      /\.$/.test(c.text) &&
      /^[ \t]+$/.test(text.slice(before.end, c.start)) &&
      leansOn(c, before.text, ORGANS)
    );
  });
  if (!leaning.length) return null;
  const c = leaning[Math.floor(moveRandom() * leaning.length)];
  movedSentence = c.text;
  const said = ` ${c.text.toLowerCase()} `;
  const names = (field) => field.split(/[^a-z]+/).some((w) => w.length > 3 && said.includes(w.slice(0, 5)));
  const lines = [...text.slice(at.start, at.end).matchAll(/^[ \t]*([A-Za-z][A-Za-z0-9 ,/&()'-]{0,48}):[^\n]*$/gm)]
    .map((m) => ({ end: at.start + m.index + m[0].length, field: m[1].toLowerCase(), start: at.start + m.index }))
    .filter((l) => l.field !== c.field && !names(l.field) && !/impression|findings/.test(l.field) && (l.end <= c.start || l.start > c.end));
  if (!lines.length) return null;
  const to = lines[Math.floor(moveRandom() * lines.length)];
  // Two edits of the text as it stands, the later one first: the sentence cut out, and put after the field's label.
  const from = text.slice(0, c.start).replace(/[ \t]+$/, '').length;
  const blank = /\[\s*\]\s*$/.exec(text.slice(to.start, to.end));
  const put = blank ? { start: to.start + blank.index, end: to.end, text: c.text } : { start: to.end, end: to.end, text: ` ${c.text}` };
  const edits = [{ start: from, end: c.end, text: '' }, put].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

const MUTATIONS = {
  // A drop of meaning only: a line that repeats another, or speaks of a normal organ, drops nothing.
  'drop clause': { ...DROP, real: (source, line, at) => droppedMeaning(at, { worthyOnly: true }) },
  // The same drops, counting any finding the engine reads as there, also moderate or chronic ones it does not call significant.
  'drop clause (any content)': {
    ...DROP,
    real: (source, line, at) => at.kind !== 'restructure' && droppedMeaning(at, { worthyOnly: false }),
  },
  'drop hedge': {
    reason: /hedge|certain|possible|question/,
    // Not "a score of 8 out of possible 8": a hedge is on a word.
    all: swap(
      /\b(possible|possibly|probable|probably|likely|may represent|may be|suspicious for|concerning for|consistent with|compatible with|questionable|suggestive of)\s(?!\d)/gi,
      () => '',
    ),
    // A real drop: the sentence keeps no other hedge ("suggestive of A or possibly B" still hedges B),
    // and it says something the report never states as certain ("Probable appendicitis" -> "Acute
    // appendicitis." where the impression says "Acute appendicitis." changes nothing).
    real: (source, changedLine) => {
      // A summary line speaks of the report terms it names in brackets or quotes; its plain words are the patient's.
      const named = [...changedLine.matchAll(/\(([^()]+)\)|"([^"]+)"/g)].map((m) => m[1] ?? m[2]).join('; ');
      const line =
        named && /^- |^The report/.test(changedLine)
          ? `${changedLine.match(/\b(?:may|likely|possibly)\b/i)?.[0] ?? ''} ${named}`
          : changedLine;
      const c = readClause(line, { start: 0, end: line.length }, 'impression', null);
      const certain = new Set(
        readText(source)
          .filter((s) => !['history', 'exam', 'technique', 'comparison'].includes(s.section))
          .flatMap((s) => s.words.filter((w) => !s.hedged.has(w) && !s.negated.has(w))),
      );
      return c.hedges.length === 0 && c.words.some((w) => !certain.has(w)) && !saidIn(source, named || changedLine);
    },
  },
  'raise severity': {
    reason: /severity/,
    all: swap(/\b(trace|tiny|minimal|mild|small|moderate|slight)\b/gi, (m) => SEVERITY_UP[m[1].toLowerCase()]),
  },
  'flip side': { reason: /side/, all: swap(/\b(left|right)\b/gi, (m) => (m[1].toLowerCase() === 'left' ? 'right' : 'left')) },
  'change number': {
    reason: /size|number|changes/,
    all: swap(/\b(\d+(?:\.\d+)?)(\s?(?:mm|cm|millimeters?|centimeters?))\b/gi, (m) => `${(Number(m[1]) * 1.5).toFixed(1)}${m[2]}`),
  },
  'change unit': {
    reason: /size|number|changes/,
    all: swap(/\b(\d+(?:\.\d+)?)\s?(mm|cm)\b/g, (m) => `${m[1]} ${m[2] === 'mm' ? 'cm' : 'mm'}`),
  },
  // A level, or an MR sequence ("T1" for "T2").
  'change level': { reason: /level|sequence/, all: swap(/\b([CTL])(\d{1,2})\b/g, LEVEL_UP) },
  'add finding': {
    reason: /adds/,
    summary: appendLine('- There is a lump in the left kidney (renal mass). It measures about 3 centimeters.'),
    report: appendLine('There is a 3 cm mass in the left kidney.'),
  },
  'add recommendation': { reason: /adds|recommend/, summary: appendLine('- Recommend biopsy.'), report: appendLine('Recommend biopsy.') },
  // Only where the report states something significant and its impression no "no acute …" of its own.
  'add normal': {
    applies: (analysis) => {
      const clauses = readText(analysis.report.text);
      return clauses.some((c) => c.significant) && !clauses.some((c) => c.section === 'impression' && c.normal && !c.specificDenial);
    },
    reason: /normal|nothing is wrong|adds/,
    summary: appendLine('- The report found no sign of any problem.'),
    report: appendLine('No acute abnormality.'),
  },
  'flip negation': { reason: /den|states|adds|drops/, all: swap(/\bno (?=[a-z])/gi, () => '') },
  'change time': {
    reason: /time/,
    // The report's words and the summary's plain ones ("looks the same as on the last images").
    all: swap(
      /\b(unchanged|stable|new|chronic|old|increased|decreased|healed|remote|looks the same|larger|smaller|long-standing)\b/gi,
      (m) =>
        ({ new: 'unchanged', increased: 'unchanged', 'looks the same': 'looks larger', larger: 'smaller', smaller: 'larger' })[
          m[1].toLowerCase()
        ] ?? 'new',
    ),
  },
  // Restructure only: a sentence leaning on the one before it filed under another field.
  'move a leaning sentence': {
    kinds: ['restructure'],
    reason: /away from|speaks of/,
    report: moveLeaning,
    real: (source) => leansInSource(source),
  },
  // A count raised ("two" -> "three", "single" -> "two", "several" -> "numerous").
  'change count': {
    reason: /count|number|changes/,
    all: swapApart(/\b(one|single|two|three|four|five|several|few|multiple)\b/gi, (m) => COUNT_UP[m[1].toLowerCase()]),
  },
  // A disc level moved one down, written whole ("L4-5" -> "L5-S1", "C5-C6" -> "C6-C7").
  // (Not an empty template field, "C3-C4: [ ]": renamed, it says nothing of a level.)
  'change level pair': {
    reason: /level/,
    all: swapApart(/\b([CTL])(\d{1,2})-(?:[CTLS])?\d{1,2}\b/g, PAIR_DOWN),
    real: (source, line) => !/^[\s\d.)-]*[CTLS]\d{1,2}-[CTLS]?\d{1,2}:\s*(?:\[[^\]]*\]|_{3,}|\$\{[^}]*\})?\s*$/.test(line),
  },
  // A new finding told as old ("new" -> "old", "acute" -> "chronic").
  'change time new to old': {
    reason: /time/,
    all: swapApart(
      /\b(new|newly|acute|recent)\b/gi,
      (m) => ({ new: 'old', newly: 'previously', acute: 'chronic', recent: 'remote' })[m[1].toLowerCase()],
    ),
  },
  // A range or alternative count cut to one end ("one or two nodules" -> "two nodules", "2-3 lesions" -> "3 lesions").
  'cut count range': {
    reason: /count|number|size|changes/,
    all: (text, at) => {
      const hits = [
        ...text
          .slice(at.start, at.end)
          .matchAll(
            /(?<![-\w/:.]|from )\b(one|two|three|four|five|several|few|\d+)(\s?(?:-|–|to|or)\s?)(two|three|four|five|six|many|multiple|numerous|\d+)\b(?![-/:.]\d)(?=\s?[a-z])/gi,
          ),
      ];
      if (!hits.length) return null;
      const m = hits[Math.floor(rangeRandom() * hits.length)];
      const start = at.start + m.index;
      return text.slice(0, start) + m[3] + text.slice(start + m[0].length);
    },
  },
  // A grade, type, category or node level raised ("grade 1" -> "grade 2", "Grade II" -> "Grade III", "BI-RADS 3" -> "BI-RADS 4").
  'change grade': {
    reason: /grade/,
    all: swap(/\b(grade|type|bosniak|bi-rads|category|level)\s+(\d{1,2}|I{1,3}|IV)\b/gi, (m) => `${m[1]} ${GRADE_UP(m[2])}`),
  },
  // A grade left out ("grade 1 anterolisthesis" -> "anterolisthesis") or its letter ("Bosniak 2F" -> "Bosniak 2").
  'drop grade': {
    reason: /grade/,
    all: swap(/\bgrade\s+(?:\d{1,2}|I{1,3}|IV)\s+(?=[a-z])|(?<=\b(?:bosniak|bi-rads|category)\s+\d)[a-f]\b/gi, () => ''),
  },
};

/**
 * The verifier's verdict on a text read as reworded, less the reading-grade limit: that gate is on
 * style (an LLM summary must read at grade 8), not on what the text says.
 */
function faithfulness(kind, analysis, text) {
  const reasons = verify(kind, analysis, text, 'reworded').reasons.filter((r) => !/^reads at grade/.test(r));
  return { ok: reasons.length === 0, reasons };
}

/** The changed line's words stand in the report as they are (list mark, label and full stop aside). */
function saidIn(source, line) {
  const said = line
    .replace(/^\s*(?:\d+[.)]|-)\s*/, '')
    .replace(/^[A-Za-z ,/&]+:\s*/, '')
    .replace(/[.\s]+$/, '')
    .toLowerCase();
  return said.length > 0 && source.toLowerCase().includes(said);
}

/** The part of a candidate a mutation may touch: the impression (impression), the found/denied lines (summary), else all after the exam line. */
function regionOf(kind, text) {
  if (kind === 'impression') {
    const at = text.search(/^\s*IMPRESSION:/im);
    return at < 0 ? null : { start: at + text.slice(at).indexOf(':') + 1, end: text.length };
  }
  if (kind === 'summary') {
    const start = text.search(/^What the report (?:found|did not find|says):/m);
    const end = text.search(/^Your doctor will talk/m);
    return start < 0 ? null : { start, end: end < 0 ? text.length : end };
  }
  const start = text.search(/^\s*FINDINGS:/im);
  return { start: Math.max(0, start), end: text.length };
}

// ---------------------------------------------------------------------------------------------

const misses = [];
// (And the mutations refused, but for another reason than the one they make: VERIFY_WRONG.)
const wrong = [];
const dump = []; // VERIFY_DUMP=file: the accepted mutations with their reports, and the refusals, as JSON
const refusals = [];
/** The sentence of `b` where it first differs from `a`. */
function changedLine(a, b) {
  let i = 0;
  while (a[i] === b[i]) i++;
  const start = Math.max(b.lastIndexOf('\n', i - 1), b.lastIndexOf('. ', i - 1) + 1) + 1;
  const end = [b.indexOf('\n', i), b.indexOf('. ', i)].filter((x) => x >= 0).reduce((x, y) => Math.min(x, y), b.length);
  return b.slice(start, end + 1).trim();
}
/** The first line where two texts differ, both ways. */
function diffLine(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((l, k) => l !== y[k]);
  return `"${x[i] ?? ''}" -> "${y[i] ?? ''}"`;
}
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const offered = [];
const mutated = new Map(); // kind|mutation -> { n, rejected, right }
const faithful = new Map(); // kind -> { n, accepted }
for (const [group, texts] of groups) {
  for (const kind of KINDS) {
    let ok = 0;
    // Imaging reports apart: a case history or an operative note in a corpus is refused as such, rightly.
    let imaging = 0;
    let imagingOk = 0;
    const reasons = new Map();
    for (const text of texts) {
      const analysis = analyze(text);
      const r = rewrite(kind, analysis);
      const isImaging = analysis.report.document === 'imaging';
      if (isImaging) imaging++;
      if (isImaging && r.verification.ok) imagingOk++;
      if (!r.verification.ok) {
        const key = (r.verification.reasons[0] ?? '').replace(/:.*/, '');
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
        refusals.push({ kind, group, source: text, reasons: r.verification.reasons });
        continue;
      }
      ok++;
      const f = faithful.get(kind) ?? { n: 0, accepted: 0 };
      f.n++;
      if (faithfulness(kind, analysis, r.text).ok) f.accepted++;
      faithful.set(kind, f);
      const region = regionOf(kind, r.text);
      if (!region) continue;
      for (const [name, m] of Object.entries(MUTATIONS)) {
        if (ONLY && !ONLY.has(name)) continue;
        if (m.applies && !m.applies(analysis)) continue;
        if (m.kinds && !m.kinds.includes(kind)) continue;
        const mutate = m.all ?? (kind === 'summary' ? m.summary : m.report);
        const changed = mutate(r.text, region);
        if (changed === null || changed === r.text) continue;
        if (m.real && !m.real(text, changedLine(r.text, changed), { kind, analysis, before: r.text, after: changed, region })) continue;
        const v = faithfulness(kind, analysis, changed);
        const cell = mutated.get(`${kind}|${name}`) ?? { n: 0, rejected: 0, right: 0 };
        cell.n++;
        if (!v.ok) cell.rejected++;
        // VERIFY_MISSES=1: up to 10 accepted mutations per cell, to read why each passes.
        if (v.ok && cell.n - cell.rejected <= Number(process.env.VERIFY_MISSES_PER_CELL ?? 10)) {
          misses.push(`${kind} | ${name} | ${group}: ${diffLine(r.text, changed)}`);
          dump.push({ kind, name, group, source: text, candidate: r.text, changed });
        }
        if (!v.ok && v.reasons.some((x) => m.reason.test(x))) cell.right++;
        // VERIFY_WRONG=1: up to 10 mutations per cell refused for another reason than the one they make, with the reasons.
        else if (!v.ok && wrong.filter((w) => w.startsWith(`${kind} | ${name} |`)).length < 10)
          wrong.push(`${kind} | ${name} | ${group}: ${diffLine(r.text, changed)}\n    refused for: ${v.reasons.slice(0, 3).join(' / ')}`);
        mutated.set(`${kind}|${name}`, cell);
      }
    }
    const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 2);
    offered.push([
      kind,
      group,
      texts.length,
      pct(ok, texts.length),
      `${pct(imagingOk, imaging)} of ${imaging}`,
      top.map(([k, n]) => `${k} (${n})`).join('; ') || '-',
    ]);
  }
}

console.log(
  '## Offered after the verifier, per rewrite and corpus  (targets: restructure & summary ≥90% chest films, ≥70% CT/MRI/US; impression ≥90%)',
);
console.log('| rewrite | corpus | reports | offered | of imaging reports | not offered: most common reasons |');
console.log('|---|---|---:|---:|---:|---|');
for (const row of offered) console.log(`| ${row.join(' | ')} |`);

console.log('\n## Faithful rewrites (the offered ones, read back as reworded text): accepted');
for (const [kind, f] of faithful) console.log(`${kind.padEnd(12)} ${pct(f.accepted, f.n)} (${f.accepted}/${f.n})`);

console.log('\n## Mutated rewrites: rejected (with the right reason), per rewrite kind and mutation');
console.log(`| mutation | ${REWRITE_KINDS.join(' | ')} |`);
console.log(`|---|${REWRITE_KINDS.map(() => '---:').join('|')}|`);
for (const name of Object.keys(MUTATIONS)) {
  const cells = REWRITE_KINDS.map((kind) => {
    const c = mutated.get(`${kind}|${name}`);
    return c ? `${pct(c.rejected, c.n)} (${pct(c.right, c.n)}) n=${c.n}` : '-';
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}

if (process.env.VERIFY_DUMP) fs.writeFileSync(process.env.VERIFY_DUMP, JSON.stringify({ misses: dump, refusals }));
if (process.env.VERIFY_WRONG) {
  console.log('\n## Mutations refused for another reason (up to 10 per cell)');
  for (const m of wrong.sort()) console.log(m);
}
if (process.env.VERIFY_MISSES) {
  console.log('\n## Accepted mutations (up to 10 per cell)');
  for (const m of misses.sort()) console.log(m);
}
