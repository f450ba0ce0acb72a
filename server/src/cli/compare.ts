// `radlint compare`: a trainee's report against the reference, or a folder of teaching pairs with a
// printable scorecard. A thin adapter over compare/: reading files, formatting, exit codes.
// Contract in docs/compare.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  COMPARE_JSON_VERSION,
  DISCREPANCY_KINDS,
  addSummaries,
  compareReports,
  comparisonJson,
  summaryJson,
  type Comparison,
} from '../compare';
import type { CompareSummary, SizeTolerance } from '../compare/types';
import { analyze } from '../engine';
import { rangeOf } from '../report/positions';
import { argumentsOf, UsageError } from './inputs';
import { scorecardHtml, type ScorecardPair } from '../compare/scorecard';

export interface CompareIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Reads a file's bytes; node:fs when absent. */
  readFile?: (file: string) => Buffer | string | Promise<Buffer | string>;
  /** Writes the HTML scorecard; node:fs when absent. */
  writeFile?: (file: string, data: string) => void | Promise<void>;
}

export const COMPARE_USAGE = `Usage:
  radlint compare [--format text|json] [--tolerance-mm MM] [--tolerance-percent P] TRAINEE REFERENCE
  radlint compare --pairs DIR|FILE.csv [--format text|json] [--html FILE]

TRAINEE is the trainee's (preliminary) report, REFERENCE the attending's (final) one.
--pairs DIR reads every NAME.trainee.* with its NAME.reference.*; a CSV holds trainee,reference paths.
Exit status: 0 no major discrepancy, 1 at least one major discrepancy, 2 usage or input error.`;

interface Options {
  format: 'text' | 'json';
  files: string[];
  pairs?: string;
  html?: string;
  tolerance: Partial<SizeTolerance>;
}

const MAX_BYTES = 1 << 20;

function parseArgs(argv: string[]): Options {
  const options: Options = { format: 'text', files: [], tolerance: {} };
  for (const { arg, name, value } of argumentsOf(argv)) {
    const number = (what: string) => {
      const n = Number(value());
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} takes ${what}`);
      return n;
    };
    if (name === '--format' || name === '-f') {
      const f = value();
      if (f !== 'text' && f !== 'json') throw new UsageError('--format must be one of text, json');
      options.format = f;
    } else if (name === '--pairs') options.pairs = value();
    else if (name === '--html') options.html = value();
    else if (name === '--tolerance-mm') options.tolerance.mm = number('a number of millimetres');
    else if (name === '--tolerance-percent') options.tolerance.relative = number('a percentage') / 100;
    else if (!arg.startsWith('-') || arg === '-') options.files.push(arg);
    else throw new UsageError(`unknown option '${arg}'`);
  }
  if (options.pairs) {
    if (options.files.length) throw new UsageError('--pairs takes no TRAINEE REFERENCE files');
  } else {
    if (options.html) throw new UsageError('--html goes with --pairs');
    if (options.files.length !== 2) throw new UsageError('compare needs a TRAINEE and a REFERENCE report');
  }
  return options;
}

class InputError extends Error {}

async function readText(io: CompareIo, file: string): Promise<string> {
  let data: Buffer | string;
  try {
    data = io.readFile ? await io.readFile(file) : fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'}`);
  }
  if (typeof data === 'string') return data.replace(/^\uFEFF/, '');
  if (data.length > MAX_BYTES) throw new InputError(`${file}: ${data.length} bytes is over the size cap (${MAX_BYTES})`);
  if (data.includes(0)) throw new InputError(`${file}: binary file (contains NUL bytes)`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(`${file}: not valid UTF-8 text`);
  }
}

const toPosix = (p: string) => p.split(path.sep).join('/');

// ---------------------------------------------------------------------------------------------
// Pairs.

interface PairFiles {
  name: string;
  trainee: string;
  reference: string;
}

const ROLE = /^(.+)\.(trainee|reference)(\.[^./\\]+)?$/i;

function pairsInFolder(dir: string): PairFiles[] {
  const byName = new Map<string, { trainee?: string; reference?: string }>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const m = ROLE.exec(entry.name);
    if (!m) continue;
    const role = m[2].toLowerCase() as 'trainee' | 'reference';
    let pair = byName.get(m[1]);
    if (!pair) byName.set(m[1], (pair = {}));
    if (pair[role]) throw new InputError(`${dir}: two ${role} reports named ${m[1]}`);
    pair[role] = path.join(dir, entry.name);
  }
  const out: PairFiles[] = [];
  for (const [name, pair] of byName) {
    if (!pair.trainee) throw new InputError(`${dir}: ${name} has a reference report but no trainee report`);
    if (!pair.reference) throw new InputError(`${dir}: ${name} has a trainee report but no reference report`);
    out.push({ name, trainee: pair.trainee, reference: pair.reference });
  }
  if (!out.length) throw new InputError(`${dir}: no NAME.trainee.* / NAME.reference.* pairs`);
  return out;
}

