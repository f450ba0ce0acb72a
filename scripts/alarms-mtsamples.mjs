// node scripts/alarms-mtsamples.mjs [--corpus mt|ctrate|synthetic] [--rule ID] [--kind imaging|other]
//   [--sample N] [--names] — prints every warning and error on the MTSamples radiology documents (or the
// CT-RATE chest CTs, or the synthetic CT/MRI reports) with its sentence, so each can be read and judged by
// hand; then counts per rule and per document kind (imaging report or not, as the parser recognises it).
// --sample N prints only N alarms of the chosen rule, drawn at random with a fixed seed (the counts stay
// whole). Run `npx tsc -b` first.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mtReports, ctRateReports, syntheticReports, haveData, dataDir } from './lib/corpus.mjs';
import { rng, drawsFrom } from './lib/random.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyze, prepareRules } = require(path.join(root, 'out/server/engine.js'));

if (!haveData) {
  console.log(`alarms:mtsamples skipped: no data at ${dataDir}`);
  process.exit(0);
}
await prepareRules();
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const onlyRule = arg('--rule');
const onlyKind = arg('--kind');
const fold = (s) => s.replace(/\s+/g, ' ').trim();
const corpus = arg('--corpus') ?? 'mt';
const CORPORA = {
  mt: () => mtReports(),
  ctrate: () => ctRateReports().map((text, i) => ({ id: `ctrate:${i}`, name: 'CT chest', text })),
  synthetic: () => syntheticReports().map((text, i) => ({ id: `synthetic:${i}`, name: text.slice(6, text.indexOf('\n')), text })),
};
if (!CORPORA[corpus]) throw new Error(`--corpus must be one of ${Object.keys(CORPORA).join(', ')}`);
const sample = Number(arg('--sample') ?? 0);

const perRule = new Map();
const perKind = { imaging: { docs: 0, alarms: 0 }, other: { docs: 0, alarms: 0 } };
const shownAlarms = [];
for (const r of CORPORA[corpus]()) {
  const a = analyze(r.text);
  const kind = a.report.document === 'imaging' ? 'imaging' : 'other';
  perKind[kind].docs++;
  if (process.argv.includes('--names')) console.log(`${kind}\t${r.id}\t${r.name}`);
  const alarms = a.problems.filter((p) => p.severity === 'error' || p.severity === 'warning');
  perKind[kind].alarms += alarms.length;
  for (const p of alarms) perRule.set(`${kind} ${p.rule}`, (perRule.get(`${kind} ${p.rule}`) ?? 0) + 1);
  const shown = alarms.filter((p) => (!onlyRule || p.rule === onlyRule) && (!onlyKind || kind === onlyKind));
  if (process.argv.includes('--names')) continue;
  for (const p of shown) {
    const s = a.report.sentences.find((x) => x.start <= p.start && p.start < x.end);
    shownAlarms.push({
      doc: `${corpus === 'mt' ? 'mt:' : ''}${r.id} ${r.name} [${kind}]`,
      line: `- ${p.rule} (${p.severity}): ${fold(p.message)}\n    «${fold(a.report.text.slice(p.start, p.end))}» in: ${fold(s?.text ?? '').slice(0, 300)}`,
    });
  }
}
const printed = sample ? drawsFrom(rng(19)).shuffle(shownAlarms).slice(0, sample) : shownAlarms;
let lastDoc = '';
for (const { doc, line } of printed) {
  if (doc !== lastDoc) console.log(`\n## ${doc}`);
  lastDoc = doc;
  console.log(line);
}
console.log('\nDocuments and alarms (warnings + errors) by kind:');
for (const [k, v] of Object.entries(perKind)) console.log(`  ${k}: ${v.docs} documents, ${v.alarms} alarms`);
console.log('Alarms by rule:');
for (const [k, n] of [...perRule].sort((x, y) => y[1] - x[1])) console.log(`  ${k}: ${n}`);
