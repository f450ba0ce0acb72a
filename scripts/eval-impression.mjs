// Impression drafts measured on real reports from ../shared/data (IU chest radiographs, MTSamples CT,
// MRI, US and others): each report's impression is removed, the impression is drafted from its
// findings, and the draft is read against the impression the radiologist wrote.
//
//   node scripts/eval-impression.mjs [--limit N] [--show N] [--include-minor] [--json]
//   node scripts/eval-impression.mjs --offered N [--top K] [--imaging]
//
// covered:   the original impression's significant present findings that the draft names (same
//            finding, or one accounting for the other, on a compatible side). Also given over the
//            ones the findings describe at all: a diagnosis the findings never state ("appendicitis"
//            over "dilated appendix") is beyond a draft that says only what the findings say.
// not named: draft statements whose finding the original impression names nowhere (any assertion).
// problems:  what verifyRewrite (kind 'impression') reports against the report without its impression;
//            "consistency" counts omission, laterality, insertion and contradiction problems left.
// offered:   (--offered N) the impression rewrite through the verifier gate on N reports of each of
//            the four eval:verify groups (the same reports as VERIFY_SAMPLE=N there): how often it is
//            offered, over all and over imaging reports (a case history is refused by design), and
//            the K (5) most common reasons it is not (--imaging: counted over the imaging reports
//            alone, so a case history's "not an imaging report" does not crowd them out).
// read:      (--read N [--seed S] [--match RE]) for reading by hand: N CT/MRI/US reports (MTSamples
//            imaging, CT-RATE, synthetic, in turn; --match keeps those whose text matches RE) drawn
//            with seed S, each with its findings, its old impression and the draft, offered or why not.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { iuReports, mtReports, haveData, dataDir, rewriteGroups, ctRateReports, syntheticReports } from './lib/corpus.mjs';
import { numberOption } from './lib/options.mjs';
import { drawsFrom, rng } from './lib/random.mjs';
import { quantile } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => require(path.join(root, 'out/server', p));

const significantPresent = (c, report, u, f) => f.assertion === 'present' && f.significant && c.fitsExam(u, f, report);
const sidesMeet = (a, b) => !a || !b || a === b || a === 'bilateral' || b === 'bilateral';

/** The report without its impression sections (header and body), and the original parse. */
function withoutImpression(reportModule, text) {
  const report = reportModule.parseReport(text);
  const impressions = report.sections.filter((s) => s.kind === 'impression');
  let out = text;
  for (const s of [...impressions].reverse()) out = out.slice(0, s.start) + out.slice(s.end);
  return { report, stripped: out.replace(/\s+$/, '') + '\n' };
}

/**
 * Drafts impressions for the corpus and measures them. Returns per-source rows (IU chest radiographs,
 * MTSamples by modality, all) with the figures, and the reports read for the hand check.
 */
