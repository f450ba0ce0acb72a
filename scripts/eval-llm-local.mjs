// npm run eval:llm-local: the AI check and the three `--llm` rewrites against a real model behind
// an OpenAI-compatible server (started by scripts/local-llm.sh, which runs this once per model).
// Real reports from ../shared/data (IU chest films; MTSamples CT, MRI and ultrasound), each checked
// clean and with one injected error. Prints figures; asserts nothing. The last line is the summary:
//   local-llm: MODEL reports N schema-valid X% anchored Y% caught C/T false-alarms F/report rewrites-verified V% unverified-offered U p50 S s
//
//   RADLINT_LLM_BASE_URL=… RADLINT_LLM_MODEL=… node scripts/eval-llm-local.mjs [--reports N] [--rewrites N] [--seed N] [--timeout MS] [--show N] [--prompt-json]
//
// The injections are this script's own two (a side flipped in the impression; a finding added to the
// impression that the report never mentions): the error evaluation's injectors are not importable
// from scripts/eval-errors.mjs, and a small model is judged on the plainest errors first.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dataDir, haveData, iuReports, mtReports } from './lib/corpus.mjs';
import { drawsFrom, rng } from './lib/random.mjs';
import { quantile } from './lib/stats.mjs';
import { numberOption } from './lib/options.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const llm = require(path.join(root, 'out/server/llm/index.js'));
const { rewriteWithLlm } = require(path.join(root, 'out/server/llm/rewrite.js'));
const { analyze, checkText, prepareRules } = require(path.join(root, 'out/server/engine.js'));
const { REWRITE_KINDS } = require(path.join(root, 'out/server/rewrite/index.js'));
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => numberOption(args, name, fallback);
const REPORTS = option('reports', 16);
const REWRITES = option('rewrites', 4);
const SEED = option('seed', 20261206);
const TIMEOUT = option('timeout', 120_000);
const SHOW = option('show', 0);
// --prompt-json: JSON asked for in the prompt only (radlint.llm.structuredOutput = prompt).
const PROMPT_JSON = args.includes('--prompt-json');
const MODEL = process.env.RADLINT_LLM_MODEL;
const BASE_URL = process.env.RADLINT_LLM_BASE_URL;
const SERVER_PID = process.env.LOCAL_LLM_SERVER_PID;

if (!haveData) {
  console.log(`eval:llm-local skipped: no data at ${dataDir}`);
  process.exit(0);
}
if (!MODEL || !BASE_URL) {
  console.error(
    'eval-llm-local: run through scripts/local-llm.sh (npm run eval:llm-local), or set RADLINT_LLM_BASE_URL and RADLINT_LLM_MODEL',
  );
  process.exit(2);
}

const random = rng(SEED);
const { pick, shuffle } = drawsFrom(random);

// Reports: chest films and CT/MRI/US, each with findings and an impression, short enough for a
// small model's context (the longer ones exercise the trimming).
const CROSS_SECTIONAL = /\b(?:CT|CTA|MRI|MRA|MR|ultrasound|sonogram|sonography|US|doppler)\b/i;
const withImpression = (text) => {
  const report = parseReport(text);
  return report.sections.some((s) => s.kind === 'impression') && report.sections.some((s) => s.kind === 'findings');
};
const iu = shuffle(iuReports().filter((r) => r.text.length < 1500)).slice(0, Math.ceil(REPORTS / 2));
const mt = shuffle(mtReports().filter((r) => CROSS_SECTIONAL.test(r.name) && r.text.length < 4000 && withImpression(r.text))).slice(
  0,
  Math.floor(REPORTS / 2),
);
const sources = [...iu.map((r) => ({ id: `iu:${r.uid}`, text: r.text })), ...mt.map((r) => ({ id: `mt:${r.id} ${r.name}`, text: r.text }))];

// ---------------------------------------------------------------------------------------------
// Two injections, each at a known span of the impression.
const SIDE = /\b(left|right|Left|Right|LEFT|RIGHT)\b/g;
const FLIP = { left: 'right', right: 'left', Left: 'Right', Right: 'Left', LEFT: 'RIGHT', RIGHT: 'LEFT' };
const INSERTIONS = [
  { family: /pneumothora/i, statement: 'Small left apical pneumothorax.' },
  { family: /effusion/i, statement: 'Moderate right pleural effusion.' },
  { family: /fracture/i, statement: 'Acute fracture of the right sixth rib.' },
  { family: /hydronephrosis/i, statement: 'Moderate left hydronephrosis.' },
  { family: /hemorrhage|hematoma/i, statement: 'Small acute right subdural hematoma.' },
];

function impressionOf(text) {
  return parseReport(text).sections.find((s) => s.kind === 'impression');
}

