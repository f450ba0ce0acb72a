// npm run eval:summary — the deterministic patient summary over real reports (IU chest radiographs and
// MTSamples CT, MRI, US and others): grade, coverage of the findings it must carry, findings it invents,
// and advice, outlook or cause sentences it writes on its own. `evaluateSummaries` is exported so one
// table can show every rewrite.
// --read N [--seed S]: for reading by hand, reports drawn with seed S in turn from MTSamples imaging
// (no chest film), CT-RATE and the synthetic CT/MRI reports until N summaries are offered: each report,
// then its summary as offered (glossary included) or why it is refused.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { iuReports, mtReports, ctRateReports, syntheticReports, haveData, dataDir } from './lib/corpus.mjs';
import { numberOption } from './lib/options.mjs';
import { drawsFrom, rng } from './lib/random.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => require(path.join(root, 'out/server', p));

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The finding concepts the summary's own sentences name, by lay phrase (longest first) and by lexicon term. */
function conceptsNamed(body, source, lib) {
  const { GLOSSARY, withSide } = lib.glossary;
  const named = new Map();
  // The report's own terms the summary repeats in brackets are quotes, not the summary's words.
  const src = source.toLowerCase().replace(/\s+/g, ' ');
  let rest = body.toLowerCase().replace(/\(([^()]+)\)/g, (m, q) => (src.includes(q) ? ' ' : m));
  const phrases = GLOSSARY.flatMap((g) =>
    [g.lay, g.pl, ...Object.values(g.terms).map((t) => t.lay)].filter(Boolean).map((p) => ({ concept: g.concept, p })),
  );
  phrases.sort((a, b) => withSide(b.p, null).length - withSide(a.p, null).length);
  for (const { concept, p } of phrases) {
    const re = new RegExp(`\\b${escape(p.toLowerCase()).replace(/\\\{side\\\} ?/g, '(?:left |right )?')}\\b`, 'g');
    if (re.test(rest)) {
      named.set(concept, 'lay');
      rest = rest.replace(re, ' ');
    }
  }
  // Medical terms the summary repeats in brackets, read by the lexicon itself (lay phrases taken out,
  // so "collapsed lung" said for a pneumothorax is not read again as a lobar collapse).
  const u = lib.nlp.understand(lib.report.parseReport(rest));
  for (const f of u.findings) if (!named.has(f.concept)) named.set(f.concept, f.assertion);
  return named;
}

/**
 * Summaries of every report; returns the figures and the cases behind them.
 * reports: { id, text, source }[].
 */
