// npm run eval:ct — chest CT: the 800 hand-labelled CT-RATE reports (../shared/data, CC BY-NC-SA, read at
// run time only). Per label of the 18 abnormalities: precision, recall and F1 of "the engine finds the
// finding present or possible", and the macro F1 (targets: macro >= 0.90, no label under 0.80).
// The reports are split in two halves by accession number: develop on the odd half, check on the even half
// that nothing was tuned to sentences. `--misses LABEL` prints the false negatives and positives of a label
// (`--half development` only those of one half).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDir, parseCsv } from './lib/corpus.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parseReport } = require(path.join(root, 'out/server/report/index.js'));
const { understand } = require(path.join(root, 'out/server/nlp/index.js'));

const file = path.join(dataDir, 'ctrate-ctclip-labelled-chest-ct-reports/train.csv');
if (!fs.existsSync(file)) {
  console.log(`eval:ct skipped: no data at ${file}`);
  process.exit(0);
}

const VESSEL_WALL = ['atherosclerosis', 'plaque', 'calcification'];
// The engine's concepts (or a test of a finding) that answer each CT-RATE label (the label set's own definitions, SOURCE.md).
const LABELS = {
  'Medical material': [
    'pacemaker',
    'endotracheal-tube',
    'malpositioned-tube',
    'enteric-tube',
    'central-venous-catheter',
    'picc',
    'chest-tube',
    'port',
    'tracheostomy',
    'stent',
    'catheter',
    'sternotomy',
    'surgical-clips',
    'orthopedic-hardware',
    'spinal-fusion',
    'breast-implants',
    'foreign-body',
    'device-fracture',
    'retained-surgical-item',
  ],
  // A plaque or calcification placed in the aorta (or nowhere, for atherosclerosis) is arterial; one placed only in
  // the coronary arteries is coronary; "plaques in the aorta and coronary arteries" are both.
  'Arterial wall calcification': (f) =>
    (['atherosclerosis', 'plaque'].includes(f.concept) && !(f.site.length && f.site.every((s) => s === 'coronary artery'))) ||
    (f.concept === 'calcification' && f.site.includes('aorta')),
  Cardiomegaly: ['cardiomegaly'],
  'Pericardial effusion': ['pericardial-effusion'],
  'Coronary artery wall calcification': (f) =>
    f.concept === 'coronary-artery-calcification' || (VESSEL_WALL.includes(f.concept) && f.site.includes('coronary artery')),
  'Hiatal hernia': ['hiatal-hernia'],
  // The labellers mark any lymph node the report describes as seen, millimetric ones included (in the development
  // half 133 of 134 positives describe nodes, most under 1 cm); the engine keeps a node under 10 mm short axis
  // apart from lymphadenopathy, so both answer this label.
  Lymphadenopathy: ['lymphadenopathy', 'lymph-node'],
  Emphysema: ['emphysema', 'bullae'],
  Atelectasis: ['atelectasis', 'lobar-collapse'],
  'Lung nodule': ['nodule'],
  'Lung opacity': ['opacity', 'ground-glass-opacity', 'infiltrate', 'airspace-disease'],
  'Pulmonary fibrotic sequela': ['fibrotic-sequela', 'pulmonary-fibrosis', 'scarring'],
  'Pleural effusion': ['pleural-effusion'],
  'Mosaic attenuation pattern': ['mosaic-attenuation'],
  'Peribronchial thickening': ['bronchial-wall-thickening'],
  Consolidation: ['consolidation'],
  Bronchiectasis: ['bronchiectasis'],
  'Interlobular septal thickening': ['septal-thickening'],
};

const rows = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => r.AccessionNo);
const misses = process.argv.includes('--misses') ? process.argv[process.argv.indexOf('--misses') + 1] : null;
// `--half development` limits the printed misses to one half (develop on it, never read the held-out one).
const missHalf = process.argv.includes('--half') ? process.argv[process.argv.indexOf('--half') + 1] : 'all';
const halves = { development: (n) => n % 2 === 1, 'held-out': (n) => n % 2 === 0, all: () => true };
const counts = Object.fromEntries(
  Object.keys(halves).map((h) => [h, Object.fromEntries(Object.keys(LABELS).map((l) => [l, { tp: 0, fp: 0, fn: 0 }]))]),
);
const fold = (s) => s.replace(/\s+/g, ' ').trim();

for (const row of rows) {
  const n = Number(row.AccessionNo.replace(/\D/g, ''));
  const report = parseReport(row.report_text);
  const found = understand(report).findings.filter((f) => f.assertion === 'present' || f.assertion === 'possible');
  for (const [label, concepts] of Object.entries(LABELS)) {
    const hits = found.filter((f) => (typeof concepts === 'function' ? concepts(f) : concepts.includes(f.concept)));
    const truth = row[label] === '1';
    for (const [half, inHalf] of Object.entries(halves)) {
      if (!inHalf(n)) continue;
      const c = counts[half][label];
      if (truth && hits.length) c.tp++;
      else if (truth) c.fn++;
      else if (hits.length) c.fp++;
    }
    if (misses === label && halves[missHalf](n) && truth !== hits.length > 0) {
      const what = truth ? 'MISSED' : `FALSE: ${hits.map((f) => `${f.concept} «${row.report_text.slice(f.start, f.end)}»`).join(', ')}`;
      console.log(`${row.AccessionNo} ${what}\n  ${fold(row.report_text).slice(0, 1500)}\n`);
    }
  }
}

const f1 = ({ tp, fp, fn }) => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
const p = ({ tp, fp }) => (tp + fp ? tp / (tp + fp) : 0);
const r = ({ tp, fn }) => (tp + fn ? tp / (tp + fn) : 0);
console.log('eval:ct — CT-RATE chest CT reports (800, hand-labelled), present or possible = positive');
console.log(`${'label'.padEnd(36)} ${'n'.padStart(4)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   dev F1  held F1`);
for (const label of Object.keys(LABELS)) {
  const c = counts.all[label];
  console.log(
    `${label.padEnd(36)} ${String(c.tp + c.fn).padStart(4)} ${p(c).toFixed(3).padStart(6)} ${r(c).toFixed(3).padStart(6)} ${f1(c).toFixed(3).padStart(6)}   ${f1(counts.development[label]).toFixed(3)}   ${f1(counts['held-out'][label]).toFixed(3)}`,
  );
}
for (const half of Object.keys(halves)) {
  const values = Object.values(counts[half]).map(f1);
  const macro = values.reduce((a, b) => a + b, 0) / values.length;
  console.log(
    `macro F1 (${half}): ${macro.toFixed(3)}   lowest label F1 ${Math.min(...values).toFixed(3)}   (targets: macro >= 0.90, none < 0.80)`,
  );
}
