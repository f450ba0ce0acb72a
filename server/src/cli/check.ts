// `radlint check` and `radlint findings`: the engine over files, folders or stdin, as text, JSON
// (contract in docs/cli.md) or SARIF, with the exit codes the contract gives.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ignoresFor, readIgnores } from '../ignores';
import { analyze, prepareRules } from '../engine';
import { findingsJson } from '../nlp';
import { radsEntries, radsLine } from '../guidelines/rads/check';
import { rangeOf, type Report } from '../report';
import { RULES } from '../rules/registry';
import type { Problem } from '../problem';
import { DEFAULTS, engineSettings } from '../settings';
import { WORKSPACE_WORD_LIST, readWordList, userWordListPath } from '../word-lists';
import { REDACT_MODES, type RedactMode } from '../llm/settings';
import { argumentsOf, readReadable, toPosix, UsageError, type Io } from './inputs';
import { findingsText } from './findings';

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

export function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'findings') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  const options: Options = { command, format: 'text', maxSize: DEFAULTS.maxFileSize, disabled: [], wordLists: [], paths: [], llm: false };
  for (const { arg, name, value } of argumentsOf(rest)) {
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

function problemJson(problem: Problem, report: Pick<Report, 'lineStarts'>) {
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

/** `radlint check` and `radlint findings` (argv starts with the command); throws UsageError on bad arguments. */
export async function runChecks(argv: string[], io: Io): Promise<number> {
  const options = parseArgs(argv);
  const { readable, inputError } = await readReadable(options.paths, options.maxSize, io);

  await prepareRules();
  const base = engineSettings({ ...DEFAULTS, rules: Object.fromEntries(options.disabled.map((id) => [id, 'off' as const])) });
  // The same word lists the editor writes: the user's, this folder's workspace list, and --words.
  const words = [userWordListPath(), WORKSPACE_WORD_LIST, ...options.wordLists].flatMap(readWordList);

  if (options.command === 'findings') {
    // Read as the checks read it: a misspelt finding word ("pnuemothorax") as its correction, the user's words known.
    const files = readable.map((i) => {
      const analysis = analyze(i.text, { ...base, words });
      const { report, understanding: u } = analysis;
      return { path: toPosix(i.path), report, u, rads: radsEntries(report, () => u) };
    });
    if (options.format === 'json') {
      const rads = (f: (typeof files)[number]) => f.rads.map(({ span, ...e }) => ({ ...e, range: rangeOf(f.report.lineStarts, span) }));
      io.stdout(
        JSON.stringify(
          { version: 1, files: files.map((f) => ({ path: f.path, ...findingsJson(f.report, f.u), rads: rads(f) })) },
          null,
          2,
        ) + '\n',
      );
    } else {
      for (const f of files) {
        for (const line of findingsText(f.report, f.u)) io.stdout(`${f.path}: ${line}\n`);
        for (const e of f.rads) {
          const at = rangeOf(f.report.lineStarts, e.span).start;
          io.stdout(`${f.path}: ${at.line + 1}:${at.character + 1}\t${radsLine(e)}\t"${f.report.text.slice(e.span.start, e.span.end)}"\n`);
        }
      }
    }
    return inputError ? 2 : 0;
  }

  // And the problems the editor's "Ignore here" kept in this folder's .radlint.json.
  const workspace = readIgnores(process.cwd());
  if (workspace.error) io.stderr(`radlint: warning: ${workspace.error}\n`);
  const results = readable.map((i) => {
    const ignores = ignoresFor(workspace.ignores, toPosix(path.relative(process.cwd(), path.resolve(i.path))));
    const analysis = analyze(i.text, { ...base, words, ignores });
    // Keep only what the output reads: the parsed reports of a large folder would all stay alive till the end.
    const { text, lineStarts } = analysis.report;
    return { path: i.path, report: { text, lineStarts }, problems: analysis.problems, failures: analysis.failures };
  });
  for (const r of results) for (const f of r.failures) io.stderr(`radlint: ${r.path}: rule ${f.rule} failed: ${String(f.error)}\n`);
  if (options.llm) {
    const files = results.map((r) => ({ path: toPosix(r.path), text: r.report.text, problems: r.problems }));
    const { addAiProblems } = await import('../llm/cli.js');
    await addAiProblems(files, { redact: options.redact, env: io.env ?? process.env }, (line) => io.stderr(`radlint: warning: ${line}\n`));
  }

  if (options.format === 'json') {
    const files = results.map((r) => ({ path: toPosix(r.path), diagnostics: r.problems.map((p) => problemJson(p, r.report)) }));
    io.stdout(JSON.stringify({ version: 1, files }, null, 2) + '\n');
  } else if (options.format === 'sarif') {
    const { sarif } = await import('./sarif.js');
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