export function evaluateSummaries(reports) {
  const lib = {
    report: load('report/index.js'),
    nlp: load('nlp/index.js'),
    glossary: load('nlp/glossary.js'),
    summary: load('rewrite/summary.js'),
    readability: load('rewrite/readability.js'),
    wording: load('nlp/lay-wording.js'),
    consistency: load('nlp/index.js'),
  };
  const { sameFinding } = lib.consistency;
  const grades = [];
  const ownGrades = [];
  const byModality = {};
  let required = 0;
  let carried = 0;
  const dropped = [];
  const invented = [];
  const advice = [];
  const times = [];
  for (const r of reports) {
    const report = lib.report.parseReport(r.text);
    const u = lib.nlp.understand(report);
    // CPU time, not wall time: the machine is shared, and a wall clock counts the others' work.
    const c0 = process.cpuUsage();
    const s = lib.summary.summarize(report, u);
    const c = process.cpuUsage(c0);
    times.push((c.user + c.system) / 1000);
    if (Number.isFinite(s.grade)) grades.push(s.grade);
    const own = lib.readability.gradeOf(
      s.text
        .split('\n')
        .filter((l) => !/^The report (also )?says: "/.test(l))
        .join('\n'),
    );
    if (Number.isFinite(own)) ownGrades.push(own);
    const modality = u.exam.modality ?? 'unknown';
    (byModality[modality] ??= []).push(s.grade);
    const body = s.text.split('\nWords in your report:')[0];
    // Required: every significant present or possible finding of the impression (or of the findings
    // when there is none); carried when its lay phrase, side and sizes are in one summary line.
    const hasImpression = report.sections.some((x) => x.kind === 'impression' && x.body.end > x.body.start);
    const from = hasImpression ? 'impression' : 'findings';
    const lines = body.split('\n');
    for (const f of u.findings) {
      if (f.section !== from || !f.significant || (f.assertion !== 'present' && f.assertion !== 'possible')) continue;
      required++;
      const g = lib.glossary.glossOfMention(f.concept, r.text.slice(f.start, f.end));
      // The lay phrase up to its organ ("fluid around" the bottom of the left lung), words in order.
      const c = lib.glossary.glossOf(f.concept);
      const layRes = [g.lay, g.pl, c.lay, c.pl]
        .filter(Boolean)
        .map((p) =>
          (p.includes('{side}') ? p.slice(0, p.indexOf('{side}')).replace(/\b((on|in|of|around) )?the\s*$/, '') : p).trim().toLowerCase(),
        )
        .map((p) => new RegExp(p.split(/\s+/).map(escape).join('\\b.*?\\b')));
      const candidates = lines.filter((l) => l.startsWith('- ') && layRes.some((re) => re.test(l.toLowerCase())));
      const side = g.noSide ? null : f.side;
      const sideOk = (l) => !side || (side === 'bilateral' ? /\bboth\b/i.test(l) : new RegExp(`\\b${side}\\b`, 'i').test(l));
      // Sizes only: an angle or a density is not said as one.
      const sizesOk = (l) =>
        f.measurements.every((m) => !lib.wording.SIZE_UNITS.has(m.unit) || m.value.every((v) => l.includes(String(v))));
      const line = candidates.find((l) => sideOk(l) && sizesOk(l));
      if (line) carried++;
      else {
        const near = candidates[0];
        dropped.push({ id: r.id, finding: f.finding, side: f.side, why: !near ? 'no line' : !sideOk(near) ? 'side' : 'size', line: near });
      }
    }
    // Invented: a concept the summary names that the report does not name at all, or states as
    // present when the report only denies it.
    const srcStated = u.findings.filter((f) => f.assertion === 'present' || f.assertion === 'possible').map((f) => f.concept);
    const srcAll = u.findings.map((f) => f.concept);
    const ownText = body
      .split('\n')
      .filter((l) => !/^The report (also )?says: "/.test(l))
      .join('\n');
    for (const [concept, how] of conceptsNamed(ownText, r.text, lib)) {
      const inSource = srcAll.some((c) => sameFinding(c, concept));
      const statedWrongly = (how === 'present' || how === 'possible') && !srcStated.some((c) => sameFinding(c, concept));
      if (!inSource || statedWrongly) invented.push({ id: r.id, concept, how });
    }
    for (const a of lib.summary.adviceSentences(s.text, r.text)) advice.push({ id: r.id, ...a });
  }
  grades.sort((a, b) => a - b);
  ownGrades.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  return {
    reports: reports.length,
    bySource: Object.fromEntries([...new Set(reports.map((r) => r.source))].map((k) => [k, reports.filter((r) => r.source === k).length])),
    gradeMedian: quantile(grades, 0.5),
    gradeP90: quantile(grades, 0.9),
    ownGradeMedian: quantile(ownGrades, 0.5),
    ownGradeP90: quantile(ownGrades, 0.9),
    required,
    carried,
    coverage: required ? carried / required : 1,
    dropped,
    invented,
    advice,
    byModality: Object.fromEntries(
      Object.entries(byModality).map(([k, v]) => {
        const g = v.filter(Number.isFinite).sort((a, b) => a - b);
        return [k, { n: v.length, median: quantile(g, 0.5), p90: quantile(g, 0.9) }];
      }),
    ),
    msP50: quantile(times, 0.5),
    msP99: quantile(times, 0.99),
  };
}

/** Rows for the combined rewrite table: [what, figure, target]. */
export function summaryRows(m) {
  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  return [
    [
      'summary: reports',
      `${m.reports} (${Object.entries(m.bySource)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
      '≥ 300',
    ],
    [
      'summary: reports by modality read from the text',
      Object.entries(m.byModality)
        .sort((a, b) => b[1].n - a[1].n)
        .map(([k, v]) => `${k} ${v.n}`)
        .join(', '),
      'every modality',
    ],
    ['summary: median grade (Flesch-Kincaid)', m.gradeMedian.toFixed(1), '≤ 6'],
    ['summary: p90 grade', m.gradeP90.toFixed(1), '≤ 8'],
    [
      'summary: median / p90 grade without the quoted report sentences',
      `${m.ownGradeMedian.toFixed(1)} / ${m.ownGradeP90.toFixed(1)}`,
      '(for reading)',
    ],
    ['summary: significant findings carried with side and size', `${pct(m.coverage)} (${m.carried}/${m.required})`, '100%'],
    ['summary: invented findings', String(m.invented.length), '0'],
    ['summary: treatment/prognosis/cause sentences', String(m.advice.length), '0'],
    ['summary: CPU ms per report p50 / p99', `${m.msP50.toFixed(2)} / ${m.msP99.toFixed(2)}`, 'p99 ≤ 5'],
  ];
}

/**
 * The summary as offered (rewrite('summary'): verified, with what the plain words cannot carry told in
 * the report's words), on a seeded sample of each source: how often it is offered, the most common
 * reasons it is not, and how many of its finding lines are plain words rather than the report's.
 */
export function evaluateOffered(reports, perSource) {
  const { analyze } = load('engine.js');
  const { rewrite } = load('rewrite/index.js');
  const { gradeOf } = load('rewrite/readability.js');
  const draws = drawsFrom(rng(18));
  const out = [];
  for (const source of [...new Set(reports.map((r) => r.source))]) {
    const sample = draws.shuffle(reports.filter((r) => r.source === source)).slice(0, perSource);
    const reasons = new Map();
    let offered = 0;
    let plain = 0;
    let quoted = 0;
    const grades = [];
    for (const r of sample) {
      const s = rewrite('summary', analyze(r.text));
      if (!s.verification.ok) {
        for (const why of new Set(s.verification.reasons.map((x) => x.replace(/:.*/s, '')))) reasons.set(why, (reasons.get(why) ?? 0) + 1);
        continue;
      }
      offered++;
      const told = s.text.split('\nWords in your report:')[0];
      const plainLines = told.match(/^- .*$/gm) ?? [];
      plain += plainLines.length;
      quoted += (told.match(/^The report (?:also )?says: "/gm) ?? []).length;
      // The grade of the summary's own plain lines (quotes and fixed lines left out).
      const grade = gradeOf(plainLines.map((l) => l.slice(2)).join('\n'));
      if (Number.isFinite(grade)) grades.push(grade);
    }
    const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5);
    grades.sort((a, b) => a - b);
    out.push({ source, n: sample.length, offered, plain, quoted, grade: quantile(grades, 0.5), gradeP90: quantile(grades, 0.9), top });
  }
  return out;
}

/** Every IU report with a findings or impression section, and every MTSamples radiology report. */
export function corpusReports() {
  return [
    ...iuReports({ requireBoth: false }).map((r) => ({ id: `iu:${r.uid}`, text: r.text, source: 'IU chest x-ray' })),
    ...mtReports().map((r) => ({ id: `mt:${r.id} ${r.name}`, text: r.text, source: 'MTSamples' })),
  ];
}

/** N offered summaries of CT/MRI/US reports drawn with `seed`, and the refusals met on the way, for reading by hand. */
export function readSummaries(count, seed) {
  const { analyze } = load('engine.js');
  const { rewrite } = load('rewrite/index.js');
  const draws = drawsFrom(rng(seed));
  const pools = [
    mtReports()
      .filter(
        (r) =>
          analyze(r.text).report.document === 'imaging' &&
          !/^\s*(?:EXAM: )?(?:PA AND LATERAL )?CHEST X-?RAY/i.test(r.text) &&
          !/\b(?:views? of (?:the )?chest|chest x-?ray|radiograph)/i.test(r.name),
      )
      .map((r) => ({ id: `mt:${r.id} ${r.name}`, text: r.text })),
    ctRateReports().map((text, i) => ({ id: `ctrate:${i}`, text })),
    syntheticReports().map((text, i) => ({ id: `synthetic:${i}`, text })),
  ].map((pool) => draws.shuffle(pool));
  const out = [];
  let offered = 0;
  for (let i = 0; offered < count && pools.some((p) => i < p.length); i++)
    for (const pool of pools) {
      if (offered >= count || i >= pool.length) continue;
      const s = rewrite('summary', analyze(pool[i].text));
      if (s.verification.ok) offered++;
      out.push({ id: pool[i].id, report: pool[i].text.trim(), ok: s.verification.ok, summary: s.text, reasons: s.verification.reasons });
    }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!haveData) {
    console.log(`eval:summary skipped: no data at ${dataDir}`);
    process.exit(0);
  }
  if (process.argv.includes('--read')) {
    let n = 0;
    for (const r of readSummaries(numberOption(process.argv, 'read', 20), numberOption(process.argv, 'seed', 1))) {
      console.log(`\n########## ${r.ok ? `S${++n}` : 'refused'} ${r.id}\n${r.report}\n---------- SUMMARY`);
      console.log(r.ok ? r.summary.trim() : `REFUSED: ${r.reasons.join(' | ')}`);
    }
    process.exit(0);
  }
  const m = evaluateSummaries(corpusReports());
  const rows = summaryRows(m);
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [what, figure, target] of rows) console.log(`${what.padEnd(w)}  ${figure.padEnd(28)}  target ${target}`);
  const show = (title, list, f) => {
    if (!list.length) return;
    console.log(`\n${title} (${list.length}; first 15):`);
    for (const x of list.slice(0, 15)) console.log(`  ${f(x)}`);
  };
  console.log('\ngrade by modality (median / p90):');
  for (const [k, v] of Object.entries(m.byModality).sort((a, b) => b[1].n - a[1].n))
    console.log(`  ${k.padEnd(8)} ${String(v.n).padStart(5)}  ${v.median.toFixed(1)} / ${v.p90.toFixed(1)}`);
  show('not carried', m.dropped, (d) => `${d.id}: ${d.finding}${d.side ? ` (${d.side})` : ''} — ${d.why}${d.line ? `: ${d.line}` : ''}`);
  show('invented', m.invented, (d) => `${d.id}: ${d.concept} (${d.how})`);
  show('advice', m.advice, (d) => `${d.id}: ${d.kind}: ${d.sentence}`);
  // --offered N: reports per source for the offered summary (0 skips it).
  const perSource = numberOption(process.argv, 'offered', 300);
  if (perSource > 0) {
    console.log(`\n## The summary as offered (verified), ${perSource} reports per source`);
    console.log(
      "| source | offered | lines in plain words / in the report's words | grade of the plain lines, median / p90 | not offered: most common reasons |",
    );
    console.log('|---|---:|---|---|---|');
    // CT-RATE and the synthetic CT/MRI reports after the two corpora above, so their draws stay the same.
    const offeredOn = [
      ...corpusReports(),
      ...ctRateReports().map((text, i) => ({ id: `ctrate:${i}`, text, source: 'CT-RATE' })),
      ...syntheticReports().map((text, i) => ({ id: `synthetic:${i}`, text, source: 'synthetic CT/MRI' })),
    ];
    for (const o of evaluateOffered(offeredOn, perSource))
      console.log(
        `| ${o.source} | ${((100 * o.offered) / o.n).toFixed(1)}% (${o.offered}/${o.n}) | ${o.plain} / ${o.quoted} | ${o.grade.toFixed(1)} / ${o.gradeP90.toFixed(1)} | ${o.top.map(([k, n]) => `${k} (${n})`).join('; ') || '-'} |`,
      );
  }
}
