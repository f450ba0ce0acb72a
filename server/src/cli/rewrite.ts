// `radlint restructure`, `radlint impression`, `radlint summarize`: one report in, the verified
// rewrite on stdout (the whole report for the first two, the summary for the last). A rewrite the
// verifier does not pass is not printed: exit 1 with the reasons on stderr.
import * as fs from 'node:fs';
import { analyze } from '../engine';
import { providerFromEnv } from '../llm/cli';
import { rewriteWithLlm } from '../llm/rewrite';
import { rewrite, rewriteKindOf, type Rewrite } from '../rewrite';
import { TEMPLATES, type ReportTemplate } from '../templates';
import { DEFAULTS } from '../settings';
import type { Exam } from '../nlp';
import { argumentsOf, readReadable, UsageError, type Io } from './inputs';

export const REWRITE_USAGE = `  radlint restructure [--template ID|SNIPPET] [--fill-negatives] [--llm] [--format text|json] FILE
  radlint restructure --list-templates
  radlint impression [--include-minor] [--llm] [--format text|json] FILE
  radlint summarize [--llm] [--format text|json] FILE`;

export const isRewriteCommand = (command: string) => rewriteKindOf(command, 'cli') !== undefined;

/** "cthead", "CT head" and "ct-head" alike: letters and digits only. */
const squeezed = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The template a --template value names: its id, or the name of its snippet (the README lists those). */
function templateNamed(name: string): ReportTemplate {
  const key = squeezed(name);
  const template = TEMPLATES.find((t) => [t.id, ...t.prefix].some((n) => squeezed(n) === key));
  if (!template)
    throw new UsageError(
      `unknown template '${name}'; one of ${TEMPLATES.map((t) => t.id).join(', ')} (radlint restructure --list-templates)`,
    );
  return template;
}

/**
 * Why a template the user named is for another part of the body than the report's exam title names
 * (a knee template on a head CT), or null. Another modality of the same part (a CT chest template for
 * a chest film) files the same organs, so it stands; so does any template when the title names no
 * part, or one no template is for.
 */
function bodyPartMisfit(t: ReportTemplate, { modality, bodyPart }: Exam): string | null {
  if (bodyPart === null || t.bodyParts.includes(bodyPart) || !TEMPLATES.some((x) => x.bodyParts.includes(bodyPart))) return null;
  const exam = [modality, bodyPart].filter(Boolean).join(' ');
  return `the template ${t.id} is for the ${t.bodyParts.join(', ')}, and this report's exam is ${exam}; leave --template out to let RadLint choose, or pick one from radlint restructure --list-templates`;
}

/** `radlint restructure --list-templates`: each id with its exam and its snippet name. */
function templateListing(): string {
  const rows = TEMPLATES.map((t) => [t.id, t.name, t.prefix[0]]);
  const width = (i: number) => Math.max(...rows.map((r) => r[i].length)) + 2;
  const [idWidth, examWidth] = [width(0), width(1)];
  const lines = rows.map(([id, exam, snippet]) => `${id.padEnd(idWidth)}${exam.padEnd(examWidth)}${snippet}`);
  return [`${'ID'.padEnd(idWidth)}${'EXAM'.padEnd(examWidth)}SNIPPET`, ...lines].join('\n') + '\n';
}

/** Input that cannot be rewritten (not a mistake in the command line): one line, exit 2. */
function refuse(io: Io, message: string): number {
  io.stderr(`radlint: ${message}\n`);
  return 2;
}

export async function runRewrite(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const kind = rewriteKindOf(command, 'cli')!;
  const options = {
    format: 'text',
    llm: false,
    template: undefined as ReportTemplate | undefined,
    fill: false,
    minor: false,
    list: false,
    paths: [] as string[],
  };
  for (const { arg, name, value } of argumentsOf(rest)) {
    if (name === '--format' || name === '-f') {
      options.format = value();
      if (options.format !== 'text' && options.format !== 'json') throw new UsageError('--format must be one of text, json');
    } else if (name === '--template' && kind === 'restructure') options.template = templateNamed(value());
    else if (arg === '--list-templates' && kind === 'restructure') options.list = true;
    else if (arg === '--fill-negatives' && kind === 'restructure') options.fill = true;
    else if (arg === '--include-minor' && kind === 'impression') options.minor = true;
    else if (arg === '--llm') options.llm = true;
    else if (arg === '-' || !arg.startsWith('-')) options.paths.push(arg);
    else throw new UsageError(`unknown option '${arg}'`);
  }
  if (options.list) {
    io.stdout(templateListing());
    return 0;
  }
  // A rewrite is one report in, one report out: a folder or several files would rewrite only the first.
  if (options.paths.length !== 1)
    throw new UsageError(
      `${command} rewrites one report: give one FILE (or - for stdin), not ${options.paths.length || 'none'}; run it once per file`,
    );
  if (options.paths[0] !== '-' && fs.statSync(options.paths[0], { throwIfNoEntry: false })?.isDirectory())
    return refuse(io, `${command} rewrites one report: '${options.paths[0]}' is a folder; run it once per file in it`);
  const { readable, inputError } = await readReadable(options.paths, DEFAULTS.maxFileSize, io);
  if (inputError || readable.length === 0) return 2;
  const analysis = analyze(readable[0].text);
  const misfit = options.template && bodyPartMisfit(options.template, analysis.understanding.exam);
  if (misfit) return refuse(io, `${command}: ${misfit}`);
  const rewriteOptions = { templateId: options.template?.id, fillPertinentNegatives: options.fill, includeMinor: options.minor };
  let result: Rewrite;
  if (options.llm) {
    const endpoint = providerFromEnv(io.env ?? process.env, undefined);
    if ('error' in endpoint) {
      io.stderr(`radlint: warning: AI rewrite skipped: ${endpoint.error}\n`);
      result = rewrite(kind, analysis, rewriteOptions);
    } else {
      result = await rewriteWithLlm(kind, analysis, rewriteOptions, { provider: endpoint.provider, settings: endpoint.settings });
    }
  } else {
    result = rewrite(kind, analysis, rewriteOptions);
  }
  if (result.note) io.stderr(`radlint: warning: ${result.note}\n`);
  const { ok, reasons } = result.verification;
  if (options.format === 'json') {
    const json = {
      text: ok ? result.text : null,
      template: result.template?.id ?? null,
      verification: { ok, reasons },
      grade: result.grade ?? null,
      by: result.by,
    };
    io.stdout(JSON.stringify(json, null, 2) + '\n');
  } else if (ok) {
    io.stdout(result.text.endsWith('\n') ? result.text : result.text + '\n');
  }
  if (!ok) io.stderr(`radlint: the rewrite did not pass the verifier, so it is not printed: ${reasons.join('; ')}\n`);
  return ok ? 0 : 1;
}
