// The `radlint` command: routes each subcommand to its module. A thin adapter over the engine.
// Only the module of the command given is loaded: `check` over a folder should not pay for the AI
// client, the rewrites and the comparison at start-up.
import './batch-jit';
import { VERSION } from '../version';
import { runChecks } from './check';
import { UsageError, type Io } from './inputs';

export type { Io };

async function usage(): Promise<string> {
  const [{ LLM_ENV_HELP }, { REWRITE_USAGE }, { VERIFY_USAGE }] = await Promise.all([
    import('../llm/cli.js'),
    import('./rewrite.js'),
    import('./verify.js'),
  ]);
  return `Usage:
  radlint check [--format text|json|sarif] [--max-size BYTES] [--disable RULE]... [--words FILE]... [--llm [--redact auto|always|never]] PATH...
  radlint findings [--format text|json] PATH...
  radlint compare [--format text|json] TRAINEE REFERENCE
  radlint compare --pairs DIR|FILE.csv [--format text|json] [--html FILE]
${REWRITE_USAGE}
${VERIFY_USAGE}
  radlint --version

PATH is a report file, a folder (every .txt, .rpt and .radreport file below it) or - for stdin.
Exit status (check): 0 nothing at warning or above, 1 something at warning or above, 2 usage or input error.
Rewrites print the verified text (--format json: { text, template, verification, grade }); exit 1 when it does not verify.
${LLM_ENV_HELP}`;
}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(`${await usage()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const command = argv[0];
    if (command === 'check' || command === 'findings') return await runChecks(argv, io);
    if (command === 'compare') return await (await import('./compare.js')).runCompare(argv.slice(1), io);
    if (command === 'verify') return await (await import('./verify.js')).runVerify(argv.slice(1), io);
    const rewrites = await import('./rewrite.js');
    if (rewrites.isRewriteCommand(command)) return await rewrites.runRewrite(argv, io);
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`radlint: ${error.message}\n${await usage()}\n`);
    return 2;
  }
}

/** Entry point for the `radlint` bin and `node dist/cli.js`. */
export function runCli(): void {
  // `radlint check reports/ | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
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
