// npm run eval:rads — RADS categories (BI-RADS, Lung-RADS, TI-RADS, LI-RADS, PI-RADS, O-RADS US).
// Part 1, reports we write: every category of every system written in many forms (is it read, as that
// category?), and with right and wrong management in three recommendation styles (right left alone,
// wrong warned). Part 2, the public reports in ../shared/data: every RADS statement a plain search
// finds, what the reader made of it, and what the rule says, to read by hand; false alarms on
// reports without a category (must be 0).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawsFrom, rng } from './lib/random.mjs';
import { phrase, recommendationText } from './lib/followup-cases.mjs';
import { mtReports, iuReports, haveData, dataDir } from './lib/corpus.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => require(path.join(root, 'out/server', p));
const { analyze } = load('engine.js');
const { RULES } = load('rules/registry.js');
const { RADS_SYSTEMS, readCategories } = load('guidelines/rads/index.js');
const { judgeRads, managementAgrees } = load('guidelines/rads/check.js');

const RULE = 'rads-management';
const rule = RULES.filter((r) => r.id === RULE);
const { pick } = drawsFrom(rng(2026));
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

// How people write a system's name: as the data has it, and in other cases.
const nameForms = (s) => [...new Set(s.names.flatMap((n) => [n, n.toUpperCase(), n.replace(/-/g, ''), n.toLowerCase()]))];
// How a value is written: as is, in lower case, with the system's prefix or without.
function valueForms(s, c) {
  const bare = s.prefix && c.id.startsWith(s.prefix) ? c.id.slice(s.prefix.length) : c.id;
  return [...new Set([c.id, bare, bare.toLowerCase(), s.prefix ? `${s.prefix}${bare}` : bare])];
}
const STATEMENTS = [
  (n, v) => `${n}: ${v}.`,
  (n, v, l) => `${n} category ${v}: ${l}.`,
  (n, v, l) => `Assessment: ${n} ${v} - ${l}.`,
  (n, v) => `Findings as above (${n}-${v}).`,
  (n, v, l) => `${n} Classification ${v} - ${l}`,
  (n, v) => `Overall ${n} assessment category ${v}.`,
  (n, v) => `${n} ${v}.`,
  (n, v) => `The finding is ${n} ${v}.`,
];

const SETTINGS = {
  'bi-rads': {
    exam: 'Diagnostic mammogram, left breast',
    history: '54-year-old woman with a palpable lump.',
    finding: 'A 9 mm oval mass in the left breast at 2 o\u2019clock.',
    noun: 'mass',
  },
  'lung-rads': {
    exam: 'Low-dose CT chest for lung cancer screening',
    history: '66-year-old former smoker.',
    finding: 'Lungs: see the nodule described in the impression.',
    noun: 'nodule',
  },
  'ti-rads': {
    exam: 'Thyroid ultrasound',
    history: '47-year-old woman with a goiter.',
    finding: 'Right lobe nodule measuring {size}.',
    noun: 'nodule',
  },
  'li-rads': {
    exam: 'MRI abdomen with and without contrast, liver protocol',
    history: '61-year-old man with cirrhosis.',
    finding: 'A 2.1 cm observation in segment 7.',
    noun: 'observation',
  },
  'pi-rads': {
    exam: 'MRI prostate without and with contrast',
    history: '68-year-old man with a rising PSA.',
    finding: 'A 1.2 cm lesion in the left peripheral zone.',
    noun: 'lesion',
  },
  'o-rads-us': {
    exam: 'Pelvic ultrasound',
    history: '58-year-old woman with pelvic pain.',
    finding: 'A 4.2 cm left adnexal lesion.',
    noun: 'lesion',
  },
};