function inject(text) {
  const impression = impressionOf(text);
  if (!impression) return null;
  const body = text.slice(impression.body.start, impression.body.end);
  const sides = [...body.matchAll(SIDE)];
  const options = [];
  if (sides.length) options.push('laterality');
  const absent = INSERTIONS.filter((i) => !i.family.test(text));
  if (absent.length) options.push('insertion');
  if (!options.length) return null;
  const kind = pick(options);
  if (kind === 'laterality') {
    const m = pick(sides);
    const at = impression.body.start + m.index;
    const by = FLIP[m[1]];
    return {
      kind,
      categories: ['laterality'],
      text: text.slice(0, at) + by + text.slice(at + m[1].length),
      span: { start: at, end: at + by.length },
    };
  }
  const { statement } = pick(absent);
  const at = impression.body.end;
  return {
    kind,
    categories: ['insertion', 'contradiction'],
    text: `${text.slice(0, at)} ${statement}${text.slice(at)}`,
    span: { start: at + 1, end: at + 1 + statement.length },
  };
}

// ---------------------------------------------------------------------------------------------
const settings = {
  ...llm.LLM_DEFAULTS,
  enabled: true,
  baseUrl: BASE_URL,
  model: MODEL,
  timeoutMs: TIMEOUT,
  maxRetries: 0,
  structuredOutput: PROMPT_JSON ? 'prompt' : 'auto',
};
const provider = new llm.Provider({ ...settings, azureApiVersion: undefined, azureDeployment: undefined });

const peakMemoryMb = () => {
  if (!SERVER_PID) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${SERVER_PID}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
};

const tally = () => ({ answers: 0, valid: 0, received: 0, invalid: 0, unanchored: 0, shown: 0, failed: new Map(), seconds: [] });
const clean = tally();
const injected = tally();
const caught = new Map();
const leftOut = new Map();
const modes = new Map();
const examples = [];

async function check(text, into) {
  const started = performance.now();
  try {
    const { problems, stats } = await llm.checkWithLlm(text, [], { provider, settings, cache: new llm.AnswerCache(1) });
    into.seconds.push((performance.now() - started) / 1000);
    into.answers++;
    if (stats.invalid === 0) into.valid++;
    into.received += stats.received;
    into.invalid += stats.invalid;
    into.unanchored += stats.unanchored;
    into.shown += problems.length;
    for (const s of stats.leftOut) leftOut.set(s, (leftOut.get(s) ?? 0) + 1);
    modes.set(stats.jsonMode, (modes.get(stats.jsonMode) ?? 0) + 1);
    return problems;
  } catch (error) {
    const reason =
      error instanceof llm.LlmError ? error.reason.replace(/\d+(\.\d+)? s\b/g, 'N s').replace(/\(\d+ tokens > \d+\)/, '') : String(error);
    if (error instanceof llm.LlmError && error.kind === 'invalid-output') {
      into.answers++;
      into.seconds.push((performance.now() - started) / 1000);
    }
    into.failed.set(reason, (into.failed.get(reason) ?? 0) + 1);
    return null;
  }
}

const overlaps = (p, span) => p.start < span.end && span.start < p.end;

await prepareRules();
const t0 = Date.now();
let total = 0;
let caughtTotal = 0;
let rulesCaught = 0;
for (const [n, source] of sources.entries()) {
  process.stderr.write(`\r${n + 1}/${sources.length} ${source.id.slice(0, 40).padEnd(40)}`);
  const cleanProblems = await check(source.text, clean);
  if (SHOW && cleanProblems?.length && examples.length < SHOW)
    examples.push({ id: source.id, what: 'clean', problems: cleanProblems, text: source.text });
  const error = inject(source.text);
  if (!error) continue;
  total++;
  const row = caught.get(error.kind) ?? { injected: 0, caught: 0 };
  row.injected++;
  const problems = await check(error.text, injected);
  const hit = (problems ?? []).some((p) => overlaps(p, error.span) || error.categories.includes(p.category));
  if (hit) {
    row.caught++;
    caughtTotal++;
  }
  caught.set(error.kind, row);
  const before = new Set(checkText(source.text).problems.map((p) => `${p.rule}|${p.message}`));
  if (checkText(error.text).problems.some((p) => error.categories.includes(p.category) && !before.has(`${p.rule}|${p.message}`)))
    rulesCaught++;
}

