// npm run bench: speed and memory of the engine and of the language server. Prints numbers; asserts nothing.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iuReports, haveData, dataDir } from './lib/corpus.mjs';
import { startServer } from '../test/helpers/lsp.mjs';
import { formatSummary, ms, summary as summarise } from './lib/stats.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { checkText, prepareRules } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, REWRITE_KINDS } = require(path.join(root, 'out/server/rewrite/index.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
const nlp = require(path.join(root, 'out/server/nlp/index.js'));

const summary = (samples) => formatSummary(summarise(samples));

const TYPICAL = `EXAM: Chest radiograph, PA and lateral.
INDICATION: 67-year-old female with shortness of breath.
COMPARISON: Chest radiograph from last year.
FINDINGS: The heart size is mildly enlarged. There is a small left pleural effusion with adjacent
basilar atelectasis. No pneumothorax. The right lung is clear. Degenerative changes of the thoracic spine.
IMPRESSION:
1. Small left pleural effusion with adjacent atelectasis.
2. Mild cardiomegaly.
`;

async function engineBench() {
  const loadStart = performance.now();
  await prepareRules();
  console.log(`rule set-up (dictionaries): ${ms(performance.now() - loadStart)}`);
  if (!haveData) {
    console.log(`IU reports: skipped (no data at ${dataDir})`);
    return;
  }
  const typical = [];
  for (let i = 0; i < 200; i++) void checkText(TYPICAL).problems; // warm-up (the analysis is lazy: ask for the problems)
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    void checkText(TYPICAL).problems;
    typical.push(performance.now() - t0);
  }
  console.log(`typical report (${TYPICAL.length} chars), all rules, 2000 checks: ${summary(typical)}`);
  const reports = iuReports({ requireBoth: false }).map((r) => r.text);
  // First sight of every report: spelling suggestions for words never seen before are computed here.
  const firstSight = [];
  for (const text of reports) {
    const t0 = performance.now();
    void checkText(text).problems;
    firstSight.push(performance.now() - t0);
  }
  console.log(`IU reports, first sight (cold spelling suggestions): ${summary(firstSight)}`);
  const check = [];
  const parse = [];
  const understand = [];
  const started = performance.now();
  for (const text of reports) {
    const t0 = performance.now();
    void checkText(text).problems;
    check.push(performance.now() - t0);
  }
  const total = performance.now() - started;
  for (const text of reports) {
    const t0 = performance.now();
    const report = parseReport(text);
    const t1 = performance.now();
    nlp.understand(report);
    const t2 = performance.now();
    parse.push(t1 - t0);
    understand.push(t2 - t1);
  }
  console.log(`IU reports: ${reports.length}`);
  console.log(`  all rules, per report (warm): ${summary(check)}`);
  console.log(`  parse only, per report:     ${summary(parse)}`);
  console.log(`  findings extraction:        ${summary(understand)}`);
  console.log(`  throughput: ${(reports.length / (total / 1000)).toFixed(0)} reports/s`);

  const big = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i = (i + 1) % reports.length) {
    big.push(reports[i]);
    size += reports[i].length + 1;
  }
  const megabyte = big.join('\n').slice(0, 1_000_000);
  const t0 = performance.now();
  const result = checkText(megabyte);
  console.log(`1 MB document (${megabyte.length} chars): ${ms(performance.now() - t0)}, ${result.problems.length} problems`);

  // Each deterministic rewrite (verification included), per IU report, the analysis already made.
  for (const kind of REWRITE_KINDS) {
    const times = [];
    for (const text of reports) {
      const analysis = checkText(text);
      void analysis.understanding;
      const t1 = performance.now();
      rewrite(kind, analysis);
      times.push(performance.now() - t1);
    }
    console.log(`rewrite ${kind} (deterministic + verifier), per report: ${summary(times)}`);
  }
}

async function lspBench(iterations = 300) {
  const server = await startServer();
  const uri = 'file:///bench/report.rpt';
  await server.open(uri, TYPICAL);
  await server.nextDiagnostics((p) => p.uri === uri);
  const latencies = [];
  let version = 1;
  for (let i = 0; i < iterations; i++) {
    version++;
    // Type one character at the end of the findings, as a radiologist would.
    const t0 = performance.now();
    const waiting = server.nextDiagnostics((p) => p.uri === uri && p.version === version);
    await server.change(uri, version, [
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: i % 2 ? 'a' : ' ' },
    ]);
    await waiting;
    latencies.push(performance.now() - t0);
  }
  await server.stop();
  console.log(`edit-to-diagnostics over LSP stdio (push, typical report, ${iterations} edits): ${summary(latencies)}`);
}

await engineBench();
await lspBench();
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
