// `radlint-server`'s own command line, read before any connection is made: --help and --version
// answer at once, and a start without a transport says how to start it instead of the LSP
// library's stack trace (a line of the minified bundle).
import { VERSION } from '../version';

/** The transports vscode-languageserver's createConnection() reads from the command line. */
const TRANSPORT = /^--(stdio|node-ipc|socket|pipe)(=.+)?$/;

export const SERVER_USAGE = `radlint-server ${VERSION}: the RadLint language server. An editor starts it; it talks LSP.
Usage:
  radlint-server --stdio          over standard input and output (Neovim, Helix, Emacs…)
  radlint-server --node-ipc       over Node's IPC channel (a Node client such as VS Code)
  radlint-server --socket=PORT    over a socket the client listens on
  radlint-server --pipe=NAME      over a named pipe or Unix socket
  radlint-server --version        print the version
  radlint-server --help           print this help
To check report files from a terminal, use \`radlint check FILE\`.`;

export interface CommandLineAnswer {
  stdout?: string;
  stderr?: string;
  code: number;
}

/** What to print and the exit status, or null when the arguments name a transport and the server should start. */
export function serverCommandLine(argv: readonly string[]): CommandLineAnswer | null {
  if (argv.includes('--help') || argv.includes('-h')) return { stdout: `${SERVER_USAGE}\n`, code: 0 };
  if (argv.includes('--version') || argv.includes('-v')) return { stdout: `${VERSION}\n`, code: 0 };
  if (argv.some((a) => TRANSPORT.test(a))) return null;
  return { stderr: `radlint-server: no transport given (--stdio, --node-ipc, --socket=PORT or --pipe=NAME).\n${SERVER_USAGE}\n`, code: 2 };
}

/** Answers --help, --version or a missing transport on stdout/stderr with the exit status; false when the server should start. */
export function answeredCommandLine(argv: readonly string[]): boolean {
  const answer = serverCommandLine(argv);
  if (!answer) return false;
  if (answer.stdout) process.stdout.write(answer.stdout);
  if (answer.stderr) process.stderr.write(answer.stderr);
  process.exitCode = answer.code;
  return true;
}
