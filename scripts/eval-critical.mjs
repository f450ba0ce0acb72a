// npm run eval:critical — critical findings and their documented communication on real reports.
// 1. IU reports coded Pneumothorax / Pneumoperitoneum / Hydropneumothorax: share recognised as critical (an
//    alarm, or where a call is documented and no alarm is due, the analysis's critical list).
// 2. IU reports coded `normal`: share with no critical alarm.
// 3. Injected: a critical finding added to a normal report, with and without a communication
//    statement (deterministic seed): is critical-communication-missing right in both?
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iuReports, haveData, dataDir } from './lib/corpus.mjs';
import { rng } from './lib/random.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { checkText, prepareRules } = require(path.join(root, 'out/server/engine.js'));

if (!haveData) {
  console.log(`eval:critical skipped: no data at ${dataDir}`);
  process.exit(0);
}
await prepareRules();

const CRITICAL_HEADS = /^(pneumothorax|pneumoperitoneum|hydropneumothorax)$/i;
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : 'n/a');
const rules = (text) => checkText(text).problems;

const reports = iuReports();
let coded = 0;
let caught = 0;
const missed = [];
let normal = 0;
let normalClean = 0;
const falseAlarms = [];
for (const r of reports) {
  const heads = r.mesh.split(';').map((m) => m.split('/')[0].trim());
  // Recognised as critical: the critical-finding mark, the communication warning it merges into when no call is
  // documented, or (a call documented, so neither is shown) the analysis's list of current critical findings.
  const analysis = checkText(r.text);
  const problems = analysis.problems.filter((p) => p.rule === 'critical-finding' || p.rule === 'critical-communication-missing');
  if (!problems.length) problems.push(...analysis.critical.map((c) => c.finding));
  if (heads.some((h) => CRITICAL_HEADS.test(h))) {
    coded++;
    if (problems.length) caught++;
    else missed.push(r);
  }
  if (r.mesh.trim().toLowerCase() === 'normal') {
    normal++;
    if (problems.length === 0) normalClean++;
    else falseAlarms.push({ uid: r.uid, what: problems.map((p) => r.text.slice(p.start, p.end)).join(', ') });
  }
}

// Injection: deterministic, varied wording, with de-identified statements as IU writes them.
const random = rng(20261128);
const pick = (list) => list[Math.floor(random() * list.length)];
const CRITICAL_SENTENCES = [
  'There is a large right pneumothorax.',
  'Moderate left pneumothorax with partial lung collapse.',
  'Free intraperitoneal air beneath the right hemidiaphragm.',
  'Large volume pneumoperitoneum.',
  'Small left apical pneumothorax.',
  'Right tension pneumothorax with mediastinal shift.',
  'The endotracheal tube tip is in the right mainstem bronchus.',
  'Widened mediastinum concerning for aortic dissection.',
  'Free air under both hemidiaphragms.',
  'New right hydropneumothorax.',
];
const STATEMENTS = [
  'These findings were discussed with Dr. XXXX by telephone at XXXX on XXXX.',
  'Findings called to Dr. Smith at 14:35 by telephone, read back confirmed.',
  'Critical result communicated to the ordering physician, Dr. XXXX, by phone at 3:10 p.m.',
  'XXXX XXXX was notified of the critical results at XXXX on XXXX by telephone and acknowledged receipt.',
  'Discussed with the emergency department physician in person at 0815 hours.',
  'I spoke with Dr. Patel by telephone at 22:40 and the findings were read back.',
  'Dr. XXXX was paged at 1430 regarding these findings and called back; read-back confirmed.',
  'Results were telephoned to the covering resident at XXXX hours on XXXX.',
  'Findings were conveyed via secure message to Dr. Nguyen on 03/04/2025 at 09:12.',
];
// Statements missing an ACR element (who, when or how): the rule should still ask for it.
const INCOMPLETE = [
  'Discussed with Dr. XXXX.',
  'Findings were communicated at 10:05 by telephone.',
  'Dr. Smith was notified.',
  'Results called to the emergency department.',
];
const normals = reports.filter((r) => r.mesh.trim().toLowerCase() === 'normal');
let withStatement = 0;
let withStatementRight = 0;
let withoutStatement = 0;
let withoutStatementRight = 0;
let incomplete = 0;
let incompleteRight = 0;
const wrong = [];
for (let i = 0; i < 600; i++) {
  const base = pick(normals).text;
  const sentence = pick(CRITICAL_SENTENCES);
  const kind = ['complete', 'none', 'incomplete'][i % 3];
  const communicate = kind === 'complete';
  const impressionAdd = sentence + (kind === 'complete' ? ` ${pick(STATEMENTS)}` : kind === 'incomplete' ? ` ${pick(INCOMPLETE)}` : '');
  const text = base.replace(/^FINDINGS: /m, `FINDINGS: ${sentence} `).replace(/^IMPRESSION: .*$/m, `IMPRESSION: ${impressionAdd}`);
  const flagged = rules(text).some((p) => p.rule === 'critical-communication-missing');
  if (kind === 'incomplete') {
    incomplete++;
    if (flagged) incompleteRight++;
    else wrong.push({ kind: 'incomplete not flagged', text: impressionAdd });
  } else if (communicate) {
    withStatement++;
    if (!flagged) withStatementRight++;
    else wrong.push({ kind: 'false alarm', text: impressionAdd });
  } else {
    withoutStatement++;
    if (flagged) withoutStatementRight++;
    else wrong.push({ kind: 'missed', text: impressionAdd });
  }
}

console.log('eval:critical');
console.log(`IU reports with findings and impression: ${reports.length}`);
console.log(
  `critical recall (coded Pneumothorax/Pneumoperitoneum/Hydropneumothorax): ${caught}/${coded} = ${pct(caught, coded)}  (target >= 95%)`,
);
console.log(`normal reports with no critical alarm: ${normalClean}/${normal} = ${pct(normalClean, normal)}  (target >= 99.5%)`);
console.log(
  `injected, no statement -> flagged: ${withoutStatementRight}/${withoutStatement} = ${pct(withoutStatementRight, withoutStatement)}  (target >= 95%)`,
);
console.log(`injected, statement missing who/when/how -> flagged: ${incompleteRight}/${incomplete} = ${pct(incompleteRight, incomplete)}`);
console.log(
  `injected, with statement -> not flagged: ${withStatementRight}/${withStatement} = ${pct(withStatementRight, withStatement)}  (target >= 95%)`,
);
if (process.argv.includes('--verbose')) {
  for (const r of missed) console.log(`  missed uid ${r.uid} [${r.mesh}]: ${r.text.replace(/\n/g, ' ').slice(0, 300)}`);
  for (const f of falseAlarms) console.log(`  alarm on normal uid ${f.uid}: ${f.what}`);
  for (const w of wrong.slice(0, 20)) console.log(`  ${w.kind}: ${w.text}`);
}