function pairsInCsv(file: string, text: string): PairFiles[] {
  const base = path.dirname(file);
  const out: PairFiles[] = [];
  const names = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const cells = line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (index === 0 && cells[0].toLowerCase() === 'trainee' && cells[1]?.toLowerCase() === 'reference') return;
    if (cells.length < 2 || !cells[0] || !cells[1]) throw new InputError(`${file}:${index + 1}: expected trainee,reference`);
    const trainee = path.resolve(base, cells[0]);
    const reference = path.resolve(base, cells[1]);
    let name = path.basename(cells[0]).replace(/(\.trainee)?(\.[^.]+)?$/i, '');
    const seen = names.get(name) ?? 0;
    names.set(name, seen + 1);
    if (seen) name = `${name} (${seen + 1})`;
    out.push({ name, trainee, reference });
  });
  if (!out.length) throw new InputError(`${file}: no pairs`);
  return out;
}

async function pairsOf(io: CompareIo, where: string): Promise<PairFiles[]> {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(where);
  } catch {
    if (!io.readFile) throw new InputError(`${where}: no such file or folder`);
  }
  if (stat?.isDirectory()) return pairsInFolder(where);
  return pairsInCsv(where, await readText(io, where));
}

// ---------------------------------------------------------------------------------------------
// Text output.

const KINDS = DISCREPANCY_KINDS;

function summaryLine(s: CompareSummary): string {
  const kinds = KINDS.map((k) => `${s[k]} ${k}`).join(', ');
  return `${s.matched} matched${s.wording ? ` (${s.wording} in other words)` : ''}; ${kinds}; ${s.major} major, ${s.minor} minor`;
}

function discrepancyLines(c: Comparison, trainee: string, reference: string): string[] {
  return c.discrepancies.map((d) => {
    const [file, report, s] = d.trainee ? [trainee, c.trainee, d.trainee] : [reference, c.reference, d.reference!];
    const at = rangeOf(report.lineStarts, s).start;
    return `${toPosix(file)}:${at.line + 1}:${at.character + 1} ${d.severity} ${d.kind} ${d.message}`;
  });
}

function table(rows: { name: string; s: CompareSummary }[]): string {
  const cols = ['matched', 'wording', ...KINDS, 'major', 'minor'] as const;
  const head = ['pair', ...cols];
  const body = rows.map((r) => [r.name, ...cols.map((c) => String(r.s[c]))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), ...body.map(fmt)].join('\n');
}

// ---------------------------------------------------------------------------------------------

/** `radlint compare ...` (argv: the arguments after `compare`); resolves to the exit status. */
export async function runCompare(argv: string[], io: CompareIo): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    io.stdout(`${COMPARE_USAGE}\n`);
    return 0;
  }
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`radlint compare: ${error.message} (radlint compare --help)\n`);
    return 2;
  }
  const compareOptions = { sizeTolerance: options.tolerance };
  try {
    if (!options.pairs) {
      const [traineeFile, referenceFile] = options.files;
      const [trainee, reference] = [await readText(io, traineeFile), await readText(io, referenceFile)];
      const c = compareReports(analyze(trainee), analyze(reference), compareOptions);
      if (options.format === 'json') {
        io.stdout(
          JSON.stringify(
            { version: COMPARE_JSON_VERSION, trainee: toPosix(traineeFile), reference: toPosix(referenceFile), ...comparisonJson(c) },
            null,
            2,
          ) + '\n',
        );
      } else {
        io.stdout(`${toPosix(traineeFile)} against ${toPosix(referenceFile)}: ${summaryLine(c.summary)}\n`);
        for (const line of discrepancyLines(c, traineeFile, referenceFile)) io.stdout(`${line}\n`);
      }
      return c.summary.major > 0 ? 1 : 0;
    }

    const files = await pairsOf(io, options.pairs);
    const results: (ScorecardPair & { trainee: string; reference: string })[] = [];
    for (const p of files) {
      const c = compareReports(analyze(await readText(io, p.trainee)), analyze(await readText(io, p.reference)), compareOptions);
      results.push({ name: p.name, trainee: p.trainee, reference: p.reference, comparison: c });
    }
    const totals = addSummaries(results.map((r) => r.comparison.summary));
    if (options.format === 'json') {
      const pairs = results.map((r) => ({
        name: r.name,
        trainee: toPosix(r.trainee),
        reference: toPosix(r.reference),
        ...comparisonJson(r.comparison),
      }));
      io.stdout(JSON.stringify({ version: COMPARE_JSON_VERSION, pairs, totals: summaryJson(totals) }, null, 2) + '\n');
    } else {
      io.stdout(`${table([...results.map((r) => ({ name: r.name, s: r.comparison.summary })), { name: 'total', s: totals }])}\n`);
      for (const r of results) for (const line of discrepancyLines(r.comparison, r.trainee, r.reference)) io.stdout(`${line}\n`);
    }
    if (options.html) {
      const html = scorecardHtml(results, {
        title: `Trainee scorecard: ${path.basename(path.resolve(options.pairs))}`,
        source: toPosix(options.pairs),
      });
      try {
        if (io.writeFile) await io.writeFile(options.html, html);
        else fs.writeFileSync(options.html, html);
      } catch {
        throw new InputError(`${options.html}: cannot be written`);
      }
    }
    return totals.major > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr(`radlint compare: ${error.message}\n`);
    return 2;
  }
}