export function evaluateImpression({ limit = Infinity, includeMinor = false, show = 0 } = {}) {
  if (!haveData) return { skipped: `shared data not found at ${dataDir}` };
  const reportModule = load('report/index.js');
  const { understand } = load('nlp/index.js');
  const c = load('nlp/index.js');
  const { draftImpression, withDraft } = load('rewrite/impression.js');
  const { verifyRewrite } = load('rewrite/verify.js');
  const { analyze } = load('engine.js');

  const corpus = [
    ...iuReports().map((r) => ({ id: `iu:${r.uid}`, source: 'IU', text: r.text })),
    ...mtReports().map((r) => ({ id: `mt:${r.id}`, source: 'MTSamples', text: r.text })),
  ];
  const rows = new Map();
  const row = (name) => {
    let r = rows.get(name);
    if (!r)
      rows.set(
        name,
        (r = {
          name,
          reports: 0,
          wanted: 0,
          covered: 0,
          describedWanted: 0,
          describedCovered: 0,
          statements: 0,
          notNamed: 0,
          normal: 0,
          failed: 0,
          consistency: 0,
          reasons: 0,
          draftMs: [],
          verifyMs: [],
        }),
      );
    return r;
  };
  const shown = [];
  const reasonCounts = new Map();
  const missedCounts = new Map();
  let n = 0;
  for (const item of corpus) {
    if (n >= limit) break;
    const { report, stripped } = withoutImpression(reportModule, item.text);
    const hasFindings = report.sections.some((s) => s.kind === 'findings' && s.body.end > s.body.start);
    const hasImpression = report.sections.some((s) => s.kind === 'impression' && s.body.end > s.body.start);
    if (!hasImpression) continue;
    n++;
    const u = understand(report);
    const modality = item.source === 'IU' ? 'CR' : (u.exam.modality ?? 'other');
    // Without a FINDINGS header the draft reads the body (preamble and other sections); the
    // consistency rules, which pair FINDINGS with IMPRESSION, have nothing to say there.
    const bodyKinds = hasFindings ? ['findings'] : ['preamble', 'other'];
    const strippedReport = reportModule.parseReport(stripped);

    let t0 = performance.now();
    const draft = draftImpression(strippedReport, undefined, { includeMinor });
    const output = withDraft(strippedReport, draft);
    const draftMs = performance.now() - t0;
    t0 = performance.now();
    const verdict = verifyRewrite(analyze(stripped), output, { kind: 'impression', mode: 'verbatim' });
    const verifyMs = performance.now() - t0;

    const outU = understand(reportModule.parseReport(output));
    const drafted = outU.findings.filter((f) => f.section === 'impression' && f.assertion !== 'absent');
    const original = u.findings.filter((f) => f.section === 'impression');
    const inFindings = u.findings.filter((f) => bodyKinds.includes(f.section) && (f.assertion === 'present' || f.assertion === 'possible'));
    const sideOf = (r, f) => f.side ?? c.sideInSentence(r, f);
    const outReport = reportModule.parseReport(output);

    const wanted = original.filter((f) => significantPresent(c, report, u, f));
    const seen = new Set();
    const missed = [];
    let covered = 0;
    let describedWanted = 0;
    let describedCovered = 0;
    for (const f of wanted) {
      const key = `${f.concept}|${sideOf(report, f) ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const hit = drafted.some(
        (g) =>
          (c.sameFinding(f.concept, g.concept) || c.covers(g.concept, f.concept) || c.covers(f.concept, g.concept)) &&
          sidesMeet(sideOf(report, f), sideOf(outReport, g)),
      );
      const described = inFindings.some(
        (g) => c.sameFinding(f.concept, g.concept) || c.covers(f.concept, g.concept) || c.covers(g.concept, f.concept),
      );
      if (hit) covered++;
      else {
        missed.push(f.finding);
        missedCounts.set(f.finding, (missedCounts.get(f.finding) ?? 0) + 1);
      }
      if (described) {
        describedWanted++;
        if (hit) describedCovered++;
      }
    }
    const notNamed = draft.items.filter(
      (it) =>
        !original.some((f) =>
          it.findings.some((g) => c.sameFinding(f.concept, g.concept) || c.covers(f.concept, g.concept) || c.covers(g.concept, f.concept)),
        ),
    );
    const consistency = verdict.reasons.filter((r) => /^leaves an? /.test(r)).length;
    for (const reason of verdict.reasons) {
      const k = reason.replace(/:.*/, '');
      reasonCounts.set(k, (reasonCounts.get(k) ?? 0) + 1);
    }
    const name =
      item.source === 'IU' ? 'IU chest radiograph (CR)' : hasFindings ? `MTSamples ${modality}` : 'MTSamples, no FINDINGS header';
    for (const r of [row(name), row('all')]) {
      r.reports++;
      r.wanted += seen.size;
      r.covered += covered;
      r.describedWanted += describedWanted;
      r.describedCovered += describedCovered;
      r.statements += draft.items.length;
      r.notNamed += notNamed.length;
      r.normal += draft.items.length ? 0 : 1;
      r.failed += verdict.ok ? 0 : 1;
      r.consistency += consistency;
      r.reasons += verdict.reasons.length;
      r.draftMs.push(draftMs);
      r.verifyMs.push(verifyMs);
    }
    if (shown.length < show && (item.source === 'MTSamples' || shown.length % 2 === 0 || n % 97 === 0)) {
      const impression = report.sections.find((s) => s.kind === 'impression');
      shown.push({
        id: item.id,
        original: item.text.slice(impression.body.start, impression.body.end).trim(),
        draft: draft.text,
        missed,
        notNamed: notNamed.map((it) => it.text),
        reasons: verdict.reasons,
      });
    }
  }
  const pct = (a, b) => (b ? (100 * a) / b : NaN);
  const out = [...rows.values()].map((r) => ({
    name: r.name,
    reports: r.reports,
    coveredPct: pct(r.covered, r.wanted),
    coveredOfDescribedPct: pct(r.describedCovered, r.describedWanted),
    wanted: r.wanted,
    statements: r.statements,
    notNamedPct: pct(r.notNamed, r.statements),
    normalDrafts: r.normal,
    failedVerification: r.failed,
    consistencyProblems: r.consistency,
    draftP50: quantile(r.draftMs, 0.5),
    draftP99: quantile(r.draftMs, 0.99),
    verifyP50: quantile(r.verifyMs, 0.5),
    verifyP99: quantile(r.verifyMs, 0.99),
  }));
  out.sort((a, b) => (a.name === 'all') - (b.name === 'all') || a.name.localeCompare(b.name));
  const sorted = (m) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]));
  return { rows: out, reasons: sorted(reasonCounts), missed: sorted(missedCounts), shown };
}

/**
 * The impression rewrite through the verifier gate on the eval:verify groups (same seed, same draws):
 * per group the share offered, over all reports and over imaging reports, and the top refusal reasons
 * (a reason's text up to its colon, quoted words elided, counted once per report).
 */
export function evaluateOffered(perGroup, top = 5, imagingOnly = false) {
  if (!haveData) return [];
  const { analyze } = load('engine.js');
  const { rewrite } = load('rewrite/index.js');
  return rewriteGroups(perGroup, drawsFrom(rng(18))).map(([group, texts]) => {
    let offered = 0;
    let imaging = 0;
    const reasons = new Map();
    for (const text of texts) {
      const analysis = analyze(text);
      if (analysis.report.document === 'imaging') imaging++;
      const { verification } = rewrite('impression', analysis);
      if (verification.ok) offered++;
      if (imagingOnly && analysis.report.document !== 'imaging') continue;
      for (const key of new Set(verification.reasons.map((r) => r.replace(/:.*/, '').replace(/"[^"]*"/g, '"…"'))))
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    const topReasons = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, top);
    return { group, reports: texts.length, offered, imaging, reasons: topReasons };
  });
}

/** Reports to read by hand, with their drafts: see `read` at the top. */
export function readDrafts(count, seed, match) {
  if (!haveData) return [];
  const { analyze } = load('engine.js');
  const { rewrite } = load('rewrite/index.js');
  const draws = drawsFrom(rng(seed));
  const pools = [
    mtReports()
      .map((r) => r.text)
      .filter((t) => analyze(t).report.document === 'imaging' && !/^\s*(?:EXAM: )?(?:PA AND LATERAL )?CHEST X-?RAY/i.test(t)),
    ctRateReports(),
    syntheticReports(),
  ].map((pool) => draws.shuffle(match ? pool.filter((t) => match.test(t)) : pool));
  const out = [];
  for (let i = 0; out.length < count && pools.some((p) => i < p.length); i++)
    for (const pool of pools) {
      if (out.length >= count || i >= pool.length) continue;
      const analysis = analyze(pool[i]);
      const { report } = analysis;
      const r = rewrite('impression', analysis);
      const impression = [...report.sections].reverse().find((s) => s.kind === 'impression');
      out.push({
        report: report.text,
        old: impression ? report.text.slice(impression.body.start, impression.body.end).trim() : '',
        draft: r.placed,
        ok: r.verification.ok,
        reasons: r.verification.reasons,
      });
    }
  return out;
}

/** The offered table as lines. */
export function formatOffered(rows) {
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  const lines = [
    'impression rewrite offered after the verifier (target >= 90%), and why not',
    '| corpus | reports | offered | offered of imaging reports | not offered: most common reasons (reports) |',
    '|---|---:|---:|---:|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.group} | ${r.reports} | ${pct(r.offered, r.reports)} | ${pct(r.offered, r.imaging)} (${r.offered}/${r.imaging}) | ${r.reasons.map(([k, n]) => `${k} (${n})`).join('; ') || '-'} |`,
    );
  return lines;
}

/** The figures as table lines, for this script and the combined eval:rewrite table. */
export function formatImpressionTable(result) {
  if (result.skipped) return [`impression draft skipped: ${result.skipped}`];
  const f = (x) => (Number.isNaN(x) ? '   -  ' : `${x.toFixed(1).padStart(5)}%`);
  const lines = [
    'impression draft (impression removed, drafted from the findings, read against the original)',
    `${'source'.padEnd(28)} ${'reports'.padStart(7)} ${'covered'.padStart(8)} ${'of descr.'.padStart(9)} ${'not named'.padStart(9)} ${'normal'.padStart(6)} ${'failed'.padStart(6)} ${'consist.'.padStart(8)} ${'draft p50/p99 ms'.padStart(17)} ${'verify p50/p99 ms'.padStart(18)}`,
  ];
  for (const r of result.rows) {
    lines.push(
      `${r.name.padEnd(28)} ${String(r.reports).padStart(7)} ${f(r.coveredPct).padStart(8)} ${f(r.coveredOfDescribedPct).padStart(9)} ${f(r.notNamedPct).padStart(9)} ${String(r.normalDrafts).padStart(6)} ${String(r.failedVerification).padStart(6)} ${String(r.consistencyProblems).padStart(8)} ${`${r.draftP50.toFixed(2)}/${r.draftP99.toFixed(2)}`.padStart(17)} ${`${r.verifyP50.toFixed(2)}/${r.verifyP99.toFixed(2)}`.padStart(18)}`,
    );
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => numberOption(args, name, fallback);
  if (args.includes('--read')) {
    const at = args.indexOf('--match');
    const read = readDrafts(option('read', 20), option('seed', 1), at >= 0 ? new RegExp(args[at + 1], 'i') : null);
    read.forEach((r, i) => {
      console.log(`\n===== ${i + 1} ${r.ok ? 'offered' : 'NOT offered: ' + r.reasons.join(' | ')}\n${r.report.trim()}`);
      console.log(`--- old impression:\n${r.old}\n--- draft:\n${r.draft}`);
    });
    process.exit(0);
  }
  if (args.includes('--offered')) {
    const rows = evaluateOffered(option('offered', 150), option('top', 5), args.includes('--imaging'));
    for (const line of formatOffered(rows)) console.log(line);
    process.exit(0);
  }
  const result = evaluateImpression({
    limit: option('limit', Infinity),
    show: option('show', 0),
    includeMinor: args.includes('--include-minor'),
  });
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    for (const line of formatImpressionTable(result)) console.log(line);
    if (result.reasons && Object.keys(result.reasons).length) console.log('verifier reasons:', JSON.stringify(result.reasons));
    if (result.missed) console.log('missed most:', JSON.stringify(Object.fromEntries(Object.entries(result.missed).slice(0, 25))));
    for (const s of result.shown ?? []) {
      console.log(`\n--- ${s.id}\nORIGINAL: ${s.original.replace(/\s+/g, ' ')}\nDRAFT:\n${s.draft}`);
      if (s.missed.length) console.log(`missed: ${s.missed.join('; ')}`);
      if (s.notNamed.length) console.log(`not in original: ${s.notNamed.join(' | ')}`);
      if (s.reasons.length) console.log(`verifier: ${s.reasons.join(' | ')}`);
    }
  }
}
