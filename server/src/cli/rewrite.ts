// `radlint restructure`, `radlint impression`, `radlint summarize`: one report in, the verified
// rewrite on stdout (the whole report for the first two, the summary for the last). A rewrite the
// verifier does not pass is not printed: exit 1 with the reasons on stderr.
import { analyze } from '../engine';
import { providerFromEnv } from '../llm/cli';
import { rewriteWithLlm } from '../llm/rewrite';
import { rewrite, UnknownTemplateError, type Rewrite, type RewriteKind } from '../rewrite';
import { templateList } from '../templates';
import { DEFAULTS } from '../settings';
import { argumentsOf, readReadable, UsageError, type Io } from './inputs';

const COMMAND_KIND: Record<string, RewriteKind> = { restructure: 'restructure', impression: 'impression', summarize: 'summary' };

export const REWRITE_USAGE = `  radlint restructure [--template ID] [--fill-negatives] [--llm] [--format text|json] FILE
  radlint impression [--include-minor] [--llm] [--format text|json] FILE
  radlint summarize [--llm] [--format text|json] FILE`;

export const isRewriteCommand = (command: string) => command in COMMAND_KIND;

export async function runRewrite(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const kind = COMMAND_KIND[command];
  const options = {
    format: 'text',
    llm: false,
    templateId: undefined as string | undefined,
    fill: false,
    minor: false,
    paths: [] as string[],
  };
  for (const { arg, name, value } of argumentsOf(rest)) {
    if (name === '--format' || name === '-f') {
      options.format = value();
      if (options.format !== 'text' && options.format !== 'json') throw new UsageError('--format must be one of text, json');
    } else if (name === '--template' && kind === 'restructure') options.templateId = value();
    else if (arg === '--fill-negatives' && kind === 'restructure') options.fill = true;
    else if (arg === '--include-minor' && kind === 'impression') options.minor = true;
    else if (arg === '--llm') options.llm = true;
    else if (arg === '-' || !arg.startsWith('-')) options.paths.push(arg);
    else throw new UsageError(`unknown option '${arg}'`);
  }
  if (options.paths.length !== 1) throw new UsageError(`${command} takes one FILE (or - for stdin)`);
  const { readable, inputError } = await readReadable(options.paths, DEFAULTS.maxFileSize, io);
  if (inputError || readable.length === 0) return 2;
  const analysis = analyze(readable[0].text);
  const rewriteOptions = { templateId: options.templateId, fillPertinentNegatives: options.fill, includeMinor: options.minor };
  let result: Rewrite;
  try {
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
  } catch (error) {
    if (error instanceof UnknownTemplateError) {
      throw new UsageError(
        `${error.message}; one of ${templateList()
          .map((t) => t.id)
          .join(', ')}`,
      );
    }
    throw error;
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
