// `radlint check` and `radlint findings`: the engine over files, folders or stdin.
// A thin adapter: reading inputs, formatting output, exit codes. Contract in docs/cli.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VERSION } from './version';
import { analyze, prepareRules } from './engine';
import { findingsJson, findingsText } from './nlp';
import { parseReport, rangeOf, type Report } from './report';
import { RULES } from './rules/registry';
import { docsUrl } from './rules/docs';
import type { Problem } from './problem';
import { DEFAULTS, engineSettings } from './settings';
import { WORKSPACE_WORD_LIST, readWordList, userWordListPath } from './word-lists';
import { LLM_ENV_HELP, addAiProblems } from './llm/cli';
import { AI_RULE } from './llm/check';
import { REDACT_MODES, type RedactMode } from './llm/settings';

const REPORT_EXTENSIONS = new Set(['.txt', '.rpt', '.radreport']);

const USAGE = `Usage:
  radlint check [--format text|json|sarif] [--max-size BYTES] [--disable RULE]... [--words FILE]... [--llm [--redact auto|always|never]] PATH...
  radlint findings [--format text|json] PATH...
  radlint --version

PATH is a report file, a folder (every .txt, .rpt and .radreport file below it) or - for stdin.
Exit status (check): 0 nothing at warning or above, 1 something at warning or above, 2 usage or input error.
${LLM_ENV_HELP}`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<Buffer>;
  /** Environment for --llm (endpoint, model, key); process.env when absent. */
  env?: Record<string, string | undefined>;
}

class UsageError extends Error {}

