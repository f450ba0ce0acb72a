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
