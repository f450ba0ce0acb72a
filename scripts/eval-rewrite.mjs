// npm run eval:rewrite: the three rewrites over the real reports in ../shared/data, in one report:
// restructure (sentences kept, findings changed, template = exam), impression draft (impression
// removed first: coverage, unnamed findings, consistency problems left), patient summary (grade,
// coverage, invented findings, advice), and how often the verifier lets each rewrite be offered.
// Prints figures; asserts nothing.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dataDir, haveData, iuReports, mtReports } from './lib/corpus.mjs';
import { summary as latency } from './lib/stats.mjs';
import { evaluateRestructure, restructureTable } from './eval-restructure.mjs';
import { evaluateImpression, formatImpressionTable } from './eval-impression.mjs';
import { corpusReports, evaluateSummaries, summaryRows } from './eval-summary.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyze } = require(path.join(root, 'out/server/engine.js'));
const { rewrite, REWRITE_KINDS } = require(path.join(root, 'out/server/rewrite/index.js'));

if (!haveData) {
  console.log(`eval:rewrite skipped: no data at ${dataDir}`);
  process.exit(0);
}

console.log('## Restructure into template (deterministic, pertinent negatives off)  [npm run eval:restructure]');
console.log(restructureTable(evaluateRestructure()));

console.log('\n## Impression draft  [npm run eval:impression]');
for (const line of formatImpressionTable(evaluateImpression())) console.log(line);

console.log('\n## Patient summary  [npm run eval:summary]');
const rows = summaryRows(evaluateSummaries(corpusReports()));
const w = Math.max(...rows.map((r) => r[0].length));
for (const [what, figure, target] of rows) console.log(`${what.padEnd(w)}  ${figure}  (target ${target})`);

// What the editor and the CLI offer: rewrite() verified through the one door, and its cost.
console.log('\n## Offered after the verifier (rewrite/index.ts), every report, all three kinds');
const texts = [...iuReports({ requireBoth: false }).map((r) => r.text), ...mtReports().map((r) => r.text)];
console.log('| rewrite | reports | verified, so offered | not offered: most common reason | ms p50 | ms p99 |');
console.log('|---|---:|---:|---|---:|---:|');
for (const kind of REWRITE_KINDS) {
  let ok = 0;
  const reasons = new Map();
  const times = [];
  for (const text of texts) {
    const analysis = analyze(text);
    void analysis.understanding; // the engine has this already in the editor; the rewrite's own cost is timed
    const t0 = performance.now();
    const r = rewrite(kind, analysis);
    times.push(performance.now() - t0);
    if (r.verification.ok) ok++;
    else
      for (const reason of r.verification.reasons.slice(0, 1)) {
        const key = reason.replace(/:.*/, '');
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      }
  }
  const top = [...reasons].sort((a, b) => b[1] - a[1])[0];
  const l = latency(times);
  console.log(
    `| ${kind} | ${texts.length} | ${((100 * ok) / texts.length).toFixed(1)}% | ${top ? `${top[0]} (${top[1]})` : '-'} | ${l.p50.toFixed(2)} | ${l.p99.toFixed(2)} |`,
  );
}