// Part 1a: extraction, every category in every form.
console.log('Part 1a. Reading: every category of every system, in every name and value form and statement template.');
console.log(`  ${'system'.padEnd(12)} ${'categories'.padStart(10)} ${'statements'.padStart(10)} ${'read as written'.padStart(22)}`);
let readAll = 0;
let readOk = 0;
const readMisses = [];
for (const s of RADS_SYSTEMS) {
  let n = 0;
  let ok = 0;
  for (const c of s.categories)
    for (const name of nameForms(s))
      for (const v of valueForms(s, c))
        for (const st of STATEMENTS) {
          const text = st(name, v, c.label);
          const got = readCategories(text);
          n++;
          if (got.length === 1 && got[0].category.id === c.id && got[0].system.id === s.id) ok++;
          else readMisses.push(`${text} -> ${got.map((g) => `${g.system.id} ${g.category.id}`).join(', ') || 'nothing'}`);
        }
  // The prefix alone: "TR4", "LR-5".
  if (s.prefix)
    for (const c of s.categories) {
      const bare = c.id.slice(s.prefix.length);
      for (const text of [`Right lobe nodule, ${s.prefix}${bare}.`, `${s.prefix.replace(/-$/, '')}${bare} observation.`]) {
        const got = readCategories(text);
        n++;
        if (got.length === 1 && got[0].category.id === c.id) ok++;
        else readMisses.push(`${text} -> ${got.map((g) => `${g.system.id} ${g.category.id}`).join(', ') || 'nothing'}`);
      }
    }
  readAll += n;
  readOk += ok;
  console.log(
    `  ${s.short.padEnd(12)} ${String(s.categories.length).padStart(10)} ${String(n).padStart(10)} ${`${ok}/${n} ${pct(ok, n)}`.padStart(22)}`,
  );
}
console.log(
  `  ${'all'.padEnd(12)} ${''.padStart(10)} ${String(readAll).padStart(10)} ${`${readOk}/${readAll} ${pct(readOk, readAll)}`.padStart(22)}`,
);
for (const m of readMisses.slice(0, 10)) console.log(`    miss: ${m}`);

// Part 1b: management, right and wrong, in three styles.
const STYLES = ['verb', 'no verb', 'no finding'];
const WRONG_POOL = [
  { action: 'biopsy' },
  { action: 'none' },
  { action: 'imaging', modality: ['MG'], months: [12, 12] },
  { action: 'imaging', modality: ['CT'], months: [12, 12] },
  { action: 'imaging', modality: ['US'], months: [6, 6] },
  { action: 'imaging', modality: ['CT'], months: [3, 3] },
  { action: 'surgery' },
];
console.log('\nPart 1b. Management: right management left alone, wrong management warned, per style (three drawings of the templates).');
const table = new Map();
const managementMisses = [];
// Three drawings of the templates for every category (and size step).
for (const s of RADS_SYSTEMS.flatMap((x) => [x, x, x])) {
  const set = SETTINGS[s.id];
  for (const c of s.categories) {
    const steps = c.bySize ? c.bySize.map((b) => ({ ...b, size: b.gteMm ?? 3 })) : [{ accepts: c.accepts, size: null }];
    for (const step of steps) {
      if (!step.accepts.length) continue;
      const wrongs = WRONG_POOL.filter((w) => managementAgrees([w], step.accepts) === false);
      const fake = { id: s.id, rows: [{ accepts: step.accepts }] };
      for (const style of STYLES)
        for (const right of [true, false]) {
          if (!right && !wrongs.length) continue;
          const advice = right ? pick(step.accepts) : pick(wrongs);
          const modality =
            advice.modality ?? (advice.action === 'imaging' ? [s.id === 'bi-rads' ? 'MG' : s.id === 'lung-rads' ? 'CT' : 'US'] : undefined);
          const words = phrase({ ...advice, ...(modality ? { modality } : {}) }, fake, pick).replace(/^dedicated /, 'diagnostic ');
          const statement = pick(STATEMENTS)(pick(nameForms(s)), pick(valueForms(s, c)), c.label).replace(/[^.]$/, '$&.');
          const rec = recommendationText(style, words, null, set.noun, pick);
          const size = step.size === null ? '' : step.size >= 10 ? `${step.size / 10} cm` : `${step.size} mm`;
          const impression = style === 'no finding' ? `1. ${statement}\n2. No other abnormality.\n3. ${rec}` : `${statement} ${rec}`;
          const text = `EXAM: ${set.exam}\nHISTORY: ${set.history}\nFINDINGS: ${set.finding.replace('{size}', size)}\nIMPRESSION: ${impression}\n`;
          const problems = analyze(text, {}, rule).problems;
          const ok = right ? problems.length === 0 : problems.some((p) => p.severity === 'warning');
          const key = `${style}|${s.short}`;
          const t = table.get(key) ?? { right: 0, rightOk: 0, wrong: 0, wrongOk: 0 };
          table.set(key, t);
          t[right ? 'right' : 'wrong']++;
          if (ok) t[right ? 'rightOk' : 'wrongOk']++;
          if (!ok)
            managementMisses.push(
              `${right ? 'right' : 'wrong'} ${style}: ${text.replace(/\n/g, ' | ')} -> ${problems.map((p) => p.message).join(' | ') || 'nothing'}`,
            );
        }
    }
  }
}
for (const style of STYLES) {
  console.log(`\n  Style: ${style}`);
  console.log(`  ${'system'.padEnd(12)} ${'right left alone'.padStart(20)} ${'wrong warned'.padStart(20)}`);
  const sum = { right: 0, rightOk: 0, wrong: 0, wrongOk: 0 };
  for (const s of RADS_SYSTEMS) {
    const t = table.get(`${style}|${s.short}`);
    if (!t) continue;
    for (const k of Object.keys(sum)) sum[k] += t[k];
    console.log(
      `  ${s.short.padEnd(12)} ${`${t.rightOk}/${t.right} ${pct(t.rightOk, t.right)}`.padStart(20)} ${`${t.wrongOk}/${t.wrong} ${pct(t.wrongOk, t.wrong)}`.padStart(20)}`,
    );
  }
  console.log(
    `  ${'all'.padEnd(12)} ${`${sum.rightOk}/${sum.right} ${pct(sum.rightOk, sum.right)}`.padStart(20)} ${`${sum.wrongOk}/${sum.wrong} ${pct(sum.wrongOk, sum.wrong)}`.padStart(20)}`,
  );
}
console.log(`\n  ${managementMisses.length} misses${managementMisses.length ? ':' : '.'}`);
for (const m of managementMisses.slice(0, 12)) console.log(`    ${m}`);

