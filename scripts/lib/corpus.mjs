// Real reports from ../shared/data, read at run time (never copied into the repository).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const dataDir = process.env.RADLINT_DATA ?? path.resolve(root, '../shared/data');
const iuFile = path.join(dataDir, 'iu-xray-indiana-reports/indiana_reports.csv');
const mtFile = path.join(dataDir, 'mtsamples-radiology/mtsamples_radiology.jsonl');

export const haveData = fs.existsSync(iuFile) && fs.existsSync(mtFile);
export const skipWithoutData = haveData ? false : `shared data not found at ${dataDir}`;

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  const header = rows.shift();
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The IU CSV records as they are (uid, MeSH, Problems, image, indication, comparison, findings, impression). */
export function iuRows() {
  return parseCsv(fs.readFileSync(iuFile, 'utf8'));
}

/** The report text every evaluation builds from an IU record. */
export const iuText = (r) =>
  `EXAM: ${r.image}\nINDICATION: ${r.indication}\nCOMPARISON: ${r.comparison}\nFINDINGS: ${r.findings}\nIMPRESSION: ${r.impression}\n`;

/** IU chest radiograph reports as report text, with their MeSH coding. */
export function iuReports({ requireBoth = true } = {}) {
  return iuRows()
    .filter((r) => !requireBoth || (r.findings.trim() && r.impression.trim()))
    .map((r) => ({
      uid: r.uid,
      mesh: r.MeSH,
      text: iuText(r),
    }));
}

/** MTSamples radiology transcriptions. */
export function mtReports() {
  return fs
    .readFileSync(mtFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map((d) => ({ id: d.sample_id, name: d.sample_name, text: d.transcription }));
}

/** CT-RATE chest CT reports (findings text only): given the exam line and header they lack. */
export function ctRateReports() {
  const file = path.join(dataDir, 'ctrate-ctclip-labelled-chest-ct-reports/train.csv');
  if (!fs.existsSync(file)) return [];
  return parseCsv(fs.readFileSync(file, 'utf8'))
    .slice(0, 3000)
    .map((r) => `EXAM: CT CHEST\nFINDINGS: ${r.report_text}\n`);
}

/** Synthetic CT/MRI reports, their run-together headers put on lines of their own. */
export function syntheticReports() {
  const file = path.join(dataDir, 'synthetic-kbressem-gpt4-ct-mri-reports/reports.jsonl');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .map(
      (d) =>
        `EXAM: ${d.exam_type.replace(/_/g, ' ').replace('ABDOMENPELVIS', 'ABDOMEN AND PELVIS')}\n${d.free_text.replace(/([.:])\s*([A-Z][A-Z /]{3,}:)/g, '$1\n$2')}\n`,
    );
}

const MT_MODALITY = /\b(CT|CAT scan|MRI|MR |MRA|ultrasound|sonogra|US |doppler|echocardiogra)/i;

/**
 * The four groups the rewrite evaluations (eval:verify, eval:impression) read, `perGroup` reports of
 * each drawn with `draws` (lib/random.mjs), in a fixed order so both see the same reports: chest
 * films (IU), CT/MRI/US (MTSamples), chest CT (CT-RATE), CT/MRI (synthetic).
 */
export function rewriteGroups(perGroup, draws) {
  const sample = (list) => draws.shuffle(list).slice(0, perGroup);
  return [
    ['chest film (IU)', sample(iuReports({ requireBoth: false }).map((r) => r.text))],
    [
      'CT/MRI/US (MTSamples)',
      sample(
        mtReports()
          .filter((r) => MT_MODALITY.test(`${r.name} ${r.text.slice(0, 300)}`))
          .map((r) => r.text),
      ),
    ],
    ['CT chest (CT-RATE)', sample(ctRateReports())],
    ['CT/MRI (synthetic)', sample(syntheticReports())],
  ];
}

const MT_BREAST_OBSTETRIC = /\b(?:mammo\w*|breast|OB|obstetric\w*|fetal|biophysical)\b/i;
const FIXTURE_DIRS = ['test/fixtures/mammography', 'test/fixtures/obstetric-us', 'test/fixtures/restructure'];

/**
 * Mammography, breast imaging and obstetric ultrasound reports: the MTSamples radiology reports whose
 * name says so (an OB-GYN CT is none), and the reports written as test fixtures (test/fixtures), each
 * with `kind` 'MG' (breast) or 'OB'.
 */
export function breastObstetricReports() {
  const kindOf = (name) => (/\b(?:mammo\w*|breast|mg)\b/i.test(name) ? 'MG' : 'OB');
  const mt = haveData
    ? mtReports()
        .filter((r) => MT_BREAST_OBSTETRIC.test(r.name) && !/\bCT\b|nuclear/i.test(r.name))
        .map((r) => ({ id: `mt:${r.id}`, text: r.text, kind: kindOf(r.name) }))
    : [];
  const fixtures = FIXTURE_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((f) => /^(?:\d\d|mg|ob)-.*\.(?:txt|rpt)$/.test(f))
      .map((f) => ({
        id: `fixture:${path.basename(dir)}/${f}`,
        text: fs.readFileSync(path.join(root, dir, f), 'utf8'),
        kind: dir.endsWith('mammography') || f.startsWith('mg-') ? 'MG' : 'OB',
      })),
  );
  return [...mt, ...fixtures];
}