// Rewrites: each kind on the first reports, offered only when the verifier passed them.
const rewrites = new Map(REWRITE_KINDS.map((k) => [k, { asked: 0, verified: 0, unverifiedOffered: 0, reasons: new Map(), seconds: [] }]));
for (const [n, source] of sources.slice(0, REWRITES).entries()) {
  for (const kind of REWRITE_KINDS) {
    process.stderr.write(`\rrewrite ${n + 1}/${Math.min(REWRITES, sources.length)} ${kind.padEnd(40)}`);
    const row = rewrites.get(kind);
    const started = performance.now();
    const result = await rewriteWithLlm(kind, analyze(source.text), {}, { provider, settings });
    row.seconds.push((performance.now() - started) / 1000);
    row.asked++;
    if (result.by === 'llm') {
      if (result.verification.ok) row.verified++;
      else row.unverifiedOffered++;
    } else {
      const reason = (result.note ?? 'no note')
        .replace(/^AI rewrite not used: /, '')
        .replace(/:.*$/, '')
        .slice(0, 70);
      row.reasons.set(reason, (row.reasons.get(reason) ?? 0) + 1);
    }
  }
}
process.stderr.write('\r'.padEnd(60) + '\r');

// ---------------------------------------------------------------------------------------------
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
const secs = (list, q) => (list.length ? quantile(list, q).toFixed(1) : '-');
const failures = (m) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([r, k]) => `${k}× ${r}`)
    .join('; ') || '-';
const memory = peakMemoryMb();
console.log(
  `## ${MODEL}: ${sources.length} reports (${iu.length} IU chest films, ${mt.length} MTSamples CT/MRI/US), seed ${SEED}, ` +
    `${Math.round((Date.now() - t0) / 1000)} s in all`,
);
console.log(`JSON asked for as: ${[...modes].map(([m, k]) => `${m ?? 'cache'} ${k}`).join(', ') || '-'}`);
console.log('');
console.log('| AI check | answers | schema-valid | issues valid | anchored | shown | p50 s | p99 s | failed |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const [name, t] of [
  ['clean', clean],
  ['injected', injected],
]) {
  const validIssues = t.received - t.invalid;
  console.log(
    `| ${name} | ${t.answers} | ${pct(t.valid, t.answers)} | ${validIssues} | ${pct(validIssues - t.unanchored, validIssues)} | ${t.shown} | ` +
      `${secs(t.seconds, 0.5)} | ${secs(t.seconds, 0.99)} | ${failures(t.failed)} |`,
  );
}
console.log('');
console.log(
  `Injected errors caught (an AI problem on the injected words, or of the error's category): ${[...caught].map(([k, r]) => `${k} ${r.caught}/${r.injected}`).join(', ')}; ` +
    `the rules alone catch ${rulesCaught}/${total}`,
);
console.log(
  `False alarms: ${clean.shown} AI problems on ${sources.length} clean reports = ${(clean.shown / sources.length).toFixed(2)} per report`,
);
if (leftOut.size) console.log(`Left out to fit the model's context: ${[...leftOut].map(([s, k]) => `${s} ${k}×`).join(', ')}`);
console.log('');
console.log('| --llm rewrite | asked | verified, so offered | unverified offered | not used: reasons | p50 s |');
console.log('|---|---:|---:|---:|---|---:|');
for (const [kind, r] of rewrites)
  console.log(
    `| ${kind} | ${r.asked} | ${r.verified} (${pct(r.verified, r.asked)}) | ${r.unverifiedOffered} | ${failures(r.reasons)} | ${secs(r.seconds, 0.5)} |`,
  );
console.log('');
console.log(`Server peak memory (VmHWM): ${memory === undefined ? 'unknown' : `${memory} MB`}`);
for (const e of examples) {
  console.log(`--- ${e.what} ${e.id}`);
  for (const p of e.problems) console.log(`    ${p.category} "${e.text.slice(p.start, p.end).replace(/\s+/g, ' ')}": ${p.message}`);
}

const answers = clean.answers + injected.answers;
const validIssues = clean.received - clean.invalid + injected.received - injected.invalid;
const anchored = validIssues - clean.unanchored - injected.unanchored;
const rewriteRows = [...rewrites.values()];
const asked = rewriteRows.reduce((n, r) => n + r.asked, 0);
const verified = rewriteRows.reduce((n, r) => n + r.verified, 0);
const unverified = rewriteRows.reduce((n, r) => n + r.unverifiedOffered, 0);
console.log(
  `local-llm: ${MODEL} reports ${sources.length} schema-valid ${pct(clean.valid + injected.valid, answers)} anchored ${pct(anchored, validIssues)} ` +
    `caught ${caughtTotal}/${total} false-alarms ${(clean.shown / sources.length).toFixed(2)}/report rewrites-verified ${pct(verified, asked)} ` +
    `unverified-offered ${unverified} p50 ${secs([...clean.seconds, ...injected.seconds], 0.5)} s`,
);