// Part 1c: an overall category lower than a finding's (warned), or not (silent).
console.log('\nPart 1c. Overall category against the findings\u2019 categories (systems with an overall category).');
console.log(`  ${'system'.padEnd(12)} ${'lower: warned'.padStart(18)} ${'not lower: silent'.padStart(20)}`);
for (const s of RADS_SYSTEMS.filter((x) => x.overall)) {
  const ranked = s.categories.filter((c) => c.rank !== undefined);
  const t = { lower: 0, lowerOk: 0, fine: 0, fineOk: 0 };
  const set = SETTINGS[s.id];
  for (const lesion of ranked)
    for (const overall of ranked) {
      const lower = overall.rank < lesion.rank;
      const name = pick(nameForms(s));
      const text = `EXAM: ${set.exam}\nHISTORY: ${set.history}\nFINDINGS: ${set.finding.replace('{size}', '1 cm')} ${name} ${pick(valueForms(s, lesion))}.\nIMPRESSION: ${pick(['Overall', 'Final assessment:', 'Overall assessment:'])} ${name} ${pick(valueForms(s, overall))}.\n`;
      const warned = analyze(text, {}, rule).problems.some((p) => /is lower than/.test(p.message));
      t[lower ? 'lower' : 'fine']++;
      if (warned === lower) t[lower ? 'lowerOk' : 'fineOk']++;
    }
  console.log(
    `  ${s.short.padEnd(12)} ${`${t.lowerOk}/${t.lower} ${pct(t.lowerOk, t.lower)}`.padStart(18)} ${`${t.fineOk}/${t.fine} ${pct(t.fineOk, t.fine)}`.padStart(20)}`,
  );
}