interface Options {
  command: 'check' | 'findings';
  format: 'text' | 'json' | 'sarif';
  maxSize: number;
  disabled: string[];
  wordLists: string[];
  paths: string[];
  llm: boolean;
  redact?: RedactMode;
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'findings') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  const options: Options = { command, format: 'text', maxSize: DEFAULTS.maxFileSize, disabled: [], wordLists: [], paths: [], llm: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    const name = arg.split('=')[0];
    if (name === '--format' || name === '-f') {
      const f = value();
      const allowed = command === 'check' ? ['text', 'json', 'sarif'] : ['text', 'json'];
      if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}`);
      options.format = f as Options['format'];
    } else if (name === '--max-size') {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) throw new UsageError('--max-size takes a positive whole number of bytes');
      options.maxSize = n;
    } else if (name === '--words') {
      const file = value();
      if (!fs.existsSync(file)) throw new UsageError(`--words: no such file '${file}'`);
      options.wordLists.push(file);
    } else if (name === '--disable') {
      const id = value();
      if (!RULES.some((r) => r.id === id)) throw new UsageError(`--disable: no rule '${id}'`);
      options.disabled.push(id);
    } else if (arg === '--llm' && command === 'check') {
      options.llm = true;
    } else if (name === '--redact' && command === 'check') {
      const mode = value();
      if (!(REDACT_MODES as readonly string[]).includes(mode)) throw new UsageError(`--redact must be one of ${REDACT_MODES.join(', ')}`);
      options.redact = mode as RedactMode;
    } else if (arg === '-' || !arg.startsWith('-')) {
      options.paths.push(arg);
    } else {
      throw new UsageError(`unknown option '${arg}'`);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no PATH given');
  return options;
}

interface Input {
  path: string;
  text?: string;
  error?: string;
}

function listReports(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && REPORT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
    }
  };
  walk(folder);
  return found;
}

function decode(name: string, bytes: Buffer, maxSize: number): Input {
  if (bytes.length > maxSize) return { path: name, error: `${bytes.length} bytes is over the size cap (${maxSize}); not checked` };
  if (bytes.includes(0)) return { path: name, error: 'binary file (contains NUL bytes); not checked' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { path: name, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return { path: name, error: 'not valid UTF-8 text; not checked' };
  }
}

async function readInputs(paths: string[], maxSize: number, io: Io): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push(decode('<stdin>', await io.readStdin(), maxSize));
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      inputs.push({ path: p, error: 'no such file or folder' });
      continue;
    }
    if (stat.isDirectory()) {
      const files = listReports(p);
      if (files.length === 0) inputs.push({ path: p, error: 'folder holds no report files (.txt, .rpt, .radreport)' });
      for (const f of files) inputs.push(readFile(f, maxSize));
    } else {
      inputs.push(readFile(p, maxSize));
    }
  }
  return inputs;
}

function readFile(file: string, maxSize: number): Input {
  try {
    const size = fs.statSync(file).size;
    if (size > maxSize) return { path: file, error: `${size} bytes is over the size cap (${maxSize}); not checked` };
    return decode(file, fs.readFileSync(file), maxSize);
  } catch (error) {
    return { path: file, error: (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : 'cannot be read' };
  }
}

const toPosix = (p: string) => p.split(path.sep).join('/');

function problemJson(problem: Problem, report: Report) {
  return {
    rule: problem.rule,
    category: problem.category,
    severity: problem.severity,
    message: problem.message,
    range: rangeOf(report.lineStarts, problem),
    related: (problem.related ?? []).map((r) => ({ range: rangeOf(report.lineStarts, r), message: r.message })),
    ...(problem.finding ? { finding: problem.finding } : {}),
    ...(problem.side ? { side: problem.side } : {}),
    source: problem.source ?? 'rules',
  };
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

function sarif(results: { path: string; report: Report; problems: Problem[] }[]) {
  const region = (report: Report, span: { start: number; end: number }) => {
    const r = rangeOf(report.lineStarts, span);
    return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'radlint',
            version: VERSION,
            informationUri: 'https://github.com/radlint/radlint',
            rules: [
              ...RULES.map((r) => ({
                id: r.id,
                shortDescription: { text: r.description },
                helpUri: docsUrl(r.id),
                defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
                properties: { category: r.category },
              })),
              // AI suggestions (radlint check --llm) carry this rule id.
              ...(results.some((r) => r.problems.some((p) => p.rule === AI_RULE))
                ? [
                    {
                      id: AI_RULE,
                      shortDescription: { text: 'AI second reader: a suggestion anchored to a quote from the report' },
                      helpUri: docsUrl(AI_RULE),
                      properties: { source: 'llm' },
                    },
                  ]
                : []),
            ],
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ path: file, report, problems }) =>
          problems.map((p) => ({
            ruleId: p.rule,
            level: SARIF_LEVEL[p.severity],
            message: { text: p.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: toPosix(file) }, region: region(report, p) } }],
            relatedLocations: (p.related ?? []).map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: { uri: toPosix(file) }, region: region(report, r) },
            })),
            properties: {
              category: p.category,
              ...(p.finding ? { finding: p.finding } : {}),
              ...(p.side ? { side: p.side } : {}),
              ...(p.source === 'llm' ? { source: 'llm' } : {}),
            },
          })),
        ),
      },
    ],
  };
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`radlint: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const inputs = await readInputs(options.paths, options.maxSize, io);
  let inputError = false;
  for (const input of inputs) {
    if (input.error) {
      inputError = true;
      io.stderr(`radlint: ${input.path}: ${input.error}\n`);
    }
  }
  const readable = inputs.filter((i): i is Input & { text: string } => i.text !== undefined);

  if (options.command === 'findings') {
    const files = readable.map((i) => ({ path: toPosix(i.path), report: parseReport(i.text) }));
    if (options.format === 'json') {
      io.stdout(JSON.stringify({ version: 1, files: files.map((f) => ({ path: f.path, ...findingsJson(f.report) })) }, null, 2) + '\n');
    } else {
      for (const f of files) for (const line of findingsText(f.report)) io.stdout(`${f.path}: ${line}\n`);
    }
    return inputError ? 2 : 0;
  }

  await prepareRules();
  const base = engineSettings({ ...DEFAULTS, rules: Object.fromEntries(options.disabled.map((id) => [id, 'off' as const])) });
  // The same word lists the editor writes: the user's, this folder's workspace list, and --words.
  const words = [userWordListPath(), WORKSPACE_WORD_LIST, ...options.wordLists].flatMap(readWordList);
  const results = readable.map((i) => {
    const analysis = analyze(i.text, { ...base, words });
    return { path: i.path, report: analysis.report, problems: analysis.problems, failures: analysis.failures };
  });
  for (const r of results) for (const f of r.failures) io.stderr(`radlint: ${r.path}: rule ${f.rule} failed: ${String(f.error)}\n`);
  if (options.llm) {
    const files = results.map((r) => ({ path: toPosix(r.path), text: r.report.text, problems: r.problems }));
    await addAiProblems(files, { redact: options.redact, env: io.env ?? process.env }, (line) => io.stderr(`radlint: warning: ${line}\n`));
  }

  if (options.format === 'json') {
    const files = results.map((r) => ({ path: toPosix(r.path), diagnostics: r.problems.map((p) => problemJson(p, r.report)) }));
    io.stdout(JSON.stringify({ version: 1, files }, null, 2) + '\n');
  } else if (options.format === 'sarif') {
    io.stdout(JSON.stringify(sarif(results), null, 2) + '\n');
  } else {
    for (const r of results) {
      for (const p of r.problems) {
        const { start } = rangeOf(r.report.lineStarts, p);
        io.stdout(`${toPosix(r.path)}:${start.line + 1}:${start.character + 1} ${p.severity} ${p.rule} ${p.message}\n`);
      }
    }
  }
  if (inputError) return 2;
  return results.some((r) => r.problems.some((p) => p.severity === 'error' || p.severity === 'warning')) ? 1 : 0;
}

/** Entry point for the `radlint` bin and `node dist/cli.js`. */
export function runCli(): void {
  const io: Io = {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`radlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) runCli();
