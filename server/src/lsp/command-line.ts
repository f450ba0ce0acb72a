// `radlint-server`'s own command line, read before any connection is made: --help and --version
// answer at once, and a start without a transport says how to start it instead of the LSP
// library's stack trace (a line of the minified bundle).
import { VERSION } from '../version';

/** The transports vscode-languageserver's createConnection() reads from the command line. */
const TRANSPORT = /^--(stdio|node-ipc|socket|pipe)(=.+)?$/;

const USAGE = `radlint-server ${VERSION}: the RadLint language server. An editor starts it; it talks LSP.
Usage:
  radlint-server --stdio          over standard input and output (Neovim, Helix, Emacs…)
  radlint-server --node-ipc       over Node's IPC channel (a Node client such as VS Code)
  radlint-server --socket=PORT    over a socket the client listens on
  radlint-server --pipe=NAME      over a named pipe or Unix socket
  radlint-server --version        print the version
  radlint-server --help           print this help
To check report files from a terminal, use \`radlint check FILE\`.
`;

/** Answers --help, --version or a start without a transport (exit 2); false when the server should start. */
export function answeredCommandLine(argv: readonly string[]): boolean {
  const answer = (stream: NodeJS.WriteStream, text: string, code: number) => {
    stream.write(text);
    process.exitCode = code;
    return true;
  };
  if (argv.includes('--help') || argv.includes('-h')) return answer(process.stdout, USAGE, 0);
  if (argv.includes('--version') || argv.includes('-v')) return answer(process.stdout, `${VERSION}\n`, 0);
  if (argv.some((a) => TRANSPORT.test(a))) return false;
  return answer(process.stderr, `radlint-server: no transport given (--stdio, --node-ipc, --socket=PORT or --pipe=NAME).\n${USAGE}`, 2);
}