// Part 1d: TI-RADS points from the features described, written in our own words, against the category written.
{
  const ti = RADS_SYSTEMS.find((x) => x.id === 'ti-rads');
  const { tiRadsCategoryOf } = load('guidelines/rads/index.js');
  const t = { right: 0, rightOk: 0, wrong: 0, wrongOk: 0 };
  const { pick: pick2 } = drawsFrom(rng(7));
  for (let n = 0; n < 300; n++) {
    const chosen = ti.points.groups.map((g) => pick2(g.options));
    const points = chosen.reduce((a, o) => a + o.points, 0);
    const features = chosen.map((o) => pick2(o.words)).join(', ');
    const right = n % 2 === 0;
    const truth = tiRadsCategoryOf(points);
    const others = ti.categories.filter((c) => c.id !== truth);
    const written = right ? truth : pick2(others).id;
    const text = `EXAM: Thyroid ultrasound\nHISTORY: 50-year-old woman.\nFINDINGS: Right lobe nodule, 0.4 cm, ${features}. ${pick2(['ACR TI-RADS', 'TI-RADS'])} ${pick2([written, written.slice(2)])}.\nIMPRESSION: Thyroid nodule as described.\n`;
    const warned = analyze(text, {}, rule).problems.some((p) => /does not fit the text/.test(p.message));
    t[right ? 'right' : 'wrong']++;
    if (warned !== right) t[right ? 'rightOk' : 'wrongOk']++;
  }
  console.log('\nPart 1d. TI-RADS: 300 nodules described by five features in words; category written right or wrong.');
  console.log(
    `  right category left alone: ${t.rightOk}/${t.right} ${pct(t.rightOk, t.right)}; wrong category warned: ${t.wrongOk}/${t.wrong} ${pct(t.wrongOk, t.wrong)}`,
  );
}

// Part 2: the public reports.
if (!haveData) {
  console.log(`\neval:rads part 2 skipped: no data at ${dataDir}`);
  process.exit(0);
}
const SEARCH = /\b(?:BI-?RADS|Lung-?RADS|TI-?RADS|LI-?RADS|PI-?RADS|O-?RADS)\b/i;
const kbressem = path.join(dataDir, 'synthetic-kbressem-gpt4-ct-mri-reports', 'reports.jsonl');
const corpora = [
  { name: 'MTSamples radiology', reports: mtReports().map((r) => ({ id: `mt:${r.id} ${r.name}`, text: r.text })) },
  { name: 'IU X-ray', reports: iuReports().map((r) => ({ id: `iu:${r.uid}`, text: r.text })) },
  {
    name: 'Synthetic CT/MRI (kbressem)',
    reports: fs.existsSync(kbressem)
      ? fs
          .readFileSync(kbressem, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
          .map((d) => ({ id: `kb:${d.id}`, text: d.free_text }))
      : [],
  },
];
console.log('\nPart 2. Public reports: RADS statements a plain search finds, what was read and judged.');
let falseAlarms = 0;
for (const corpus of corpora) {
  const withWords = corpus.reports.filter((r) => SEARCH.test(r.text));
  let statements = 0;
  let read = 0;
  const lines = [];
  const unread = [];
  for (const r of corpus.reports) {
    const has = SEARCH.test(r.text);
    if (!has) {
      // Only reports that could hold a category written without the system's name ("TR4", "LR-5") are analysed.
      if (readCategories(r.text).length === 0) continue;
    }
    const a = analyze(r.text, {}, rule);
    const problems = a.problems;
    if (!has && problems.length) falseAlarms++;
    const mentions = judgeRads(a.report, () => a.understanding);
    const found = [...r.text.matchAll(new RegExp(SEARCH.source, 'gi'))];
    statements += found.length;
    for (const m of found) {
      if (mentions.some((x) => x.mention.start <= m.index && m.index < x.mention.end)) read++;
      else unread.push(`[${r.id}] ...${r.text.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' ')}...`);
    }
    for (const x of mentions)
      lines.push(
        `  [${r.id}] "${r.text.slice(x.mention.start, x.mention.end)}" -> ${x.mention.system.short} ${x.mention.category.id}` +
          `${x.side ? ` (${x.side})` : ''}${x.subject ? ` of ${x.subject}` : ''}; management: ${x.management ?? '-'}; verdict: ${x.verdict}` +
          `${
            x.said.length
              ? `; report: "${x.said
                  .map((s) => s.text.trim())
                  .join(' ')
                  .slice(0, 160)}"`
              : ''
          }`,
      );
    for (const p of problems) lines.push(`     ${p.severity}: ${p.message}`);
  }
  console.log(
    `\n${corpus.name}: ${corpus.reports.length} reports, ${withWords.length} with a RADS name; statements found by search: ${statements}, read as a category: ${read}`,
  );
  for (const l of lines) console.log(l);
  if (unread.length) console.log(`  Not read as a category (${unread.length}; sub-scores, other versions, names without a value):`);
  for (const u of unread.slice(0, 12)) console.log(`    ${u}`);
}
console.log(`\nFalse alarms on reports without a RADS name: ${falseAlarms} (must be 0)`);
if (falseAlarms) process.exitCode = 1;
